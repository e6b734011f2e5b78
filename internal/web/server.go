// Package web serves Berceau's server-rendered HTML pages, its health and
// metrics endpoints and its static assets. Handlers are thin: they parse the
// request, call internal/app and render a typed page or redirect.
package web

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/berceau/berceau"
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
	assets    *assets
	metrics   *metrics
	cache     *pageCache
	handler   http.Handler
}

// New builds the server: it parses every template and hashes every asset now,
// so a broken template fails at start, not on a user's request.
func New(a *app.App, bundle *i18n.Bundle, log *slog.Logger, opts Options) (*Server, error) {
	s := &Server{app: a, i18n: bundle, log: log, accessLog: opts.AccessLog, opts: opts, metrics: newMetrics(), cache: newPageCache()}
	if s.accessLog == nil {
		s.accessLog = log
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	if s.pages, err = parsePages(); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.guard(rt))
	}
	s.handler = s.middleware(mux)
	return s, nil
}

// ServeHTTP serves one request through the middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
