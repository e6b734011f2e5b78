package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// registrationPage is an event's registration page: the member's state and
// buttons, the guests' form on public events, the organisers' links.
type registrationPage struct {
	Layout
	Detail     app.EventDetail
	Mine       *app.MyRegistration
	Open       bool // registration is open now
	GuestsMay  bool // a public event: guests may register
	Guest      knowledge.Guest
	Sectors    []knowledge.Sector
	Errors     formErrors
	Notice     string
	Alert      string
	CanManage  bool
	Documents  []app.EventDocument
	EventTitle string
}

// eventAlert is the message of a refusal the page shows in place (already
// registered, closed, throttled, expired offer); ok is false for errors
// that need the error page.
func eventAlert(err error) (string, bool) {
	var de *berceau.Error
	errors.As(err, &de)
	section, rest, _ := strings.Cut(keyOf(de), ".")
	if de == nil || section != "registration" || !strings.HasPrefix(rest, "error") {
		return "", false
	}
	switch de.Kind {
	case berceau.KindConflict, berceau.KindForbidden:
		return de.Key, true
	}
	return "", false
}

func (s *Server) registrationPage(w http.ResponseWriter, r *http.Request, status int, id int64, p *registrationPage) {
	ctx, actor := r.Context(), state(r).actor
	d, err := s.app.Events.Event(ctx, actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Layout = s.newLayout(r, "events", "registration.page_title")
	p.Detail, p.CanManage, p.Sectors = d, d.CanManage, knowledge.Sectors
	p.EventTitle = p.Local(d.Event.Title)
	p.Open = d.Event.RegistrationOpen(s.app.Now())
	p.GuestsMay = d.Event.Audience == knowledge.AudiencePublic && !actor.SignedIn()
	if actor.User.ID != 0 {
		if mine, err := s.app.Events.MyRegistrationTo(ctx, actor, id); err == nil {
			p.Mine = &mine
		} else if !berceau.IsNotFound(err) {
			s.renderDomainError(w, r, err)
			return
		}
	}
	if p.Documents, err = s.app.Events.Documents(ctx, actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "registered", "cancelled", "accepted", "declined", "guest":
		p.Notice = "registration.done_" + r.URL.Query().Get("done")
	}
	s.render(w, r, status, "registration", p)
}

func (s *Server) handleRegistrationPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.registrationPage(w, r, http.StatusOK, id, &registrationPage{})
}

// handleRegisterMember registers the signed-in member in one click.
func (s *Server) handleRegisterMember(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if _, err := s.app.Events.Register(r.Context(), state(r).actor, id); err != nil {
		if key, ok := eventAlert(err); ok {
			s.registrationPage(w, r, statusOf(err), id, &registrationPage{Alert: key})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"/registration?done=registered", http.StatusSeeOther)
}

func statusOf(err error) int {
	if berceau.KindOf(err) == berceau.KindForbidden {
		return http.StatusTooManyRequests
	}
	return http.StatusConflict
}

// handleRegisterGuest records a guest's registration and mails the link
// that confirms it.
func (s *Server) handleRegisterGuest(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	st := state(r)
	g := knowledge.Guest{Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"),
		Organisation: r.PostForm.Get("organisation"), Sector: knowledge.Sector(r.PostForm.Get("sector")), Language: st.lang}
	if err := s.app.Events.RegisterGuest(r.Context(), berceau.Anonymous(st.client), id, g); err != nil {
		if fe, ok := formErrorsFrom(err); ok && berceau.KindOf(err) == berceau.KindInvalid {
			s.registrationPage(w, r, http.StatusUnprocessableEntity, id, &registrationPage{Guest: g, Errors: fe})
			return
		}
		if key, ok := eventAlert(err); ok {
			s.registrationPage(w, r, statusOf(err), id, &registrationPage{Guest: g, Alert: key})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"/registration?done=guest", http.StatusSeeOther)
}

// memberActions are what a member does to their own registration.
var memberActions = map[string]knowledge.RegistrationAction{
	"cancel": knowledge.ActCancel, "accept": knowledge.ActAccept, "decline": knowledge.ActDecline,
}

var doneOf = map[knowledge.RegistrationAction]string{
	knowledge.ActCancel: "cancelled", knowledge.ActAccept: "accepted", knowledge.ActDecline: "declined",
	knowledge.ActConfirm: "confirmed",
}

func (s *Server) handleMyRegistrationAction(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	act, known := memberActions[r.PathValue("action")]
	if !ok || !known {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if _, err := s.app.Events.ActOnMine(r.Context(), state(r).actor, id, act); err != nil {
		if key, ok := eventAlert(err); ok {
			s.registrationPage(w, r, statusOf(err), id, &registrationPage{Alert: key})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	back := "/events/" + strconv.FormatInt(id, 10) + "/registration?done=" + doneOf[act]
	if r.PostForm.Get("back") == "mine" {
		back = "/me/registrations?done=" + doneOf[act]
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// linkPage is the page a mailed link opens: the registration's state and
// what can be done with it, without signing in.
type linkPage struct {
	Layout
	Linked     app.LinkedRegistration
	EventTitle string
	Notice     string
	Alert      string
	Errors     formErrors
	Rating     string
	Comment    string
	Past       bool
}

func (s *Server) renderLinkPage(w http.ResponseWriter, r *http.Request, status int, linked app.LinkedRegistration, p *linkPage) {
	p.Layout = s.newLayout(r, "events", "registration.link_title")
	p.Linked, p.EventTitle = linked, p.Local(linked.Event.Title)
	p.Past = linked.Event.Past(s.app.Now())
	s.render(w, r, status, "registration_link", p)
}

func (s *Server) handleLinkPage(w http.ResponseWriter, r *http.Request) {
	linked, err := s.app.Events.ByLink(r.Context(), r.PathValue("token"))
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	p := &linkPage{}
	switch d := r.URL.Query().Get("done"); d {
	case "confirmed", "cancelled", "accepted", "declined", "feedback":
		p.Notice = "registration.done_" + d
	}
	s.renderLinkPage(w, r, http.StatusOK, linked, p)
}

// linkError shows a bad or dead link as a page that says so (404).
func (s *Server) linkError(w http.ResponseWriter, r *http.Request, err error) {
	if berceau.KindOf(err) == berceau.KindNotFound {
		p := &linkPage{Layout: s.newLayout(r, "events", "registration.link_title"), Alert: "registration.error.link"}
		s.render(w, r, http.StatusNotFound, "registration_link_dead", p)
		return
	}
	s.renderDomainError(w, r, err)
}

var linkActions = map[string]knowledge.RegistrationAction{
	"confirm": knowledge.ActConfirm, "accept": knowledge.ActAccept, "decline": knowledge.ActDecline, "cancel": knowledge.ActCancel,
}

// handleLinkAction confirms, accepts, declines or cancels through a mailed
// link. GET only shows the page: mail scanners open links, and must not
// cancel anyone's place.
func (s *Server) handleLinkAction(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	act, ok := linkActions[r.PathValue("action")]
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	linked, err := s.app.Events.ActByLink(r.Context(), berceau.Anonymous(state(r).client), token, act)
	if err != nil {
		if key, ok := eventAlert(err); ok {
			current, rerr := s.app.Events.ByLink(r.Context(), token)
			if rerr != nil {
				s.linkError(w, r, rerr)
				return
			}
			s.renderLinkPage(w, r, statusOf(err), current, &linkPage{Alert: key})
			return
		}
		s.linkError(w, r, err)
		return
	}
	http.Redirect(w, r, "/registrations/"+linked.Token+"?done="+doneOf[act], http.StatusSeeOther)
}

func (s *Server) handleLinkFeedback(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	rating, _ := strconv.Atoi(r.PostForm.Get("rating"))
	comment := r.PostForm.Get("comment")
	err := s.app.Events.GiveFeedback(r.Context(), berceau.Anonymous(state(r).client), token, knowledge.Feedback{Rating: rating, Comment: comment})
	if err != nil {
		linked, rerr := s.app.Events.ByLink(r.Context(), token)
		if rerr != nil {
			s.linkError(w, r, rerr)
			return
		}
		if fe, ok := formErrorsFrom(err); ok {
			s.renderLinkPage(w, r, statusForForm(err), linked, &linkPage{Errors: fe, Rating: r.PostForm.Get("rating"), Comment: comment})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/registrations/"+token+"?done=feedback", http.StatusSeeOther)
}

// myRegistrationsPage lists the member's registrations and their calendar
// feed's URLs.
type myRegistrationsPage struct {
	Layout
	Registrations []app.MyRegistration
	FeedURL       string // https://…
	WebcalURL     string // webcal://…
	Notice        string
}

// Title is an event's title in the page's language.
func (p *myRegistrationsPage) Title(m app.MyRegistration) string { return p.Local(m.Event.Title) }

func (s *Server) handleMyRegistrations(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), state(r).actor
	list, err := s.app.Events.MyRegistrations(ctx, actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	feed, err := s.app.Events.CalendarFeedURL(ctx, actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &myRegistrationsPage{Layout: s.newLayout(r, "events", "registration.mine_title"), Registrations: list, FeedURL: feed,
		WebcalURL: "webcal://" + strings.TrimPrefix(strings.TrimPrefix(feed, "https://"), "http://")}
	switch d := r.URL.Query().Get("done"); d {
	case "calendar_reset", "cancelled", "accepted", "declined":
		p.Notice = "registration.done_" + d
	}
	s.render(w, r, http.StatusOK, "registration_mine", p)
}

func (s *Server) handleResetCalendarFeed(w http.ResponseWriter, r *http.Request) {
	if err := s.app.Events.ResetCalendarFeed(r.Context(), state(r).actor); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/registrations?done=calendar_reset", http.StatusSeeOther)
}

// handlePersonalCalendar serves a person's feed to calendar applications.
func (s *Server) handlePersonalCalendar(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if !strings.HasSuffix(token, ".ics") {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	cal, err := s.app.Events.PersonalCalendar(r.Context(), token)
	if err != nil {
		if berceau.KindOf(err) == berceau.KindNotFound {
			http.Error(w, "", http.StatusNotFound)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	_, _ = w.Write(cal)
}

// Ratings are the feedback form's choices, best first.
func (p *linkPage) Ratings() []int { return []int{5, 4, 3, 2, 1} }

func keyOf(e *berceau.Error) string {
	if e == nil {
		return ""
	}
	return e.Key
}

// Back is the value that brings a member's action back to this page.
func (p *myRegistrationsPage) Back() string { return "mine" }
