package app

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// TransferReceipt is what the coordinator who sent a file elsewhere is told
// once it has left her reach: where it went and when, nothing of the family.
type TransferReceipt struct {
	FamilyID int64
	ToSite   string
	ToTeam   string
	At       time.Time
	InReach  bool // the file is still in the actor's scope (another team of her site)
}

// LastTransferBy reads the latest transfer of a family file made by the
// actor: a coordinator who transfers a file to another site can no longer
// open it, yet must see that the transfer happened and where the file went.
// Nobody else's transfer is shown (not found), and the read is audited.
func (a *CareService) LastTransferBy(ctx context.Context, actor berceau.Actor, familyID int64) (TransferReceipt, error) {
	const action = "family.transfer.receipt"
	receipt := TransferReceipt{FamilyID: familyID}
	found := false
	err := a.readAudited(ctx, actor, action, "family", familyID, func(tx *store.Tx) (string, error) {
		// Its reach is the transfers the actor made, not the file's scope.
		if !actor.Can(berceau.PermAssignments) || actor.System {
			return "", forbidden()
		}
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		f, err := tx.FamilyByID(ctx, familyID)
		if err != nil {
			return "", err
		}
		history, err := tx.StatusHistory(ctx, familyID)
		if err != nil {
			return "", err
		}
		var last care.StatusChange
		for _, c := range history {
			if c.Transfer() && c.ChangedBy == actor.User.ID {
				last, found = c, true
			}
		}
		if !found {
			return "", berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return "", err
		}
		for _, s := range sites {
			if s.ID == last.ToSiteID {
				receipt.ToSite = s.Name
			}
		}
		teams, err := tx.ListTeams(ctx)
		if err != nil {
			return "", err
		}
		for _, t := range teams {
			if t.ID == last.ToTeamID {
				receipt.ToTeam = t.Name
			}
		}
		receipt.At, receipt.InReach = last.At, care.ScopeCovers(scope, f)
		return "", nil
	})
	if err != nil && berceau.IsNotFound(err) {
		a.recordAlone(ctx, actor, action, "family", familyID, berceau.OutcomeDenied, "no transfer by this actor")
	}
	return receipt, domainError(err)
}
