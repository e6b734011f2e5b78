package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// The HSDS 3.1 read API under /hsds/ (Open Referral's API description,
// schema/openapi.json): anyone reads public fields; a personal access
// token of a network member also reads professionals-only ones. It is
// read-only, like the standard. Malformed parameters are answered with a
// translated RFC 9457 problem document.

// hsdsHandler is the /hsds/ subtree, mounted on the web mux like /api/.
func (s *Server) hsdsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hsds/{$}", s.hsdsRoot)
	mux.HandleFunc("GET /hsds/services", s.hsdsServices)
	mux.HandleFunc("GET /hsds/services/{id}", s.hsdsService)
	mux.HandleFunc("GET /hsds/organizations", s.hsdsOrganizations)
	mux.HandleFunc("GET /hsds/organizations/{id}", s.hsdsOrganization)
	mux.HandleFunc("GET /hsds/taxonomies", s.hsdsTaxonomies("taxonomy"))
	mux.HandleFunc("GET /hsds/taxonomies/{id}", s.hsdsTaxonomyItem("taxonomy"))
	mux.HandleFunc("GET /hsds/taxonomy_terms", s.hsdsTaxonomies("taxonomy_term"))
	mux.HandleFunc("GET /hsds/taxonomy_terms/{id}", s.hsdsTaxonomyItem("taxonomy_term"))
	mux.HandleFunc("GET /hsds/service_at_locations", s.hsdsServiceAtLocations)
	mux.HandleFunc("GET /hsds/service_at_locations/{id}", s.hsdsServiceAtLocation)
	// The API description also lists POST for each list, with the same
	// query parameters and no body: the same answers.
	mux.HandleFunc("POST /hsds/services", s.hsdsServices)
	mux.HandleFunc("POST /hsds/organizations", s.hsdsOrganizations)
	mux.HandleFunc("POST /hsds/taxonomies", s.hsdsTaxonomies("taxonomy"))
	mux.HandleFunc("POST /hsds/taxonomy_terms", s.hsdsTaxonomies("taxonomy_term"))
	mux.HandleFunc("POST /hsds/service_at_locations", s.hsdsServiceAtLocations)
	// A known path asked with another method (DELETE, PUT…) is 405 with
	// the methods it allows; anything else is 404.
	allowed := map[string]string{"/hsds/{$}": "GET"}
	for _, list := range []string{"services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"} {
		allowed["/hsds/"+list] = "GET, POST"
		allowed["/hsds/"+list+"/{id}"] = "GET"
	}
	known := http.NewServeMux()
	for pattern := range allowed {
		known.Handle(pattern, http.NotFoundHandler())
	}
	mux.HandleFunc("/hsds/", func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := known.Handler(r); allowed[pattern] != "" {
			w.Header().Set("Allow", allowed[pattern])
			s.hsdsProblem(w, r, http.StatusMethodNotAllowed, "error.method_message", "")
			return
		}
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
	})
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
		s.hsdsProblem(w, r, http.StatusUnauthorized, "hsds_api.bad_token", "")
		return berceau.Actor{}, false
	}
	actor, err := s.app.ActorForToken(r.Context(), strings.TrimSpace(token), state(r).client)
	if err != nil && unavailable(err) {
		s.hsdsUnavailable(w, r, err)
		return berceau.Actor{}, false
	}
	if err != nil {
		s.hsdsProblem(w, r, http.StatusUnauthorized, "hsds_api.bad_token", "")
		return berceau.Actor{}, false
	}
	return actor, true
}

// hsdsProblem writes an RFC 9457 problem document in the request's
// language; param names the query parameter at fault, if any.
func (s *Server) hsdsProblem(w http.ResponseWriter, r *http.Request, status int, key, param string) {
	location := ""
	if param != "" {
		location = "query." + param
	}
	s.apiProblem(w, r, status, key, location)
}

// apiProblem writes an RFC 9457 problem document in the request's language
// for the /api/ and /hsds/ surfaces; location, when set, names the value at
// fault ("query.page", "body.name") and is given to the message as Field.
func (s *Server) apiProblem(w http.ResponseWriter, r *http.Request, status int, key, location string) {
	lang := state(r).lang
	if lang == "" {
		lang = s.i18n.Negotiate(r.Header.Get("Accept-Language"))
	}
	l := s.i18n.Localizer(lang)
	if status >= 500 && status != http.StatusServiceUnavailable {
		key, location = "error.internal_message", ""
	}
	detail := l.T(key, "Field", location)
	doc := map[string]any{"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": detail}
	if location != "" {
		doc["errors"] = []map[string]any{{"location": location, "message": detail}}
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", lang)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(doc)
}

// hsdsUnavailable answers a read that failed: 503 with Retry-After when the
// database cannot answer now, 500 otherwise.
func (s *Server) hsdsUnavailable(w http.ResponseWriter, r *http.Request, err error) {
	if unavailable(err) {
		s.log.Warn("hsds api: database unavailable", "route", state(r).route, "id", state(r).id, "err", err)
		w.Header().Set("Retry-After", retryAfterSeconds)
		s.hsdsProblem(w, r, http.StatusServiceUnavailable, "hardening_input.unavailable_message", "")
		return
	}
	s.log.Error("hsds api", "route", state(r).route, "id", state(r).id, "err", err)
	s.hsdsProblem(w, r, http.StatusInternalServerError, "error.internal_message", "")
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

// maxPerPage bounds per_page; a larger value is read as maxPerPage.
const maxPerPage = 500

// hsdsParams are the query parameters of the API description
// (components/parameters), parsed and checked.
type hsdsParams struct {
	search, termID, taxonomyID, organizationID string
	postcode, parentID                         string
	modifiedAfter                              time.Time
	proximityM                                 float64
	minimal, full, fullService, topOnly        bool
	page, perPage                              int
	perPageSet                                 bool
	ndjson                                     bool
}

// readHSDSParams parses the query; on a malformed parameter it writes the
// problem document and returns false.
func (s *Server) readHSDSParams(w http.ResponseWriter, r *http.Request) (hsdsParams, bool) {
	v := r.URL.Query()
	p := hsdsParams{search: strings.TrimSpace(v.Get("search")), termID: v.Get("taxonomy_term_id"), taxonomyID: v.Get("taxonomy_id"),
		organizationID: v.Get("organization_id"), postcode: strings.TrimSpace(v.Get("postcode")), parentID: v.Get("parent_id"),
		page: 1, perPage: 50}
	fail := func(key, param string) (hsdsParams, bool) {
		s.hsdsProblem(w, r, http.StatusBadRequest, key, param)
		return p, false
	}
	page, ok := berceau.ParsePage(v.Get("page"))
	if !ok {
		return fail("hardening_input.page_invalid", "page")
	}
	p.page = page
	if raw := v.Get("per_page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			return fail("hsds_api.bad_integer", "per_page")
		}
		p.perPage, p.perPageSet = min(n, maxPerPage), true
	}
	for name, dst := range map[string]*bool{"minimal": &p.minimal, "full": &p.full, "full_service": &p.fullService, "top_only": &p.topOnly} {
		raw := v.Get(name)
		if raw == "" {
			continue
		}
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fail("hsds_api.bad_boolean", name)
		}
		*dst = b
	}
	switch v.Get("format") {
	case "", "json":
	case "ndjson":
		p.ndjson = true
	default:
		return fail("hsds_api.bad_format", "format")
	}
	if m := v.Get("modified_after"); m != "" {
		t, err := time.Parse(time.RFC3339, m)
		if err != nil {
			if t, err = time.Parse("2006-01-02", m); err != nil {
				return fail("hsds_api.bad_datetime", "modified_after")
			}
		}
		if !berceau.DateInRange(t) {
			return fail(berceau.KeyDateRange, "modified_after")
		}
		p.modifiedAfter = t
	}
	if raw := v.Get("proximity"); raw != "" {
		m, err := strconv.ParseFloat(raw, 64)
		if err != nil || !(m > 0) || p.postcode == "" {
			return fail("hsds_api.bad_proximity", "proximity")
		}
		p.proximityM = m
	}
	return p, true
}

// window is the slice of n items the page shows (all of them in ndjson).
func (p hsdsParams) window(n int) (from, to int) {
	if p.ndjson {
		return 0, n
	}
	from = min(n, (p.page-1)*p.perPage)
	return from, min(n, from+p.perPage)
}

func (p hsdsParams) wrap(contents []map[string]any, total int) hsdsPage {
	pages := (total + p.perPage - 1) / p.perPage
	if contents == nil {
		contents = []map[string]any{}
	}
	return hsdsPage{TotalItems: total, TotalPages: pages, PageNumber: p.page, Size: len(contents), FirstPage: p.page == 1,
		LastPage: p.page >= pages, Empty: len(contents) == 0, Contents: contents}
}

// answer writes a list: every item a line in ndjson, else one Page.
func (p hsdsParams) answer(w http.ResponseWriter, items []map[string]any, total int) {
	if p.ndjson {
		w.Header().Set("Content-Type", "application/x-ndjson")
		enc := json.NewEncoder(w)
		for _, it := range items {
			_ = enc.Encode(it)
		}
		return
	}
	writeHSDS(w, p.wrap(items, total))
}

// oneToOne keeps an object's one-to-one fields: what HSDS's list
// endpoints give unless full is asked.
func oneToOne(o map[string]any) map[string]any {
	out := make(map[string]any, len(o))
	for k, v := range o {
		switch v.(type) {
		case map[string]any, []any, []map[string]any:
			continue
		}
		out[k] = v
	}
	return out
}

func (s *Server) hsdsRoot(w http.ResponseWriter, r *http.Request) {
	writeHSDS(w, map[string]any{"version": hsds.Version, "profile": "https://berceau.example/hsds/profile/perinatal",
		"openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json"})
}

// termsOf lists the ids of a taxonomy's terms (nil for an unknown one).
func (s *Server) termsOf(r *http.Request, taxonomyID string) (map[string]bool, error) {
	ds, err := s.app.DirectoryTaxonomies(r.Context())
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

// matchingServices lists, in rank order, the index entries of the
// services the list parameters select (search, taxonomy_term_id,
// taxonomy_id, organization_id, modified_after, and a position for
// postcode and proximity).
func (s *Server) matchingServices(r *http.Request, p hsdsParams, near *berceau.GeoPoint) ([]*berceau.DirectoryEntry, error) {
	ix, err := s.app.DirectoryIndex(r.Context())
	if err != nil {
		return nil, err
	}
	q := berceau.DirectoryQuery{Text: p.search, NeedID: p.termID, Now: time.Now(), Near: near, Limit: ix.Len() + 1}
	if near != nil && p.proximityM > 0 {
		q.RadiusKm = p.proximityM / 1000
	}
	var inTaxonomy map[string]bool
	if p.taxonomyID != "" {
		if inTaxonomy, err = s.termsOf(r, p.taxonomyID); err != nil {
			return nil, err
		}
	}
	hits, _ := ix.Search(q)
	var entries []*berceau.DirectoryEntry
	for _, h := range hits {
		e := h.Entry
		if p.organizationID != "" && e.OrganizationID != p.organizationID {
			continue
		}
		if !p.modifiedAfter.IsZero() && e.LastModified.Before(p.modifiedAfter) {
			continue
		}
		if inTaxonomy != nil && !anyIn(e.NeedIDs, inTaxonomy) {
			continue
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// hsdsListRequest reads a list request's reader and parameters, answering
// the problem itself when either is refused.
func (s *Server) hsdsListRequest(w http.ResponseWriter, r *http.Request) (berceau.Actor, hsdsParams, bool) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return actor, hsdsParams{}, false
	}
	p, ok := s.readHSDSParams(w, r)
	return actor, p, ok
}

func anyIn(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

func (s *Server) hsdsServices(w http.ResponseWriter, r *http.Request) {
	actor, p, ok := s.hsdsListRequest(w, r)
	if !ok {
		return
	}
	entries, err := s.matchingServices(r, p, nil)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	if p.minimal {
		// Just id and modified_date, all in one call unless per_page says
		// otherwise: what a harvester needs to find what changed.
		if !p.perPageSet {
			p.perPage = max(len(entries), 1)
		}
		from, to := p.window(len(entries))
		items := make([]map[string]any, 0, to-from)
		for _, e := range entries[from:to] {
			items = append(items, map[string]any{"id": e.ServiceID, "modified_date": e.LastModified.UTC().Format(time.RFC3339)})
		}
		p.answer(w, items, len(entries))
		return
	}
	from, to := p.window(len(entries))
	ids := make([]string, 0, to-from)
	for _, e := range entries[from:to] {
		ids = append(ids, e.ServiceID)
	}
	ds, err := s.app.DirectoryRecords(r.Context(), actor, ids)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	aud := app.DirectoryAudience(actor)
	var items []map[string]any
	if p.full {
		items = hsds.Services(ds, aud)
	} else {
		items = hsds.Flat(ds, aud, "service")
	}
	p.answer(w, items, len(entries))
}

func (s *Server) hsdsService(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if !berceau.ValidUUID(id) {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	ds, err := s.app.DirectoryRecords(r.Context(), actor, []string{id})
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	if len(ds.Services) == 0 {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	writeHSDS(w, hsds.Services(ds, app.DirectoryAudience(actor))[0])
}

// organizationsMatching lists the ids of the organisations the list
// parameters select, by name: those whose name matches search or with a
// service that matches it, whose kind or services carry taxonomy_term_id
// or a term of taxonomy_id. ok is false when no filter applies (every
// organisation, paged by the database).
func (s *Server) organizationsMatching(r *http.Request, actor berceau.Actor, p hsdsParams) (ids []string, filtered bool, err error) {
	if p.search == "" && p.termID == "" && p.taxonomyID == "" {
		return nil, false, nil
	}
	all, _, err := s.app.DirectoryOrganizationRecords(r.Context(), actor, store.DirectoryPage{}, false)
	if err != nil {
		return nil, true, err
	}
	byService := map[string]bool{}
	entries, err := s.matchingServices(r, p, nil)
	if err != nil {
		return nil, true, err
	}
	for _, e := range entries {
		byService[e.OrganizationID] = true
	}
	var inTaxonomy map[string]bool
	if p.taxonomyID != "" {
		if inTaxonomy, err = s.termsOf(r, p.taxonomyID); err != nil {
			return nil, true, err
		}
	}
	words := berceau.QueryWords(p.search)
	for _, o := range all.Organizations {
		match := byService[o.ID]
		if !match && (p.termID != "" || inTaxonomy != nil) && p.search == "" {
			match = (p.termID == "" || o.KindID == p.termID) && (inTaxonomy == nil || inTaxonomy[o.KindID])
		}
		if !match && p.search != "" && p.termID == "" && p.taxonomyID == "" {
			match = nameMatches(o.Name, words)
		}
		if match {
			ids = append(ids, o.ID)
		}
	}
	sort.Strings(ids)
	return ids, true, nil
}

// nameMatches: every query word starts a word of the name, in either
// language, accents and case aside.
func nameMatches(name berceau.Text, words []string) bool {
	if len(words) == 0 {
		return false
	}
	have := berceau.SearchWords(name.FR + " " + name.EN)
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

// organizationItems renders organisations: one-to-one fields by default;
// nested with their services' one-to-one fields when nested (full, or one
// organisation); with their full services when fullService.
func organizationItems(ds *hsds.Dataset, aud hsds.Audience, nested, fullService bool) []map[string]any {
	if fullService {
		return hsds.Organizations(ds, aud, true)
	}
	if !nested {
		return hsds.Flat(ds, aud, "organization")
	}
	orgs := hsds.Organizations(ds, aud, false)
	byOrg := map[string][]map[string]any{}
	for _, svc := range hsds.Flat(ds, aud, "service") {
		id, _ := svc["organization_id"].(string)
		byOrg[id] = append(byOrg[id], svc)
	}
	for _, o := range orgs {
		id, _ := o["id"].(string)
		services := byOrg[id]
		if services == nil {
			services = []map[string]any{}
		}
		o["services"] = services
	}
	return orgs
}

func (s *Server) hsdsOrganizations(w http.ResponseWriter, r *http.Request) {
	actor, p, ok := s.hsdsListRequest(w, r)
	if !ok {
		return
	}
	withServices := p.full || p.fullService
	ids, filtered, err := s.organizationsMatching(r, actor, p)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	var page store.DirectoryPage
	total := 0
	if filtered {
		total = len(ids)
		from, to := p.window(len(ids))
		page = store.DirectoryPage{IDs: ids[from:to]}
		if len(page.IDs) == 0 {
			p.answer(w, nil, total)
			return
		}
	} else if !p.ndjson {
		page = store.DirectoryPage{Offset: (p.page - 1) * p.perPage, Limit: p.perPage}
	}
	ds, n, err := s.app.DirectoryOrganizationRecords(r.Context(), actor, page, withServices)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	if !filtered {
		total = n
	}
	p.answer(w, organizationItems(ds, app.DirectoryAudience(actor), p.full, p.fullService), total)
}

func (s *Server) hsdsOrganization(w http.ResponseWriter, r *http.Request) {
	actor, p, ok := s.hsdsListRequest(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if !berceau.ValidUUID(id) {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	ds, _, err := s.app.DirectoryOrganizationRecords(r.Context(), actor, store.DirectoryPage{IDs: []string{id}}, true)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	if len(ds.Organizations) == 0 {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	writeHSDS(w, organizationItems(ds, app.DirectoryAudience(actor), true, p.fullService)[0])
}

// taxonomyItems lists taxonomies or terms, filtered by search (name,
// code, description), taxonomy_id, parent_id and top_only.
func (s *Server) taxonomyItems(r *http.Request, table string, p hsdsParams) ([]map[string]any, error) {
	ds, err := s.app.DirectoryTaxonomies(r.Context())
	if err != nil {
		return nil, err
	}
	items := hsds.Flat(ds, hsds.Public, table)
	words := berceau.QueryWords(p.search)
	kept := items[:0]
	for _, it := range items {
		if table == "taxonomy_term" {
			if p.taxonomyID != "" && it["taxonomy_id"] != p.taxonomyID {
				continue
			}
			if p.parentID != "" && it["parent_id"] != p.parentID {
				continue
			}
			if parent, _ := it["parent_id"].(string); p.topOnly && parent != "" {
				continue
			}
		}
		if len(words) > 0 && !textMatches(it, words) {
			continue
		}
		kept = append(kept, it)
	}
	return kept, nil
}

// textMatches: every query word starts a word of the item's name, code or
// description.
func textMatches(it map[string]any, words []string) bool {
	var text []string
	for _, k := range []string{"name", "code", "description"} {
		if v, ok := it[k].(string); ok {
			text = append(text, v)
		}
	}
	return nameMatches(berceau.Text{FR: strings.Join(text, " ")}, words)
}

func (s *Server) hsdsTaxonomies(table string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.readHSDSParams(w, r)
		if !ok {
			return
		}
		items, err := s.taxonomyItems(r, table, p)
		if err != nil {
			s.hsdsUnavailable(w, r, err)
			return
		}
		from, to := p.window(len(items))
		p.answer(w, items[from:to], len(items))
	}
}

func (s *Server) hsdsTaxonomyItem(table string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		items, err := s.taxonomyItems(r, table, hsdsParams{})
		if err != nil {
			s.hsdsUnavailable(w, r, err)
			return
		}
		for _, it := range items {
			if it["id"] == r.PathValue("id") {
				writeHSDS(w, it)
				return
			}
		}
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
	}
}

// hsdsServiceAtLocations lists where services are offered, with the
// services' filters; postcode sorts the locations by distance from the
// postcode's centre and proximity (metres) keeps what lies within. Only locations with a
// position the reader may see are listed with a postcode: a redacted
// location has none for the public. The list is worked out from the
// services' order and the locations' positions alone, and only the
// records of the page's services are read.
func (s *Server) hsdsServiceAtLocations(w http.ResponseWriter, r *http.Request) {
	actor, p, ok := s.hsdsListRequest(w, r)
	if !ok {
		return
	}
	var near *berceau.GeoPoint
	if p.postcode != "" {
		ix, err := s.app.DirectoryIndex(r.Context())
		if err != nil {
			s.hsdsUnavailable(w, r, err)
			return
		}
		point, found := ix.PostalCodePoint(p.postcode)
		if !found {
			p.answer(w, nil, 0)
			return
		}
		near = &point
	}
	// The services' filters, in rank order; distance is per location
	// (the search index knows public positions only, a member's token also
	// reads redacted ones).
	entries, err := s.matchingServices(r, p, nil)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	points, err := s.app.DirectoryServiceLocationPoints(r.Context(), actor)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	var matched []store.ServiceLocationPoint
	var dist []float64
	for _, e := range entries {
		for _, pt := range points.Of(e.ServiceID) {
			if near != nil {
				at, known := points.Position(pt)
				if !known {
					continue
				}
				d := berceau.DistanceKm(*near, at) * 1000
				if p.proximityM > 0 && d > p.proximityM {
					continue
				}
				dist = append(dist, d)
			}
			matched = append(matched, pt)
		}
	}
	if near != nil {
		order := make([]int, len(matched))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return dist[order[a]] < dist[order[b]] })
		sorted := make([]store.ServiceLocationPoint, len(matched))
		for i, k := range order {
			sorted[i] = matched[k]
		}
		matched = sorted
	}
	from, to := p.window(len(matched))
	page := matched[from:to]
	aud := app.DirectoryAudience(actor)
	var items []map[string]any
	// Read the page's services in batches (ndjson has them all).
	const batch = 500
	for start := 0; start < len(page); {
		var ids []string
		seen := map[string]bool{}
		end := start
		for end < len(page) && (len(ids) < batch || seen[page[end].ServiceID]) {
			if !seen[page[end].ServiceID] {
				seen[page[end].ServiceID] = true
				ids = append(ids, page[end].ServiceID)
			}
			end++
		}
		ds, err := s.app.DirectoryRecords(r.Context(), actor, ids)
		if err != nil {
			s.hsdsUnavailable(w, r, err)
			return
		}
		byID := map[string]map[string]any{}
		for _, it := range hsds.ServiceAtLocations(ds, aud) {
			id, _ := it["id"].(string)
			byID[id] = it
		}
		for _, pt := range page[start:end] {
			it, ok := byID[pt.ID]
			if !ok {
				continue
			}
			if !p.full {
				it = oneToOne(it)
			}
			items = append(items, it)
		}
		start = end
	}
	p.answer(w, items, len(matched))
}

func (s *Server) hsdsServiceAtLocation(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.hsdsActor(w, r)
	if !ok {
		return
	}
	ds, err := s.app.DirectoryServiceAtLocationRecords(r.Context(), actor, r.PathValue("id"))
	if berceau.IsNotFound(err) {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	for _, it := range hsds.ServiceAtLocations(ds, app.DirectoryAudience(actor)) {
		if it["id"] == r.PathValue("id") {
			writeHSDS(w, it)
			return
		}
	}
	s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
}
