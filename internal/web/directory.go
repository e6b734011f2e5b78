package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
)

// The public resource directory: search and service pages. They need no
// sign-in and show public fields only; signed-in members of the network
// also see professionals-only fields on the service page.

type option struct {
	Value, Label string
	Selected     bool
}

type directoryForm struct {
	Q, Need, Area, Lang, Week, Months, Near, Radius string
	Free, Open                                      bool
	Center                                          string // "lat,lon": the map centre as distance origin
}

// directoryHit is one result as the page shows it.
type directoryHit struct {
	ID               string
	Name             string
	NameMissing      bool
	NameLang         string // the language Name is in (a fallback is marked with it)
	OrganizationName string
	Summary          string
	Needs            []string
	DistanceKm       string
	Free             bool
	OpenNow          bool
	Stale            bool
	Lat, Lon         string // empty for a service with no public position
	Address          string // the first public location's address, never a redacted one
}

type directorySearchPage struct {
	Layout
	Form         directoryForm
	Needs        []option
	Areas        []option
	Languages    []option
	Hits         []directoryHit
	Total        int
	Searched     bool
	NearUnknown  bool
	Page, Pages  int
	Start        int // rank of the page's first result
	PrevURL      string
	NextURL      string
	FieldProblem string
	Map          mapSettings
	FromCentre   bool // distances are from the map centre
}

const directoryPerPage = 20

// parseDirectoryQuery reads the search form from a query string.
func parseDirectoryQuery(v url.Values, lookupNear func(string) (search.GeoPoint, bool)) (search.DirectoryQuery, directoryForm, bool, string) {
	f := directoryForm{Q: strings.TrimSpace(v.Get("q")), Need: v.Get("need"), Area: v.Get("area"), Lang: v.Get("lang"),
		Week: strings.TrimSpace(v.Get("week")), Months: strings.TrimSpace(v.Get("months")), Near: strings.TrimSpace(v.Get("near")),
		Radius: strings.TrimSpace(v.Get("radius")), Free: v.Get("free") != "", Open: v.Get("open") != ""}
	q := search.DirectoryQuery{Text: f.Q, Area: f.Area, Language: f.Lang, FreeOnly: f.Free, OpenNow: f.Open, Now: time.Now()}
	problem := ""
	if n, ok := directory.NeedByCode(f.Need); ok {
		q.NeedID = n.ID
	}
	if f.Week != "" {
		if w, err := strconv.Atoi(f.Week); err == nil && w >= 1 && w <= 45 {
			q.PregnancyWeek = w
		} else {
			problem = "week"
		}
	}
	if f.Months != "" {
		if m, err := strconv.Atoi(f.Months); err == nil && m >= 0 && m <= 72 {
			q.ChildAgeMonths = &m
		} else {
			problem = "months"
		}
	}
	if f.Radius != "" {
		if r, err := strconv.ParseFloat(f.Radius, 64); err == nil && r > 0 {
			q.RadiusKm = r
		}
	}
	nearUnknown := false
	if lat, lon := v.Get("lat"), v.Get("lon"); lat != "" && lon != "" {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if err1 == nil && err2 == nil && la >= -90 && la <= 90 && lo >= -180 && lo <= 180 {
			q.Near = &search.GeoPoint{Lat: la, Lon: lo}
		}
	} else if f.Near != "" {
		if p, ok := lookupNear(f.Near); ok {
			q.Near = &p
		} else {
			nearUnknown = true
		}
	}
	// The map centre (directory-map.js): a postal code typed in wins.
	if c := strings.TrimSpace(v.Get("center")); c != "" {
		if p, ok := parseMapCentre(c); !ok {
			problem = "center"
		} else {
			f.Center = formatMapCentre(p)
			if q.Near == nil && f.Near == "" {
				q.Near = &p
			}
		}
	}
	return q, f, nearUnknown, problem
}

func (s *Server) handleDirectorySearch(w http.ResponseWriter, r *http.Request) {
	ix, err := s.app.Directory.DirectoryIndex(r.Context())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	cacheKey := searchCacheKey(r)
	if cacheKey != "" {
		if body, ok := s.searchPages.get(ix, cacheKey, time.Now()); ok {
			writeHTML(w, http.StatusOK, body)
			return
		}
	}
	v := r.URL.Query()
	q, form, nearUnknown, problem := parseDirectoryQuery(v, ix.PostalCodePoint)
	page, ok := s.queryPage(w, r)
	if !ok {
		return
	}
	q.Offset, q.Limit = (page-1)*directoryPerPage, directoryPerPage
	p := &directorySearchPage{Layout: s.newLayout(r, "directory", "directory.search_title"), Form: form, NearUnknown: nearUnknown,
		Page: page}
	if problem == "center" {
		p.FieldProblem = "directory_map.center_invalid"
	} else if problem != "" {
		p.FieldProblem = "directory.error." + problem
	}
	p.Map = s.mapSettings()
	p.FromCentre = form.Center != "" && form.Near == "" && v.Get("lat") == ""
	lang := p.Lang
	for _, n := range directory.PerinatalNeeds {
		label, _ := n.Name.In(lang)
		p.Needs = append(p.Needs, option{Value: n.Code, Label: label, Selected: n.Code == form.Need})
	}
	for _, a := range ix.Areas() {
		p.Areas = append(p.Areas, option{Value: a, Label: a, Selected: a == form.Area})
	}
	for _, l := range ix.Languages() {
		p.Languages = append(p.Languages, option{Value: l, Label: p.languageName(l), Selected: l == form.Lang})
	}
	hits, total := ix.Search(q)
	p.Total, p.Start = total, q.Offset+1
	p.Pages = (total + directoryPerPage - 1) / directoryPerPage
	now := time.Now()
	for _, h := range hits {
		p.Hits = append(p.Hits, p.hitView(h, now))
	}
	p.Searched = len(v) > 0
	if page > 1 {
		p.PrevURL = pageURL(v, page-1)
	}
	if page < p.Pages {
		p.NextURL = pageURL(v, page+1)
	}
	if cacheKey == "" {
		s.render(w, r, http.StatusOK, "directory_search", p)
		return
	}
	body, err := s.execute("directory_search", p)
	if err != nil {
		s.log.Error("render page", "page", "directory_search", "id", state(r).id, "err", err)
		s.renderError(w, r, http.StatusInternalServerError)
		return
	}
	s.searchPages.put(ix, cacheKey, body, time.Now())
	writeHTML(w, http.StatusOK, body)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func pageURL(v url.Values, page int) string {
	c := cloneValues(v)
	c.Set("page", strconv.Itoa(page))
	return "/directory?" + c.Encode()
}

func (l *Layout) hitView(h search.DirectoryHit, now time.Time) directoryHit {
	e := h.Entry
	v := directoryHit{ID: e.ServiceID, Free: e.Profile.FreeOfCharge, OpenNow: e.OpenAt(now),
		Stale: directory.Confirmation{At: e.ConfirmedAt}.Stale(now, l.staleAfter)}
	v.Name, v.NameLang = e.Name.Pick(l.Lang, l.DefaultLang)
	v.NameMissing = v.NameLang != "" && v.NameLang != l.Lang
	v.OrganizationName, _ = e.OrganizationName.In(l.Lang, l.DefaultLang)
	desc, _ := e.Description.In(l.Lang, l.DefaultLang)
	v.Summary = shorten(desc, 180)
	for _, id := range e.NeedIDs {
		v.Needs = append(v.Needs, l.needName(id))
	}
	if len(e.Addresses) > 0 {
		v.Address = e.Addresses[0]
	}
	if h.DistanceKm >= 0 {
		v.DistanceKm = l.Decimal(h.DistanceKm)
	}
	if len(e.Points) > 0 {
		v.Lat, v.Lon = strconv.FormatFloat(e.Points[0].Lat, 'f', 5, 64), strconv.FormatFloat(e.Points[0].Lon, 'f', 5, 64)
	}
	return v
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func (l *Layout) needName(id string) string {
	for _, n := range directory.PerinatalNeeds {
		if n.ID == id {
			name, _ := n.Name.In(l.Lang, l.DefaultLang)
			return name
		}
	}
	return ""
}

// languageName names a language code in the page's language, the code
// itself when the catalog does not know it.
func (l *Layout) languageName(code string) string {
	if namedLanguages[code] {
		return l.T("directory.language_" + code)
	}
	return code
}

// namedLanguages are the language codes the catalogs name.
var namedLanguages = map[string]bool{"fr": true, "en": true, "es": true, "ar": true, "pa": true, "ht": true, "tl": true,
	"nl": true, "tr": true, "ro": true, "ur": true, "pl": true}
