package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/ical/icaltest"
	"github.com/berceau/berceau/knowledge"
)

func event(uid, zone string, start time.Time, hours int) knowledge.Event {
	return knowledge.Event{
		UID: uid, Kind: knowledge.KindMeeting,
		Title:   berceau.TextOf("fr", "Rencontre périnatalité : santé, social et éducation réunis autour des familles — séance d'automne", "en", "Perinatal meeting"),
		Summary: berceau.TextOf("fr", "Ouverte à toutes et à tous, sans engagement pour les autres séances."),
		Place:   knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Parvis de Saint-Gilles 33, 1060 Bruxelles"},
		Start:   start, End: start.Add(time.Duration(hours) * time.Hour), TimeZone: zone,
		Status: knowledge.StatusScheduled, CreatedAt: start.AddDate(0, -2, 0), UpdatedAt: start.AddDate(0, -1, 0),
	}
}

// TestCalendarsAreRFC5545AndParseWithAThirdPartyParser: a feed of events in
// Brussels, Montréal and Kolkata (a zone with a half-hour offset and no
// summer time) and a cancelled one: CRLF, folded at 75 octets, a VTIMEZONE
// for each TZID with the transitions of the years covered, STATUS:CANCELLED
// kept; python3-icalendar parses it, and after an edit the same event
// keeps its UID with a higher SEQUENCE.
func TestCalendarsAreRFC5545AndParseWithAThirdPartyParser(t *testing.T) {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	montreal, _ := time.LoadLocation("America/Toronto")
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	a := event("7c8e9d2a-0000-4000-8000-000000000001", "Europe/Brussels", time.Date(2026, 10, 24, 14, 0, 0, 0, brussels), 3)
	b := event("7c8e9d2a-0000-4000-8000-000000000002", "America/Toronto", time.Date(2026, 11, 3, 9, 0, 0, 0, montreal), 2)
	c := event("7c8e9d2a-0000-4000-8000-000000000003", "Asia/Kolkata", time.Date(2027, 1, 10, 18, 0, 0, 0, kolkata), 1)
	cancelled := event("7c8e9d2a-0000-4000-8000-000000000004", "Europe/Brussels", time.Date(2026, 3, 28, 10, 0, 0, 0, brussels), 2)
	cancelled.Status, cancelled.Sequence = knowledge.StatusCancelled, 3
	url := func(e knowledge.Event) string { return "https://berceau.example.org/events/" + e.UID }

	feed, err := EventCalendar([]knowledge.Event{a, b, c, cancelled}, MethodPublish, Options{Lang: "fr", Name: "Agenda", EventURL: url, Refresh: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	text := string(feed)
	if strings.Count(text, "\r\n") != strings.Count(text, "\n") {
		t.Fatal("a line does not end with CRLF")
	}
	for _, line := range strings.Split(text, "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line of %d octets: %q", len(line), line)
		}
	}
	for _, want := range []string{
		"METHOD:PUBLISH", "TZID:Europe/Brussels", "TZID:America/Toronto", "TZID:Asia/Kolkata",
		"DTSTART;TZID=Europe/Brussels:20261024T140000", "DTSTART;TZID=America/Toronto:20261103T090000",
		// Brussels' summer time in 2026: from 02:00 (+0100) on 29 March to
		// 03:00 (+0200) on 25 October.
		"BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST",
		"BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET",
		// Montréal's: 8 March and 1 November 2026.
		"DTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400",
		"DTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500",
		"REFRESH-INTERVAL;VALUE=DURATION:PT60M", "X-PUBLISHED-TTL:PT60M",
		"TZOFFSETTO:+0530", "STATUS:CANCELLED", "SEQUENCE:3", "STATUS:CONFIRMED", "DTSTAMP:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
	if n := strings.Count(text, "BEGIN:VTIMEZONE"); n != 3 {
		t.Errorf("%d VTIMEZONE, want one per zone (3)", n)
	}

	moved := a
	moved.Start, moved.End, moved.Sequence, moved.Status = a.Start.Add(48*time.Hour), a.End.Add(48*time.Hour), 1, knowledge.StatusChanged
	after, err := EventCalendar([]knowledge.Event{moved, b, c, cancelled}, MethodPublish, Options{Lang: "en", EventURL: url})
	if err != nil {
		t.Fatal(err)
	}
	request, err := EventCalendar([]knowledge.Event{moved}, MethodRequest, Options{Lang: "fr", Now: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC), OrganizerEmail: "agenda@berceau.example", OrganizerName: "Réseau", Attendee: "guest@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	cancel, err := EventCalendar([]knowledge.Event{cancelled}, MethodCancel, Options{Lang: "fr", Now: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC), OrganizerEmail: "agenda@berceau.example"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cancel, []byte("METHOD:CANCEL")) || !bytes.Contains(request, []byte("ORGANIZER;CN=Réseau:mailto:agenda@berceau.example")) {
		t.Errorf("method or organizer missing:\n%s\n%s", request, cancel)
	}
	report := icaltest.Check(t, map[string][]byte{"before": feed, "after": after, "request": request, "cancel": cancel})
	if report["before"][a.UID] != 0 || report["after"][a.UID] != 1 {
		t.Errorf("UID %s before %v after %v: the UID must stay and the sequence rise", a.UID, report["before"], report["after"])
	}
	if len(report["after"]) != 4 || report["after"][cancelled.UID] != 3 {
		t.Errorf("after the edit %v", report["after"])
	}
	if _, err := EventCalendar(nil, MethodRequest, Options{}); err == nil {
		t.Error("a REQUEST without organizer was written")
	}
	if _, err := EventCalendar(nil, "REFRESH", Options{}); err == nil {
		t.Error("an unknown method was written")
	}
}

// TestTheThirdPartyCheckRefusesBrokenCalendars: the check itself fails on
// a TZID without VTIMEZONE, a bare LF, a line of more than 75 octets and
// text that is no calendar — or it would prove nothing.
func TestTheThirdPartyCheckRefusesBrokenCalendars(t *testing.T) {
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\n" +
		"SEQUENCE:0\r\nSTATUS:CONFIRMED\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if _, problems, err := icaltest.Run(t.TempDir(), map[string][]byte{"good": []byte(good)}); err != nil {
		t.Fatalf("a valid calendar was refused: %v %s", err, problems)
	}
	for name, body := range map[string]string{
		"no VTIMEZONE": strings.Replace(good, "DTSTART:20260101T100000Z", "DTSTART;TZID=Europe/Brussels:20260101T100000", 1),
		"bare LF":      strings.Replace(good, "SEQUENCE:0\r\n", "SEQUENCE:0\n", 1),
		"long line":    strings.Replace(good, "UID:x", "UID:"+strings.Repeat("x", 80), 1),
		"no calendar":  "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
		"no UID":       strings.Replace(good, "UID:x\r\n", "", 1),
	} {
		if _, _, err := icaltest.Run(t.TempDir(), map[string][]byte{name: []byte(body)}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
