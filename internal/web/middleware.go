package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
)

// requestState travels with a request from the first middleware to the
// handler and back, so that the outer middleware can log and measure what
// the inner ones decided (route, language).
type requestState struct {
	id    string
	route string
	lang  string
	// langs are the network's enabled languages, the default first.
	langs  berceau.NetworkLanguages
	client string
	actor  berceau.Actor
	// public is set when the route is open to everyone: its page gets the
	// language alternates and Open Graph tags (portal_language.go).
	public bool
	// langPrefix is "/en" when the page is served at a language's own
	// address (/en/...), empty otherwise.
	langPrefix string
	// uncacheable keeps the page out of the audited pages' cache: it
	// showed something that ends within the day (a break-the-glass access).
	uncacheable bool
}

type stateKey struct{}

func state(r *http.Request) *requestState {
	if st, ok := r.Context().Value(stateKey{}).(*requestState); ok {
		return st
	}
	return &requestState{lang: i18n.Default, langs: berceau.DefaultNetworkLanguages, actor: berceau.Anonymous("")}
}

// middleware applies the chain once, outermost first.
func (s *Server) middleware(mux http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPIPath(r.URL.Path) {
			s.apiProblem(w, r, http.StatusForbidden, "hardening_input.cross_origin", "")
			return
		}
		s.renderError(w, r, http.StatusForbidden)
	}))
	// A mail client's RFC 8058 one-click unsubscribe is a cross-site POST
	// by design; its token is its only authority and it changes nothing else.
	cop.AddInsecureBypassPattern("POST /news/unsubscribe/{token}")
	var h http.Handler = mux
	h = s.boundInput(h)
	h = cop.Handler(h)
	h = s.language(h)
	h = s.withSession(h)
	h = securityHeaders(h, fixedHeaders(tileOrigin(s.opts.MapTiles)))
	h = s.recoverPanics(h)
	h = s.observe(h)
	return h
}

// observe gives the request its id and state, then logs and measures it.
// The log line holds no personal data: the route pattern, never the path or
// query, which may one day carry a name or a search.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &requestState{id: newRequestID(), lang: i18n.Default, actor: berceau.Anonymous("")}
		w.Header().Set("X-Request-Id", st.id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), stateKey{}, st)))
		elapsed := time.Since(start)
		route := st.route
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, r.Method, rec.status, elapsed)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.accessLog.LogAttrs(r.Context(), level, "request",
			slog.String("id", st.id), slog.String("method", r.Method), slog.String("route", route),
			slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes), slog.Duration("duration", elapsed))
	})
}

// recoverPanics turns a panic into the translated 500 page, keeping the
// cause in the logs only.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic while serving a request", "id", state(r).id, "route", state(r).route, "panic", p)
				if rec, ok := w.(*statusRecorder); ok && rec.wroteHeader {
					return // too late for an error page; the client sees a cut response
				}
				s.renderError(w, r, http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only this origin's own scripts, styles and
// images, and nothing framed, embedded or based elsewhere. The map tile
// server, when one is configured, is the one other origin, for images only.
func contentSecurityPolicy(tileOrigin string) string {
	img := "'self' data:"
	if tileOrigin != "" {
		img += " " + tileOrigin
	}
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + img + "; " +
		"font-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
}

// fixedHeaders go on every response. Pages may show personal data, so no
// cache keeps them; static assets override Cache-Control with their own
// long-lived policy.
func fixedHeaders(tileOrigin string) http.Header {
	return http.Header{
		"Content-Security-Policy":    {contentSecurityPolicy(tileOrigin)},
		"X-Content-Type-Options":     {"nosniff"},
		"Referrer-Policy":            {"same-origin"},
		"X-Frame-Options":            {"DENY"},
		"Cross-Origin-Opener-Policy": {"same-origin"},
		"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), interest-cohort=()"},
		"Cache-Control":              {"no-store"},
	}
}

func securityHeaders(next http.Handler, fixed http.Header) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range fixed {
			h[k] = v // keys are already canonical; the values are never modified
		}
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// language picks the request's language among the network's enabled ones:
// signed in, the language chosen in the header during this session, else the person's own
// setting; else the remembered choice (cookie), else the browser's
// Accept-Language, else the network's default. A language the network does
// not enable (any more) is passed over at every step.
func (s *Server) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		st.langs = s.app.Languages.Enabled(r.Context())
		lang := ""
		actor := st.actor
		if chosen := s.sessionLanguage(r); actor.SignedIn() && chosen != "" {
			lang = chosen
		} else if actor.SignedIn() && st.langs.Has(actor.User.Locale) {
			lang = actor.User.Locale
		} else if c, err := r.Cookie(languageCookie); err == nil && st.langs.Has(c.Value) {
			lang = c.Value
		} else {
			lang = s.i18n.Negotiate(r.Header.Get("Accept-Language"), st.langs.Enabled)
		}
		st.lang = lang
		w.Header().Set("Content-Language", lang)
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r)
	})
}

// Request ids are a random per-process prefix and a counter: unique, and
// cheaper than reading the system's random source for every request.
var (
	requestIDPrefix  = randomHex(4)
	requestIDCounter atomic.Uint64
)

func newRequestID() string {
	return requestIDPrefix + "-" + strconv.FormatUint(requestIDCounter.Add(1), 36)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
