package care

import (
	"testing"

	"github.com/berceau/berceau"
)

func TestAContactNamesAKnownKindADateAPlausibleDurationAndAnOutcome(t *testing.T) {
	t.Parallel()
	ok := Contact{FamilyID: 1, Kind: ContactHomeVisit, On: day("2026-11-02"), Minutes: 90, Outcome: ContactDone}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		field string
		edit  func(*Contact)
	}{
		"unknown kind":     {"kind", func(c *Contact) { c.Kind = "visio" }},
		"no date":          {"on", func(c *Contact) { c.On = day("0001-01-01") }},
		"negative minutes": {"minutes", func(c *Contact) { c.Minutes = -1 }},
		"too long":         {"minutes", func(c *Contact) { c.Minutes = MaxContactMinutes + 1 }},
		"no outcome":       {"outcome", func(c *Contact) { c.Outcome = "" }},
		"unknown outcome":  {"outcome", func(c *Contact) { c.Outcome = "postponed" }},
	}
	for name, tc := range cases {
		c := ok
		tc.edit(&c)
		err := c.Validate()
		e, isErr := err.(*berceau.Error)
		if !isErr || e.Kind != berceau.KindInvalid || e.Fields[tc.field] == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	long := ok
	long.Minutes = MaxContactMinutes
	if err := long.Validate(); err != nil {
		t.Errorf("ten hours refused: %v", err)
	}
}

func TestTheDemoLevelsAreWeeklyFortnightlyAndMonthly(t *testing.T) {
	t.Parallel()
	want := map[string]int{"1": 7, "2": 14, "3": 28}
	if len(SIPPELevels) != len(want) {
		t.Fatalf("%+v", SIPPELevels)
	}
	for _, l := range SIPPELevels {
		if want[l.Code] != l.IntervalDays {
			t.Errorf("level %s: every %d days", l.Code, l.IntervalDays)
		}
	}
}
