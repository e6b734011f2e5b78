package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// NetworkOverview returns the public face of the network: its name and its
// member organisations with their sites. Anyone may read it, signed in or not;
// it holds no family data.
func (a *AdminService) NetworkOverview(ctx context.Context) (berceau.NetworkOverview, error) {
	var overview berceau.NetworkOverview
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		name, err := tx.Setting(ctx, berceau.SettingNetworkName)
		if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		overview.Name = name
		overview.Organisations, err = tx.ListOrganisations(ctx)
		return err
	})
	if err != nil {
		return overview, berceau.Wrap(err, "error.internal_message")
	}
	return overview, nil
}
