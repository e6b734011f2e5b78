package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/ical"
	"github.com/berceau/berceau/knowledge"
)

// The iCalendar feeds: the whole public agenda, each kind, a cycle and one
// event. They are the same for everyone (what the public may see: a
// calendar application subscribing carries no session) and never carry a
// join link. Cancelled events stay in them, STATUS:CANCELLED, so that the
// calendars holding them learn it.

// feedHistory is how far back a feed goes: a year of past events.
const feedHistory = 365 * 24 * time.Hour

// handleAgendaFeed serves the public agenda, or one kind of event.
func (s *Server) handleAgendaFeed(w http.ResponseWriter, r *http.Request) {
	f := knowledge.EventFilter{From: s.app.Now().Add(-feedHistory)}
	name := "event.feed_agenda"
	if kind := r.PathValue("kind"); kind != "" {
		f.Kind = knowledge.EventKind(kind)
		if !f.Kind.Valid() {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		name = "event.kind_" + kind
	}
	s.serveCalendar(w, r, f, name, "agenda")
}

// handleEventFeed serves one event as a calendar.
func (s *Server) handleEventFeed(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Event(r.Context(), berceau.Anonymous(state(r).actor.ClientAddress), id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	d.Event.Place.JoinURL = ""
	s.writeCalendar(w, r, []knowledge.Event{d.Event}, s.i18n.Localizer(state(r).lang).T("event.feed_event"), "event-"+strconv.FormatInt(id, 10))
}

// handleCycleFeed serves a cycle's sessions.
func (s *Server) handleCycleFeed(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Cycle(r.Context(), berceau.Anonymous(state(r).actor.ClientAddress), id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	title, _ := d.Cycle.Title.In(state(r).lang, state(r).langs.Default())
	s.serveCalendarNamed(w, r, knowledge.EventFilter{CycleID: id}, title, "cycle-"+strconv.FormatInt(id, 10))
}

func (s *Server) serveCalendar(w http.ResponseWriter, r *http.Request, f knowledge.EventFilter, nameKey, file string) {
	s.serveCalendarNamed(w, r, f, s.i18n.Localizer(state(r).lang).T(nameKey), file)
}

func (s *Server) serveCalendarNamed(w http.ResponseWriter, r *http.Request, f knowledge.EventFilter, name, file string) {
	events, err := s.app.Events.ForCalendar(r.Context(), berceau.Anonymous(state(r).actor.ClientAddress), f)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.writeCalendar(w, r, events, name, file)
}

func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, events []knowledge.Event, name, file string) {
	base := s.app.Events.BaseURL()
	body, err := ical.EventCalendar(events, ical.MethodPublish, ical.Options{
		Lang: state(r).lang, Name: name, Refresh: time.Hour,
		EventURL: func(e knowledge.Event) string { return base + "/events/" + strconv.FormatInt(e.ID, 10) },
	})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+file+`.ics"`)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
