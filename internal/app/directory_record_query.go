package app

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/berceau/berceau"
	searchpkg "github.com/berceau/berceau/directory/search"
)

// DirectoryQueryService selects directory records for the open-data read
// API (HSDS 3.1): which services, organisations and service-at-locations a
// query's filters keep, in which order. The API only renders them.
type DirectoryQueryService struct{ *App }

// DirectoryRecordQuery is what a list request of the read API filters on.
type DirectoryRecordQuery struct {
	Search         string    // words that start words of the name, description…
	TermID         string    // a taxonomy term the service (or organisation kind) carries
	TaxonomyID     string    // any term of this taxonomy
	OrganizationID string    // services of this organisation only
	ModifiedAfter  time.Time // services changed after this instant only
	// Postcode sorts service-at-locations by distance from the postcode's
	// centre; ProximityM (metres) then keeps only what lies within.
	Postcode   string
	ProximityM float64
}

// ServiceAtLocation is one place where a service is offered: the
// service-at-location's id and its service's.
type ServiceAtLocation struct {
	ID, ServiceID string
}

// Services lists, in rank order, the search index entries of the services
// q selects (search, term, taxonomy, organisation, modified after).
func (d *DirectoryQueryService) Services(ctx context.Context, q DirectoryRecordQuery) ([]*searchpkg.DirectoryEntry, error) {
	ix, err := d.Directory.DirectoryIndex(ctx)
	if err != nil {
		return nil, err
	}
	search := searchpkg.DirectoryQuery{Text: q.Search, NeedID: q.TermID, Now: d.now(), Limit: ix.Len() + 1}
	var inTaxonomy map[string]bool
	if q.TaxonomyID != "" {
		if inTaxonomy, err = d.termsOf(ctx, q.TaxonomyID); err != nil {
			return nil, err
		}
	}
	hits, _ := ix.Search(search)
	var entries []*searchpkg.DirectoryEntry
	for _, h := range hits {
		e := h.Entry
		if q.OrganizationID != "" && e.OrganizationID != q.OrganizationID {
			continue
		}
		if !q.ModifiedAfter.IsZero() && e.LastModified.Before(q.ModifiedAfter) {
			continue
		}
		if inTaxonomy != nil && !anyIn(e.NeedIDs, inTaxonomy) {
			continue
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// termsOf lists the ids of a taxonomy's terms (none for an unknown one).
func (d *DirectoryQueryService) termsOf(ctx context.Context, taxonomyID string) (map[string]bool, error) {
	ds, err := d.Directory.DirectoryTaxonomies(ctx)
	if err != nil {
		return nil, err
	}
	terms := map[string]bool{}
	for _, t := range ds.Terms {
		if t.TaxonomyID == taxonomyID {
			terms[t.ID] = true
		}
	}
	return terms, nil
}

func anyIn(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

// Organizations lists, sorted, the ids of the organisations q selects:
// those whose name matches the search or with a service that matches it,
// whose kind or services carry the term or a term of the taxonomy.
// filtered is false when no filter applies (every organisation, to be paged
// by the database).
func (d *DirectoryQueryService) Organizations(ctx context.Context, actor berceau.Actor, q DirectoryRecordQuery) (ids []string, filtered bool, err error) {
	if q.Search == "" && q.TermID == "" && q.TaxonomyID == "" {
		return nil, false, nil
	}
	all, _, err := d.Directory.DirectoryOrganizationRecords(ctx, actor, DirectoryPage{}, false)
	if err != nil {
		return nil, true, err
	}
	byService := map[string]bool{}
	entries, err := d.Services(ctx, q)
	if err != nil {
		return nil, true, err
	}
	for _, e := range entries {
		byService[e.OrganizationID] = true
	}
	var inTaxonomy map[string]bool
	if q.TaxonomyID != "" {
		if inTaxonomy, err = d.termsOf(ctx, q.TaxonomyID); err != nil {
			return nil, true, err
		}
	}
	words := berceau.QueryWords(q.Search)
	for _, o := range all.Organizations {
		match := byService[o.ID]
		if !match && (q.TermID != "" || inTaxonomy != nil) && q.Search == "" {
			match = (q.TermID == "" || o.KindID == q.TermID) && (inTaxonomy == nil || inTaxonomy[o.KindID])
		}
		if !match && q.Search != "" && q.TermID == "" && q.TaxonomyID == "" {
			match = NameMatches(o.Name, words)
		}
		if match {
			ids = append(ids, o.ID)
		}
	}
	sort.Strings(ids)
	return ids, true, nil
}

// NameMatches: every query word starts a word of the name, in either
// language, accents and case aside.
func NameMatches(name berceau.Text, words []string) bool {
	if len(words) == 0 {
		return false
	}
	var all []string
	for _, lang := range name.Langs() {
		all = append(all, name.Get(lang))
	}
	have := berceau.SearchWords(strings.Join(all, " "))
	for _, w := range words {
		found := false
		for _, h := range have {
			if strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// ServiceAtLocations lists where the services q selects are offered, in
// the services' rank order; with a postcode, by distance from its centre
// (nothing for an unknown postcode), within ProximityM when set. Only
// locations whose position the actor may know are listed with a postcode:
// a redacted location has none for the public. The list is worked out from
// the services' order and the locations' positions alone.
func (d *DirectoryQueryService) ServiceAtLocations(ctx context.Context, actor berceau.Actor, q DirectoryRecordQuery) ([]ServiceAtLocation, error) {
	var near *searchpkg.GeoPoint
	if q.Postcode != "" {
		ix, err := d.Directory.DirectoryIndex(ctx)
		if err != nil {
			return nil, err
		}
		point, found := ix.PostalCodePoint(q.Postcode)
		if !found {
			return nil, nil
		}
		near = &point
	}
	// The services' filters, in rank order; distance is per location (the
	// search index knows public positions only, a member also reads
	// redacted ones).
	entries, err := d.Services(ctx, q)
	if err != nil {
		return nil, err
	}
	points, err := d.Directory.serviceLocationPoints(ctx, actor)
	if err != nil {
		return nil, err
	}
	var matched []ServiceAtLocation
	var dist []float64
	for _, e := range entries {
		for _, pt := range points.of(e.ServiceID) {
			if near != nil {
				at, known := points.position(pt)
				if !known {
					continue
				}
				m := searchpkg.DistanceKm(*near, at) * 1000
				if q.ProximityM > 0 && m > q.ProximityM {
					continue
				}
				dist = append(dist, m)
			}
			matched = append(matched, ServiceAtLocation{ID: pt.ID, ServiceID: pt.ServiceID})
		}
	}
	if near != nil {
		order := make([]int, len(matched))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return dist[order[a]] < dist[order[b]] })
		sorted := make([]ServiceAtLocation, len(matched))
		for i, k := range order {
			sorted[i] = matched[k]
		}
		matched = sorted
	}
	return matched, nil
}
