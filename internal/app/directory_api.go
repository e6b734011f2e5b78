package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// DirectoryAudience is what the actor may read of the directory: members
// of the network read professionals-only fields, everyone else the public
// ones.
func DirectoryAudience(actor berceau.Actor) hsds.Audience {
	if actor.Can(berceau.PermNetworkRead) {
		return hsds.Professionals
	}
	return hsds.Public
}

// DirectoryRecords reads the services with these ids, in this order, with
// their organisations and locations, stripped for the actor's audience.
func (a *App) DirectoryRecords(ctx context.Context, actor berceau.Actor, ids []string) (*hsds.Dataset, error) {
	aud := DirectoryAudience(actor)
	storeAud := store.Public
	if aud == hsds.Professionals {
		storeAud = store.Professionals
	}
	ds := &hsds.Dataset{}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		return readDirectory(ctx, tx, ds, store.DirectoryPage{IDs: ids}, storeAud)
	})
	if err != nil {
		return nil, err
	}
	order := make(map[string]int, len(ids))
	for i, id := range ids {
		order[id] = i
	}
	sorted := make([]berceau.DirectoryService, len(ds.Services))
	n := 0
	for _, s := range ds.Services {
		if i, ok := order[s.ID]; ok && i < len(sorted) {
			sorted[i] = s
			n++
		}
	}
	// Drop the gaps an id without a service left.
	kept := sorted[:0]
	for _, s := range sorted {
		if s.ID != "" {
			kept = append(kept, s)
		}
	}
	ds.Services = kept
	if aud == hsds.Public {
		for i := range ds.Locations {
			ds.Locations[i] = PublicLocation(ds.Locations[i])
		}
	}
	return ds, nil
}

// DirectoryOrganizationRecords reads organisations (all when ids is nil)
// with, when withServices, their services.
func (a *App) DirectoryOrganizationRecords(ctx context.Context, actor berceau.Actor, p store.DirectoryPage, withServices bool) (*hsds.Dataset, int, error) {
	aud := store.Public
	if DirectoryAudience(actor) == hsds.Professionals {
		aud = store.Professionals
	}
	ds := &hsds.Dataset{}
	var total int
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if ds.Organizations, total, err = tx.DirectoryOrganizations(ctx, p); err != nil {
			return err
		}
		if !withServices {
			return nil
		}
		for _, o := range ds.Organizations {
			list, _, err := tx.DirectoryServices(ctx, store.DirectoryPage{OrganizationID: o.ID}, aud)
			if err != nil {
				return err
			}
			ds.Services = append(ds.Services, list...)
		}
		return nil
	})
	return ds, total, err
}

// DirectoryTaxonomies reads every taxonomy and term.
func (a *App) DirectoryTaxonomies(ctx context.Context) (*hsds.Dataset, error) {
	ds := &hsds.Dataset{}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if ds.Taxonomies, err = tx.Taxonomies(ctx); err != nil {
			return err
		}
		ds.Terms, err = tx.TaxonomyTerms(ctx, "")
		return err
	})
	return ds, err
}

// DirectoryServiceAtLocationRecords reads the service a
// service-at-location belongs to, with its organisation and locations,
// stripped for the actor's audience, or a not-found error.
func (a *App) DirectoryServiceAtLocationRecords(ctx context.Context, actor berceau.Actor, id string) (*hsds.Dataset, error) {
	if !berceau.ValidUUID(id) {
		return nil, berceau.Errorf(berceau.KindNotFound, "hsds_api.not_found")
	}
	var serviceID string
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		serviceID, err = tx.ServiceIDOfServiceAtLocation(ctx, id)
		return err
	}); err != nil {
		return nil, domainError(err)
	}
	return a.DirectoryRecords(ctx, actor, []string{serviceID})
}
