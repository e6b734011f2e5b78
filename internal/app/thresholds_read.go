package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// IncomeThresholds returns the table screenings use now, and whether it is
// the network's own (false: the embedded example), for administrators.
func (a *CareService) IncomeThresholds(ctx context.Context, actor berceau.Actor) (care.IncomeThresholds, bool, error) {
	var t care.IncomeThresholds
	var own bool
	err := a.read(ctx, actor, berceau.PermAdminOrganisations, nil, func(tx *store.Tx) (err error) {
		t, own, err = tx.CurrentIncomeThresholds(ctx)
		return err
	})
	if err == nil && !own {
		t = care.DefaultIncomeThresholds()
	}
	return t, own, err
}
