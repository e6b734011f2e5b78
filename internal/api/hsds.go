package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/hsds"
)

// The HSDS 3.1 read API under /hsds/ (Open Referral's API description,
// schema/openapi.json): anyone reads public fields; a personal access
// token of a network member also reads professionals-only ones. It is
// read-only, like the standard. Malformed parameters are answered with a
// translated RFC 9457 problem document. Its routes are entries of the
// API's route table (hsdsRoutes, in routes.go) behind hsdsGuard; what a
// list keeps and in which order is decided by app.DirectoryQueries.

// HSDSPrefix is where the HSDS read API lives on the server's mux.
const HSDSPrefix = "/hsds/"

// hsdsRoute is one entry of the HSDS part of the route table: the route
// with its permission, whether it reads as a reader (an optional bearer
// token, checked), and its handler.
type hsdsRoute struct {
	Route
	reader  bool
	handler func(http.ResponseWriter, *http.Request, berceau.Actor)
}

// RequestFacts is what the web layer already decided of a request that the
// API's plain handlers need: its id (for the logs) and its language (the
// signed-in person's or the remembered one, else Accept-Language).
type RequestFacts struct {
	ID, Language string
}

type factsKey struct{}

// WithRequestFacts gives the API what the web layer knows of a request.
func WithRequestFacts(ctx context.Context, f RequestFacts) context.Context {
	return context.WithValue(ctx, factsKey{}, f)
}

func factsOf(r *http.Request) RequestFacts {
	f, _ := r.Context().Value(factsKey{}).(RequestFacts)
	return f
}

// registerHSDS adds the HSDS routes to mux behind their guard, and the
// /hsds/ fallback: a known path asked with another method (DELETE, PUT…)
// is 405 with the methods it allows; anything else is 404.
func (s *server) registerHSDS(mux *http.ServeMux) []Route {
	var routes []Route
	allowed := map[string][]string{}
	known := http.NewServeMux()
	for _, rt := range s.hsdsRoutes() {
		mux.Handle(rt.Method+" "+rt.Path, s.hsdsGuard(rt))
		routes = append(routes, rt.Route)
		if _, seen := allowed[rt.Path]; !seen {
			known.Handle(rt.Path, http.NotFoundHandler())
		}
		allowed[rt.Path] = append(allowed[rt.Path], rt.Method)
	}
	mux.HandleFunc(hsdsFallbackRoute.Path, func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := known.Handler(r); pattern != "" {
			w.Header().Set("Allow", strings.Join(allowed[pattern], ", "))
			s.hsdsProblem(w, r, http.StatusMethodNotAllowed, "error.method_message", "")
			return
		}
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
	})
	return append(routes, hsdsFallbackRoute)
}

// hsdsGuard resolves the reader of a route that reads as one, then checks
// the route's permission, before the handler runs.
func (s *server) hsdsGuard(rt hsdsRoute) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor := berceau.Anonymous(clientAddress(r.RemoteAddr))
		if rt.reader {
			var ok bool
			if actor, ok = s.hsdsActor(w, r); !ok {
				return
			}
		}
		if !actor.Can(rt.Permission) {
			s.app.RecordDenial(r.Context(), actor, rt.Method+" "+rt.Path)
			s.hsdsProblem(w, r, http.StatusForbidden, "api.forbidden_message", "")
			return
		}
		rt.handler(w, r, actor)
	})
}

// hsdsActor is who reads: a bearer token's owner, or the public. A bad
// token is refused rather than read as public, so a script notices.
func (s *server) hsdsActor(w http.ResponseWriter, r *http.Request) (berceau.Actor, bool) {
	client := clientAddress(r.RemoteAddr)
	header := r.Header.Get("Authorization")
	if header == "" {
		return berceau.Anonymous(client), true
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		s.hsdsProblem(w, r, http.StatusUnauthorized, "hsds_api.bad_token", "")
		return berceau.Actor{}, false
	}
	actor, err := s.app.Accounts.ActorForToken(r.Context(), strings.TrimSpace(token), client)
	if err != nil && app.Unavailable(err) {
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
// language; param names the query parameter at fault, if any, and is
// given to the message as Field.
func (s *server) hsdsProblem(w http.ResponseWriter, r *http.Request, status int, key, param string) {
	location := ""
	if param != "" {
		location = "query." + param
	}
	lang := factsOf(r).Language
	if lang == "" {
		lang = s.negotiate(r.Context(), r.Header.Get("Accept-Language"))
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
func (s *server) hsdsUnavailable(w http.ResponseWriter, r *http.Request, err error) {
	route, id := r.Pattern, factsOf(r).ID
	if app.Unavailable(err) {
		s.log.Warn("hsds api: database unavailable", "route", route, "id", id, "err", err)
		w.Header().Set("Retry-After", retryAfterSeconds)
		s.hsdsProblem(w, r, http.StatusServiceUnavailable, "hardening_input.unavailable_message", "")
		return
	}
	s.log.Error("hsds api", "route", route, "id", id, "err", err)
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
func (s *server) readHSDSParams(w http.ResponseWriter, r *http.Request) (hsdsParams, bool) {
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

func (s *server) hsdsRoot(w http.ResponseWriter, r *http.Request, _ berceau.Actor) {
	writeHSDS(w, map[string]any{"version": hsds.Version, "profile": "https://berceau.example/hsds/profile/perinatal",
		"openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json"})
}

// query is what a list's parameters ask of app.DirectoryQueries.
func (p hsdsParams) query() app.DirectoryRecordQuery {
	return app.DirectoryRecordQuery{Search: p.search, TermID: p.termID, TaxonomyID: p.taxonomyID, OrganizationID: p.organizationID,
		ModifiedAfter: p.modifiedAfter, Postcode: p.postcode, ProximityM: p.proximityM}
}

func (s *server) hsdsServices(w http.ResponseWriter, r *http.Request, actor berceau.Actor) {
	p, ok := s.readHSDSParams(w, r)
	if !ok {
		return
	}
	entries, err := s.app.DirectoryQueries.Services(r.Context(), p.query())
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
	ds, err := s.app.Directory.DirectoryRecords(r.Context(), actor, ids)
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

func (s *server) hsdsService(w http.ResponseWriter, r *http.Request, actor berceau.Actor) {
	id := r.PathValue("id")
	if !berceau.ValidUUID(id) {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	ds, err := s.app.Directory.DirectoryRecords(r.Context(), actor, []string{id})
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

func (s *server) hsdsOrganizations(w http.ResponseWriter, r *http.Request, actor berceau.Actor) {
	p, ok := s.readHSDSParams(w, r)
	if !ok {
		return
	}
	withServices := p.full || p.fullService
	ids, filtered, err := s.app.DirectoryQueries.Organizations(r.Context(), actor, p.query())
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	var page app.DirectoryPage
	total := 0
	if filtered {
		total = len(ids)
		from, to := p.window(len(ids))
		page = app.DirectoryPage{IDs: ids[from:to]}
		if len(page.IDs) == 0 {
			p.answer(w, nil, total)
			return
		}
	} else if !p.ndjson {
		page = app.DirectoryPage{Offset: (p.page - 1) * p.perPage, Limit: p.perPage}
	}
	ds, n, err := s.app.Directory.DirectoryOrganizationRecords(r.Context(), actor, page, withServices)
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
	}
	if !filtered {
		total = n
	}
	p.answer(w, organizationItems(ds, app.DirectoryAudience(actor), p.full, p.fullService), total)
}

func (s *server) hsdsOrganization(w http.ResponseWriter, r *http.Request, actor berceau.Actor) {
	p, ok := s.readHSDSParams(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if !berceau.ValidUUID(id) {
		s.hsdsProblem(w, r, http.StatusNotFound, "hsds_api.not_found", "")
		return
	}
	ds, _, err := s.app.Directory.DirectoryOrganizationRecords(r.Context(), actor, app.DirectoryPage{IDs: []string{id}}, true)
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
func (s *server) taxonomyItems(r *http.Request, table string, p hsdsParams) ([]map[string]any, error) {
	ds, err := s.app.Directory.DirectoryTaxonomies(r.Context())
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
	return app.NameMatches(berceau.TextOf("fr", strings.Join(text, " ")), words)
}

func (s *server) hsdsTaxonomies(table string) func(http.ResponseWriter, *http.Request, berceau.Actor) {
	return func(w http.ResponseWriter, r *http.Request, _ berceau.Actor) {
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

func (s *server) hsdsTaxonomyItem(table string) func(http.ResponseWriter, *http.Request, berceau.Actor) {
	return func(w http.ResponseWriter, r *http.Request, _ berceau.Actor) {
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
// postcode's centre and proximity (metres) keeps what lies within
// (app.DirectoryQueries decides which and in which order). Only the
// records of the page's services are read.
func (s *server) hsdsServiceAtLocations(w http.ResponseWriter, r *http.Request, actor berceau.Actor) {
	p, ok := s.readHSDSParams(w, r)
	if !ok {
		return
	}
	matched, err := s.app.DirectoryQueries.ServiceAtLocations(r.Context(), actor, p.query())
	if err != nil {
		s.hsdsUnavailable(w, r, err)
		return
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
		ds, err := s.app.Directory.DirectoryRecords(r.Context(), actor, ids)
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

func (s *server) hsdsServiceAtLocation(w http.ResponseWriter, r *http.Request, actor berceau.Actor) {
	ds, err := s.app.Directory.DirectoryServiceAtLocationRecords(r.Context(), actor, r.PathValue("id"))
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
