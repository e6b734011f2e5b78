package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// authorizeFamilyChange checks, inside the transaction that acts, that the
// actor holds perm and that the family is in their own reach for a change:
// their sites and care teams, never a break-the-glass opening (which reads
// only). Checking here, rather than in a read before the write, means the
// check and the change see the same rows. A family out of reach is not
// found, whether it exists or not.
func authorizeFamilyChange(ctx context.Context, tx *store.Tx, actor berceau.Actor, perm berceau.Permission, familyID int64) (berceau.Family, error) {
	if !actor.Can(perm) || actor.System {
		return berceau.Family{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	scope, err := familyScopeTx(ctx, tx, actor)
	if err != nil {
		return berceau.Family{}, err
	}
	scope.FamilyIDs = nil // break-the-glass grants read, never change
	f, err := tx.FamilyByID(ctx, familyID)
	if berceau.IsNotFound(err) || (err == nil && !scope.CoversFamily(f)) {
		return berceau.Family{}, berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
	}
	return f, err
}
