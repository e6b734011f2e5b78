package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// IncomeThresholds returns the table screenings use now, and whether it is
// the network's own (false: the embedded example), for administrators.
func (a *App) IncomeThresholds(ctx context.Context, actor berceau.Actor) (berceau.IncomeThresholds, bool, error) {
	var t berceau.IncomeThresholds
	var own bool
	err := a.read(ctx, actor, berceau.PermAdminOrganisations, nil, func(tx *store.Tx) (err error) {
		t, own, err = tx.CurrentIncomeThresholds(ctx)
		return err
	})
	if err == nil && !own {
		t = berceau.DefaultIncomeThresholds()
	}
	return t, own, err
}
