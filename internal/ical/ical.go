// Package ical writes Berceau's events as iCalendar (RFC 5545) with
// github.com/arran4/golang-ical: CRLF line ends, lines folded at 75 octets,
// a VTIMEZONE built from Go's time zone data for every TZID used, a stable
// UID, SEQUENCE, STATUS:CANCELLED for cancelled events (never removed), and
// DTSTAMP. Feeds, single-event downloads and mail attachments all come
// from EventCalendar.
package ical

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/berceau/berceau/knowledge"
)

// The methods (RFC 5546) a calendar may carry.
const (
	MethodNone    = ""        // a feed or a download: no iTIP method
	MethodPublish = "PUBLISH" // a published feed
	MethodRequest = "REQUEST" // an invitation or an update sent by mail
	MethodCancel  = "CANCEL"  // a cancellation sent by mail
)

// Options say how to write a calendar.
type Options struct {
	// Lang is the language texts are written in ("fr" or "en"); the other
	// language fills a missing translation.
	Lang string
	// Name is the calendar's name shown by calendar applications.
	Name string
	// EventURL gives the page of an event; nil writes no URL.
	EventURL func(knowledge.Event) string
	// Now is the DTSTAMP of a calendar sent with a method (REQUEST,
	// CANCEL); without a method, DTSTAMP is the event's last change.
	Now time.Time
	// OrganizerEmail, with OrganizerName, writes ORGANIZER (required by
	// REQUEST and CANCEL): the network's address.
	OrganizerEmail, OrganizerName string
	// Attendee is the recipient of a REQUEST or CANCEL, written as ATTENDEE.
	Attendee string
	// Refresh, for a subscribed feed, is how often calendar applications
	// should fetch it again (RFC 7986 REFRESH-INTERVAL, and X-PUBLISHED-TTL
	// for those that read only that); zero writes neither.
	Refresh time.Duration
}

const prodID = "-//Berceau//Events//FR"

// EventCalendar writes events as one VCALENDAR. method is one of the
// Method constants. Cancelled events stay, with STATUS:CANCELLED.
func EventCalendar(events []knowledge.Event, method string, opts Options) ([]byte, error) {
	switch method {
	case MethodNone, MethodPublish, MethodRequest, MethodCancel:
	default:
		return nil, fmt.Errorf("ical: unknown method %q", method)
	}
	if (method == MethodRequest || method == MethodCancel) && opts.OrganizerEmail == "" {
		return nil, fmt.Errorf("ical: %s needs an organizer", method)
	}
	cal := ics.NewCalendarFor("Berceau")
	cal.SetProductId(prodID)
	if method != MethodNone {
		cal.SetMethod(ics.Method(method))
	}
	if opts.Name != "" {
		cal.SetName(opts.Name)
		cal.SetXWRCalName(opts.Name)
	}
	if opts.Refresh > 0 {
		ttl := fmt.Sprintf("PT%dM", int(opts.Refresh.Minutes()))
		cal.SetRefreshInterval(ttl) // the library names it with VALUE=DURATION
		cal.SetXPublishedTTL(ttl)
	}
	zones, err := timezones(events)
	if err != nil {
		return nil, err
	}
	for _, z := range zones {
		cal.AddVTimezone(z)
	}
	for _, e := range events {
		cal.AddVEvent(vevent(e, method, opts))
	}
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ics.WithNewLineWindows); err != nil {
		return nil, fmt.Errorf("ical: write calendar: %w", err)
	}
	return buf.Bytes(), nil
}

// localLayout is a DATE-TIME in local time, qualified by TZID.
const localLayout = "20060102T150405"

func vevent(e knowledge.Event, method string, opts Options) *ics.VEvent {
	v := ics.NewEvent(e.UID)
	stamp := e.UpdatedAt
	if method != MethodNone && !opts.Now.IsZero() {
		stamp = opts.Now
	}
	v.SetDtStampTime(stamp)
	v.SetCreatedTime(e.CreatedAt)
	v.SetModifiedAt(e.UpdatedAt)
	v.SetSequence(e.Sequence)
	loc := e.Location()
	v.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(loc).Format(localLayout), ics.WithTZID(loc.String()))
	v.SetProperty(ics.ComponentPropertyDtEnd, e.End.In(loc).Format(localLayout), ics.WithTZID(loc.String()))
	title, _ := e.Title.In(opts.Lang)
	v.SetSummary(title)
	summary, _ := e.Summary.In(opts.Lang)
	url := ""
	if opts.EventURL != nil {
		url = opts.EventURL(e)
	}
	description := summary
	if url != "" {
		v.SetURL(url)
		description = strings.TrimSpace(description + "\n\n" + url)
	}
	if description != "" {
		v.SetDescription(description)
	}
	switch {
	case e.Place.Online() && e.Place.JoinURL != "":
		v.SetLocation(e.Place.JoinURL)
	case e.Place.Online() && url != "":
		v.SetLocation(url)
	case e.Place.Address != "":
		v.SetLocation(e.Place.Address)
	}
	v.AddCategory(strings.ToUpper(string(e.Kind)))
	if e.Cancelled() || method == MethodCancel {
		v.SetStatus(ics.ObjectStatusCancelled)
	} else {
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
	if opts.OrganizerEmail != "" {
		var params []ics.PropertyParameter
		if opts.OrganizerName != "" {
			params = append(params, ics.WithCN(opts.OrganizerName))
		}
		v.SetOrganizer("mailto:"+opts.OrganizerEmail, params...)
	}
	if opts.Attendee != "" {
		v.AddAttendee("mailto:"+opts.Attendee, ics.ParticipationStatusAccepted, ics.WithRSVP(false))
	}
	return v
}

// timezones builds one VTIMEZONE per zone the events use, covering from the
// year before the first event to the year after the last one in the zone.
func timezones(events []knowledge.Event) ([]*ics.VTimezone, error) {
	type span struct{ from, to int }
	spans := map[string]*span{}
	for _, e := range events {
		loc := e.Location()
		name := loc.String()
		first, last := e.Start.In(loc).Year(), e.End.In(loc).Year()
		if s, ok := spans[name]; ok {
			s.from, s.to = min(s.from, first), max(s.to, last)
		} else {
			spans[name] = &span{first, last}
		}
	}
	names := make([]string, 0, len(spans))
	for name := range spans {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []*ics.VTimezone
	for _, name := range names {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return nil, fmt.Errorf("ical: time zone %q: %w", name, err)
		}
		s := spans[name]
		out = append(out, VTimezone(loc, s.from-1, s.to+1))
	}
	return out, nil
}

// VTimezone describes loc from the start of year from to the end of year
// to: one observance for the offset in force on 1 January of from, then one
// for each transition Go's zone data has in those years. Each observance is
// a single onset (no RRULE), so the description is exact for those years
// whatever rules the zone had.
func VTimezone(loc *time.Location, from, to int) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	start := time.Date(from, time.January, 1, 0, 0, 0, 0, loc)
	end := time.Date(to+1, time.January, 1, 0, 0, 0, 0, loc)
	name, offset := start.Zone()
	observance(tz, start.IsDST(), start.Format(localLayout), offset, offset, name)
	for t := start; t.Before(end); {
		next := nextTransition(t, end)
		if next.IsZero() {
			break
		}
		newName, newOffset := next.Zone()
		// The onset is written in the local time before the change.
		onset := next.Add(time.Duration(offset) * time.Second).UTC().Format(localLayout)
		observance(tz, next.IsDST(), onset, offset, newOffset, newName)
		offset, t = newOffset, next
	}
	return tz
}

// nextTransition finds the first instant after t, before end, at which the
// zone's offset or abbreviation changes; zero when there is none.
func nextTransition(t, end time.Time) time.Time {
	name, offset := t.Zone()
	dst := t.IsDST()
	changed := func(u time.Time) bool {
		n, o := u.Zone()
		return n != name || o != offset || u.IsDST() != dst
	}
	// Walk by days, then narrow the day down to the second.
	lo := t
	for {
		hi := lo.Add(24 * time.Hour)
		if hi.After(end) {
			hi = end
		}
		if changed(hi) {
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if mid.Equal(lo) {
					break
				}
				if changed(mid) {
					hi = mid
				} else {
					lo = mid
				}
			}
			return hi
		}
		if !hi.Before(end) {
			return time.Time{}
		}
		lo = hi
	}
}

func observance(tz *ics.VTimezone, dst bool, onset string, from, to int, name string) {
	var base *ics.ComponentBase
	if dst {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		base = &d.ComponentBase
	} else {
		s := tz.AddStandard()
		base = &s.ComponentBase
	}
	base.SetProperty(ics.ComponentPropertyDtStart, onset)
	base.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
	base.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
	if name != "" {
		base.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	}
}

// utcOffset writes seconds east of UTC as RFC 5545's UTC-OFFSET: +hhmm,
// with seconds when there are any.
func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	h, m, s := seconds/3600, seconds%3600/60, seconds%60
	if s != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%02d%02d", sign, h, m)
}
