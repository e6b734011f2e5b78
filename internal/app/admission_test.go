package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

func TestATeamDecisionTakesEffectOnlyWhenTwoDisciplinesConfirm(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social, trainee := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("stagiaire@berceau.example")
		coordinator := actor("coordination@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "Isolement marqué.",
			ParticipantIDs: []int64{nurse.User.ID, trainee.User.ID}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a trainee as participant: %v, want invalid (trainees take no part in team decisions)", err)
		}
		midwife := actor("sage-femme@berceau.example")
		if _, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit, Rationale: "x",
			ParticipantIDs: []int64{nurse.User.ID, midwife.User.ID}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a participant who cannot see the file: %v", err)
		}
		d, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit,
			Rationale:      "Isolement marqué depuis l’arrivée; revenu juste au-dessus du seuil.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if d, err = a.Care.ConfirmDecision(ctx, nurse, d.ID); err != nil || d.Complete() {
			t.Fatalf("first confirmation: complete=%v err=%v", d.Complete(), err)
		}
		if _, err := a.Care.ConfirmDecision(ctx, nurse, d.ID); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("the same person twice: %v", err)
		}
		// Another site's midwife: the file is out of her reach, so it is
		// not found for her, like every file out of reach.
		if _, err := a.Care.ConfirmDecision(ctx, midwife, d.ID); !berceau.IsNotFound(err) {
			t.Fatalf("someone not listed, of another site: %v", err)
		}
		if d, err = a.Care.ConfirmDecision(ctx, social, d.ID); err != nil || !d.Complete() {
			t.Fatalf("second discipline: complete=%v err=%v", d.Complete(), err)
		}
		if _, err := a.Care.ConfirmDecision(ctx, coordinator, d.ID); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("confirming a complete decision: %v", err)
		}
		got, _ := a.Care.OpenFamily(ctx, nurse, f.ID)
		if got.Status != care.FamilyActive {
			t.Fatalf("family status after admission: %s", got.Status)
		}
		h, err := a.Care.FamilyHistory(ctx, nurse, f.ID)
		if err != nil || len(h.Status) != 1 || h.Status[0].Reason != string(care.BasisTeamDecision) || h.Status[0].To != care.FamilyActive {
			t.Fatalf("status history after a team decision: %+v %v", h.Status, err)
		}
		later, err := a.Care.ProposeDecision(ctx, coordinator, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictRefuse,
			Rationale: "La famille a déménagé.", Orientation: "CLSC de son nouveau quartier", ParticipantIDs: []int64{nurse.User.ID, social.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		var first care.AdmissionDecision
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { first, err = tx.AdmissionDecisionByID(ctx, d.ID); return err })
		if first.SupersededBy != later.ID || !first.Complete() {
			t.Fatalf("the earlier decision: superseded by %d (want %d), complete %v", first.SupersededBy, later.ID, first.Complete())
		}
	})
}

// TestDecisionParticipantsAreThoseWhoDecideAndSeeTheFile pins the one-query
// picker to the scope rules it mirrors.
func TestDecisionParticipantsAreThoseWhoDecideAndSeeTheFile(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		names := func() map[string]bool {
			users, err := a.Care.DecisionParticipants(ctx, nurse, f.ID)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]bool{}
			for _, u := range users {
				out[u.Email] = true
			}
			return out
		}
		got := names()
		want := []string{"infirmiere@berceau.example", "travail.social@berceau.example", "coordination@berceau.example"}
		for _, e := range want {
			if !got[e] {
				t.Errorf("%s is not offered", e)
			}
		}
		for _, e := range []string{"stagiaire@berceau.example", "medecin@berceau.example", "sage-femme@berceau.example", "admin@berceau.example"} {
			if got[e] {
				t.Errorf("%s is offered", e)
			}
		}
		// For each one offered, the Go scope rules agree.
		for e := range got {
			who := actor(e)
			scope, _ := a.FamilyScope(ctx, who)
			if !who.Can(berceau.PermTeamDecisions) || !care.ScopeCovers(scope, f) {
				t.Errorf("%s is offered but FamilyScope disagrees", e)
			}
		}
		if _, err := a.Care.BreakGlass(ctx, actor("medecin@berceau.example"), f.ID, "Avis médical urgent demandé par l’équipe"); err != nil {
			t.Fatal(err)
		}
		if !names()["medecin@berceau.example"] {
			t.Error("a physician who broke the glass is not offered while the grant lasts")
		}
	})
}
