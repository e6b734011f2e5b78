package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestATeamDecisionTakesEffectOnlyWhenTwoDisciplinesConfirm(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social, trainee := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("stagiaire@berceau.example")
		coordinator := actor("coordination@berceau.example")
		f, _, err := a.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: berceau.VerdictAdmit, Rationale: "Isolement marqué.",
			ParticipantIDs: []int64{nurse.User.ID, trainee.User.ID}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a trainee as participant: %v, want invalid (trainees take no part in team decisions)", err)
		}
		midwife := actor("sage-femme@berceau.example")
		if _, err := a.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: berceau.VerdictAdmit, Rationale: "x",
			ParticipantIDs: []int64{nurse.User.ID, midwife.User.ID}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a participant who cannot see the file: %v", err)
		}
		d, err := a.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: berceau.VerdictAdmit,
			Rationale:      "Isolement marqué depuis l’arrivée; revenu juste au-dessus du seuil.",
			ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if d, err = a.ConfirmDecision(ctx, nurse, d.ID); err != nil || d.Complete() {
			t.Fatalf("first confirmation: complete=%v err=%v", d.Complete(), err)
		}
		if _, err := a.ConfirmDecision(ctx, nurse, d.ID); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("the same person twice: %v", err)
		}
		if _, err := a.ConfirmDecision(ctx, midwife, d.ID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("someone not listed: %v", err)
		}
		if d, err = a.ConfirmDecision(ctx, social, d.ID); err != nil || !d.Complete() {
			t.Fatalf("second discipline: complete=%v err=%v", d.Complete(), err)
		}
		if _, err := a.ConfirmDecision(ctx, coordinator, d.ID); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("confirming a complete decision: %v", err)
		}
		got, _ := a.OpenFamily(ctx, nurse, f.ID)
		if got.Status != berceau.FamilyActive {
			t.Fatalf("family status after admission: %s", got.Status)
		}
		h, err := a.FamilyHistory(ctx, nurse, f.ID)
		if err != nil || len(h.Status) != 1 || h.Status[0].Reason != string(berceau.BasisTeamDecision) || h.Status[0].To != berceau.FamilyActive {
			t.Fatalf("status history after a team decision: %+v %v", h.Status, err)
		}
		later, err := a.ProposeDecision(ctx, coordinator, DecisionProposal{FamilyID: f.ID, Verdict: berceau.VerdictRefuse,
			Rationale: "La famille a déménagé.", Orientation: "CLSC de son nouveau quartier", ParticipantIDs: []int64{nurse.User.ID, social.User.ID}})
		if err != nil {
			t.Fatal(err)
		}
		var first berceau.AdmissionDecision
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { first, err = tx.AdmissionDecisionByID(ctx, d.ID); return err })
		if first.SupersededBy != later.ID || !first.Complete() {
			t.Fatalf("the earlier decision: superseded by %d (want %d), complete %v", first.SupersededBy, later.ID, first.Complete())
		}
	})
}
