package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// Decision reads one team decision about a family of the actor's scope, with
// its participants and their confirmations. A decision of another family,
// absent or out of scope, is not found. The read is audited.
func (a *CareService) Decision(ctx context.Context, actor berceau.Actor, familyID, decisionID int64) (care.AdmissionDecision, error) {
	var d care.AdmissionDecision
	err := a.familyRead(ctx, actor, berceau.PermFamiliesRead, familyID, "family.decision.read", func(tx *store.Tx, _ care.Family) (string, error) {
		var err error
		d, err = tx.AdmissionDecisionByID(ctx, decisionID)
		if berceau.IsNotFound(err) || (err == nil && d.FamilyID != familyID) {
			// Absent, or another family's decision named under this file.
			return "", &authError{err: berceau.Errorf(berceau.KindNotFound, "error.decision_not_found"),
				detail: "decision " + strconv.FormatInt(decisionID, 10) + " not of this file"}
		}
		return "decision " + strconv.FormatInt(decisionID, 10), err
	})
	if err != nil {
		return care.AdmissionDecision{}, err
	}
	return d, nil
}

// DecisionParticipants lists the people who may take part in a team
// decision about a family of the actor's scope: enabled accounts that hold
// berceau.PermTeamDecisions and whose own family scope covers the file (its
// care team, its site's coordinators, a break-the-glass grant), the same
// rule ProposeDecision applies to each participant.
func (a *CareService) DecisionParticipants(ctx context.Context, actor berceau.Actor, familyID int64) ([]berceau.User, error) {
	var users []berceau.User
	err := a.familyLook(ctx, actor, berceau.PermFamiliesRead, familyID, "family.decision.participants", func(tx *store.Tx, f care.Family) (err error) {
		users, err = tx.PeopleWhoCanSee(ctx, f, berceau.PermTeamDecisions)
		return err
	})
	return users, err
}

// FamilyDecisions lists a file's team decisions, for the people who can see
// the file (the file's page, already audited as a read, shows them).
func (a *CareService) FamilyDecisions(ctx context.Context, actor berceau.Actor, familyID int64) ([]care.AdmissionDecision, error) {
	var list []care.AdmissionDecision
	err := a.familyLook(ctx, actor, berceau.PermFamiliesRead, familyID, "family.decision.list", func(tx *store.Tx, _ care.Family) (err error) {
		list, err = tx.DecisionsOfFamily(ctx, familyID)
		return err
	})
	return list, err
}

// CareTeam lists the professionals of the care team that follows a file,
// with their disciplines, for the people who can see the file.
func (a *CareService) CareTeam(ctx context.Context, actor berceau.Actor, familyID int64) ([]berceau.User, error) {
	var list []berceau.User
	err := a.familyLook(ctx, actor, berceau.PermFamiliesRead, familyID, "family.care_team.read", func(tx *store.Tx, f care.Family) (err error) {
		if f.TeamID != 0 {
			list, err = tx.TeamMembers(ctx, f.TeamID)
		}
		return err
	})
	return list, err
}
