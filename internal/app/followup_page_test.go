package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// enrolledFamily opens, screens, admits and enrolls a Parc-Ex family in
// SIPPE from start, with the nurse as key worker.
func enrolledFamily(t *testing.T, a *App, actor func(string) berceau.Actor, sites, teams map[string]int64, start time.Time) int64 {
	t.Helper()
	ctx := context.Background()
	nurse, coordinator := actor("infirmiere@berceau.example"), actor("coordination@berceau.example")
	f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
	if err != nil {
		t.Fatal(err)
	}
	screenEligible(t, a, nurse, f.ID)
	if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Care.Enroll(ctx, nurse, f.ID, "sippe", start); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, nurse.User.ID, "Suivi prénatal"); err != nil {
		t.Fatal(err)
	}
	return f.ID
}

// calendarEdges are the days the follow-up tests run on: month arithmetic
// from them crosses a short February, a leap day and a year's end, so a test
// that only holds on some dates fails every time rather than in some months.
var calendarEdges = []string{"2027-03-01", "2026-12-31", "2028-02-29", "2028-03-31"}

// onEachCalendarEdge runs fn once per engine and calendar edge, on a demo
// world whose clocks (the app's and the store's) read that day at 10:00 UTC
// and move on from there.
func onEachCalendarEdge(t *testing.T, fn func(t *testing.T, st *store.Store, today time.Time)) {
	t.Helper()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		for i, edge := range calendarEdges {
			if i > 0 {
				st = testutil.OpenStore(t, st.Engine())
			}
			t.Run(edge, func(t *testing.T) {
				today := day(edge)
				started := time.Now()
				st.SetClock(func() time.Time { return today.Add(10*time.Hour + time.Since(started)) })
				fn(t, st, today)
			})
		}
	})
}

// demoWorldOn is demoWorld with the app reading the store's clock.
func demoWorldOn(t *testing.T, st *store.Store) (*App, func(email string) berceau.Actor, map[string]int64, map[string]int64) {
	t.Helper()
	a, actor, sites, teams := demoWorld(t, st)
	a.now = st.Now
	return a, actor, sites, teams
}

func TestAReferralIsSentOnlyWithConsentAndFollowedToItsEnd(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse := actor("infirmiere@berceau.example")
		id := enrolledFamily(t, a, actor, sites, teams, today.AddDate(0, -1, 0))

		if _, err := a.Care.ProposeReferral(ctx, nurse, care.Referral{FamilyID: id, Reason: " "}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a referral without reason nor destination: %v", err)
		}
		r, err := a.Care.ProposeReferral(ctx, nurse, care.Referral{FamilyID: id, ExternalResource: "Halte-garderie La Maisonnette",
			Partner: "La Maisonnette", Reason: "Répit pour la mère", NextFollowUp: today.AddDate(0, 0, 7)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ProposeReferral(ctx, actor("sage-femme@berceau.example"), care.Referral{FamilyID: id, ExternalResource: "x", Reason: "y"}); err == nil {
			t.Fatal("a midwife of another site referred this family")
		}
		send := ReferralMove{To: care.ReferralSent, NextFollowUp: today.AddDate(0, 0, 14)}
		if _, err := a.Care.MoveReferral(ctx, nurse, id, r.ID, r.Version, send, a.Now()); berceau.KindOf(err) != berceau.KindConflict ||
			!strings.Contains(err.Error(), "consent_missing") {
			t.Fatalf("sent without consent: %v", err)
		}
		if _, err := a.Care.RecordConsent(ctx, nurse, care.Consent{FamilyID: id, Kind: care.ConsentSharing, Partner: "La Maisonnette",
			GivenOn: today, ExpiresOn: today.AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		sent, err := a.Care.MoveReferral(ctx, nurse, id, r.ID, r.Version, send, a.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.MoveReferral(ctx, nurse, id, r.ID, r.Version, ReferralMove{To: care.ReferralAccepted}, a.Now()); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a move from a stale version: %v", err)
		}
		if _, err := a.Care.MoveReferral(ctx, nurse, id, r.ID, sent.Version, ReferralMove{To: care.ReferralCompleted}, a.Now()); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("sent → completed was allowed: %v", err)
		}
		steps := []ReferralMove{
			{To: care.ReferralWaitlisted, Reason: "Liste d'attente de 3 semaines", NextFollowUp: today.AddDate(0, 0, 21)},
			{To: care.ReferralAccepted},
			{To: care.ReferralFirstAppointmentHeld, NextFollowUp: today.AddDate(0, 1, 0)},
			{To: care.ReferralCompleted, NextFollowUp: today.AddDate(0, 2, 0)},
		}
		cur := sent
		for _, m := range steps {
			if cur, err = a.Care.MoveReferral(ctx, nurse, id, r.ID, cur.Version, m, a.Now()); err != nil {
				t.Fatalf("%s: %v", m.To, err)
			}
		}
		got, err := a.Care.Referral(ctx, nurse, id, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != care.ReferralCompleted || !got.NextFollowUp.IsZero() || len(got.History) != 6 {
			t.Fatalf("completed referral: %s, follow-up %v, %d history entries", got.Status, got.NextFollowUp, len(got.History))
		}
		if got.History[2].To != care.ReferralWaitlisted || got.History[2].Reason == "" {
			t.Fatalf("history: %+v", got.History)
		}
		if n := auditCount(t, st, "family.referral.move", berceau.OutcomeSuccess); n != 5 {
			t.Fatalf("%d audited moves, want 5", n)
		}
	})
}

func TestSensitiveNotesFollowCompartmentGrants(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse, coordinator, trainee := actor("infirmiere@berceau.example"), actor("coordination@berceau.example"), actor("stagiaire@berceau.example")
		id := enrolledFamily(t, a, actor, sites, teams, today.AddDate(0, -1, 0))
		visit := care.Contact{FamilyID: id, Kind: care.ContactHomeVisit, On: today, Minutes: 60, Outcome: care.ContactDone,
			Notes: "Visite à domicile, bébé bien", Compartment: care.CompartmentMentalHealth, SensitiveNotes: "Humeur dépressive depuis deux semaines"}
		if _, err := a.Care.RecordContact(ctx, nurse, visit); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a sensitive note written without the grant: %v", err)
		}
		if err := a.Care.SetCompartment(ctx, coordinator, nurse.User.ID, care.CompartmentMentalHealth, true); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.SetCompartment(ctx, coordinator, trainee.User.ID, care.CompartmentMentalHealth, true); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a trainee was granted a compartment: %v", err)
		}
		if err := a.Care.SetCompartment(ctx, nurse, nurse.User.ID, care.CompartmentSubstanceUse, true); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner granted herself a compartment: %v", err)
		}
		c, err := a.Care.RecordContact(ctx, nurse, visit)
		if err != nil {
			t.Fatal(err)
		}
		read := func(who berceau.Actor) FollowUp {
			fu, err := a.Care.OpenFollowUp(ctx, who, id, today)
			if err != nil {
				t.Fatal(err)
			}
			return fu
		}
		if fu := read(nurse); fu.Contacts[0].SensitiveNotes == "" || fu.Hidden != 0 {
			t.Fatalf("the granted nurse does not read the note: %+v", fu.Contacts[0])
		}
		for _, who := range []berceau.Actor{trainee, coordinator, actor("travail.social@berceau.example")} {
			fu := read(who)
			if fu.Contacts[0].SensitiveNotes != "" || fu.Hidden != 1 || fu.Contacts[0].Notes == "" {
				t.Fatalf("%s reads %+v", who.User.Email, fu.Contacts[0])
			}
		}
		// The social worker edits the visit without the grant: the note stays.
		social := actor("travail.social@berceau.example")
		seen, err := a.Care.Contact(ctx, social, id, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen.Minutes = 75
		if _, err := a.Care.EditContact(ctx, social, seen); err != nil {
			t.Fatal(err)
		}
		if got := read(nurse).Contacts[0]; got.SensitiveNotes != visit.SensitiveNotes || got.Minutes != 75 {
			t.Fatalf("after an edit without the grant: %+v", got)
		}
		// The nurse's copy is now stale: her edit is refused, nothing written.
		c.Minutes = 30
		if _, err := a.Care.EditContact(ctx, nurse, c); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a stale edit: %v", err)
		}
		if got := read(nurse).Contacts[0]; got.Minutes != 75 {
			t.Fatalf("the stale edit was written: %+v", got)
		}
		// The file moves to another site's team: the granted nurse, no longer
		// in its care team, reads it only by breaking the glass, and then does
		// not read the note.
		if _, err := a.Care.TransferFamily(ctx, coordinator, id, sites["premiers-pas-hochelaga"], teams["hochelaga-pediatrie-sociale"],
			"Déménagement à Hochelaga"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.BreakGlass(ctx, nurse, id, "Appel de la famille, suivi en cours de transfert"); err != nil {
			t.Fatal(err)
		}
		if fu := read(nurse); fu.Contacts[0].SensitiveNotes != "" || fu.Hidden != 1 {
			t.Fatalf("outside the care team, the granted nurse reads %+v", fu.Contacts[0])
		}
	})
}

func TestAGroupMeetingRecordsEachFamilysAttendance(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse := actor("infirmiere@berceau.example")
		present := enrolledFamily(t, a, actor, sites, teams, today.AddDate(0, -2, 0))
		absent := enrolledFamily(t, a, actor, sites, teams, today.AddDate(0, -2, 0))
		for _, id := range []int64{present, absent} {
			if err := a.Care.SetIntensity(ctx, nurse, id, sippe("2"), today.AddDate(0, -2, 0), "Début du suivi"); err != nil {
				t.Fatal(err)
			}
		}
		g := GroupMeeting{SiteID: sites["premiers-pas-parc-ex"], Title: "Atelier allaitement", On: today.AddDate(0, 0, -1), Minutes: 120}
		if _, err := a.Care.RecordGroupMeeting(ctx, nurse, g, nil, nil); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a meeting without families: %v", err)
		}
		if _, err := a.Care.RecordGroupMeeting(ctx, nurse, g, nil, []GroupAttendance{{FamilyID: present, Present: true}, {FamilyID: absent}}); err != nil {
			t.Fatal(err)
		}
		behind, err := a.Care.FamiliesBehind(ctx, nurse, today)
		if err != nil {
			t.Fatal(err)
		}
		days := map[int64]int{}
		for _, b := range behind {
			days[b.FamilyID] = b.DaysBehind
		}
		if days[present] != 0 || days[absent] == 0 {
			t.Fatalf("after the meeting, days behind: present %d, absent %d", days[present], days[absent])
		}
		fu, err := a.Care.OpenFollowUp(ctx, nurse, absent, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(fu.Contacts) != 1 || fu.Contacts[0].Outcome != care.ContactMissed || fu.Contacts[0].GroupID == 0 {
			t.Fatalf("the absent family's contact: %+v", fu.Contacts)
		}
	})
}

func TestAReassessmentUpdatesThePlanAndTheLevelTogether(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse := actor("infirmiere@berceau.example")
		id := enrolledFamily(t, a, actor, sites, teams, today.AddDate(0, -6, 10))
		if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: today.AddDate(0, -6, 10), Reason: "Grossesse à risque"}); err != nil {
			t.Fatal(err)
		}
		g, err := a.Care.AddGoal(ctx, nurse, breastfeedingGoal(id))
		if err != nil {
			t.Fatal(err)
		}
		day, err := a.Care.OpenMyDay(ctx, nurse, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(day.Reassess) != 1 || day.Reassess[0].FamilyID != id {
			t.Fatalf("reassessments due on my day: %+v", day.Reassess)
		}
		stale := g
		g.Status, g.Progress = care.GoalInProgress, 2
		r, err := a.Care.Reassess(ctx, nurse, care.Reassessment{FamilyID: id, On: today, Summary: "Situation stabilisée", LevelCode: "2"}, []care.Goal{g})
		if err != nil {
			t.Fatal(err)
		}
		stale.Status = care.GoalAbandoned
		if _, err := a.Care.Reassess(ctx, nurse, care.Reassessment{FamilyID: id, On: today, Summary: "Deuxième", LevelCode: "3"}, []care.Goal{stale}); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a reassessment over a stale goal: %v", err)
		}
		fu, err := a.Care.OpenFollowUp(ctx, nurse, id, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(fu.Reassessments) != 1 || fu.Reassessments[0].ID != r.ID || fu.Level.Code != "2" || fu.Goals[0].Status != care.GoalInProgress {
			t.Fatalf("after reassessing: %d reassessments, level %q, goal %s", len(fu.Reassessments), fu.Level.Code, fu.Goals[0].Status)
		}
		if want := today.AddDate(0, 6, 0); !fu.ReassessDue.Equal(want) || fu.ReassessSoon {
			t.Fatalf("next reassessment %v (reminder %v), want %v", fu.ReassessDue, fu.ReassessSoon, want)
		}
		if len(fu.Levels) != 2 {
			t.Fatalf("the conflicting reassessment left a level change: %+v", fu.Levels)
		}
	})
}

func TestMyDayAndTheCoordinatorsView(t *testing.T) {
	t.Parallel()
	onEachCalendarEdge(t, func(t *testing.T, st *store.Store, today time.Time) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorldOn(t, st)
		nurse, coordinator := actor("infirmiere@berceau.example"), actor("coordination@berceau.example")
		// 31 days, not "a month": the expected 24 days behind must not
		// depend on the length of the month before today.
		started := today.AddDate(0, 0, -31)
		late := enrolledFamily(t, a, actor, sites, teams, started)
		onTime := enrolledFamily(t, a, actor, sites, teams, started)
		var recorded []care.Contact
		for _, id := range []int64{late, onTime} {
			if err := a.Care.SetLevel(ctx, nurse, id, "1", care.LevelChange{On: started, Reason: "Début"}); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []care.Contact{
			{FamilyID: onTime, Kind: care.ContactHomeVisit, On: today.AddDate(0, 0, -2), Minutes: 60, Outcome: care.ContactDone},
			{FamilyID: late, Kind: care.ContactHomeVisit, On: today, Minutes: 60, Outcome: care.ContactPlanned},
			{FamilyID: onTime, Kind: care.ContactCall, On: today.AddDate(0, 0, 3), Minutes: 20, Outcome: care.ContactPlanned},
			{FamilyID: onTime, Kind: care.ContactCall, On: today.AddDate(0, 0, 9), Minutes: 20, Outcome: care.ContactPlanned},
		} {
			saved, err := a.Care.RecordContact(ctx, nurse, c)
			if err != nil {
				t.Fatal(err)
			}
			recorded = append(recorded, saved)
		}
		r, err := a.Care.ProposeReferral(ctx, nurse, care.Referral{FamilyID: late, ExternalResource: "Banque alimentaire", Reason: "Sécurité alimentaire",
			NextFollowUp: today.AddDate(0, 0, -1)})
		if err != nil {
			t.Fatal(err)
		}
		day, err := a.Care.OpenMyDay(ctx, nurse, today)
		if err != nil {
			t.Fatal(err)
		}
		// The demo's own files are in the nurse's day too: keep this test's.
		ours := map[int64]bool{late: true, onTime: true}
		var todays, week []care.Contact
		for _, c := range day.Today {
			if ours[c.FamilyID] {
				todays = append(todays, c)
			}
		}
		for _, c := range day.ThisWeek {
			if ours[c.FamilyID] {
				week = append(week, c)
			}
		}
		var behind []FamilyRhythm
		for _, b := range day.Behind {
			if ours[b.FamilyID] {
				behind = append(behind, b)
			}
		}
		var followUps []care.Referral
		for _, r := range day.FollowUps {
			if ours[r.FamilyID] {
				followUps = append(followUps, r)
			}
		}
		if len(todays) != 1 || todays[0].FamilyID != late || len(week) != 1 || week[0].ID != recorded[2].ID {
			t.Fatalf("planned: today %+v, this week %+v", todays, week)
		}
		// Moving planned contacts in or out of the week moves them on the
		// day page (the date is copied onto the worker links).
		for _, move := range []struct {
			c    care.Contact
			days int
		}{{recorded[2], 12}, {recorded[3], 5}} {
			move.c.On = today.AddDate(0, 0, move.days)
			if _, err := a.Care.EditContact(ctx, nurse, move.c); err != nil {
				t.Fatal(err)
			}
		}
		moved, err := a.Care.OpenMyDay(ctx, nurse, today)
		if err != nil {
			t.Fatal(err)
		}
		var movedWeek []int64
		for _, c := range moved.ThisWeek {
			if ours[c.FamilyID] {
				movedWeek = append(movedWeek, c.ID)
			}
		}
		if len(movedWeek) != 1 || movedWeek[0] != recorded[3].ID {
			t.Fatalf("after moving the calls, this week: %v, want only %d", movedWeek, recorded[3].ID)
		}
		if len(behind) != 1 || behind[0].FamilyID != late || behind[0].DaysBehind != 24 {
			t.Fatalf("behind: %+v", behind)
		}
		if len(followUps) != 1 || followUps[0].ID != r.ID {
			t.Fatalf("follow-ups: %+v", followUps)
		}
		if other, err := a.Care.OpenMyDay(ctx, actor("travail.social@berceau.example"), today); err != nil || len(other.Behind)+len(other.Today) != 0 {
			t.Fatalf("the social worker's day shows the nurse's families: %+v %v", other, err)
		}
		if _, err := a.Care.OpenCoordinatorView(ctx, nurse, today, 14); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner opened the coordinator's view: %v", err)
		}
		view, err := a.Care.OpenCoordinatorView(ctx, coordinator, today, 14)
		if err != nil {
			t.Fatal(err)
		}
		var mine *Caseload
		for i := range view.Caseloads {
			if view.Caseloads[i].Worker.ID == nurse.User.ID {
				mine = &view.Caseloads[i]
			}
		}
		if mine == nil || mine.Families < 2 || mine.WeeklyVisits < 2 || mine.OpenReferrals < 1 {
			t.Fatalf("the nurse's caseload: %+v", mine)
		}
		silent := false
		for _, s := range view.Silent {
			silent = silent || s.Family.ID == late
			if s.Family.ID == onTime {
				t.Fatalf("a family seen two days ago is listed as silent: %+v", s)
			}
		}
		if !silent {
			t.Fatalf("the family never seen is not listed: %+v", view.Silent)
		}
	})
}

// civil is the calendar day of t, at midnight UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
