package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// TestConfirmingADecisionChecksPermissionAndScopeInItsTransaction: being
// listed as a participant is not enough. Whoever has lost the permission to
// take part in team decisions, or left the family's care team since the
// proposal, confirms nothing, and the refusal is audited.
func TestConfirmingADecisionChecksPermissionAndScopeInItsTransaction(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, social, coordinator := actor("infirmiere@berceau.example"), actor("travail.social@berceau.example"), actor("coordination@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		d, err := a.Care.ProposeDecision(ctx, nurse, DecisionProposal{FamilyID: f.ID, Verdict: care.VerdictAdmit,
			Rationale: "Isolement marqué.", ParticipantIDs: []int64{nurse.User.ID, social.User.ID, coordinator.User.ID}})
		if err != nil {
			t.Fatal(err)
		}

		withoutPermission := social
		withoutPermission.Permissions = berceau.Permissions{}
		for p := range social.Permissions {
			if p != berceau.PermTeamDecisions {
				withoutPermission.Permissions[p] = true
			}
		}
		if _, err := a.Care.ConfirmDecision(ctx, withoutPermission, d.ID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a participant without the team-decision permission: %v, want forbidden", err)
		}

		admin := actor("admin@berceau.example")
		admin.SecondFactor = true
		if err := a.Admin.SetTeams(ctx, admin, social.User.ID, nil); err != nil {
			t.Fatal(err)
		}
		left := actor("travail.social@berceau.example")
		if _, err := a.Care.ConfirmDecision(ctx, left, d.ID); !berceau.IsNotFound(err) {
			t.Fatalf("a participant who left the care team: %v, want not found", err)
		}

		var denials int
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			page, err := tx.ListAudit(ctx, berceau.AuditFilter{Action: "family.decision.confirm"})
			for _, e := range page.Entries {
				if e.Outcome == berceau.OutcomeDenied && e.ActorID == social.User.ID {
					denials++
				}
			}
			return err
		})
		if denials != 2 {
			t.Fatalf("%d audited refusals, want 2", denials)
		}
		if got, err := a.Care.OpenFamily(ctx, nurse, f.ID); err != nil || got.Status == care.FamilyActive {
			t.Fatalf("the refused confirmations changed the file: %+v %v", got.Status, err)
		}
	})
}
