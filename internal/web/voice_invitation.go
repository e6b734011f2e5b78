package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"time"

	"rsc.io/qr"

	"github.com/berceau/berceau/indicator"
)

// voiceFamilyPage offers the questionnaire from a family's file: the
// occasion (reassessment or closure), a one-time link with its QR code, or
// the worker's tablet in kiosk mode; and the invitations already made, used
// or not (never what was answered).
type voiceFamilyPage struct {
	Layout
	FamilyID    int64
	Occasion    string
	Occasions   []indicator.VoiceOccasion
	Programme   string
	Invitations []indicator.VoiceInvitation
	Errors      formErrors
	Now         time.Time
}

// Expired reports whether an invitation can no longer be answered.
func (p *voiceFamilyPage) Expired(inv indicator.VoiceInvitation) bool {
	return !p.Now.Before(inv.ExpiresAt)
}

func (s *Server) voiceFamilyPage(r *http.Request, id int64) (*voiceFamilyPage, error) {
	v, err := s.app.Voice.OpenFamilyVoice(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		return nil, err
	}
	p := &voiceFamilyPage{Layout: s.newLayout(r, "families", "voice.family_title"), FamilyID: id, Programme: v.Programme,
		Invitations: v.Invitations, Occasions: []indicator.VoiceOccasion{indicator.VoiceAtReassessment, indicator.VoiceAtClosure},
		Occasion: string(indicator.VoiceAtReassessment), Now: s.app.Now()}
	if o := indicator.VoiceOccasion(r.URL.Query().Get("occasion")); o.Valid() {
		p.Occasion = string(o)
	}
	p.setFamilyHeader(v.Summary)
	return p, nil
}

func (s *Server) handleFamilyVoice(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.voiceFamilyPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "voice_family", p)
}

// voiceLinkPage shows a link just made, once: its address and QR code on
// a sheet the worker may print for the family. The sheet names nobody.
type voiceLinkPage struct {
	Layout
	FamilyID  int64
	URL       string
	QRCode    template.URL
	ExpiresAt time.Time
}

// voiceInviteFailed shows the offer page again with the refusal's messages,
// or the refusal itself when it is not about the form.
func (s *Server) voiceInviteFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	fe, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	p, perr := s.voiceFamilyPage(r, id)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	p.Errors = fe
	s.render(w, r, statusForForm(err), "voice_family", p)
}

func (s *Server) handleVoiceLinkCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	occasion := indicator.VoiceOccasion(r.PostForm.Get("occasion"))
	issued, err := s.app.Voice.Invite(r.Context(), state(r).actor, id, occasion, indicator.VoiceByLink)
	if err != nil {
		s.voiceInviteFailed(w, r, id, err)
		return
	}
	link := issued.URL
	if issued.URL == "/voice/"+issued.Token {
		// No base URL configured: the link is this server's.
		link = requestOrigin(r) + issued.URL
	}
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		s.renderError(w, r, http.StatusInternalServerError)
		return
	}
	code.Scale = 6
	p := &voiceLinkPage{Layout: s.newLayout(r, "families", "voice.link_title"), FamilyID: id, URL: link, ExpiresAt: issued.Invitation.ExpiresAt,
		QRCode: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG()))}
	// The sheet is shown once, for this POST: the language switch goes back
	// to the offer page.
	p.Path = familyPath(id, "/voice")
	s.render(w, r, http.StatusOK, "voice_link", p)
}

// requestOrigin is the scheme and host the request came to.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// handleVoiceKioskStart hands the worker's tablet to the family: it creates
// a kiosk invitation (audited under the family), then ends the worker's
// session before showing the questionnaire. Nothing of the file can be
// reached from the tablet while the family holds it (not even with the
// browser's back button: every page of a file needs a session), and taking
// it back means signing in again, password and second factor.
func (s *Server) handleVoiceKioskStart(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	actor := state(r).actor
	occasion := indicator.VoiceOccasion(r.PostForm.Get("occasion"))
	issued, err := s.app.Voice.Invite(r.Context(), actor, id, occasion, indicator.VoiceByKiosk)
	if err != nil {
		s.voiceInviteFailed(w, r, id, err)
		return
	}
	if err := s.app.Accounts.SignOut(r.Context(), actor); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/voice/"+issued.Token, http.StatusSeeOther)
}
