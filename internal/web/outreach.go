package web

import (
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The outreach register's public pages: the list filtered by kind, year
// and person, an entry's page with its schema.org JSON-LD, and the
// citation exports (BibTeX, RIS, CSL-JSON) of one entry or of the filtered
// list.

const outreachPageSize = 25

type outreachQuery struct {
	Kind, Year, Person string
	Page               int
}

// parseOutreach reads the register's filters; a value out of its set is a
// bad request.
func parseOutreach(q url.Values) (outreachQuery, knowledge.OutreachFilter, bool) {
	o := outreachQuery{Kind: q.Get("kind"), Year: q.Get("year"), Person: q.Get("person"), Page: 1}
	f := knowledge.OutreachFilter{Kind: knowledge.OutreachKind(o.Kind)}
	ok := o.Kind == "" || f.Kind.Valid()
	if o.Year != "" {
		y, err := strconv.Atoi(o.Year)
		ok = ok && err == nil && y >= berceau.MinYear && y <= berceau.MaxYear
		f.Year = y
	}
	if o.Person != "" {
		id, err := strconv.ParseInt(o.Person, 10, 64)
		ok = ok && err == nil && id > 0
		f.Person = id
	}
	page, pageOK := berceau.ParsePage(q.Get("page"))
	o.Page = page
	return o, f, ok && pageOK
}

func (o outreachQuery) values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"kind": o.Kind, "year": o.Year, "person": o.Person} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

type outreachEntryView struct {
	ID       int64
	Kind     string
	KindName string
	Title    string
	Authors  []outreachAuthorView
	Date     string
	Outlet   string
	DOI      string
	DOIURL   string
	URL      string
	Abstract string
	Language string
	Staff    []string
	Sites    []string
}

type outreachAuthorView struct {
	Name   string
	Person int64 // an account of the network: the list filtered on them
}

func (l *Layout) outreachView(v app.OutreachView) outreachEntryView {
	e := v.Entry
	out := outreachEntryView{ID: e.ID, Kind: string(e.Kind), KindName: l.outreachKindName(e.Kind), Title: e.Title, Date: l.outreachDate(e),
		Outlet: e.Outlet, DOI: e.DOI, URL: e.URL, Abstract: e.Abstract}
	if e.DOI != "" {
		out.DOIURL = "https://doi.org/" + e.DOI
	}
	if e.Language != "" {
		out.Language = l.EventLanguage(e.Language)
	}
	for _, a := range e.Authors {
		out.Authors = append(out.Authors, outreachAuthorView{Name: a.Name, Person: a.UserID})
	}
	for _, p := range v.Staff {
		out.Staff = append(out.Staff, p.Name)
	}
	for _, s := range v.Sites {
		out.Sites = append(out.Sites, s.Name)
	}
	return out
}

// outreachKindName names a kind in the page's language.
func (l *Layout) outreachKindName(k knowledge.OutreachKind) string {
	switch k {
	case knowledge.OutreachMedia:
		return l.T("outreach.kind_media")
	case knowledge.OutreachResearch:
		return l.T("outreach.kind_research")
	case knowledge.OutreachPublication:
		return l.T("outreach.kind_publication")
	case knowledge.OutreachTalk:
		return l.T("outreach.kind_talk")
	}
	return string(k)
}

// outreachDate writes an entry's date as far as it is known.
func (l *Layout) outreachDate(e knowledge.OutreachEntry) string {
	switch {
	case e.Month == 0:
		return strconv.Itoa(e.Year)
	case e.Day == 0:
		return l.T("outreach.month_year", "Month", l.T("event.month_"+strconv.Itoa(e.Month)), "Year", strconv.Itoa(e.Year))
	}
	return l.T("outreach.day_month_year", "Day", strconv.Itoa(e.Day), "Month", l.T("event.month_"+strconv.Itoa(e.Month)), "Year", strconv.Itoa(e.Year))
}

type outreachListPage struct {
	Layout
	Query     outreachQuery
	Entries   []outreachEntryView
	Total     int
	Page      int
	Pages     int
	PrevURL   string
	NextURL   string
	Kinds     []choice
	Years     []choice
	People    []choice
	ExportBib string
	ExportRIS string
	ExportCSL string
	CanEdit   bool
	Notice    string
}

// handleOutreachList shows the register, filtered.
func (s *Server) handleOutreachList(w http.ResponseWriter, r *http.Request) {
	q, f, ok := parseOutreach(r.URL.Query())
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	f.Limit, f.Offset = outreachPageSize, (q.Page-1)*outreachPageSize
	list, err := s.app.Outreach.Entries(r.Context(), f)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &outreachListPage{Layout: s.newLayout(r, "outreach", "outreach.list_title"), Query: q, Total: list.Total, Page: q.Page,
		Pages: max(1, (list.Total+outreachPageSize-1)/outreachPageSize), CanEdit: state(r).actor.Can(berceau.PermKnowledgeEdit)}
	for _, k := range knowledge.OutreachKinds {
		p.Kinds = append(p.Kinds, choice{string(k), p.outreachKindName(k)})
	}
	for _, y := range list.Years {
		p.Years = append(p.Years, choice{strconv.Itoa(y), strconv.Itoa(y)})
	}
	for _, person := range list.People {
		p.People = append(p.People, choice{strconv.FormatInt(person.ID, 10), person.Name})
	}
	for _, v := range list.Entries {
		p.Entries = append(p.Entries, p.outreachView(v))
	}
	filters := q.values()
	if q.Page > 1 {
		p.PrevURL = "/outreach?" + withValue(filters, "page", strconv.Itoa(q.Page-1))
	}
	if q.Page < p.Pages {
		p.NextURL = "/outreach?" + withValue(filters, "page", strconv.Itoa(q.Page+1))
	}
	suffix := encodedQuery(filters)
	p.ExportBib, p.ExportRIS, p.ExportCSL = "/outreach/export.bib"+suffix, "/outreach/export.ris"+suffix, "/outreach/export.json"+suffix
	if done := r.URL.Query().Get("done"); done == "deleted" || done == "imported" {
		p.Notice = "outreach.notice_" + done
	}
	s.render(w, r, http.StatusOK, "outreach_list", p)
}

type outreachEntryPage struct {
	Layout
	Entry   outreachEntryView
	JSONLD  template.JS
	CanEdit bool
	Notice  string
}

func (s *Server) outreachID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return 0, false
	}
	return id, true
}

// handleOutreachEntry shows one entry with its JSON-LD.
func (s *Server) handleOutreachEntry(w http.ResponseWriter, r *http.Request) {
	id, ok := s.outreachID(w, r)
	if !ok {
		return
	}
	v, err := s.app.Outreach.Entry(r.Context(), id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &outreachEntryPage{Layout: s.newLayout(r, "outreach", "outreach.list_title"), CanEdit: state(r).actor.Can(berceau.PermKnowledgeEdit)}
	p.Entry = p.outreachView(v)
	p.PageTitle = v.Entry.Title
	p.JSONLD = outreachJSONLD(s.siteBase(r), v.Entry)
	if r.URL.Query().Get("done") == "saved" {
		p.Notice = "outreach.notice_saved"
	}
	s.render(w, r, http.StatusOK, "outreach_entry", p)
}

// outreachJSONLD is an entry's schema.org ScholarlyArticle (a publication,
// a research project, a talk) or NewsArticle (media coverage).
func outreachJSONLD(base string, e knowledge.OutreachEntry) template.JS {
	pageURL := base + "/outreach/" + strconv.FormatInt(e.ID, 10)
	typ := "ScholarlyArticle"
	if e.Kind == knowledge.OutreachMedia {
		typ = "NewsArticle"
	}
	ld := map[string]any{"@context": "https://schema.org", "@type": typ, "@id": pageURL, "url": pageURL, "headline": e.Title,
		"name": e.Title, "datePublished": e.DateISO()}
	var authors []map[string]any
	for _, a := range e.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": a.Name})
	}
	if len(authors) > 0 {
		ld["author"] = authors
	}
	if e.Abstract != "" {
		ld["abstract"] = e.Abstract
	}
	if e.Language != "" {
		ld["inLanguage"] = e.Language
	}
	if e.Outlet != "" {
		switch e.Kind {
		case knowledge.OutreachMedia:
			ld["publisher"] = map[string]any{"@type": "Organization", "name": e.Outlet}
		case knowledge.OutreachPublication:
			ld["isPartOf"] = map[string]any{"@type": "Periodical", "name": e.Outlet}
		case knowledge.OutreachTalk:
			ld["publication"] = map[string]any{"@type": "PublicationEvent", "name": e.Outlet}
		case knowledge.OutreachResearch:
			ld["funder"] = map[string]any{"@type": "Organization", "name": e.Outlet}
		}
	}
	if e.DOI != "" {
		ld["identifier"] = map[string]any{"@type": "PropertyValue", "propertyID": "DOI", "value": e.DOI}
		ld["sameAs"] = "https://doi.org/" + e.DOI
	}
	if e.URL != "" {
		ld["mainEntityOfPage"] = e.URL
	}
	return newsJSONLDScript(ld)
}

// citationFormat names an export's format by its file suffix.
type citationFormat struct {
	ext, contentType string
}

var citationFormats = map[string]citationFormat{
	"bib":  {"bib", "application/x-bibtex; charset=utf-8"},
	"ris":  {"ris", "application/x-research-info-systems; charset=utf-8"},
	"json": {"json", "application/vnd.citationstyles.csl+json; charset=utf-8"},
}

func (s *Server) writeCitations(w http.ResponseWriter, r *http.Request, format string, entries []knowledge.OutreachEntry, name string) {
	f, ok := citationFormats[format]
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	var body []byte
	switch format {
	case "bib":
		body = []byte(knowledge.BibTeX(entries))
	case "ris":
		body = []byte(knowledge.RIS(entries))
	default:
		data, err := knowledge.CSLJSON(entries)
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		body = data
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+f.ext+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(body)
}

// handleOutreachExport exports the filtered list.
func (s *Server) handleOutreachExport(w http.ResponseWriter, r *http.Request) {
	_, f, ok := parseOutreach(r.URL.Query())
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	f.Limit = 1000
	list, err := s.app.Outreach.Entries(r.Context(), f)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	entries := make([]knowledge.OutreachEntry, len(list.Entries))
	for i, v := range list.Entries {
		entries[i] = v.Entry
	}
	s.writeCitations(w, r, strings.TrimPrefix(path.Ext(r.URL.Path), "."), entries, "outreach")
}

// handleOutreachCite exports one entry.
func (s *Server) handleOutreachCite(w http.ResponseWriter, r *http.Request) {
	id, ok := s.outreachID(w, r)
	if !ok {
		return
	}
	v, err := s.app.Outreach.Entry(r.Context(), id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.writeCitations(w, r, strings.TrimPrefix(path.Ext(r.URL.Path), "."), []knowledge.OutreachEntry{v.Entry}, v.Entry.Key())
}
