package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/berceau/berceau/internal/i18n"
)

// Every public page has an address per language: /fr/events/3 and
// /en/events/3 are /events/3 in French and in English. The language routes
// (one per language, in routes_portal.go) take the prefix off, set the
// language, and route the rest through the same route table, so the page's
// own route and its access policy apply as they do without the prefix: a
// private page asked with a prefix is refused or sends to sign in the same
// way. Pages without a prefix keep the negotiated language (account,
// cookie, Accept-Language).

// portalLanguages are the languages that have routes of their own: every
// language Berceau speaks (the route table is built once).
func portalLanguages() []string { return i18n.Languages }

// publicLanguages are the languages public pages are offered in now (the
// hreflang alternates, the sitemap, the addresses that answer): the
// network's enabled languages (a setting), the default first.
func (s *Server) publicLanguages(r *http.Request) []string {
	return s.app.Languages.Enabled(r.Context()).Enabled
}

// languageOf returns the language a path starts with ("/en/…" → "en").
func languageOf(path string) (string, bool) {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	for _, lang := range portalLanguages() {
		if first == lang {
			return lang, true
		}
	}
	return "", false
}

// inLanguage serves the rest of a /{lang}/… address in lang.
func (s *Server) inLanguage(lang string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rest := "/" + r.PathValue("path")
		if _, twice := languageOf(rest); twice || !slices.Contains(s.publicLanguages(r), lang) {
			s.handleNotFound(w, r) // /fr/en/…: one language per address; a language the network does not offer
			return
		}
		st := state(r)
		st.lang, st.langPrefix = lang, "/"+lang
		w.Header().Set("Content-Language", lang)
		inner := r.Clone(r.Context())
		inner.URL.Path, inner.URL.RawPath = rest, ""
		inner.RequestURI = inner.URL.RequestURI()
		s.mux.ServeHTTP(w, inner)
	}
}

// publicHead is what a public page's head says of it: its address in each
// language and the default one (hreflang), and its Open Graph card.
type publicHead struct {
	Alternates  []alternate
	XDefault    string
	URL         string // this page's own address
	Locale      string // og:locale, "fr_FR"
	Locales     []string
	Type        string // "website", "article" on an editable page
	SiteName    string
	Description string
}

type alternate struct{ Lang, URL string }

// ogLocales name each language as Open Graph does (language_TERRITORY).
var ogLocales = map[string]string{"fr": "fr_FR", "en": "en_GB", "nl": "nl_BE"}

func ogLocale(lang string) string {
	if l, ok := ogLocales[lang]; ok {
		return l
	}
	return lang
}

// addPublicHead fills the head of a page read through a public GET route
// (not the 404 page): its language alternates and its Open Graph card,
// which the page may complete (SiteName, Description, Type).
func (s *Server) addPublicHead(r *http.Request, l *Layout) {
	st := state(r)
	l.LangPrefix = st.langPrefix
	if !st.public || st.route == "/" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return
	}
	site := s.app.Portal.SiteURL()
	path := r.URL.Path
	if r.URL.RawQuery != "" {
		path += "?" + r.URL.RawQuery
	}
	h := &publicHead{XDefault: site + path, Locale: ogLocale(st.lang), Type: "website", SiteName: l.T("app.name"),
		Description: l.T("portal.og_description")}
	for _, lang := range s.publicLanguages(r) {
		h.Alternates = append(h.Alternates, alternate{Lang: lang, URL: site + "/" + lang + path})
		if lang != st.lang {
			h.Locales = append(h.Locales, ogLocale(lang))
		}
	}
	h.URL = site + st.langPrefix + path
	l.Public = h
}

// Href is a site path as this page links it: with the page's language
// prefix when it was asked at a language's address.
func (l *Layout) Href(path string) string {
	if l.LangPrefix == "" || !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return path
	}
	return l.LangPrefix + path
}
