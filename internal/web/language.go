package web

import (
	"net/http"
	"strings"
)

const (
	languageCookie = "lang"
	// sessionLangKey holds the language chosen in the header during a
	// signed-in session: it wins over the account's language until the
	// session ends or the person saves it to the account.
	sessionLangKey = "lang"
	// languageOfferKey asks the next page to offer saving that language to
	// the account (once).
	languageOfferKey = "lang_offer"
)

// handleLanguage remembers the language chosen in the page header and goes
// back to the page the person was on. Signed in, the choice holds for this
// session and the next page offers to keep it as the account's language;
// the cookie keeps it for the browser after sign-out.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	lang := r.PostForm.Get("lang")
	if !state(r).langs.Has(lang) {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: languageCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
	if actor := state(r).actor; actor.SignedIn() && !actor.System {
		s.sessions.Put(r.Context(), sessionLangKey, lang)
		if lang != actor.User.Locale {
			s.sessions.Put(r.Context(), languageOfferKey, lang)
		} else {
			s.sessions.Remove(r.Context(), languageOfferKey)
		}
	}
	http.Redirect(w, r, localPath(r.PostForm.Get("next")), http.StatusSeeOther)
}

// sessionLanguage is the language chosen in the header during this
// signed-in session, "" when none was.
func (s *Server) sessionLanguage(r *http.Request) string {
	if !hasSessionCookie(r) {
		return ""
	}
	if lang := s.sessions.GetString(r.Context(), sessionLangKey); state(r).langs.Has(lang) {
		return lang
	}
	return ""
}

// languageOffer returns, once, the language the person just chose in the
// header when it differs from their account's: the page offers to save it.
func (s *Server) languageOffer(r *http.Request) string {
	st := state(r)
	if !st.actor.SignedIn() || !hasSessionCookie(r) {
		return ""
	}
	lang := s.sessions.PopString(r.Context(), languageOfferKey)
	if !st.langs.Has(lang) || lang == st.actor.User.Locale || lang != st.lang {
		return ""
	}
	return lang
}

// localPath keeps a redirect target on this site: anything that is not a
// plain absolute path ("//evil.example", "https://…", "/\evil") becomes "/".
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
