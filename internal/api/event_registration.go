package api

import (
	"context"
	"time"
)

// myRegistration is one of the caller's registrations to an event.
type myRegistration struct {
	ID              int64     `json:"id"`
	EventID         int64     `json:"event_id"`
	EventUID        string    `json:"event_uid" doc:"The event's stable iCalendar UID."`
	Title           string    `json:"title" doc:"The event's title in the caller's language (the other one when missing)."`
	Start           time.Time `json:"start"`
	End             time.Time `json:"end"`
	TimeZone        string    `json:"time_zone" doc:"The IANA time zone the event is held in."`
	EventStatus     string    `json:"event_status" enum:"scheduled,changed,cancelled"`
	State           string    `json:"state" enum:"unconfirmed,awaiting_approval,registered,waitlisted,offered,expired,cancelled,attended,no_show"`
	WaitingPosition int       `json:"waiting_position" doc:"Place in the waiting list (1 = next offered); 0 when not waiting."`
	OfferExpiresAt  time.Time `json:"offer_expires_at,omitzero" doc:"Until when an offered place is kept."`
	Hours           float64   `json:"hours" doc:"Hours credited for attending."`
	RegisteredAt    time.Time `json:"registered_at"`
}

type myRegistrationsOutput struct {
	Body struct {
		Registrations []myRegistration `json:"registrations" nullable:"false"`
		CalendarURL   string           `json:"calendar_url" doc:"The caller's secret iCalendar feed of these registrations (revocable on the registrations page)."`
	}
}

func (s *server) myRegistrations(ctx context.Context, _ *struct{}) (*myRegistrationsOutput, error) {
	actor := actorOf(ctx)
	list, err := s.app.Events.MyRegistrations(ctx, actor)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	feed, err := s.app.Events.CalendarFeedURL(ctx, actor)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	lang := actor.User.Locale
	out := &myRegistrationsOutput{}
	out.Body.Registrations = make([]myRegistration, 0, len(list))
	out.Body.CalendarURL = feed
	for _, m := range list {
		title, _ := m.Event.Title.In(lang)
		out.Body.Registrations = append(out.Body.Registrations, myRegistration{ID: m.Registration.ID, EventID: m.Event.ID,
			EventUID: m.Event.UID, Title: title, Start: m.Event.Start, End: m.Event.End, TimeZone: m.Event.TimeZone,
			EventStatus: string(m.Event.Status), State: string(m.Registration.State), WaitingPosition: m.WaitingPosition,
			OfferExpiresAt: m.Registration.OfferExpiresAt, Hours: m.Registration.Hours, RegisteredAt: m.Registration.CreatedAt})
	}
	return out, nil
}
