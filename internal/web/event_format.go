package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau/knowledge"
)

// An event's dates and times are shown in the event's own time zone, and
// say which: a Brussels colleague reading a Montréal session sees 9 h 30,
// labelled Montréal time, rather than a time converted to somewhere else.

// eventWhen is the time of an event as a page shows it.
type eventWhen struct {
	Text      string // "jeudi 12 mars 2026, 9 h 30 – 12 h 30"
	Zone      string // "heure de Montréal (HAE, UTC−4)"
	StartISO  string // RFC 3339 with the zone's offset, for <time datetime>
	EndISO    string
	MonthFrom string // yyyy-mm of the start, for the month view's link
	Clock     string // the start's time of day alone, for the month view's cells
}

// When formats an event's start and end in its time zone, in the page's
// language.
func (l *Layout) When(e knowledge.Event) eventWhen {
	loc := e.Location()
	start, end := e.Start.In(loc), e.End.In(loc)
	w := eventWhen{StartISO: start.Format(time.RFC3339), EndISO: end.Format(time.RFC3339), MonthFrom: start.Format("2006-01")}
	if start.Year() == end.Year() && start.YearDay() == end.YearDay() {
		w.Text = l.T("event.when_same_day", "Date", l.LongDate(start), "From", l.Clock(start), "To", l.Clock(end))
	} else {
		w.Text = l.T("event.when_days", "From", l.LongDate(start)+", "+l.Clock(start), "To", l.LongDate(end)+", "+l.Clock(end))
	}
	w.Zone = l.ZoneLabel(e.TimeZone, start)
	w.Clock = l.Clock(start)
	return w
}

// LongDate writes a civil date with its weekday and month names.
func (l *Layout) LongDate(t time.Time) string {
	return l.T("event.date_long", "Weekday", l.T("event.weekday_"+strconv.Itoa(int(t.Weekday()))),
		"Day", strconv.Itoa(t.Day()), "Month", l.T("event.month_"+strconv.Itoa(int(t.Month()))), "Year", strconv.Itoa(t.Year()))
}

// Clock writes a time of day: "9 h 30" in French, "9:30" in English.
func (l *Layout) Clock(t time.Time) string {
	if l.Lang == "fr" {
		if t.Minute() == 0 {
			return fmt.Sprintf("%d h", t.Hour())
		}
		return fmt.Sprintf("%d h %02d", t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
}

// zoneCities name the cities of the zones the network's sites are in.
var zoneCities = map[string]string{
	"America/Toronto": "event.city_montreal", "America/Montreal": "event.city_montreal",
	"Europe/Brussels": "event.city_brussels", "Europe/Paris": "event.city_paris",
}

// ZoneLabel says which time a time is written in: the city, the zone's
// abbreviation and its offset from UTC at that time.
func (l *Layout) ZoneLabel(zone string, at time.Time) string {
	city := zone
	if key, ok := zoneCities[zone]; ok {
		city = l.T(key)
	} else if i := strings.LastIndex(zone, "/"); i >= 0 {
		city = strings.ReplaceAll(zone[i+1:], "_", " ")
	}
	abbrev, offset := at.Zone()
	sign := "+"
	if offset < 0 {
		sign, offset = "−", -offset
	}
	utc := "UTC" + sign + strconv.Itoa(offset/3600)
	if m := offset % 3600 / 60; m != 0 {
		utc += fmt.Sprintf(":%02d", m)
	}
	if abbrev == "" || abbrev[0] == '+' || abbrev[0] == '-' {
		return l.T("event.zone_label_short", "City", city, "Offset", utc)
	}
	return l.T("event.zone_label", "City", city, "Abbrev", abbrev, "Offset", utc)
}

// EventLanguage names a language code an event is held or interpreted in.
func (l *Layout) EventLanguage(code string) string {
	if name, ok := l.loc.Lookup("event.language_" + code); ok {
		return name
	}
	return l.languageName(code)
}

// EventLanguages names a list of codes, separated by commas.
func (l *Layout) EventLanguages(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = l.EventLanguage(c)
	}
	return strings.Join(names, ", ")
}

// EventTime writes a moment tied to an event (an offer's deadline, the
// event's start in a list of registrations) in the event's time zone, with
// the zone said: the server's own zone means nothing to the reader.
func (l *Layout) EventTime(e knowledge.Event, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	at := t.In(e.Location())
	return l.LongDate(at) + ", " + l.Clock(at) + " (" + l.ZoneLabel(e.TimeZone, at) + ")"
}
