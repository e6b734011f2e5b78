package web

import (
	"net/http"
	"strings"

	"github.com/berceau/berceau/internal/i18n"
)

const languageCookie = "lang"

// handleLanguage remembers the language chosen in the page header and goes
// back to the page the person was on.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	lang := r.PostForm.Get("lang")
	if !i18n.Supported(lang) {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: languageCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
	http.Redirect(w, r, localPath(r.PostForm.Get("next")), http.StatusSeeOther)
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
