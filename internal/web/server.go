// Package web serves Berceau's server-rendered HTML pages, its health and
// metrics endpoints and its static assets. Handlers are thin: they parse the
// request, call internal/app and render a typed page or redirect.
package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/api"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/i18n"
)

// Options configure the web surface.
type Options struct {
	Version      string
	MetricsToken string         // bearer token for /metrics; empty: loopback only
	DemoAccounts []berceau.User // shown on the home page when running the demo
	DemoPassword string
	AccessLog    *slog.Logger // one line per request; the server's logger when nil

	SessionIdleTimeout time.Duration // a session unused this long ends (default 30 min)
	SessionLifetime    time.Duration // a session ends this long after sign-in whatever happens (default 12 h)
	SecureCookies      bool          // set when Berceau is reached over HTTPS

	MapTiles       string // tile URL template for the directory's maps; empty: markers on a plain background
	MapAttribution string // the tile server's credit, shown on the maps
}

// Server holds what handlers need. It has no global state: tests build as
// many as they like.
type Server struct {
	app       *app.App
	i18n      *i18n.Bundle
	log       *slog.Logger
	accessLog *slog.Logger
	opts      Options
	pages     *pageTemplates
	// chromes holds every page's frame by language, navigation entry and
	// permissions (chrome.go).
	chromes *chromeCache
	// renderBuffers are the buffers pages are rendered into (render.go).
	renderBuffers sync.Pool
	assets        *assets
	metrics       *metrics
	cache         *pageCache
	// audited holds the family pages of each session (audited_cache.go);
	// nil on PostgreSQL.
	audited *auditedPages
	// searchPages holds the anonymous visitors' search pages (directory_cache.go).
	searchPages *searchPageCache
	// names holds the network's site and team names (family.go).
	names     networkNamesCache
	sessions  *scs.SessionManager
	apiRoutes []api.Route
	handler   http.Handler
	// mux routes a page asked at a language's address (/en/events/3) once
	// its prefix is taken off (portal_language.go).
	mux *http.ServeMux
}

// New builds the server: it parses every template and hashes every asset now,
// so a broken template fails at start, not on a user's request.
func New(a *app.App, bundle *i18n.Bundle, log *slog.Logger, opts Options) (*Server, error) {
	s := &Server{app: a, i18n: bundle, log: log, accessLog: opts.AccessLog, opts: opts, metrics: newMetrics(), cache: newPageCache(),
		searchPages: &searchPageCache{}}
	if a.SoleWriter() {
		s.audited = newAuditedPages()
		s.metrics.countAuditedPages(s.audited)
	}
	if s.accessLog == nil {
		s.accessLog = log
	}
	if s.opts.SessionIdleTimeout == 0 {
		s.opts.SessionIdleTimeout = 30 * time.Minute
	}
	if s.opts.SessionLifetime == 0 {
		s.opts.SessionLifetime = 12 * time.Hour
	}
	s.sessions = s.newSessionManager()
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	if s.pages, err = parsedPages(); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	if s.chromes, err = newChromeCache(bundle, s.assets, opts.Version); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	mux := http.NewServeMux()
	s.mux = mux
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.guard(rt))
	}
	// The JSON API and the HSDS read API have their own route table and
	// policy (internal/api); they share this mux and middleware, and their
	// patterns label logs and metrics.
	apiMux := http.NewServeMux()
	s.apiRoutes = api.Register(apiMux, a, bundle, log)
	toAPI := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := apiMux.Handler(r)
		st := state(r)
		st.route = pattern
		apiMux.ServeHTTP(w, r.WithContext(api.WithRequestFacts(r.Context(), api.RequestFacts{ID: st.id, Language: st.lang})))
	})
	mux.Handle(api.HSDSPrefix, toAPI)
	mux.Handle("/api/", toAPI)
	s.handler = s.middleware(mux)
	return s, nil
}

// ServeHTTP serves one request through the middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
