package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// The map of organisations by type: every organisation of a kind (every
// community social pediatrics centre…) with where its services are offered.
// It is a public page: public fields only, and a redacted location keeps
// its address and position to itself.

// MapOrganization is one organisation of the map.
type MapOrganization struct {
	ID   string
	Name berceau.Text
	// Services are its services that search shows, by name; ServiceCount
	// counts all of them when only the first are kept.
	Services     []*search.DirectoryEntry
	ServiceCount int
	// Locations are where those services are offered, public view: a
	// redacted location has neither address nor position.
	Locations []directory.DirectoryLocation
}

// Bounds of the map of organisations: a kind can hold thousands of
// organisations with thousands of services each.
const (
	MapOrganizationsMax   = 500
	mapServicesPerOrg     = 8
	mapLocatedServicesMax = 4000
)

// DirectoryOrganizationsOfKind lists the organisations of a kind, by name,
// the first MapOrganizationsMax of them, and how many there are.
func (a *DirectoryService) DirectoryOrganizationsOfKind(ctx context.Context, kind directory.TaxonomyTerm) ([]MapOrganization, int, error) {
	ix, err := a.DirectoryIndex(ctx)
	if err != nil {
		return nil, 0, err
	}
	all := ix.OrganizationsOfKind(kind.ID, mapServicesPerOrg)
	total := len(all)
	if len(all) > MapOrganizationsMax {
		all = all[:MapOrganizationsMax]
	}
	orgs := make([]MapOrganization, len(all))
	var serviceIDs []string
	for i, o := range all {
		orgs[i] = MapOrganization{ID: o.ID, Name: o.Name, Services: o.Services, ServiceCount: o.ServiceCount}
		for _, s := range orgs[i].Services {
			if len(serviceIDs) < mapLocatedServicesMax {
				serviceIDs = append(serviceIDs, s.ServiceID)
			}
		}
	}
	if len(serviceIDs) == 0 {
		return orgs, total, nil
	}
	err = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		links, err := tx.ServiceLocationLinks(ctx, serviceIDs)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		ids := []string{}
		for _, list := range links {
			for _, l := range list {
				if !seen[l.LocationID] {
					seen[l.LocationID] = true
					ids = append(ids, l.LocationID)
				}
			}
		}
		locs, err := tx.DirectoryLocations(ctx, store.DirectoryPage{IDs: ids})
		if err != nil {
			return err
		}
		// A public page: what an anonymous visitor reads.
		RedactDirectory(&hsds.Dataset{Locations: locs}, DirectoryAudience(berceau.Anonymous("")))
		byID := make(map[string]directory.DirectoryLocation, len(locs))
		for _, l := range locs {
			byID[l.ID] = l
		}
		for i := range orgs {
			placed := map[string]bool{}
			for _, s := range orgs[i].Services {
				for _, link := range links[s.ServiceID] {
					if l, ok := byID[link.LocationID]; ok && !placed[l.ID] {
						placed[l.ID] = true
						orgs[i].Locations = append(orgs[i].Locations, l)
					}
				}
			}
		}
		return nil
	})
	return orgs, total, domainError(err)
}
