package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// DecisionProposal is a team decision as a professional proposes it.
type DecisionProposal struct {
	FamilyID       int64
	Verdict        berceau.AdmissionVerdict
	Rationale      string
	Orientation    string
	ParticipantIDs []int64
}

// ProposeDecision opens a team decision about a family in the proposer's
// scope. Every participant must be able to take part in team decisions and
// to see the file. A new decision supersedes the family's earlier ones.
func (a *App) ProposeDecision(ctx context.Context, actor berceau.Actor, in DecisionProposal) (berceau.AdmissionDecision, error) {
	d := berceau.AdmissionDecision{FamilyID: in.FamilyID, Verdict: in.Verdict, Rationale: in.Rationale, Orientation: in.Orientation,
		Quorum: berceau.DefaultQuorum, ProposedBy: actor.User.ID}
	if !actor.Can(berceau.PermTeamDecisions) {
		a.recordAlone(ctx, actor, "family.decision.propose", "family", in.FamilyID, berceau.OutcomeDenied, "")
		return d, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if _, err := a.familyInWriteReach(ctx, actor, "family.decision.propose", in.FamilyID); err != nil {
		return d, err
	}
	for _, id := range in.ParticipantIDs {
		who, err := a.ActorFor(ctx, id, "")
		if err != nil || !who.Can(berceau.PermTeamDecisions) {
			return d, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"participants": "error.participant_not_allowed"}}
		}
		if _, err := a.familyInScope(ctx, who, in.FamilyID); err != nil {
			return d, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"participants": "error.participant_not_allowed"}}
		}
		d.Participants = append(d.Participants, berceau.Participant{UserID: id, Name: who.User.DisplayName, Discipline: who.User.Discipline})
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAdmissionDecision(ctx, &d); err != nil {
			return err
		}
		if err := a.tellParticipants(ctx, tx, actor, d); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.decision.propose", "family", in.FamilyID, berceau.OutcomeSuccess,
			string(d.Verdict)+", decision "+strconv.FormatInt(d.ID, 10))
	})
	return d, domainError(err)
}

// ConfirmDecision records the actor's confirmation of a team decision. When
// the quorum is reached the decision takes effect: an admission makes the
// file active, a refusal closes it.
func (a *App) ConfirmDecision(ctx context.Context, actor berceau.Actor, decisionID int64) (berceau.AdmissionDecision, error) {
	var d berceau.AdmissionDecision
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		var err error
		if d, err = tx.AdmissionDecisionByID(ctx, decisionID); err != nil {
			return err
		}
		f, err := authorizeFamilyChange(ctx, tx, actor, berceau.PermTeamDecisions, d.FamilyID)
		if err != nil {
			d = berceau.AdmissionDecision{}
			return err
		}
		if err := d.Confirm(actor.User.ID, tx.Now()); err != nil {
			return err
		}
		if err := tx.SaveConfirmations(ctx, d); err != nil {
			return err
		}
		if d.Complete() {
			status := berceau.FamilyActive
			if d.Verdict == berceau.VerdictRefuse {
				status = berceau.FamilyClosed
			}
			if err := tx.SetFamilyStatus(ctx, d.FamilyID, status); err != nil {
				return err
			}
			change := berceau.StatusChange{FamilyID: d.FamilyID, From: f.Status, To: status,
				Reason: string(berceau.BasisTeamDecision), ChangedBy: actor.User.ID}
			if err := tx.AddStatusChange(ctx, &change); err != nil {
				return err
			}
		}
		detail := "decision " + strconv.FormatInt(d.ID, 10)
		if d.Complete() {
			detail += ", quorum reached"
		}
		return record(ctx, tx, actor, "family.decision.confirm", "family", d.FamilyID, berceau.OutcomeSuccess, detail)
	})
	if err != nil && berceau.KindOf(err) != berceau.KindInternal {
		a.recordAlone(ctx, actor, "family.decision.confirm", "admission_decision", decisionID, berceau.OutcomeDenied, string(berceau.KindOf(err)))
	}
	return d, domainError(err)
}

// familyInScope reads a family only if the actor may see it, without
// auditing (the callers audit what they do with it).
func (a *App) familyInScope(ctx context.Context, actor berceau.Actor, familyID int64) (berceau.Family, error) {
	return a.familyInScopeFor(ctx, actor, familyID, false)
}

// familyInWriteScope is familyInScope for a change: a break-the-glass
// opening lets its holder read a file, never change it.
func (a *App) familyInWriteScope(ctx context.Context, actor berceau.Actor, familyID int64) (berceau.Family, error) {
	return a.familyInScopeFor(ctx, actor, familyID, true)
}

// familyInWriteReach is familyInReach for a change: break-the-glass
// openings do not count, and a refusal is audited under action.
func (a *App) familyInWriteReach(ctx context.Context, actor berceau.Actor, action string, familyID int64) (berceau.Family, error) {
	f, err := a.familyInWriteScope(ctx, actor, familyID)
	if berceau.IsNotFound(err) {
		a.recordAlone(ctx, actor, action, "family", familyID, berceau.OutcomeDenied, "outside scope or absent")
	}
	return f, err
}

func (a *App) familyInScopeFor(ctx context.Context, actor berceau.Actor, familyID int64, change bool) (berceau.Family, error) {
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return berceau.Family{}, err
	}
	if change {
		scope.FamilyIDs = nil
	}
	var f berceau.Family
	err = a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		f, err = tx.FamilyByID(ctx, familyID)
		return err
	})
	if err != nil || !scope.CoversFamily(f) {
		if err != nil && !berceau.IsNotFound(err) {
			return f, domainError(err)
		}
		return berceau.Family{}, berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
	}
	return f, nil
}
