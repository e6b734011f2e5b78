package api

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// The agenda in JSON: the events the token's owner may see (public ones,
// members' ones, their organisation's staff ones), with the same filters
// as the agenda page. The join link of an online event is given only to
// its organisers and to the people registered.

type eventPlace struct {
	Kind       string `json:"kind" enum:"location,address,online" doc:"A location of the directory, an address, or online."`
	LocationID string `json:"location_id,omitempty" doc:"The directory location's id, for kind location."`
	Address    string `json:"address,omitempty" doc:"The address written out, or the directory location's."`
	JoinURL    string `json:"join_url,omitempty" doc:"For kind online: present only for organisers and people registered."`
}

type event struct {
	ID                      int64        `json:"id"`
	UID                     string       `json:"uid" doc:"Stable across every change: the iCalendar UID."`
	URL                     string       `json:"url" doc:"The event's page."`
	CycleID                 int64        `json:"cycle_id" doc:"The cycle the event is a session of; 0 for none."`
	Kind                    string       `json:"kind" enum:"meeting,workshop,training,open_house,conference,webinar"`
	Title                   berceau.Text `json:"title"`
	Summary                 berceau.Text `json:"summary"`
	Body                    berceau.Text `json:"body"`
	Organizers              []string     `json:"organizers" nullable:"false" doc:"Ids of the organising directory organisations, the main one first."`
	Place                   eventPlace   `json:"place"`
	Start                   time.Time    `json:"start" doc:"In the event's time zone's offset."`
	End                     time.Time    `json:"end"`
	TimeZone                string       `json:"time_zone" doc:"IANA time zone the event is held in."`
	Audience                string       `json:"audience" enum:"public,members,staff"`
	AudienceOrganizationID  string       `json:"audience_organization_id,omitempty" doc:"For audience staff: the organisation whose staff may come."`
	Capacity                int          `json:"capacity" doc:"Number of places; 0 for no limit."`
	PlacesLeft              *int         `json:"places_left" doc:"Places left; null when there is no limit."`
	RegistrationOpens       *time.Time   `json:"registration_opens" doc:"Null: open since publication."`
	RegistrationCloses      *time.Time   `json:"registration_closes" doc:"Null: open until the start."`
	ApprovalRequired        bool         `json:"approval_required"`
	Accessibility           berceau.Text `json:"accessibility"`
	Languages               []string     `json:"languages" nullable:"false"`
	InterpretationLanguages []string     `json:"interpretation_languages" nullable:"false"`
	Free                    bool         `json:"free"`
	Status                  string       `json:"status" enum:"scheduled,changed,cancelled" doc:"A change or a cancellation never removes an event."`
	Sequence                int          `json:"sequence" doc:"The iCalendar SEQUENCE: raised on each change of time, place, title or status."`
	UpdatedAt               time.Time    `json:"updated_at"`
}

type eventList struct {
	Events []event `json:"events" nullable:"false"`
	Total  int     `json:"total" doc:"Events matching the filters, on every page."`
}

type eventsOutput struct{ Body eventList }
type eventOutput struct{ Body event }

type listEventsInput struct {
	When       string `query:"when" enum:"upcoming,past,all" default:"upcoming" doc:"Upcoming (not yet ended, soonest first), past (latest first) or all."`
	Kind       string `query:"kind" enum:"meeting,workshop,training,open_house,conference,webinar" required:"false"`
	Organizer  string `query:"organizer" format:"uuid" required:"false" doc:"A directory organisation's id."`
	Lang       string `query:"lang" pattern:"^[a-z0-9-]{2,12}$" required:"false" doc:"Held in or interpreted into this language."`
	Attendance string `query:"attendance" enum:"online,in_person" required:"false"`
	Audience   string `query:"audience" enum:"public,members,staff" required:"false"`
	Cycle      int64  `query:"cycle" minimum:"0" required:"false" doc:"The sessions of one cycle."`
	Limit      int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Offset     int    `query:"offset" minimum:"0" maximum:"100000" default:"0"`
}

type eventInput struct {
	ID int64 `path:"id" minimum:"1" doc:"The event's id."`
}

func (s *server) listEvents(ctx context.Context, in *listEventsInput) (*eventsOutput, error) {
	f := knowledge.EventFilter{Kind: knowledge.EventKind(in.Kind), OrganizerID: in.Organizer, Language: in.Lang,
		Attendance: in.Attendance, Audience: knowledge.Audience(in.Audience), CycleID: in.Cycle,
		Upcoming: in.When == "upcoming" || in.When == "", Past: in.When == "past", Limit: in.Limit, Offset: in.Offset}
	list, err := s.app.Events.Events(ctx, actorOf(ctx), f)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &eventsOutput{Body: eventList{Events: make([]event, 0, len(list.Items)), Total: list.Total}}
	base := s.app.Events.BaseURL()
	for _, it := range list.Items {
		out.Body.Events = append(out.Body.Events, eventJSON(base, it.Event, it.PlacesLeft))
	}
	return out, nil
}

func (s *server) getEvent(ctx context.Context, in *eventInput) (*eventOutput, error) {
	d, err := s.app.Events.Event(ctx, actorOf(ctx), in.ID)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &eventOutput{Body: eventJSON(s.app.Events.BaseURL(), d.Event, d.PlacesLeft)}, nil
}

func eventJSON(base string, e knowledge.Event, placesLeft int) event {
	loc := e.Location()
	out := event{ID: e.ID, UID: e.UID, URL: base + "/events/" + strconv.FormatInt(e.ID, 10), CycleID: e.CycleID, Kind: string(e.Kind),
		Title: e.Title, Summary: e.Summary, Body: e.Body, Organizers: e.Organizers,
		Place: eventPlace{Kind: string(e.Place.Kind), LocationID: e.Place.LocationID, Address: e.Place.Address, JoinURL: e.Place.JoinURL},
		Start: e.Start.In(loc), End: e.End.In(loc), TimeZone: e.TimeZone, Audience: string(e.Audience),
		AudienceOrganizationID: e.AudienceOrganizationID, Capacity: e.Capacity, ApprovalRequired: e.ApprovalRequired,
		Accessibility: e.Accessibility, Languages: e.Languages, InterpretationLanguages: e.InterpretationLanguages,
		Free: e.Free, Status: string(e.Status), Sequence: e.Sequence, UpdatedAt: e.UpdatedAt}
	if out.Organizers == nil {
		out.Organizers = []string{}
	}
	if out.Languages == nil {
		out.Languages = []string{}
	}
	if out.InterpretationLanguages == nil {
		out.InterpretationLanguages = []string{}
	}
	if placesLeft >= 0 {
		out.PlacesLeft = &placesLeft
	}
	if !e.RegistrationOpens.IsZero() {
		t := e.RegistrationOpens.In(loc)
		out.RegistrationOpens = &t
	}
	if !e.RegistrationCloses.IsZero() {
		t := e.RegistrationCloses.In(loc)
		out.RegistrationCloses = &t
	}
	return out
}
