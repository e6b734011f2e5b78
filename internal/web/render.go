package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/ui"
)

// pageFuncs are the functions templates call besides their data's methods.
var pageFuncs = template.FuncMap{"field": newFormField}

// pageTemplates holds one parsed template set per page: the shared layout
// and partials plus the page's own "content", by the page's file name.
type pageTemplates struct {
	byName map[string]*template.Template
}

// parsedPages parses the page templates once per process: they are the
// embedded files and the fixed functions, the same for every Server, and a
// parsed template is safe to execute concurrently (a test process builds
// hundreds of Servers; parsing was a third of each one's start).
var parsedPages = sync.OnceValues(parsePages)

func parsePages() (*pageTemplates, error) {
	layouts, err := fs.Glob(ui.Templates, "templates/layouts/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := pageFiles()
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(ui.Templates, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	pt := &pageTemplates{byName: map[string]*template.Template{}}
	for _, page := range pages {
		name := strings.TrimSuffix(path.Base(page), ".html")
		if _, twice := pt.byName[name]; twice {
			return nil, fmt.Errorf("page %s: two templates of that name (pages are rendered by file name, whatever their area)", page)
		}
		files := append(append(append([]string{}, layouts...), partials...), page)
		t, err := template.New(name).Funcs(pageFuncs).ParseFS(ui.Templates, files...)
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		pt.byName[name] = t
	}
	return pt, nil
}

// pageFiles lists the page templates: ui/templates/pages/<area>/<page>.html
// (and any left at the top of pages/ by a branch older than the areas).
func pageFiles() ([]string, error) {
	inAreas, err := fs.Glob(ui.Templates, "templates/pages/*/*.html")
	if err != nil {
		return nil, err
	}
	loose, err := fs.Glob(ui.Templates, "templates/pages/*.html")
	return append(inAreas, loose...), err
}

// Layout is what every page shows around its content. Page structs embed it;
// templates call its methods (T, Asset) and never see a map.
type Layout struct {
	Lang string
	// DefaultLang is the network's default language: what a text missing
	// in Lang is shown in.
	DefaultLang string
	// NetworkLangs are the network's enabled languages, the default
	// first: a multilingual text's form has a field for each.
	NetworkLangs   []string
	PageTitle      string
	Nav            string // which navigation entry is current
	Path           string // where the language switch comes back to
	Version        string
	RequestID      string
	OtherLanguages []languageChoice
	Actor          berceau.Actor
	// BreakGlass is set on the pages of a family file the person reads
	// through a break-the-glass opening: the layout shows a banner.
	BreakGlass *glassNotice
	// FamilyHeader is the summary a page of a family file opens with
	// (partials/family_header.html); nil on other pages.
	FamilyHeader *familyHeader
	// LanguageOffer is the language just chosen in the header, when it is
	// not the account's: the page offers to save it.
	LanguageOffer string
	// Public is the head of a public page: its address in every language
	// (hreflang) and its Open Graph description; nil on other pages.
	Public *publicHead
	// LangPrefix is "/en" on a page served at a language's own address:
	// the portal's links keep it (Href).
	LangPrefix string

	loc    *i18n.Localizer
	assets *assets
	// staleAfter is how long a directory confirmation holds (the
	// network's setting), known on the directory's pages.
	staleAfter time.Duration
	// chromes renders the page's chrome, kept in chrome once rendered
	// (chrome.go).
	chromes *chromeCache
	chrome  *chrome
	// glassFamily is the family file this page belongs to, whose
	// break-the-glass banner render reads unless the page's own read
	// brought it (setGlass).
	glassFamily int64
	glassKnown  bool
}

// setGlass puts the banner of a break-the-glass opening of familyID that
// the page's use case read in its own transaction: render need not read it
// again. until is zero when the file is read without one.
func (l *Layout) setGlass(familyID int64, until time.Time) {
	if familyID != l.glassFamily {
		return
	}
	l.glassKnown = true
	l.BreakGlass = nil
	if !until.IsZero() {
		l.BreakGlass = &glassNotice{ExpiresAt: until}
	}
}

// readGlass reads the break-the-glass banner of a page of a family file
// whose use case did not bring it.
func (s *Server) readGlass(r *http.Request, l *Layout) {
	if l.glassFamily == 0 || l.glassKnown {
		return
	}
	l.glassKnown = true
	if expires, open := s.app.Care.BreakGlassExpiry(r.Context(), state(r).actor, l.glassFamily); open {
		l.BreakGlass = &glassNotice{ExpiresAt: expires}
	}
}

type glassNotice struct{ ExpiresAt time.Time }

type languageChoice struct {
	Code  string
	Name  string // the language's own name for itself
	Label string // "show the site in …", in that language
}

// T translates key in the page's language.
func (l *Layout) T(key string, args ...any) string { return l.loc.T(key, args...) }

// Can reports whether the person may use what a permission guards: the
// navigation shows only what they can open.
func (l *Layout) Can(p string) bool { return l.Actor.Can(berceau.Permission(p)) }

// NavInKnowledge reports whether the current page belongs to the knowledge
// space (agenda, trainings, library, news, outreach), whose entries a
// signed-in person finds grouped under one menu so that the navigation
// holds on one row beside their work areas.
func (l *Layout) NavInKnowledge() bool {
	switch l.Nav {
	case "events", "trainings", "learning", "library", "news", "outreach":
		return true
	}
	return false
}

// Asset returns the hashed URL of a static file.
func (l *Layout) Asset(name string) string { return l.assets.url(name) }

func (l *Layout) layout() *Layout { return l }

type page interface{ layout() *Layout }

// newLayout prepares the frame of a page titled by titleKey.
func (s *Server) newLayout(r *http.Request, nav, titleKey string) Layout {
	st := state(r)
	loc := s.i18n.Localizer(st.lang)
	l := Layout{
		Lang: st.lang, DefaultLang: st.langs.Default(), NetworkLangs: st.langs.Enabled, Nav: nav, Path: r.URL.Path, Version: s.opts.Version, RequestID: st.id, Actor: st.actor,
		loc: loc, assets: s.assets, chromes: s.chromes,
	}
	l.PageTitle = loc.T(titleKey)
	if id, ok := familyFileID(r.URL.Path); ok {
		l.glassFamily = id // its banner is read at render (readGlass) or brought by the page (setGlass)
	}
	l.LanguageOffer = s.languageOffer(r)
	s.addPublicHead(r, &l)
	if nav == "directory" {
		l.staleAfter = s.app.Directory.DirectoryStaleAfter(r.Context())
	}
	for _, code := range st.langs.Enabled {
		if code != st.lang {
			other := s.i18n.Localizer(code)
			l.OtherLanguages = append(l.OtherLanguages, languageChoice{Code: code, Name: other.T("language.name"), Label: other.T("language.switch_label")})
		}
	}
	return l
}

// familyFileID recognises the pages of one family file (/families/{id}
// and everything under it) and returns the file's id.
func familyFileID(urlPath string) (int64, bool) {
	rest, ok := strings.CutPrefix(urlPath, "/families/")
	if !ok {
		return 0, false
	}
	first, _, _ := strings.Cut(rest, "/")
	id, err := strconv.ParseInt(first, 10, 64)
	return id, err == nil && id > 0
}

// render writes a page: into a buffer first, so a template error becomes a
// clean 500 page rather than half a page.
// The buffer is reused for the next page once the answer is written (a
// family page grew its buffer six times, 8 % of the bytes a page allocated).
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	buf, _ := s.renderBuffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledRender {
			buf.Reset()
			s.renderBuffers.Put(buf)
		}
	}()
	s.readGlass(r, p.layout())
	if p.layout().BreakGlass != nil {
		state(r).uncacheable = true
	}
	err := s.executeInto(buf, name, p)
	body := buf.Bytes()
	if err != nil {
		s.log.Error("render page", "page", name, "id", state(r).id, "err", err)
		if name != "error" {
			s.renderError(w, r, http.StatusInternalServerError)
		} else {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		}
		return
	}
	writeHTML(w, status, body)
}

// maxPooledRender is the largest render buffer kept for reuse: a rare huge
// page (an export, a 10,000-row list) does not stay in memory.
const maxPooledRender = 256 << 10

// execute renders a page to bytes.
func (s *Server) execute(name string, p page) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.executeInto(&buf, name, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// executeInto renders a page into buf.
func (s *Server) executeInto(buf *bytes.Buffer, name string, p page) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("unknown page template %q", name)
	}
	return t.ExecuteTemplate(buf, "base", p)
}
