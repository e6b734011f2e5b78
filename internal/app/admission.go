package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// DecisionProposal is a team decision as a professional proposes it.
type DecisionProposal struct {
	FamilyID       int64
	Verdict        care.AdmissionVerdict
	Rationale      string
	Orientation    string
	ParticipantIDs []int64
}

// ProposeDecision opens a team decision about a family in the proposer's
// scope. Every participant must be able to take part in team decisions and
// to see the file. A new decision supersedes the family's earlier ones.
func (a *CareService) ProposeDecision(ctx context.Context, actor berceau.Actor, in DecisionProposal) (care.AdmissionDecision, error) {
	d := care.AdmissionDecision{FamilyID: in.FamilyID, Verdict: in.Verdict, Rationale: in.Rationale, Orientation: in.Orientation,
		Quorum: care.DefaultQuorum, ProposedBy: actor.User.ID}
	notAllowed := &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"participants": "error.participant_not_allowed"}}
	var participants []berceau.Actor
	if actor.Can(berceau.PermTeamDecisions) {
		for _, id := range in.ParticipantIDs {
			who, err := a.Accounts.ActorFor(ctx, id, "")
			if err != nil || !who.Can(berceau.PermTeamDecisions) {
				return d, notAllowed
			}
			participants = append(participants, who)
		}
	}
	err := a.familyWrite(ctx, actor, berceau.PermTeamDecisions, in.FamilyID, "family.decision.propose", func(tx *store.Tx, f care.Family) (string, error) {
		for _, who := range participants {
			if !who.Can(berceau.PermFamiliesRead) {
				return "", notAllowed
			}
			scope, err := familyScopeTx(ctx, tx, who)
			if err != nil {
				return "", err
			}
			if !care.ScopeCovers(scope, f) {
				return "", notAllowed
			}
			d.Participants = append(d.Participants, care.Participant{UserID: who.User.ID, Name: who.User.DisplayName, Discipline: who.User.Discipline})
		}
		if err := tx.CreateAdmissionDecision(ctx, &d); err != nil {
			return "", err
		}
		if err := a.tellParticipants(ctx, tx, actor, d); err != nil {
			return "", err
		}
		return string(d.Verdict) + ", decision " + strconv.FormatInt(d.ID, 10), nil
	})
	if err != nil {
		d.Participants = nil
	}
	return d, domainError(err)
}

// ConfirmDecision records the actor's confirmation of a team decision. When
// the quorum is reached the decision takes effect: an admission makes the
// file active, a refusal closes it.
func (a *CareService) ConfirmDecision(ctx context.Context, actor berceau.Actor, decisionID int64) (care.AdmissionDecision, error) {
	var d care.AdmissionDecision
	err := a.familyWriteOf(ctx, actor, berceau.PermTeamDecisions, "family.decision.confirm", "admission_decision", decisionID,
		func(tx *store.Tx) (id int64, err error) {
			d, err = tx.AdmissionDecisionByID(ctx, decisionID)
			return d.FamilyID, err
		},
		func(tx *store.Tx, f care.Family) (string, error) {
			if err := d.Confirm(actor.User.ID, tx.Now()); err != nil {
				return "", err
			}
			if err := tx.SaveConfirmations(ctx, d); err != nil {
				return "", err
			}
			if d.Complete() {
				status := care.FamilyActive
				if d.Verdict == care.VerdictRefuse {
					status = care.FamilyClosed
				}
				if err := tx.SetFamilyStatus(ctx, d.FamilyID, status); err != nil {
					return "", err
				}
				change := care.StatusChange{FamilyID: d.FamilyID, From: f.Status, To: status,
					Reason: string(care.BasisTeamDecision), ChangedBy: actor.User.ID}
				if err := tx.AddStatusChange(ctx, &change); err != nil {
					return "", err
				}
			}
			detail := "decision " + strconv.FormatInt(d.ID, 10)
			if d.Complete() {
				detail += ", quorum reached"
			}
			return detail, nil
		})
	if err != nil {
		return care.AdmissionDecision{}, err
	}
	return d, nil
}
