package web

import (
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// Session value keys. A session is signed in only when userKey is set;
// the others hold a person between their password and their second factor.
const (
	userKey          = app.SessionUserKey
	pendingSignInKey = "pending_sign_in" // password right, second factor to check
	secondFactorKey  = "second_factor"   // this session passed a second factor
	enrolUserKey     = "enrol_user_id"   // password right, second factor to set up
	enrolSecretKey   = "enrol_secret"    // sealed TOTP secret being set up
	sessionCookieNm  = "berceau_session"
)

func (s *Server) newSessionManager() *scs.SessionManager {
	sm := scs.New()
	sm.Store = s.app.Accounts.SessionStore()
	sm.Codec = s.app.Accounts.SessionCodec()
	sm.IdleTimeout = s.opts.SessionIdleTimeout
	sm.Lifetime = s.opts.SessionLifetime
	sm.Cookie.Name = sessionCookieNm
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = s.opts.SecureCookies
	sm.Cookie.Path = "/"
	sm.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		// A database that cannot answer is a 503 like any read's; the
		// rest is logged with its cause and shown as a 500.
		s.renderDomainError(w, r, fmt.Errorf("session: %w", err))
	}
	return sm
}

// withSession loads the request's session and, when it is signed in, its
// actor. A session whose account was disabled or removed is ended.
func (s *Server) withSession(next http.Handler) http.Handler {
	loadActor := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		st.actor = berceau.Anonymous(st.client)
		if id := s.sessions.GetInt64(r.Context(), userKey); id != 0 {
			// Family permissions need a session that passed a second factor,
			// checked here on every request, not only at sign-in.
			actor, err := s.app.Accounts.SessionActor(r.Context(), id, s.sessions.GetBool(r.Context(), secondFactorKey), st.client)
			if err != nil {
				_ = s.sessions.Destroy(r.Context())
			} else {
				st.actor = actor
			}
		}
		next.ServeHTTP(w, r)
	})
	inner := s.sessions.LoadAndSave(loadActor)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		st.client = clientAddress(r)
		if !hasSessionCookie(r) && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			// No session, and a request that must not create one: nobody
			// is signed in, and scs need not load nor buffer the response
			// (measured: the home page went from 0.52 to 0.45 of the
			// ceiling with it). Handlers that read the session check
			// hasSessionCookie first.
			st.actor = berceau.Anonymous(st.client)
			next.ServeHTTP(w, r)
			return
		}
		ctx := app.WithSessionClient(r.Context(), st.client, r.UserAgent())
		inner.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientAddress is the connecting address. Berceau does not trust
// X-Forwarded-For: behind a proxy every client shares the proxy's address,
// which only makes throttling per address coarser.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// startSignedInSession turns the session into a signed-in one under a new
// token, so that a token known before sign-in is worth nothing after.
// secondFactor says whether the person passed (or just set up) a second
// factor in this sign-in: only such a session carries family permissions.
func (s *Server) startSignedInSession(r *http.Request, userID int64, secondFactor bool) error {
	ctx := r.Context()
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	for _, k := range []string{pendingSignInKey, enrolUserKey, enrolSecretKey} {
		s.sessions.Remove(ctx, k)
	}
	s.sessions.Put(ctx, userKey, userID)
	s.sessions.Put(ctx, secondFactorKey, secondFactor)
	s.sessions.Put(ctx, "signed_in_at", time.Now().Unix())
	return s.app.Accounts.CompleteSignIn(ctx, userID, state(r).client)
}

// currentSessionHash identifies this request's session at rest.
func (s *Server) currentSessionHash(r *http.Request) string {
	return app.HashSessionToken(s.sessions.Token(r.Context()))
}

// hasSessionCookie reports whether the request carries a session cookie; a
// request without one has no session data in its context.
func hasSessionCookie(r *http.Request) bool {
	_, err := r.Cookie(sessionCookieNm)
	return err == nil
}
