package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// IncomeThresholds returns the table screenings use now, and whether it is
// the network's own (false: the embedded example), for administrators.
func (a *App) IncomeThresholds(ctx context.Context, actor berceau.Actor) (berceau.IncomeThresholds, bool, error) {
	if !actor.Can(berceau.PermAdminOrganisations) {
		return berceau.IncomeThresholds{}, false, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var t berceau.IncomeThresholds
	var own bool
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		t, own, err = tx.CurrentIncomeThresholds(ctx)
		return err
	})
	if err == nil && !own {
		t = berceau.DefaultIncomeThresholds()
	}
	return t, own, domainError(err)
}
