package web

import (
	"net/http"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// setPasswordPage serves both single-use links: an invitation and a reset.
type setPasswordPage struct {
	Layout
	Action   string
	Email    string
	TitleKey string
	IntroKey string
	Errors   formErrors
}

var linkPurposes = map[string]struct{ prefix, title, intro string }{
	app.PurposeInvitation:    {"/invitation/", "password.invitation_title", "password.invitation_intro"},
	app.PurposePasswordReset: {"/password/reset/", "password.reset_title", "password.reset_intro"},
}

func (s *Server) handleLinkForm(purpose string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := r.PathValue("token")
		u, err := s.app.Accounts.LinkAccount(r.Context(), purpose, token)
		if err != nil {
			s.renderLinkError(w, r, err)
			return
		}
		meta := linkPurposes[purpose]
		p := &setPasswordPage{Layout: s.newLayout(r, "", meta.title), Action: meta.prefix + token, Email: u.Email, TitleKey: meta.title, IntroKey: meta.intro}
		// The link holds a secret: keep it out of Referer headers.
		w.Header().Set("Referrer-Policy", "no-referrer")
		s.render(w, r, http.StatusOK, "set_password", p)
	}
}

func (s *Server) handleLink(purpose string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		token := r.PathValue("token")
		u, err := s.app.Accounts.SetPasswordWithLink(r.Context(), purpose, token, r.PostForm.Get("password"), r.PostForm.Get("confirm"), state(r).client)
		if err != nil {
			if fe, ok := formErrorsFrom(err); ok {
				meta := linkPurposes[purpose]
				p := &setPasswordPage{Layout: s.newLayout(r, "", meta.title), Action: meta.prefix + token, Email: u.Email,
					TitleKey: meta.title, IntroKey: meta.intro, Errors: fe}
				w.Header().Set("Referrer-Policy", "no-referrer")
				s.render(w, r, statusForForm(err), "set_password", p)
				return
			}
			s.renderLinkError(w, r, err)
			return
		}
		http.Redirect(w, r, "/signin?done=password", http.StatusSeeOther)
	}
}

// renderLinkError explains a used or expired link instead of a bare 404.
func (s *Server) renderLinkError(w http.ResponseWriter, r *http.Request, err error) {
	if berceau.IsNotFound(err) {
		p := &errorPage{Layout: s.newLayout(r, "", "password.link_invalid_title"), TitleKey: "password.link_invalid_title", MessageKey: "error.link_invalid"}
		p.RequestID = ""
		s.render(w, r, http.StatusNotFound, "error", p)
		return
	}
	s.renderDomainError(w, r, err)
}

type forgotPage struct {
	Layout
	Email string
	Sent  bool
}

func (s *Server) handleForgotForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password_forgot", &forgotPage{Layout: s.newLayout(r, "signin", "password.forgot_title")})
}

func (s *Server) handleForgot(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	email := r.PostForm.Get("email")
	if err := s.app.Accounts.RequestPasswordReset(r.Context(), email, state(r).client); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "password_forgot", &forgotPage{Layout: s.newLayout(r, "signin", "password.forgot_title"), Email: email, Sent: true})
}
