package web

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"

	"github.com/berceau/berceau"
)

// guard wraps a route's handler with its permission check and labels the
// request with the route's pattern for logs and metrics.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		st.route = rt.pattern
		st.public = rt.permission == berceau.PermPublic
		if s.allowed(rt.permission, r) {
			rt.handler(w, r)
			return
		}
		if !st.actor.SignedIn() && rt.permission != berceau.PermMetrics {
			// Not refused yet: nobody is signed in. Ask who they are, then
			// come back (only GET requests can be replayed by a redirect).
			next := "/"
			if r.Method == http.MethodGet {
				next = r.URL.RequestURI()
			}
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		s.app.RecordDenial(r.Context(), st.actor, rt.pattern)
		s.renderError(w, r, http.StatusForbidden)
	})
}

// allowed decides whether the request may use a route of permission perm.
// A permission the actor does not hold is refused: a route is open only by
// decision.
func (s *Server) allowed(perm berceau.Permission, r *http.Request) bool {
	if perm == berceau.PermMetrics {
		return s.metricsAllowed(r)
	}
	return state(r).actor.Can(perm)
}

// metricsAllowed lets Prometheus in with the configured bearer token, or,
// when no token is configured, from this machine only and not through a
// proxy (a proxy on the same machine would make every client look local).
func (s *Server) metricsAllowed(r *http.Request) bool {
	if s.opts.MetricsToken != "" {
		want := "Bearer " + s.opts.MetricsToken
		return subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), []byte(want)) == 1
	}
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
