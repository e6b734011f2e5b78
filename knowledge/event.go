// Package knowledge is the network's space where professionals meet and
// learn: events and meeting cycles now; trainings, the library and news
// later. It imports only the standard library and the kernel package
// berceau.
package knowledge

import (
	"net/url"
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// EventKind says what sort of gathering an event is.
type EventKind string

// The kinds of event.
const (
	KindMeeting    EventKind = "meeting"
	KindWorkshop   EventKind = "workshop"
	KindTraining   EventKind = "training"
	KindOpenHouse  EventKind = "open_house"
	KindConference EventKind = "conference"
	KindWebinar    EventKind = "webinar"
)

// EventKinds lists every kind, in the order the interface shows them.
var EventKinds = []EventKind{KindMeeting, KindWorkshop, KindTraining, KindOpenHouse, KindConference, KindWebinar}

// Valid reports whether k is one of EventKinds.
func (k EventKind) Valid() bool {
	for _, known := range EventKinds {
		if k == known {
			return true
		}
	}
	return false
}

// PlaceKind says where an event happens.
type PlaceKind string

// The kinds of place.
const (
	PlaceLocation PlaceKind = "location" // a location of the resource directory
	PlaceAddress  PlaceKind = "address"  // a street address written out
	PlaceOnline   PlaceKind = "online"   // a video call; the join link goes to registered people only
)

// Valid reports whether p is a known kind of place.
func (p PlaceKind) Valid() bool { return p == PlaceLocation || p == PlaceAddress || p == PlaceOnline }

// Place is where an event happens. Exactly one of LocationID, Address and
// JoinURL is meaningful, according to Kind.
type Place struct {
	Kind       PlaceKind
	LocationID string // directory location id (PlaceLocation)
	Address    string // written out (PlaceAddress); for PlaceLocation, the location's, filled in when read for showing
	JoinURL    string // PlaceOnline: shown only to registered people and organisers
}

// Online reports whether the event happens on line.
func (p Place) Online() bool { return p.Kind == PlaceOnline }

// Audience says who may see an event and register to it.
type Audience string

// The audiences of an event.
const (
	AudiencePublic  Audience = "public"  // anyone, guests from outside the network too
	AudienceMembers Audience = "members" // people with an account in the network
	AudienceStaff   Audience = "staff"   // the staff of one organisation (AudienceOrganizationID)
)

// Audiences lists every audience, widest first.
var Audiences = []Audience{AudiencePublic, AudienceMembers, AudienceStaff}

// Valid reports whether a is one of Audiences.
func (a Audience) Valid() bool {
	return a == AudiencePublic || a == AudienceMembers || a == AudienceStaff
}

// EventStatus is where an event stands. A change or a cancellation never
// deletes an event: it is marked, and its Sequence raised, so calendars that
// hold it update it.
type EventStatus string

// The statuses of an event.
const (
	StatusScheduled EventStatus = "scheduled"
	StatusChanged   EventStatus = "changed" // rescheduled or moved after publication
	StatusCancelled EventStatus = "cancelled"
)

// Event is one gathering: a session of a cycle or an event of its own.
type Event struct {
	ID  int64
	UID string // stable across every change: the iCalendar UID
	// CycleID is the cycle the event is a session of; 0 for none.
	CycleID int64
	Kind    EventKind
	Title   berceau.Text
	Summary berceau.Text
	Body    berceau.Text
	// Organizers are ids of organisations of the resource directory, the
	// first being the main one.
	Organizers []string
	Place      Place
	// Start and End are instants; TimeZone is the IANA zone the event is
	// held in, in which every page and calendar shows them.
	Start, End time.Time
	TimeZone   string
	Audience   Audience
	// AudienceOrganizationID is the directory organisation whose staff may
	// come, for AudienceStaff.
	AudienceOrganizationID string
	// Capacity is the number of places; 0 means no limit.
	Capacity int
	// RegistrationOpens and RegistrationCloses bound the registration
	// window; a zero value leaves that side open (closes: at the start).
	RegistrationOpens, RegistrationCloses time.Time
	ApprovalRequired                      bool
	Accessibility                         berceau.Text
	// Languages are the languages the event is held in (BCP 47 codes);
	// InterpretationLanguages those interpreted into (e.g. "lsq", "en").
	Languages               []string
	InterpretationLanguages []string
	Free                    bool
	Status                  EventStatus
	// Sequence counts the changes that calendars must see (RFC 5545
	// SEQUENCE): raised on each change of time, place or status.
	Sequence  int
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Location is the event's time zone, UTC when it is unknown.
func (e Event) Location() *time.Location {
	if loc, err := time.LoadLocation(e.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// Cancelled reports whether the event has been cancelled.
func (e Event) Cancelled() bool { return e.Status == StatusCancelled }

// Past reports whether the event has ended at now.
func (e Event) Past(now time.Time) bool { return !e.End.After(now) }

// RegistrationOpen reports whether people may register at now: not
// cancelled, inside the registration window, before the start.
func (e Event) RegistrationOpen(now time.Time) bool {
	if e.Cancelled() || !now.Before(e.Start) {
		return false
	}
	if !e.RegistrationOpens.IsZero() && now.Before(e.RegistrationOpens) {
		return false
	}
	return e.RegistrationCloses.IsZero() || now.Before(e.RegistrationCloses)
}

// OrganizedBy reports whether organizationID is one of the organisers.
func (e Event) OrganizedBy(organizationID string) bool {
	for _, id := range e.Organizers {
		if id == organizationID {
			return true
		}
	}
	return false
}

// PlacesLeft is capacity minus taken, never below zero; -1 when the event
// has no limit.
func (e Event) PlacesLeft(taken int) int {
	if e.Capacity <= 0 {
		return -1
	}
	if taken >= e.Capacity {
		return 0
	}
	return e.Capacity - taken
}

// Bounds on what an organiser types.
const (
	MaxTitle      = 200
	MaxSummary    = 1000
	MaxBody       = 20000
	MaxAddress    = 500
	MaxURL        = 2000
	MaxOrganizers = 10
	MaxLanguages  = 10
	MaxCapacity   = 100000
)

// Normalize trims what an organiser typed and drops empty or repeated
// list entries, so that Validate and the store see the same event.
func (e *Event) Normalize() {
	trim := func(t *berceau.Text) { *t = t.Map(strings.TrimSpace) }
	trim(&e.Title)
	trim(&e.Summary)
	trim(&e.Body)
	trim(&e.Accessibility)
	e.Place.LocationID = strings.TrimSpace(e.Place.LocationID)
	e.Place.Address = strings.TrimSpace(e.Place.Address)
	e.Place.JoinURL = strings.TrimSpace(e.Place.JoinURL)
	switch e.Place.Kind {
	case PlaceLocation:
		e.Place.Address, e.Place.JoinURL = "", "" // the address is the location's
	case PlaceAddress:
		e.Place.LocationID, e.Place.JoinURL = "", ""
	case PlaceOnline:
		e.Place.LocationID, e.Place.Address = "", ""
	}
	e.Organizers = uniqueNonEmpty(e.Organizers)
	e.Languages = uniqueNonEmpty(lower(e.Languages))
	e.InterpretationLanguages = uniqueNonEmpty(lower(e.InterpretationLanguages))
	if e.Audience != AudienceStaff {
		e.AudienceOrganizationID = ""
	}
	e.AudienceOrganizationID = strings.TrimSpace(e.AudienceOrganizationID)
	if e.Status == "" {
		e.Status = StatusScheduled
	}
}

// Validate checks an event an organiser submits; the error's Fields map
// form fields to translation keys.
func (e Event) Validate() error {
	fields := map[string]string{}
	if e.Title.Empty() {
		fields["title"] = "error.required"
	} else if e.Title.Longest() > MaxTitle {
		fields["title"] = "event.error.too_long"
	}
	if e.Summary.Longest() > MaxSummary {
		fields["summary"] = "event.error.too_long"
	}
	if e.Body.Longest() > MaxBody || e.Accessibility.Longest() > MaxSummary {
		fields["body"] = "event.error.too_long"
	}
	if !e.Kind.Valid() {
		fields["kind"] = "error.required"
	}
	if len(e.Organizers) == 0 {
		fields["organizers"] = "event.error.organizer_required"
	} else if len(e.Organizers) > MaxOrganizers {
		fields["organizers"] = "event.error.too_many"
	}
	switch e.Place.Kind {
	case PlaceLocation:
		if e.Place.LocationID == "" {
			fields["place"] = "event.error.location_required"
		}
	case PlaceAddress:
		if e.Place.Address == "" {
			fields["place"] = "event.error.address_required"
		} else if len(e.Place.Address) > MaxAddress {
			fields["place"] = "event.error.too_long"
		}
	case PlaceOnline:
		if !validWebURL(e.Place.JoinURL) {
			fields["place"] = "event.error.join_url_invalid"
		}
	default:
		fields["place"] = "error.required"
	}
	if _, err := time.LoadLocation(e.TimeZone); err != nil || e.TimeZone == "" || e.TimeZone == "Local" {
		fields["time_zone"] = "event.error.time_zone_invalid"
	}
	if e.Start.IsZero() {
		fields["start"] = "error.required"
	}
	if e.End.IsZero() || !e.End.After(e.Start) {
		fields["end"] = "event.error.end_before_start"
	}
	if !e.Audience.Valid() {
		fields["audience"] = "error.required"
	} else if e.Audience == AudienceStaff && e.AudienceOrganizationID == "" {
		fields["audience"] = "event.error.audience_organization_required"
	}
	if e.Capacity < 0 || e.Capacity > MaxCapacity {
		fields["capacity"] = "event.error.capacity_invalid"
	}
	if !e.RegistrationOpens.IsZero() && !e.RegistrationCloses.IsZero() && !e.RegistrationCloses.After(e.RegistrationOpens) {
		fields["registration"] = "event.error.registration_window"
	}
	if len(e.Languages) > MaxLanguages || len(e.InterpretationLanguages) > MaxLanguages || !languageCodes(e.Languages) || !languageCodes(e.InterpretationLanguages) {
		fields["languages"] = "event.error.languages_invalid"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// NeedsNewSequence reports whether going from old to e is a revision
// calendars must apply over the copy they hold (time, place, status,
// title), so SEQUENCE must rise; a new description is not (RFC 5545
// §3.8.7.4).
func (e Event) NeedsNewSequence(old Event) bool {
	return !e.Start.Equal(old.Start) || !e.End.Equal(old.End) || e.TimeZone != old.TimeZone ||
		e.Place != old.Place || e.Status != old.Status || !e.Title.Equal(old.Title)
}

// TimeChanged reports whether the event moved in time or place from old:
// the change people registered must be told of.
func (e Event) TimeChanged(old Event) bool {
	return !e.Start.Equal(old.Start) || !e.End.Equal(old.End) || e.TimeZone != old.TimeZone || e.Place != old.Place
}

func validWebURL(s string) bool {
	if s == "" || len(s) > MaxURL {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// languageCodes reports whether every code looks like a BCP 47 tag: letters,
// digits and hyphens, 2 to 12 characters.
func languageCodes(codes []string) bool {
	for _, c := range codes {
		if len(c) < 2 || len(c) > 12 {
			return false
		}
		for _, r := range c {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

func lower(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToLower(s)
	}
	return out
}

func uniqueNonEmpty(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// EventFilter selects events of the agenda. Zero fields select everything.
type EventFilter struct {
	Kind        EventKind
	OrganizerID string
	Language    string // held in or interpreted into
	// Online: "online" for on line only, "in_person" for the others.
	Attendance string
	Audience   Audience
	CycleID    int64
	// MissingLanguage keeps the events whose title, or summary when they
	// have one, is not written in that language (a translator's list).
	MissingLanguage string
	// Upcoming lists events not yet ended at Now, soonest first; Past
	// those ended, latest first. Neither: every event, soonest first.
	Upcoming, Past bool
	Now            time.Time
	// From and To bound the start (From inclusive, To exclusive), for a
	// month view.
	From, To time.Time
	Limit    int
	Offset   int
}

// Attendance modes of a filter.
const (
	AttendanceOnline   = "online"
	AttendanceInPerson = "in_person"
)
