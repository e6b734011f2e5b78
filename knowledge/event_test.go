package knowledge

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func valid() Event {
	start := time.Date(2026, 3, 12, 13, 30, 0, 0, time.UTC)
	return Event{Kind: KindWorkshop, Title: berceau.TextOf("fr", "Atelier"), Organizers: []string{"a"},
		Place: Place{Kind: PlaceAddress, Address: "Rue du Midi 120"}, Start: start, End: start.Add(time.Hour),
		TimeZone: "Europe/Brussels", Audience: AudiencePublic, Status: StatusScheduled}
}

// TestValidateNamesEachFieldThatIsWrong: every rule of an event's form,
// one case each, with the field it names.
func TestValidateNamesEachFieldThatIsWrong(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(e *Event)
		field string
	}{
		{"no title", func(e *Event) { e.Title = berceau.Text{} }, "title"},
		{"unknown kind", func(e *Event) { e.Kind = "picnic" }, "kind"},
		{"no organiser", func(e *Event) { e.Organizers = nil }, "organizers"},
		{"no address", func(e *Event) { e.Place.Address = "" }, "place"},
		{"no location", func(e *Event) { e.Place = Place{Kind: PlaceLocation} }, "place"},
		{"join link not web", func(e *Event) { e.Place = Place{Kind: PlaceOnline, JoinURL: "javascript:alert(1)"} }, "place"},
		{"unknown zone", func(e *Event) { e.TimeZone = "Mars/Olympus" }, "time_zone"},
		{"the server's zone", func(e *Event) { e.TimeZone = "Local" }, "time_zone"},
		{"ends before it starts", func(e *Event) { e.End = e.Start }, "end"},
		{"staff of nobody", func(e *Event) { e.Audience = AudienceStaff }, "audience"},
		{"negative capacity", func(e *Event) { e.Capacity = -1 }, "capacity"},
		{"window closes before it opens", func(e *Event) { e.RegistrationOpens, e.RegistrationCloses = e.Start, e.Start.Add(-time.Hour) }, "registration"},
		{"a language code with a space", func(e *Event) { e.Languages = []string{"f r"} }, "languages"},
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("the valid event: %v", err)
	}
	for _, c := range cases {
		e := valid()
		c.edit(&e)
		err := e.Validate()
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		de := err.(*berceau.Error)
		if de.Kind != berceau.KindInvalid || de.Fields[c.field] == "" {
			t.Errorf("%s: %v, want field %s", c.name, de.Fields, c.field)
		}
	}
}

// TestWhatRaisesTheSequenceAndWhatIsOpen: time, place, title and status
// are revisions calendars apply (SEQUENCE), a new summary is not; the
// registration window and the places left; what Normalize clears.
func TestWhatRaisesTheSequenceAndWhatIsOpen(t *testing.T) {
	old := valid()
	for name, edit := range map[string]func(e *Event){
		"start": func(e *Event) { e.Start = e.Start.Add(time.Hour) }, "zone": func(e *Event) { e.TimeZone = "America/Toronto" },
		"place": func(e *Event) { e.Place.Address = "Ailleurs" }, "status": func(e *Event) { e.Status = StatusCancelled },
		"title": func(e *Event) { e.Title.Set("en", "Workshop") },
	} {
		e := old
		edit(&e)
		if !e.NeedsNewSequence(old) {
			t.Errorf("a new %s does not raise the sequence", name)
		}
	}
	e := old
	e.Summary.Set("fr", "Autre résumé")
	if e.NeedsNewSequence(old) || e.TimeChanged(old) {
		t.Error("a new summary raises the sequence")
	}
	before := old.Start.Add(-time.Hour)
	if !old.RegistrationOpen(before) || old.RegistrationOpen(old.Start) {
		t.Error("registration is open until the start only")
	}
	e = old
	e.RegistrationCloses = before
	if e.RegistrationOpen(before) {
		t.Error("registration open after it closed")
	}
	e = old
	e.Status = StatusCancelled
	if e.RegistrationOpen(before) {
		t.Error("registration open on a cancelled event")
	}
	e.Capacity = 10
	if e.PlacesLeft(3) != 7 || e.PlacesLeft(12) != 0 || old.PlacesLeft(5) != -1 {
		t.Error("places left")
	}
	n := Event{Place: Place{Kind: PlaceOnline, JoinURL: " https://x.example ", Address: "dropped"}, Languages: []string{"FR", "fr", " "}}
	n.Normalize()
	if n.Place.Address != "" || n.Place.JoinURL != "https://x.example" || len(n.Languages) != 1 || n.Languages[0] != "fr" || n.Status != StatusScheduled {
		t.Errorf("normalized %+v", n)
	}
}
