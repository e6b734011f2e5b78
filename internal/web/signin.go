package web

import (
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

type signInPage struct {
	Layout
	Email       string
	Next        string
	PasswordSet bool
	Errors      formErrors
	// Demo lists the demo's accounts, when the server runs the demo.
	Demo *demoLogins
}

func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request) {
	if state(r).actor.SignedIn() {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	p := &signInPage{Layout: s.newLayout(r, "signin", "signin.title"), Next: localPath(r.URL.Query().Get("next")),
		PasswordSet: r.URL.Query().Get("done") == "password", Demo: s.demoBlock()}
	s.render(w, r, http.StatusOK, "signin", p)
}

func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	email, next := r.PostForm.Get("email"), localPath(r.PostForm.Get("next"))
	result, err := s.app.Accounts.SignIn(r.Context(), email, r.PostForm.Get("password"), state(r).client)
	if err != nil {
		status := http.StatusUnprocessableEntity
		key := "error.sign_in_failed"
		var de *berceau.Error
		if errors.As(err, &de) {
			key = de.Key
		}
		switch {
		case key == "error.sign_in_throttled":
			status = http.StatusTooManyRequests
		case berceau.KindOf(err) == berceau.KindForbidden:
			status = http.StatusForbidden // an account whose access ended (a trainee's internship)
		case berceau.KindOf(err) == berceau.KindInternal:
			s.renderDomainError(w, r, err)
			return
		}
		p := &signInPage{Layout: s.newLayout(r, "signin", "signin.title"), Email: email, Next: next, Errors: formErrors{FormKey: key},
			Demo: s.demoBlock()}
		s.render(w, r, status, "signin", p)
		return
	}
	ctx := r.Context()
	switch result.Next {
	case app.SignedIn:
		if err := s.startSignedInSession(r, result.User.ID, false); err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		http.Redirect(w, r, s.landing(r, result.User.ID, next), http.StatusSeeOther)
	case app.NeedsSecondFactor:
		if err := s.sessions.RenewToken(ctx); err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		s.sessions.Put(ctx, pendingSignInKey, result.Pending)
		s.sessions.Put(ctx, "next", next)
		http.Redirect(w, r, "/signin/code", http.StatusSeeOther)
	case app.NeedsEnrollment:
		if err := s.sessions.RenewToken(ctx); err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		s.sessions.Put(ctx, enrolUserKey, result.User.ID)
		s.sessions.Put(ctx, "next", next)
		http.Redirect(w, r, "/signin/enrol", http.StatusSeeOther)
	}
}

type codePage struct {
	Layout
	Errors formErrors
}

func (s *Server) handleCodeForm(w http.ResponseWriter, r *http.Request) {
	if !hasSessionCookie(r) || s.sessions.GetString(r.Context(), pendingSignInKey) == "" {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "signin_code", &codePage{Layout: s.newLayout(r, "signin", "signin.code_title")})
}

func (s *Server) handleCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pending := s.sessions.GetString(ctx, pendingSignInKey)
	if pending == "" {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	userID, err := s.app.Accounts.VerifySecondFactor(ctx, pending, r.PostForm.Get("code"), state(r).client)
	if app.SignInMustRestart(err) {
		// The pending sign-in is over (too many codes, or too old): back to
		// the password, saying why.
		s.sessions.Remove(ctx, pendingSignInKey)
		var de *berceau.Error
		errors.As(err, &de)
		p := &signInPage{Layout: s.newLayout(r, "signin", "signin.title"), Next: localPath(s.sessions.GetString(ctx, "next")),
			Errors: formErrors{FormKey: de.Key}}
		s.render(w, r, http.StatusTooManyRequests, "signin", p)
		return
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "signin_code", &codePage{Layout: s.newLayout(r, "signin", "signin.code_title"), Errors: fe})
		return
	}
	next := localPath(s.sessions.PopString(ctx, "next"))
	if err := s.startSignedInSession(r, userID, true); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, s.landing(r, userID, next), http.StatusSeeOther)
}

type enrolPage struct {
	Layout
	Action string // where the code goes: the sign-in step or the account page
	Secret string
	QRCode template.URL
	Errors formErrors
}

func (s *Server) handleEnrolForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !hasSessionCookie(r) {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	userID := s.sessions.GetInt64(ctx, enrolUserKey)
	if userID == 0 {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	enrol, err := s.app.Accounts.BeginEnrollment(ctx, userID)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.sessions.Put(ctx, enrolSecretKey, enrol.Sealed)
	s.render(w, r, http.StatusOK, "signin_enrol", s.enrolPage(r, "signin", "/signin/enrol", enrol, formErrors{}))
}

// enrolPage shows a second factor being set up; action receives the code.
func (s *Server) enrolPage(r *http.Request, nav, action string, enrol app.TOTPEnrollment, fe formErrors) *enrolPage {
	return &enrolPage{Layout: s.newLayout(r, nav, "signin.enrol_title"), Action: action, Secret: enrol.Secret, Errors: fe,
		QRCode: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(enrol.QRCodePNG))}
}

type recoveryCodesPage struct {
	Layout
	Codes []string
	Next  string
}

func (s *Server) handleEnrol(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	userID := s.sessions.GetInt64(ctx, enrolUserKey)
	if userID == 0 {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	codes, err := s.app.Accounts.ConfirmEnrollment(ctx, userID, s.sessions.GetString(ctx, enrolSecretKey), r.PostForm.Get("code"), state(r).client)
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		// Show the same secret again: the person has already added it to their app.
		enrol, oerr := s.app.Accounts.ReopenEnrollment(ctx, userID, s.sessions.GetString(ctx, enrolSecretKey))
		if oerr != nil {
			http.Redirect(w, r, "/signin/enrol", http.StatusSeeOther)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "signin_enrol", s.enrolPage(r, "signin", "/signin/enrol", enrol, fe))
		return
	}
	next := localPath(s.sessions.PopString(ctx, "next"))
	if err := s.startSignedInSession(r, userID, true); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	state(r).actor, _ = s.app.Accounts.SessionActor(ctx, userID, true, state(r).client)
	s.render(w, r, http.StatusOK, "recovery_codes", &recoveryCodesPage{Layout: s.newLayout(r, "", "signin.recovery_title"), Codes: codes, Next: s.landing(r, userID, next)})
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if err := s.app.Accounts.SignOut(r.Context(), state(r).actor); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
