package app

import (
	"context"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// DirectoryRecords reads the services with these ids, in this order, with
// their organisations and locations, stripped for the actor's audience.
func (a *DirectoryService) DirectoryRecords(ctx context.Context, actor berceau.Actor, ids []string) (*hsds.Dataset, error) {
	aud := DirectoryAudience(actor)
	ds := &hsds.Dataset{}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		return readDirectory(ctx, tx, ds, store.DirectoryPage{IDs: ids}, storeAudience(aud))
	})
	if err != nil {
		return nil, err
	}
	if len(ds.Warnings) > 0 {
		// Legacy values the domain now refuses were left out of the answer;
		// `berceau export hsds` names each one.
		a.log.Warn("directory: invalid stored values left out of an API answer", "count", len(ds.Warnings))
	}
	order := make(map[string]int, len(ids))
	for i, id := range ids {
		order[id] = i
	}
	sorted := make([]directory.DirectoryService, len(ds.Services))
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
	RedactDirectory(ds, aud)
	return ds, nil
}

// DirectoryPage selects directory records: a window of them (Limit 0:
// all), or only those with these ids, or those of one organisation.
type DirectoryPage struct {
	Offset, Limit  int
	ModifiedAfter  time.Time
	OrganizationID string
	IDs            []string // only these, when set
}

// DirectoryOrganizationRecords reads organisations (all when ids is nil)
// with, when withServices, their services.
func (a *DirectoryService) DirectoryOrganizationRecords(ctx context.Context, actor berceau.Actor, p DirectoryPage, withServices bool) (*hsds.Dataset, int, error) {
	aud := DirectoryAudience(actor)
	ds := &hsds.Dataset{}
	var total int
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if ds.Organizations, total, err = tx.DirectoryOrganizations(ctx, store.DirectoryPage(p)); err != nil {
			return err
		}
		if !withServices {
			return nil
		}
		for _, o := range ds.Organizations {
			list, _, err := tx.DirectoryServices(ctx, store.DirectoryPage{OrganizationID: o.ID}, storeAudience(aud))
			if err != nil {
				return err
			}
			ds.Services = append(ds.Services, list...)
		}
		return nil
	})
	RedactDirectory(ds, aud)
	return ds, total, err
}

// DirectoryTaxonomies reads every taxonomy and term.
func (a *DirectoryService) DirectoryTaxonomies(ctx context.Context) (*hsds.Dataset, error) {
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
func (a *DirectoryService) DirectoryServiceAtLocationRecords(ctx context.Context, actor berceau.Actor, id string) (*hsds.Dataset, error) {
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

// locationPoints are the positions of every service-at-location, for one
// reader: a redacted location has no position for the public.
type locationPoints struct {
	byService map[string][]store.ServiceLocationPoint
	public    bool
}

// of lists a service's service-at-locations, by id.
func (lp locationPoints) of(serviceID string) []store.ServiceLocationPoint {
	return lp.byService[serviceID]
}

// position is where a service-at-location is, if the reader may know it.
func (lp locationPoints) position(pt store.ServiceLocationPoint) (search.GeoPoint, bool) {
	if !pt.Lat.Valid || !pt.Lon.Valid || (lp.public && pt.Redacted) {
		return search.GeoPoint{}, false
	}
	return search.GeoPoint{Lat: pt.Lat.Float64, Lon: pt.Lon.Float64}, true
}

// pointsHolder caches a store's location points like the search index:
// read again after a write of this process, or when another instance
// changed the directory (its revision), checked at most every indexRecheck.
type pointsHolder struct {
	mu        sync.Mutex
	points    map[string][]store.ServiceLocationPoint
	revision  int64
	generated uint64
	checked   time.Time
}

// serviceLocationPoints returns the positions of every
// service-at-location, grouped by service, for the actor.
func (a *DirectoryService) serviceLocationPoints(ctx context.Context, actor berceau.Actor) (locationPoints, error) {
	lp := locationPoints{public: DirectoryAudience(actor) == hsds.Public}
	h := a.points
	h.mu.Lock()
	defer h.mu.Unlock()
	gen := a.store.Generation()
	if h.points != nil && gen == h.generated && time.Since(h.checked) < indexRecheck {
		lp.byService = h.points
		return lp, nil
	}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		rev, err := tx.DirectoryRevision(ctx)
		if err != nil {
			return err
		}
		if h.points != nil && rev == h.revision {
			return nil
		}
		points, err := tx.ServiceLocationPoints(ctx)
		if err != nil {
			return err
		}
		h.points, h.revision = points, rev
		return nil
	})
	if err != nil {
		return lp, err
	}
	h.generated, h.checked = gen, time.Now()
	lp.byService = h.points
	return lp, nil
}
