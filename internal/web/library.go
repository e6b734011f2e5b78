package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The library's public pages: the search with its filters, a resource's
// page with its versions, and the files themselves.

// libraryPageSize is how many resources a page of results lists.
const libraryPageSize = 20

// libraryFormBody bounds the fields posted around an uploaded file.
const libraryFormBody = 256 << 10

// isLibraryUpload reports whether a request posts a library form that may
// carry a file: its body may be as large as a file.
func isLibraryUpload(r *http.Request) bool {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, "/library") {
		return false
	}
	p := r.URL.Path
	return p == "/library" || (strings.HasPrefix(p, "/library/") && strings.HasSuffix(p, "/versions"))
}

// libraryQuery is the search as the form sends it back.
type libraryQuery struct {
	Q, Kind, Theme, Audience, Lang string
	Page                           int
}

func parseLibraryQuery(v url.Values) (libraryQuery, knowledge.LibraryQuery, bool) {
	q := libraryQuery{Q: strings.TrimSpace(v.Get("q")), Kind: v.Get("kind"), Theme: v.Get("theme"), Audience: v.Get("audience"),
		Lang: v.Get("lang"), Page: 1}
	kq := knowledge.LibraryQuery{Words: q.Q, Kind: knowledge.ResourceKind(q.Kind), Theme: q.Theme,
		Audience: knowledge.Audience(q.Audience), Language: q.Lang}
	_, themeOK := directory.NeedByCode(q.Theme)
	ok := utf8.RuneCountInString(q.Q) <= 200 && (q.Kind == "" || kq.Kind.Valid()) && (q.Theme == "" || themeOK) &&
		(q.Audience == "" || kq.Audience.Valid()) && (q.Lang == "" || contains(knowledge.ResourceLanguages, q.Lang))
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		ok = ok && err == nil && n >= 1 && n <= 10000
		q.Page = n
	}
	kq.Limit, kq.Offset = libraryPageSize, (q.Page-1)*libraryPageSize
	return q, kq, ok
}

func (q libraryQuery) values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"q": q.Q, "kind": q.Kind, "theme": q.Theme, "audience": q.Audience, "lang": q.Lang} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

// libraryItem is one result, its labels translated here rather than in the
// template: a page lists twenty, and each call from a template costs.
type libraryItem struct {
	ID            int64
	Title         localText
	Summary       localText
	KindLabel     string
	AudienceLabel string // empty for a public resource
	PublishedBy   string
	Link          bool
	Languages     string
}

type libraryPage struct {
	Layout
	Query      libraryQuery
	Items      []libraryItem
	Total      int
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	Kinds      []knowledge.ResourceKind
	Audiences  []knowledge.Audience
	Themes     []choice
	Languages  []choice
	CanPublish bool
	Searched   bool
	Notice     string
}

// handleLibrary shows the library: every resource the reader may see, or
// those matching the search and filters, best first.
func (s *Server) handleLibrary(w http.ResponseWriter, r *http.Request) {
	q, kq, ok := parseLibraryQuery(r.URL.Query())
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	ctx, actor := r.Context(), state(r).actor
	res, err := s.app.Library.Search(ctx, actor, kq)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &libraryPage{Layout: s.newLayout(r, "library", "library.title"), Query: q, Total: res.Total, Page: q.Page,
		Kinds: knowledge.ResourceKinds, Audiences: knowledge.Audiences, Searched: len(q.values()) > 0}
	if r.URL.Query().Get("done") == "deleted" {
		p.Notice = "library.done_deleted"
	}
	if p.CanPublish, err = s.app.Library.MayPublish(ctx, actor); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	for _, t := range directory.PerinatalNeeds {
		p.Themes = append(p.Themes, choice{t.Code, p.local(t.Name).Value})
	}
	for _, l := range knowledge.ResourceLanguages {
		p.Languages = append(p.Languages, choice{l, p.T("library.lang_" + l)})
	}
	for _, it := range res.Items {
		p.Items = append(p.Items, p.libraryItem(it))
	}
	p.Pages = max(1, (res.Total+libraryPageSize-1)/libraryPageSize)
	if q.Page > 1 {
		p.PrevURL = "/library?" + withValue(q.values(), "page", strconv.Itoa(q.Page-1))
	}
	if q.Page < p.Pages {
		p.NextURL = "/library?" + withValue(q.values(), "page", strconv.Itoa(q.Page+1))
	}
	s.render(w, r, http.StatusOK, "library_list", p)
}

func (l *Layout) libraryItem(it app.LibraryItem) libraryItem {
	r := it.Resource
	item := libraryItem{ID: r.ID, Title: l.local(r.Title), Summary: l.local(r.Summary), KindLabel: l.T("library.kind_" + string(r.Kind)),
		Link: r.IsLink()}
	if r.Audience != knowledge.AudiencePublic {
		item.AudienceLabel = l.T("library.audience_" + string(r.Audience))
	}
	if name := l.local(it.Organization).Value; name != "" {
		item.PublishedBy = l.T("library.published_by", "Name", name)
	}
	var langs []string
	for _, lang := range r.Languages {
		langs = append(langs, l.T("library.lang_"+lang))
	}
	if len(langs) > 0 {
		item.Languages = l.T("library.languages_list", "List", strings.Join(langs, ", "))
	}
	return item
}

type libraryVersionView struct {
	Number     int
	FileName   string
	Size       string
	Type       string
	Note       string
	When       string
	URL        string
	Superseded bool
}

type libraryResourcePage struct {
	Layout
	ID           int64
	Title        localText
	Summary      localText
	Kind         string
	Audience     string
	AudienceOrg  string
	Organization string
	Licence      string
	Link         string
	Themes       string
	Languages    string
	Versions     []libraryVersionView
	Current      *libraryVersionView
	CanEdit      bool
	Notice       string
	Errors       formErrors
	Accept       string
	MaxMB        int64
}

// handleLibraryResource shows a resource the reader may see: "not found"
// for one they may not, whether it exists or not.
func (s *Server) handleLibraryResource(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.libraryResourcePage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if done := r.URL.Query().Get("done"); contains([]string{"published", "updated", "version"}, done) {
		p.Notice = "library.done_" + done
	}
	s.render(w, r, http.StatusOK, "library_resource", p)
}

func (s *Server) libraryResourcePage(r *http.Request, id int64) (*libraryResourcePage, error) {
	d, err := s.app.Library.Resource(r.Context(), state(r).actor, id)
	if err != nil {
		return nil, err
	}
	res := d.Resource
	p := &libraryResourcePage{Layout: s.newLayout(r, "library", "library.title"), ID: res.ID, Kind: string(res.Kind),
		Audience: string(res.Audience), Licence: res.Licence, Link: res.LinkURL, CanEdit: d.CanEdit,
		Accept: strings.Join(app.LibraryFileExtensions(), ","), MaxMB: s.app.Library.MaxFileBytes() >> 20}
	p.Title, p.Summary = p.local(res.Title), p.local(res.Summary)
	p.PageTitle = p.Title.Value
	p.Organization, p.AudienceOrg = p.local(d.Organization).Value, p.local(d.AudienceOrg).Value
	var themes, langs []string
	for _, t := range d.ThemeNames {
		themes = append(themes, p.local(t).Value)
	}
	for _, l := range res.Languages {
		langs = append(langs, p.T("library.lang_"+l))
	}
	p.Themes, p.Languages = strings.Join(themes, ", "), strings.Join(langs, ", ")
	for _, v := range d.Versions {
		p.Versions = append(p.Versions, libraryVersionView{Number: v.Number, FileName: v.FileName, Size: p.fileSize(v.Size),
			Type: strings.ToUpper(strings.TrimPrefix(fileExtension(v.FileName), ".")), Note: v.ChangeNote,
			When: p.Date(v.CreatedAt), URL: "/library/" + strconv.FormatInt(res.ID, 10) + "/files/" + strconv.Itoa(v.Number),
			Superseded: v.Superseded})
	}
	if len(p.Versions) > 0 {
		p.Current = &p.Versions[0]
	}
	return p, nil
}

func fileExtension(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return strings.ToLower(name[i:])
	}
	return ""
}

// fileSize writes a size in kB or MB.
func (l *Layout) fileSize(n int64) string {
	if n >= 1<<20 {
		return l.T("library.size_mb", "Size", strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64))
	}
	return l.T("library.size_kb", "Size", strconv.FormatInt(max(1, (n+1023)/1024), 10))
}

// handleLibraryFile serves a version's file with the type checked at
// upload, never sniffed by the browser; PDFs and images open in the
// browser, other files download. Its name travels RFC 6266/5987-encoded.
func (s *Server) handleLibraryFile(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	number, err := strconv.Atoi(r.PathValue("version"))
	if !ok || err != nil || number < 1 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	f, err := s.app.Library.File(r.Context(), state(r).actor, id, number)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	defer f.Content.Close()
	v := f.Version
	h := w.Header()
	h.Set("Content-Type", v.ContentType)
	h.Set("Content-Disposition", contentDisposition(inlineType(v.ContentType), v.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	h.Set("ETag", `"`+v.SHA256+`"`)
	// A public file may be kept by the browser; a members' one is private.
	h.Set("Cache-Control", "private, max-age=300")
	http.ServeContent(w, r, "", v.CreatedAt, f.Content)
}

// inlineType reports whether a file of this type opens in the browser.
func inlineType(contentType string) bool {
	return contentType == "application/pdf" || strings.HasPrefix(contentType, "image/")
}

// contentDisposition writes the header for a file named name (RFC 6266):
// an ASCII fallback with anything unsafe replaced, and the exact name
// percent-encoded in UTF-8 (RFC 5987, filename*).
func contentDisposition(inline bool, name string) string {
	kind := "attachment"
	if inline {
		kind = "inline"
	}
	var ascii strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f || r >= 0x80 || r == '"' || r == '\\' || r == '%' || r == ';' || r == '/':
			ascii.WriteByte('_')
		default:
			ascii.WriteRune(r)
		}
	}
	fallback := strings.TrimSpace(ascii.String())
	if fallback == "" {
		fallback = "file"
	}
	return kind + `; filename="` + fallback + `"; filename*=UTF-8''` + rfc5987(name)
}

// rfc5987 percent-encodes s, leaving only RFC 5987's attr-chars as they are.
func rfc5987(s string) string {
	const attrChars = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(attrChars, c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
		}
	}
	return b.String()
}
