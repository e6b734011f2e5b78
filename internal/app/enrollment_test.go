package app

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// enrollmentAudits counts the audit entries of one action about one family, by outcome.
func enrollmentAudits(t *testing.T, st *store.Store, action string, familyID int64) map[berceau.AuditOutcome]int {
	t.Helper()
	ctx := context.Background()
	var page berceau.AuditPage
	err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: action, ObjectType: "family", PageSize: 200})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[berceau.AuditOutcome]int{}
	for _, e := range page.Entries {
		if e.Action == action && e.ObjectID == strconv.FormatInt(familyID, 10) {
			counts[e.Outcome]++
		}
	}
	return counts
}

func TestAKeyWorkerMustBeAbleToFollowTheFamily(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, coordinator := actor("infirmiere@berceau.example"), actor("coordination@berceau.example")
		trainee, midwife, physician := actor("stagiaire@berceau.example"), actor("sage-femme@berceau.example"), actor("medecin@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []berceau.Actor{midwife, physician, actor("admin@berceau.example"), actor("membre@berceau.example")} {
			if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, who.User.ID, ""); berceau.KindOf(err) != berceau.KindInvalid {
				t.Errorf("%s as key worker of a Parc-Extension family: %v, want invalid", who.User.Email, err)
			}
		}
		if _, err := a.Care.AssignKeyWorker(ctx, nurse, f.ID, nurse.User.ID, ""); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner assigning key workers: %v, want forbidden", err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, trainee.User.ID, ""); err != nil {
			t.Fatalf("the trainee of the team (families.write) as key worker: %v", err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, trainee.User.ID, "again"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("naming the same key worker twice: %v", err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, nurse.User.ID, " "); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("replacing a key worker without a reason: %v", err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, nurse.User.ID, "Fin du stage"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, coordinator.User.ID, "Congé de l’infirmière"); err != nil {
			t.Fatalf("the site coordinator as key worker: %v", err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, 0, "Réorganisation de l’équipe"); err != nil {
			t.Fatalf("leaving the family without a key worker: %v", err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, nurse.User.ID, ""); err != nil {
			t.Fatalf("naming a key worker again: %v", err)
		}
		got, _ := a.Care.OpenFamily(ctx, nurse, f.ID)
		if got.KeyWorkerID != nurse.User.ID {
			t.Fatalf("key worker %d, want the nurse %d", got.KeyWorkerID, nurse.User.ID)
		}
		h, err := a.Care.FamilyHistory(ctx, trainee, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			user   int64
			reason string
		}{
			{trainee.User.ID, ""}, {nurse.User.ID, "Fin du stage"}, {coordinator.User.ID, "Congé de l’infirmière"},
			{0, "Réorganisation de l’équipe"}, {nurse.User.ID, ""},
		}
		if len(h.KeyWorkers) != len(want) {
			t.Fatalf("%d key worker changes, want %d: %+v", len(h.KeyWorkers), len(want), h.KeyWorkers)
		}
		for i, w := range want {
			c := h.KeyWorkers[i]
			if c.UserID != w.user || c.Reason != w.reason || c.ChangedBy != coordinator.User.ID || c.At.IsZero() || c.At.Location() != time.UTC {
				t.Errorf("key worker change %d: %+v, want user %d, reason %q", i, c, w.user, w.reason)
			}
			if i > 0 && c.At.Before(h.KeyWorkers[i-1].At) {
				t.Errorf("key worker change %d is out of order", i)
			}
		}
		if h.KeyWorkers[0].Name != "Camille Nguyen" || h.KeyWorkers[3].Name != "" {
			t.Errorf("names: %q, %q", h.KeyWorkers[0].Name, h.KeyWorkers[3].Name)
		}
		if _, err := a.Care.FamilyHistory(ctx, midwife, f.ID); !berceau.IsNotFound(err) {
			t.Fatalf("the Brussels midwife reads the history: %v", err)
		}
		counts := enrollmentAudits(t, st, "family.key_worker", f.ID)
		if counts[berceau.OutcomeSuccess] != 5 || counts[berceau.OutcomeDenied] != 1 || counts[berceau.OutcomeFailure] != 6 {
			t.Fatalf("audited key worker changes: %v, want 5 successes, 1 denial, 6 failures", counts)
		}
		reads := enrollmentAudits(t, st, "family.history.read", f.ID)
		if reads[berceau.OutcomeSuccess] != 1 || reads[berceau.OutcomeDenied] != 1 {
			t.Fatalf("audited history reads: %v", reads)
		}
	})
}

func TestAFileIsAdmittedEnrolledPausedAndClosedAlongTheAllowedPath(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social, midwife := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("sage-femme@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyOnHold, "Voyage", ""); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("screening → on hold: %v, want conflict", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyActive, "", ""); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("screening → active without an admission: %v, want conflict", err)
		}
		if _, err := a.Care.Enroll(ctx, nurse, f.ID, "sippe", day("2026-11-23")); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("enrolling a family not admitted: %v", err)
		}
		if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisTeamDecision); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a direct admission claiming a team decision: %v", err)
		}
		if _, err := a.Care.Admit(ctx, midwife, f.ID, care.BasisCriteriaMet); !berceau.IsNotFound(err) {
			t.Fatalf("admission by someone outside the file's team: %v", err)
		}
		if _, err := a.Care.Admit(ctx, actor("evaluation@berceau.example"), f.ID, care.BasisCriteriaMet); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("admission by an evaluator: %v", err)
		}
		if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("admission on criteria without an eligible screening: %v", err)
		}
		screenEligible(t, a, nurse, f.ID)
		admitted, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet)
		if err != nil || admitted.From != care.FamilyScreening || admitted.To != care.FamilyActive {
			t.Fatalf("admission on criteria: %+v %v", admitted, err)
		}
		if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("admitting an active file: %v", err)
		}
		e, err := a.Care.Enroll(ctx, nurse, f.ID, "sippe", day("2026-11-23"))
		if err != nil || !e.Open() || !e.StartDate.Equal(day("2026-11-23")) {
			t.Fatalf("enrollment: %+v %v", e, err)
		}
		if _, err := a.Care.Enroll(ctx, social, f.ID, "sippe", day("2026-12-01")); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a second open enrollment in the same programme: %v", err)
		}
		if _, err := a.Care.Enroll(ctx, social, f.ID, "SIPPE!", day("2026-12-01")); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a programme that is not a slug: %v", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyOnHold, "", ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("on hold without a reason: %v", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyOnHold, "Séjour prolongé à l’étranger", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ChangeStatus(ctx, social, f.ID, care.FamilyActive, "Retour au pays", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyClosed, "Fin", ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("closing without a closure reason: %v", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyClosed, "", "bored"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("closing with an unknown closure reason: %v", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyOnHold, "x", care.ClosureGoalsMet); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a closure reason when not closing: %v", err)
		}
		closed, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyClosed, "Plan d’intervention complété", care.ClosureGoalsMet)
		if err != nil || closed.From != care.FamilyActive || closed.Closure != care.ClosureGoalsMet {
			t.Fatalf("closing: %+v %v", closed, err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyOnHold, "x", ""); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("closed → on hold: %v, want conflict", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, nurse, f.ID, care.FamilyActive, "", ""); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("closed → active without a new admission: %v, want conflict", err)
		}
		if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("direct admission of a closed file (needs a screening): %v", err)
		}
		got, _ := a.Care.OpenFamily(ctx, nurse, f.ID)
		if got.Status != care.FamilyClosed {
			t.Fatalf("status %s, want closed", got.Status)
		}
		h, err := a.Care.FamilyHistory(ctx, social, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Enrollments) != 1 || h.Enrollments[0].Open() || h.Enrollments[0].ClosureReason != care.ClosureGoalsMet ||
			h.Enrollments[0].Programme != "sippe" {
			t.Fatalf("enrollments after closing: %+v", h.Enrollments)
		}
		want := []struct {
			from, to care.FamilyStatus
			reason   string
			closure  care.ClosureReason
			by       int64
		}{
			{care.FamilyScreening, care.FamilyActive, "criteria_met", "", nurse.User.ID},
			{care.FamilyActive, care.FamilyOnHold, "Séjour prolongé à l’étranger", "", nurse.User.ID},
			{care.FamilyOnHold, care.FamilyActive, "Retour au pays", "", social.User.ID},
			{care.FamilyActive, care.FamilyClosed, "Plan d’intervention complété", care.ClosureGoalsMet, nurse.User.ID},
		}
		if len(h.Status) != len(want) {
			t.Fatalf("%d status changes, want %d: %+v", len(h.Status), len(want), h.Status)
		}
		for i, w := range want {
			c := h.Status[i]
			if c.From != w.from || c.To != w.to || c.Reason != w.reason || c.Closure != w.closure || c.ChangedBy != w.by ||
				c.Transfer() || c.At.Location() != time.UTC {
				t.Errorf("status change %d: %+v, want %+v", i, c, w)
			}
			if i > 0 && c.At.Before(h.Status[i-1].At) {
				t.Errorf("status change %d is out of order", i)
			}
		}
		status := enrollmentAudits(t, st, "family.status", f.ID)
		if status[berceau.OutcomeSuccess] != 3 || status[berceau.OutcomeFailure] != 8 {
			t.Fatalf("audited status changes: %v, want 3 successes and 8 refusals", status)
		}
		admit := enrollmentAudits(t, st, "family.admit", f.ID)
		// Four refusals: the three above and the attempt before an eligible screening.
		if admit[berceau.OutcomeSuccess] != 1 || admit[berceau.OutcomeDenied] != 2 || admit[berceau.OutcomeFailure] != 4 {
			t.Fatalf("audited admissions: %v", admit)
		}
		enroll := enrollmentAudits(t, st, "family.enroll", f.ID)
		if enroll[berceau.OutcomeSuccess] != 1 || enroll[berceau.OutcomeFailure] != 3 {
			t.Fatalf("audited enrollments: %v", enroll)
		}
	})
}

func TestATransferMovesTheFileToTheReceivingTeam(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, coordinator, midwife := actor("infirmiere@berceau.example"), actor("coordination@berceau.example"), actor("sage-femme@berceau.example")
		parcEx, stGilles := sites["premiers-pas-parc-ex"], sites["mille-jours-saint-gilles"]
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(parcEx, teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		screenEligible(t, a, nurse, f.ID)
		if _, err := a.Care.Admit(ctx, nurse, f.ID, care.BasisCriteriaMet); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, nurse.User.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.TransferFamily(ctx, nurse, f.ID, stGilles, teams["saint-gilles-1000-jours"], "Déménagement à Bruxelles"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner transferring a file: %v, want forbidden", err)
		}
		if _, err := a.Care.TransferFamily(ctx, coordinator, f.ID, stGilles, teams["hochelaga-pediatrie-sociale"], "Déménagement"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a team of another site: %v, want invalid", err)
		}
		if _, err := a.Care.TransferFamily(ctx, coordinator, f.ID, stGilles, teams["saint-gilles-1000-jours"], ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a transfer without a reason: %v, want invalid", err)
		}
		if _, err := a.Care.TransferFamily(ctx, coordinator, f.ID, parcEx, teams["parc-ex-perinatalite"], "Rien"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a transfer to the same team: %v, want invalid", err)
		}
		if _, err := a.Care.OpenFamily(ctx, midwife, f.ID); !berceau.IsNotFound(err) {
			t.Fatalf("the receiving team sees the file before the transfer: %v", err)
		}
		moved, err := a.Care.TransferFamily(ctx, coordinator, f.ID, stGilles, teams["saint-gilles-1000-jours"], "Déménagement à Bruxelles")
		if err != nil || !moved.Transfer() || moved.FromSiteID != parcEx || moved.From != care.FamilyActive || moved.To != care.FamilyActive {
			t.Fatalf("transfer: %+v %v", moved, err)
		}
		for _, who := range []berceau.Actor{nurse, coordinator, actor("stagiaire@berceau.example")} {
			if _, err := a.Care.OpenFamily(ctx, who, f.ID); !berceau.IsNotFound(err) {
				t.Errorf("%s of the sending site still opens the file: %v", who.User.Email, err)
			}
		}
		got, err := a.Care.OpenFamily(ctx, midwife, f.ID)
		if err != nil || got.SiteID != stGilles || got.TeamID != teams["saint-gilles-1000-jours"] || got.KeyWorkerID != 0 || got.Status != care.FamilyActive {
			t.Fatalf("the receiving team opens %+v (%v)", got, err)
		}
		if _, err := a.Care.TransferFamily(ctx, coordinator, f.ID, parcEx, teams["parc-ex-perinatalite"], "Retour"); !berceau.IsNotFound(err) {
			t.Fatalf("the sending coordinator transfers the file back: %v", err)
		}
		h, err := a.Care.FamilyHistory(ctx, midwife, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := h.Status[len(h.Status)-1]
		if len(h.Status) != 2 || !last.Transfer() || last.FromTeamID != teams["parc-ex-perinatalite"] || last.ToSiteID != stGilles ||
			last.Reason != "Déménagement à Bruxelles" || last.ChangedBy != coordinator.User.ID {
			t.Fatalf("status history after the transfer: %+v", h.Status)
		}
		if len(h.KeyWorkers) != 2 || h.KeyWorkers[1].UserID != 0 || h.KeyWorkers[1].Reason != "Déménagement à Bruxelles" {
			t.Fatalf("key worker history after the transfer: %+v", h.KeyWorkers)
		}
		if _, err := a.Care.AssignKeyWorker(ctx, coordinator, f.ID, nurse.User.ID, ""); !berceau.IsNotFound(err) {
			t.Fatalf("the sending coordinator names a key worker after the transfer: %v", err)
		}
		transfers := enrollmentAudits(t, st, "family.transfer", f.ID)
		if transfers[berceau.OutcomeSuccess] != 1 || transfers[berceau.OutcomeDenied] != 2 || transfers[berceau.OutcomeFailure] != 3 {
			t.Fatalf("audited transfers: %v, want 1 success, 2 denials, 3 failures", transfers)
		}
	})
}

// screenEligible stores an eligible SIPPE screening for a family: a
// pregnancy past 12 weeks, a low income, no diploma.
func screenEligible(t *testing.T, a *App, actor berceau.Actor, familyID int64) {
	t.Helper()
	now := a.now()
	due := now.AddDate(0, 0, 150)
	size, income, no := 3, 20000, false
	in := care.ScreeningInput{Date: now, PregnancyDueDate: &due, HouseholdSize: &size, AnnualIncome: &income, SecondaryDiploma: &no}
	s, err := a.Care.ScreenFamily(context.Background(), actor, familyID, "sippe", in)
	if err != nil || s.Outcome != care.ScreeningEligible {
		t.Fatalf("screening: %v %v", s.Outcome, err)
	}
}
