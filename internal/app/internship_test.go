package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

const traineeEmail = "stagiaire@berceau.example"

// internshipWorld is the demo network on a fixed clock (Wednesday
// 2026-12-02), the app reading the store's clock, and the demo trainee's
// current internship.
func internshipWorld(t *testing.T, st *store.Store) (*App, func(string) berceau.Actor, map[string]int64, training.Internship, *time.Time) {
	t.Helper()
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return now })
	a, actor, sites, _ := demoWorldOn(t, st)
	return a, actor, sites, traineeInternship(t, a), &now
}

// traineeInternship is the demo trainee's internship.
func traineeInternship(t *testing.T, a *App) training.Internship {
	t.Helper()
	ctx := context.Background()
	var found training.Internship
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(ctx, traineeEmail)
		if err != nil {
			return err
		}
		list, err := tx.Internships(ctx, store.InternshipFilter{PersonID: u.ID})
		for _, i := range list {
			if i.InternUserID == u.ID {
				found = i
			}
		}
		return err
	})
	if err != nil || found.ID == 0 {
		t.Fatalf("the demo trainee's internship: %+v, %v", found, err)
	}
	return found
}

func wantInternshipError(t *testing.T, what string, err error, kind berceau.ErrorKind, key string) {
	t.Helper()
	var de *berceau.Error
	if err == nil || berceau.KindOf(err) != kind {
		t.Fatalf("%s: %v, want %s %s", what, err, kind, key)
	}
	if key != "" && !strings.Contains(err.Error(), key) {
		if de, _ = err.(*berceau.Error); de == nil || de.Key != key {
			t.Fatalf("%s: %v, want %s", what, err, key)
		}
	}
}

// TestCountersignatureRules: the intern logs a week; they cannot
// countersign it, nor can a supervisor of another site (even one listed on
// the internship), nor a colleague who does not supervise it; the
// supervisor corrects the figure only with a note, and the intern's figure
// stays beside the signed one; a signed week is not changed again.
func TestCountersignatureRules(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, internship, now := internshipWorld(t, st)
		trainee, nurse := actor(traineeEmail), actor(nurseEmail)
		monday := training.WeekStart(*now)

		w, err := a.Internships.LogWeek(ctx, trainee, internship.ID, monday, 20*60, "Visites à domicile")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Internships.LogWeek(ctx, nurse, internship.ID, monday, 30*60, ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the supervisor logged the hours of an intern who uses Berceau: %v", err)
		}
		if _, err := a.Internships.LogWeek(ctx, trainee, internship.ID, monday.AddDate(0, 0, 7), 7*60, ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a week to come was logged: %v", err)
		}
		wantInternshipError(t, "the intern countersigns", a.Internships.Countersign(ctx, trainee, internship.ID, w.ID, 20*60, ""),
			berceau.KindForbidden, "internship.error.own_hours")
		wantInternshipError(t, "a physician of Hochelaga countersigns", a.Internships.Countersign(ctx, actor("medecin@berceau.example"), internship.ID, w.ID, 20*60, ""),
			berceau.KindNotFound, "internship.error.not_found")
		wantInternshipError(t, "a colleague who does not supervise countersigns", a.Internships.Countersign(ctx, actor("travail.social@berceau.example"), internship.ID, w.ID, 20*60, ""),
			berceau.KindNotFound, "internship.error.not_found")

		// A supervisor of another site slipped onto the internship (the
		// forms refuse it: written here straight into the store) still
		// cannot countersign.
		medecin := actor("medecin@berceau.example")
		withPhysician := internship
		withPhysician.SupervisorIDs = append(append([]int64{}, internship.SupervisorIDs...), medecin.User.ID)
		if err := a.store.WriteTx(ctx, func(tx *store.Tx) error { return tx.UpdateInternship(ctx, withPhysician) }); err != nil {
			t.Fatal(err)
		}
		wantInternshipError(t, "a listed supervisor of another site countersigns", a.Internships.Countersign(ctx, medecin, internship.ID, w.ID, 20*60, ""),
			berceau.KindNotFound, "internship.error.not_found")
		wantInternshipError(t, "the site's coordinator, who keeps but does not supervise, countersigns",
			a.Internships.Countersign(ctx, actor(coordinatorEmail), internship.ID, w.ID, 20*60, ""), berceau.KindForbidden, "internship.error.not_supervisor")
		if err := a.Internships.UpdateInternship(ctx, actor(coordinatorEmail), withPhysician); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("the coordinator named a physician of another site supervisor: %v", err)
		}

		wantInternshipError(t, "a correction without a note", a.Internships.Countersign(ctx, nurse, internship.ID, w.ID, 18*60, " "),
			berceau.KindInvalid, "error.form_invalid")
		if err := a.Internships.Countersign(ctx, nurse, internship.ID, w.ID, 18*60, "Mardi après-midi en formation."); err != nil {
			t.Fatal(err)
		}
		wantInternshipError(t, "countersigned twice", a.Internships.Countersign(ctx, nurse, internship.ID, w.ID, 20*60, ""), berceau.KindConflict, "internship.error.week_signed")
		if _, err := a.Internships.LogWeek(ctx, trainee, internship.ID, monday, 25*60, ""); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("the intern changed a countersigned week: %v", err)
		}
		page, err := a.Internships.OpenInternship(ctx, trainee, internship.ID)
		if err != nil {
			t.Fatal(err)
		}
		var signed training.WeekHours
		for _, x := range page.Weeks {
			if x.ID == w.ID {
				signed = x
			}
		}
		if !signed.Signed || signed.LoggedMinutes != 20*60 || signed.SignedMinutes != 18*60 || !signed.Corrected() ||
			signed.SignedBy != nurse.User.ID || signed.SignNote != "Mardi après-midi en formation." {
			t.Fatalf("the corrected week reads %+v: want the intern's 20 h kept beside the signed 18 h and the note", signed)
		}
		if page.CanSign || !page.CanLog {
			t.Errorf("the intern's page: can sign %v, can log %v", page.CanSign, page.CanLog)
		}
	})
}

// TestUnsignedWeeksReachTheSupervisorsDay: a week waiting for its
// countersignature appears on the supervisor's day once its last day is
// more than 14 days old on the app's clock, and leaves it once signed.
func TestUnsignedWeeksReachTheSupervisorsDay(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, internship, now := internshipWorld(t, st)
		trainee, nurse := actor(traineeEmail), actor(nurseEmail)
		reg, err := a.Internships.OpenRegister(ctx, nurse)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range reg.Rows {
			if row.ID == internship.ID && (row.Unsigned != 3 || row.Minutes != 63*60 || !row.Mine) {
				t.Errorf("the supervisor's register: %d weeks waiting, %d min signed; want 3 and 63 h", row.Unsigned, row.Minutes)
			}
			if !row.Mine || row.SiteName != "Les Premiers Pas — Parc-Extension" {
				t.Errorf("the nurse's register lists %s at %s", row.InternName, row.SiteName)
			}
		}
		monday := training.WeekStart(*now).AddDate(0, 0, -14) // its Sunday is 10 days before now
		w, err := a.Internships.LogWeek(ctx, trainee, internship.ID, monday, 21*60, "")
		if err != nil {
			t.Fatal(err)
		}
		onDay := func(when time.Time) bool {
			day, err := a.Care.OpenMyDay(ctx, nurse, when)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range day.Unsigned {
				if u.ID == w.ID {
					if u.InternName != "Camille Nguyen" {
						t.Errorf("the week names %q", u.InternName)
					}
					return true
				}
			}
			return false
		}
		sunday := monday.AddDate(0, 0, 6)
		for _, c := range []struct {
			at   time.Time
			want bool
		}{{*now, false}, {sunday.AddDate(0, 0, 14), false}, {sunday.AddDate(0, 0, 15), true}} {
			*now = c.at.Add(9 * time.Hour)
			if got := onDay(*now); got != c.want {
				t.Errorf("on %s the week is on the supervisor's day: %v, want %v", c.at.Format(time.DateOnly), got, c.want)
			}
		}
		if day, _ := a.Care.OpenMyDay(ctx, actor("travail.social@berceau.example"), *now); len(day.Unsigned) != 0 {
			t.Errorf("a colleague who supervises nobody has %d weeks to countersign", len(day.Unsigned))
		}
		if err := a.Internships.Countersign(ctx, nurse, internship.ID, w.ID, 21*60, ""); err != nil {
			t.Fatal(err)
		}
		if onDay(*now) {
			t.Error("a countersigned week stays on the supervisor's day")
		}
	})
}

// TestTheYearlyReportTellsTheDemoYear: the report of the demo's past fiscal
// year (the default period on the app's clock) has La Maison Bleue's
// figures and sentence in French and English; a coordinator's report
// counts their sites only; the fiscal year follows its setting.
func TestTheYearlyReportTellsTheDemoYear(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _, _ := internshipWorld(t, st)
		admin := actor(adminEmail)
		v, err := a.Internships.Report(ctx, admin, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if !v.From.Equal(demo.DemoFiscalYear[0]) || !v.To.Equal(demo.DemoFiscalYear[1]) || !v.FiscalYear || v.PeriodLabel() != "2025-2026" {
			t.Fatalf("default period %s – %s (%s), want the demo's past fiscal year", v.From, v.To, v.PeriodLabel())
		}
		if v.TotalHours() != demo.DemoCountersignedHours || v.Internships != 125 {
			t.Fatalf("%d h over %d internships, want %d h over 125", v.TotalHours(), v.Internships, demo.DemoCountersignedHours)
		}
		spaces := strings.NewReplacer("\u00a0", " ", "\u202f", " ")
		fr := spaces.Replace(a.Internships.ReportSentence(v, "fr"))
		wantFR := "En 2025-2026, les stagiaires ont contribué plus de 2 400 heures : 17 stages professionnels, dont soins infirmiers, " +
			"éducation spécialisée, nutrition, dramathérapie, travail social et pratique sage-femme; 14 stages en médecine sociale; " +
			"32 externes en médecine; 62 résidents en médecine."
		if fr != wantFR {
			t.Errorf("French sentence:\n%s\nwant\n%s", fr, wantFR)
		}
		en := a.Internships.ReportSentence(v, "en")
		wantEN := "In 2025-2026, interns contributed more than 2,400 hours: 17 professional internships including nursing, special education, " +
			"nutrition, drama therapy, social work and midwifery; 14 internships in social medicine; 32 medical externs; 62 medical residents."
		if en != wantEN {
			t.Errorf("English sentence:\n%s\nwant\n%s", en, wantEN)
		}

		coordinator := actor(coordinatorEmail)
		mine, err := a.Internships.Report(ctx, coordinator, demo.DemoFiscalYear[0], demo.DemoFiscalYear[1])
		if err != nil {
			t.Fatal(err)
		}
		if mine.AllSites || mine.Internships != 4+3+2+4+2 || len(mine.BySite) != 1 {
			t.Errorf("the Parc-Extension coordinator's report: %d internships over %d sites, want their site's 15", mine.Internships, len(mine.BySite))
		}
		if _, err := a.Internships.Report(ctx, actor(nurseEmail), demo.DemoFiscalYear[0], demo.DemoFiscalYear[1]); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a practitioner read the report: %v", err)
		}
		if _, err := a.Internships.Report(ctx, admin, demo.DemoFiscalYear[1], demo.DemoFiscalYear[0]); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("a period ending before it starts: %v", err)
		}

		if err := a.Internships.SetFiscalYearStart(ctx, coordinator, 1); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a coordinator set the fiscal year: %v", err)
		}
		if err := a.Internships.SetFiscalYearStart(ctx, admin, 13); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("month 13: %v", err)
		}
		if err := a.Internships.SetFiscalYearStart(ctx, admin, 1); err != nil {
			t.Fatal(err)
		}
		calendar, err := a.Internships.Report(ctx, admin, time.Time{}, time.Time{})
		if err != nil || calendar.PeriodLabel() != "2025" || calendar.From.Month() != time.January {
			t.Errorf("a calendar fiscal year: %s – %s (%v)", calendar.From, calendar.To, err)
		}
	})
}

// TestAccessEndsWithTheInternship: the day after their internship ends, a
// trainee cannot sign in, their session's actor is refused and their
// family scope is empty, on the app's clock; extending the internship
// renews all three.
func TestAccessEndsWithTheInternship(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, internship, now := internshipWorld(t, st)
		trainee, coordinator := actor(traineeEmail), actor(coordinatorEmail)
		scopeOf := func() berceau.FamilyScope {
			scope, err := a.FamilyScope(ctx, trainee) // the actor of a session opened before the end
			if err != nil {
				t.Fatal(err)
			}
			return scope
		}
		if scopeOf().Empty() {
			t.Fatal("the trainee reaches no file during their internship")
		}
		today := training.Civil(*now)
		internship.EndsOn = today.AddDate(0, 0, -1)
		if err := a.Internships.UpdateInternship(ctx, coordinator, internship); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.SignIn(ctx, traineeEmail, demo.Password, "192.0.2.9"); berceau.KindOf(err) != berceau.KindForbidden ||
			!strings.Contains(err.Error(), "internship.error.access_ended") {
			t.Errorf("signing in the day after the internship: %v, want refused", err)
		}
		if _, err := a.Accounts.ActorFor(ctx, trainee.User.ID, "192.0.2.9"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("the session after the internship: %v, want ended", err)
		}
		if !scopeOf().Empty() {
			t.Error("the trainee still reaches files after their internship")
		}

		// Its last day is still in: ending today keeps the access today.
		internship.EndsOn = today
		if err := a.Internships.UpdateInternship(ctx, coordinator, internship); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.SignIn(ctx, traineeEmail, demo.Password, "192.0.2.9"); err != nil {
			t.Errorf("signing in on the internship's last day: %v", err)
		}
		*now = now.AddDate(0, 0, 1) // the day after, on the app's clock
		if _, err := a.Accounts.ActorFor(ctx, trainee.User.ID, "192.0.2.9"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("the session the day after the last day: %v, want ended", err)
		}

		internship.EndsOn = today.AddDate(0, 2, 0) // renewed
		if err := a.Internships.UpdateInternship(ctx, coordinator, internship); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.SignIn(ctx, traineeEmail, demo.Password, "192.0.2.9"); err != nil {
			t.Errorf("signing in after the renewal: %v", err)
		}
		if _, err := a.Accounts.ActorFor(ctx, trainee.User.ID, "192.0.2.9"); err != nil {
			t.Errorf("the session after the renewal: %v", err)
		}
		if scopeOf().Empty() {
			t.Error("the renewed trainee reaches no file")
		}
	})
}

// TestAgreementAndEvaluations: the agreement is a bounded PDF or image,
// checked by its content, read by the internship's people only; the
// supervisor evaluates with the form's fields checked by kind; the intern
// reads it and cannot write one.
func TestAgreementAndEvaluations(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, internship, _ := internshipWorld(t, st)
		trainee, nurseActor, coordinator := actor(traineeEmail), actor(nurseEmail), actor(coordinatorEmail)
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
		wantInternshipError(t, "a text file as agreement", a.Internships.AttachAgreement(ctx, coordinator, internship.ID, "convention.pdf", []byte("just text, not a PDF")),
			berceau.KindInvalid, "error.form_invalid")
		wantInternshipError(t, "an agreement too large", a.Internships.AttachAgreement(ctx, coordinator, internship.ID, "big.pdf", append(pdf, make([]byte, MaxAgreementBytes)...)),
			berceau.KindInvalid, "error.form_invalid")
		if err := a.Internships.AttachAgreement(ctx, nurseActor, internship.ID, "c.pdf", pdf); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("a supervisor attached the agreement: %v", err)
		}
		if err := a.Internships.AttachAgreement(ctx, coordinator, internship.ID, `..\"convention"
stage.exe.pdf`, pdf); err != nil {
			t.Fatal(err)
		}
		f, err := a.Internships.Agreement(ctx, trainee, internship.ID)
		if err != nil || f.ContentType != "application/pdf" || string(f.Content) != string(pdf) || strings.ContainsAny(f.Name, "\"\n\\/") {
			t.Fatalf("the intern reads the agreement: %q %s (%v)", f.Name, f.ContentType, err)
		}
		if _, err := a.Internships.Agreement(ctx, actor("medecin@berceau.example"), internship.ID); !berceau.IsNotFound(err) {
			t.Errorf("a physician of another site read the agreement: %v", err)
		}

		lists, err := a.Internships.Lists(ctx)
		if err != nil || len(lists.EvaluationFields) < 3 {
			t.Fatalf("the evaluation form: %v", err)
		}
		answers := map[int64]string{}
		var scale int64
		for _, fld := range lists.EvaluationFields {
			switch fld.Kind {
			case training.FieldScale:
				answers[fld.ID], scale = "4", fld.ID
			case training.FieldYesNo:
				answers[fld.ID] = "yes"
			case training.FieldText:
				answers[fld.ID] = "Très bonne présence auprès des familles."
			}
		}
		if err := a.Internships.Evaluate(ctx, trainee, internship.ID, training.StageMidTerm, answers); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("the intern evaluated themselves: %v", err)
		}
		bad := map[int64]string{scale: "7"}
		if err := a.Internships.Evaluate(ctx, nurseActor, internship.ID, training.StageMidTerm, bad); berceau.KindOf(err) != berceau.KindInvalid {
			t.Errorf("a mark of 7 out of 5: %v", err)
		}
		if err := a.Internships.Evaluate(ctx, nurseActor, internship.ID, training.StageMidTerm, answers); err != nil {
			t.Fatal(err)
		}
		page, err := a.Internships.OpenInternship(ctx, trainee, internship.ID)
		if err != nil || len(page.Evaluations) != 1 || page.Evaluations[0].Answers[scale] != "4" || page.Evaluations[0].ByUserID != nurseActor.User.ID {
			t.Fatalf("the intern reads the evaluation: %+v (%v)", page.Evaluations, err)
		}
	})
}
