package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

type accountPage struct {
	Layout
	Sessions       []app.SessionInfo
	Tokens         []app.APIToken
	TokenScopes    []berceau.Permission // what a new token may be given: what the person holds
	NewToken       string               // shown once, right after creation
	Notice         string
	PasswordErrors formErrors
	TokenErrors    formErrors
	TokenName      string
	Languages      []string
	MailDecisions  bool // mail me when a team decision awaits my confirmation
}

func (s *Server) accountPage(r *http.Request) (*accountPage, error) {
	actor := state(r).actor
	p := &accountPage{Layout: s.newLayout(r, "account", "account.title"), Languages: state(r).langs.Enabled}
	var err error
	if p.Sessions, err = s.app.Accounts.Sessions(r.Context(), actor, actor.User.ID, s.currentSessionHash(r)); err != nil {
		return nil, err
	}
	if p.MailDecisions, err = s.app.Care.MailDecisions(r.Context(), actor); err != nil {
		return nil, err
	}
	if p.Tokens, err = s.app.Accounts.ListTokens(r.Context(), actor); err != nil {
		return nil, err
	}
	for perm := range actor.Permissions {
		p.TokenScopes = append(p.TokenScopes, perm)
	}
	sortPermissions(p.TokenScopes)
	return p, nil
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	p, err := s.accountPage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Notice = noticeKey(r.URL.Query().Get("done"))
	s.render(w, r, http.StatusOK, "account", p)
}

// noticeKey maps the ?done= of a redirect after a change to its message.
func noticeKey(done string) string {
	switch done {
	case "locale", "password", "session", "token_revoked":
		return "account.done_" + done
	case "notifications":
		return "daily_flows.notifications_saved"
	}
	return ""
}

func (s *Server) handleAccountLocale(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if err := s.app.Accounts.SetLocale(r.Context(), state(r).actor, r.PostForm.Get("locale")); err != nil {
		if berceau.KindOf(err) == berceau.KindInvalid {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	// The account's language now decides; a header choice of this
	// session would otherwise hide it.
	s.sessions.Remove(r.Context(), sessionLangKey)
	s.sessions.Remove(r.Context(), languageOfferKey)
	if next := r.PostForm.Get("next"); next != "" {
		// Saved from the offer after the header switch: back to that page.
		http.Redirect(w, r, localPath(next), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/account?done=locale", http.StatusSeeOther)
}

func (s *Server) handleAccountPassword(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	f := r.PostForm
	err := s.app.Accounts.ChangePassword(r.Context(), state(r).actor, f.Get("current_password"), f.Get("password"), f.Get("confirm"), s.currentSessionHash(r))
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.accountPage(r)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.PasswordErrors = fe
		s.render(w, r, statusForForm(err), "account", p)
		return
	}
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
}

func (s *Server) handleAccountEndSession(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	actor := state(r).actor
	if err := s.app.Accounts.EndSession(r.Context(), actor, actor.User.ID, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=session", http.StatusSeeOther)
}

func (s *Server) handleAccountCreateToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	in := app.NewToken{Name: r.PostForm.Get("name"), CurrentPassword: r.PostForm.Get("current_password")}
	for _, scope := range r.PostForm["scopes"] {
		in.Scopes = append(in.Scopes, berceau.Permission(scope))
	}
	if days, err := strconv.Atoi(r.PostForm.Get("days")); err == nil {
		in.Expiry = time.Duration(days) * 24 * time.Hour
	}
	token, _, err := s.app.Accounts.CreateToken(r.Context(), state(r).actor, in)
	p, perr := s.accountPage(r)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p.TokenErrors, p.TokenName = fe, in.Name
		s.render(w, r, statusForForm(err), "account", p)
		return
	}
	// Shown once, on this response only: no redirect may carry it.
	p.NewToken = token
	s.render(w, r, http.StatusOK, "account", p)
}

func (s *Server) handleAccountRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Accounts.RevokeToken(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=token_revoked", http.StatusSeeOther)
}

// handleAccountSecondFactorForm starts setting up a second factor from the
// account page, for people whose role does not require one yet, or who
// want a new one (a new phone).
func (s *Server) handleAccountSecondFactorForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	enrol, err := s.app.Accounts.BeginEnrollment(ctx, state(r).actor.User.ID)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.sessions.Put(ctx, enrolSecretKey, enrol.Sealed)
	s.render(w, r, http.StatusOK, "signin_enrol", s.enrolPage(r, "account", "/account/second-factor", enrol, formErrors{}))
}

func (s *Server) handleAccountSecondFactor(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	actor := state(r).actor
	sealed := s.sessions.GetString(ctx, enrolSecretKey)
	codes, err := s.app.Accounts.ReplaceSecondFactor(ctx, actor, sealed, r.PostForm.Get("code"), r.PostForm.Get("current_password"))
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		enrol, oerr := s.app.Accounts.ReopenEnrollment(ctx, actor.User.ID, sealed)
		if oerr != nil {
			http.Redirect(w, r, "/account/second-factor", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "signin_enrol", s.enrolPage(r, "account", "/account/second-factor", enrol, fe))
		return
	}
	s.sessions.Remove(ctx, enrolSecretKey)
	// The person just proved a code of their new second factor: this session
	// has passed one.
	s.sessions.Put(ctx, secondFactorKey, true)
	state(r).actor, _ = s.app.Accounts.SessionActor(ctx, actor.User.ID, true, state(r).client)
	s.render(w, r, http.StatusOK, "recovery_codes", &recoveryCodesPage{Layout: s.newLayout(r, "account", "signin.recovery_title"), Codes: codes, Next: "/account"})
}

// handleAccountNotifications saves whether the person is mailed when a team
// decision awaits her confirmation (an unticked box is not sent: off).
func (s *Server) handleAccountNotifications(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if err := s.app.Care.SetMailDecisions(r.Context(), state(r).actor, r.PostForm.Get("mail_decisions") != ""); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=notifications", http.StatusSeeOther)
}
