package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// The HSDS 3.1 read API under /hsds/: anyone reads public fields; a
// personal access token of a network member also reads professionals-only
// ones. It is read-only, like the standard.

// hsdsHandler is the /hsds/ subtree, mounted on the web mux like /api/.
func (s *Server) hsdsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hsds/{$}", s.hsdsRoot)
	mux.HandleFunc("GET /hsds/services", s.hsdsServices)
	mux.HandleFunc("GET /hsds/services/{id}", s.hsdsService)
	mux.HandleFunc("GET /hsds/organizations", s.hsdsOrganizations)
	mux.HandleFunc("GET /hsds/organizations/{id}", s.hsdsOrganization)
	mux.HandleFunc("GET /hsds/taxonomies", s.hsdsTaxonomies("taxonomy"))
	mux.HandleFunc("GET /hsds/taxonomy_terms", s.hsdsTaxonomies("taxonomy_term"))
	mux.HandleFunc("GET /hsds/service_at_locations", s.hsdsServiceAtLocations)
	mux.HandleFunc("/hsds/", func(w http.ResponseWriter, r *http.Request) { hsdsError(w, http.StatusNotFound, "not found") })
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		state(r).route = pattern
		mux.ServeHTTP(w, r)
	})
}

// hsdsActor is who reads: a bearer token's owner, or the public. A bad
// token is refused rather than read as public, so a script notices.
func (s *Server) hsdsActor(w http.ResponseWriter, r *http.Request) (berceau.Actor, bool) {
	header := r.Header.Get("Authorization")
	if header == "" {
		return berceau.Anonymous(state(r).client), true
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		hsdsError(w, http.StatusUnauthorized, "expected Authorization: Bearer TOKEN")
		return berceau.Actor{}, false
	}
	actor, err := s.app.ActorForToken(r.Context(), strings.TrimSpace(token), state(r).client)
	if err != nil {
		hsdsError(w, http.StatusUnauthorized, "invalid or expired token")
		return berceau.Actor{}, false
	}
	return actor, true
}

func hsdsError(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"status": status, "detail": detail})
}

func writeHSDS(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// hsdsPage is HSDS's Page object.
type hsdsPage struct {
	TotalItems int              `json:"total_items"`
	TotalPages int              `json:"total_pages"`
	PageNumber int              `json:"page_number"`
	Size       int              `json:"size"`
	FirstPage  bool             `json:"first_page"`
	LastPage   bool             `json:"last_page"`
	Empty      bool             `json:"empty"`
	Contents   []map[string]any `json:"contents"`
}

type paging struct{ page, perPage int }

func readPaging(r *http.Request) paging {
	p := paging{page: 1, perPage: 50}
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 0 {
		p.page = n
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && n > 0 {
		p.perPage = min(n, 500)
	}
	return p
}

func (p paging) wrap(contents []map[string]any, total int) hsdsPage {
	pages := (total + p.perPage - 1) / p.perPage
	if contents == nil {
		contents = []map[string]any{}
	}
	return hsdsPage{TotalItems: total, TotalPages: pages, PageNumber: p.page, Size: len(contents), FirstPage: p.page == 1,
		LastPage: p.page >= pages, Empty: len(contents) == 0, Contents: contents}
}

// ndjson streams every item, one JSON object a line, without pagination.
func ndjson(r *http.Request) bool { return r.URL.Query().Get("format") == "ndjson" }

func writeNDJSON(w http.ResponseWriter, items []map[string]any) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	enc := json.NewEncoder(w)
	for _, it := range items {
		_ = enc.Encode(it)
	}
}

func (s *Server) hsdsRoot(w http.ResponseWriter, r *http.Request) {
	writeHSDS(w, map[string]any{"version": hsds.Version, "profile": "https://berceau.example/hsds/profile/perinatal",
		"openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json"})
}

// hsdsQuery turns the list parameters into a directory search. ok is false
// when a parameter is malformed (the answer is then written).
func hsdsQuery(w http.ResponseWriter, r *http.Request) (berceau.DirectoryQuery, time.Time, string, bool) {
	v := r.URL.Query()
	q := berceau.DirectoryQuery{Text: v.Get("search"), NeedID: v.Get("taxonomy_term_id"), Now: time.Now()}
	var after time.Time
	if m := v.Get("modified_after"); m != "" {
		t, err := time.Parse(time.RFC3339, m)
		if err != nil {
			if t, err = time.Parse("2006-01-02", m); err != nil {
				hsdsError(w, http.StatusBadRequest, "modified_after must be an RFC 3339 date-time")
				return q, after, "", false
			}
		}
		after = t
	}
	return q, after, v.Get("organization_id"), true
}

// matchingServices lists, in rank order, the ids of the services the
// list parameters select.
func (s *Server) matchingServices(w http.ResponseWriter, r *http.Request, q berceau.DirectoryQuery) ([]*berceau.DirectoryEntry, []float64, bool) {
	ix, err := s.app.DirectoryIndex(r.Context())
	if err != nil {
		hsdsError(w, http.StatusInternalServerError, "directory unavailable")
		return nil, nil, false
	}
	_, after, org, ok := hsdsQuery(w, r)
	if !ok {
		return nil, nil, false
	}
	q.Limit = ix.Len() + 1
	hits, _ := ix.Search(q)
	var entries []*berceau.DirectoryEntry
	var dist []float64
	for _, h := range hits {
		if (org != "" && h.Entry.OrganizationID != org) || (!after.IsZero() && !h.Entry.LastModified.After(after)) {
			continue
		}
		entries = append(entries, h.Entry)
		dist = append(dist, h.DistanceKm)
	}
	return entries, dist, true
}

func (s *Server) hsdsServices(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	q, _, _, ok := hsdsQuery(w, r)
	if !ok {
		return
	}
	entries, _, ok := s.matchingServices(w, r, q)
	if !ok {
		return
	}
	pg := readPaging(r)
	selected := entries
	if !ndjson(r) {
		from := min(len(entries), (pg.page-1)*pg.perPage)
		selected = entries[from:min(len(entries), from+pg.perPage)]
	}
	ids := make([]string, len(selected))
	for i, e := range selected {
		ids[i] = e.ServiceID
	}
	ds, err := s.app.DirectoryRecords(r.Context(), actor, ids)
	if err != nil {
		hsdsError(w, http.StatusInternalServerError, "directory unavailable")
		return
	}
	items := hsds.Flat(ds, app.DirectoryAudience(actor), "service")
	if ndjson(r) {
		writeNDJSON(w, items)
		return
	}
	writeHSDS(w, pg.wrap(items, len(entries)))
}

func (s *Server) hsdsService(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if !berceau.ValidUUID(id) {
		hsdsError(w, http.StatusNotFound, "no such service")
		return
	}
	ds, err := s.app.DirectoryRecords(r.Context(), actor, []string{id})
	if err != nil || len(ds.Services) == 0 {
		hsdsError(w, http.StatusNotFound, "no such service")
		return
	}
	writeHSDS(w, hsds.Services(ds, app.DirectoryAudience(actor))[0])
}

func (s *Server) hsdsOrganizations(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	pg := readPaging(r)
	p := store.DirectoryPage{Offset: (pg.page - 1) * pg.perPage, Limit: pg.perPage}
	if ndjson(r) {
		p = store.DirectoryPage{}
	}
	ds, total, err := s.app.DirectoryOrganizationRecords(r.Context(), actor, p, false)
	if err != nil {
		hsdsError(w, http.StatusInternalServerError, "directory unavailable")
		return
	}
	items := hsds.Flat(ds, app.DirectoryAudience(actor), "organization")
	if ndjson(r) {
		writeNDJSON(w, items)
		return
	}
	writeHSDS(w, pg.wrap(items, total))
}

func (s *Server) hsdsOrganization(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if !berceau.ValidUUID(id) {
		hsdsError(w, http.StatusNotFound, "no such organization")
		return
	}
	ds, _, err := s.app.DirectoryOrganizationRecords(r.Context(), actor, store.DirectoryPage{IDs: []string{id}}, true)
	if err != nil || len(ds.Organizations) == 0 {
		hsdsError(w, http.StatusNotFound, "no such organization")
		return
	}
	writeHSDS(w, hsds.Organizations(ds, app.DirectoryAudience(actor), true)[0])
}

func (s *Server) hsdsTaxonomies(table string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ds, err := s.app.DirectoryTaxonomies(r.Context())
		if err != nil {
			hsdsError(w, http.StatusInternalServerError, "directory unavailable")
			return
		}
		items := hsds.Flat(ds, hsds.Public, table)
		if taxonomy := r.URL.Query().Get("taxonomy_id"); taxonomy != "" && table == "taxonomy_term" {
			kept := items[:0]
			for _, it := range items {
				if it["taxonomy_id"] == taxonomy {
					kept = append(kept, it)
				}
			}
			items = kept
		}
		if ndjson(r) {
			writeNDJSON(w, items)
			return
		}
		pg := readPaging(r)
		total := len(items)
		from := min(total, (pg.page-1)*pg.perPage)
		writeHSDS(w, pg.wrap(items[from:min(total, from+pg.perPage)], total))
	}
}

// hsdsServiceAtLocations lists where services are offered; postcode and
// proximity (metres from the postcode's centre) sort and limit by distance.
// Redacted locations have no public position, so proximity never finds them.
func (s *Server) hsdsServiceAtLocations(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	q, _, _, ok := hsdsQuery(w, r)
	if !ok {
		return
	}
	v := r.URL.Query()
	if pc := v.Get("postcode"); pc != "" {
		ix, err := s.app.DirectoryIndex(r.Context())
		if err != nil {
			hsdsError(w, http.StatusInternalServerError, "directory unavailable")
			return
		}
		point, found := ix.PostalCodePoint(pc)
		if !found {
			writeHSDS(w, readPaging(r).wrap(nil, 0))
			return
		}
		q.Near = &point
		if m, err := strconv.ParseFloat(v.Get("proximity"), 64); err == nil && m > 0 {
			q.RadiusKm = m / 1000
		}
	}
	entries, _, ok := s.matchingServices(w, r, q)
	if !ok {
		return
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ServiceID
	}
	ds, err := s.app.DirectoryRecords(r.Context(), actor, ids)
	if err != nil {
		hsdsError(w, http.StatusInternalServerError, "directory unavailable")
		return
	}
	aud := app.DirectoryAudience(actor)
	var items []map[string]any
	for _, it := range hsds.ServiceAtLocations(ds, aud) {
		if loc, _ := it["location"].(map[string]any); q.Near != nil && (loc == nil || loc["latitude"] == nil) {
			continue
		}
		items = append(items, it)
	}
	if ndjson(r) {
		writeNDJSON(w, items)
		return
	}
	pg := readPaging(r)
	total := len(items)
	from := min(total, (pg.page-1)*pg.perPage)
	writeHSDS(w, pg.wrap(items[from:min(total, from+pg.perPage)], total))
}
