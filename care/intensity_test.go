package care

import (
	"math"
	"testing"
)

var (
	weekly   = IntensityLevel{Code: "intensive", IntervalDays: 7}
	biweekly = IntensityLevel{Code: "regular", IntervalDays: 14}
	monthly  = IntensityLevel{Code: "light", IntervalDays: 28}
)

func TestExpectedContactsFollowTheLevelInForceEachDay(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		changes  []LevelChange
		from, to string
		want     float64
	}{
		{"four weeks weekly", []LevelChange{{On: day("2026-01-01"), Level: weekly}}, "2026-01-01", "2026-01-29", 4},
		{"before any level", []LevelChange{{On: day("2026-02-01"), Level: weekly}}, "2026-01-01", "2026-01-29", 0},
		{"weekly then every two weeks mid-period", []LevelChange{{On: day("2026-01-01"), Level: weekly}, {On: day("2026-01-15"), Level: biweekly}},
			"2026-01-01", "2026-01-29", 3},
		{"changes given out of order", []LevelChange{{On: day("2026-01-15"), Level: biweekly}, {On: day("2026-01-01"), Level: weekly}},
			"2026-01-01", "2026-01-29", 3},
		{"monthly over 56 days", []LevelChange{{On: day("2026-01-01"), Level: monthly}}, "2026-01-01", "2026-02-26", 2},
	}
	for _, c := range cases {
		if got := ExpectedContacts(c.changes, day(c.from), day(c.to)); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOnlyContactsThatTookPlaceCount(t *testing.T) {
	t.Parallel()
	contacts := []ContactRecord{
		{On: day("2026-01-05"), Outcome: ContactDone},
		{On: day("2026-01-12"), Outcome: ContactMissed},
		{On: day("2026-01-19"), Outcome: ContactCancelled},
		{On: day("2026-01-26"), Outcome: ContactPlanned},
		{On: day("2026-02-02"), Outcome: ContactDone}, // outside the period
	}
	if got := DoneContacts(contacts, day("2026-01-01"), day("2026-02-01")); got != 1 {
		t.Fatalf("%d contacts counted, want 1: missed, cancelled and planned do not count", got)
	}
}

func TestDaysBehindMeasuresAgainstTheLevelInForce(t *testing.T) {
	t.Parallel()
	changes := []LevelChange{{On: day("2026-01-01"), Level: biweekly}, {On: day("2026-02-01"), Level: weekly}}
	done := func(d string) ContactRecord { return ContactRecord{On: day(d), Outcome: ContactDone} }
	cases := []struct {
		name     string
		contacts []ContactRecord
		on       string
		want     int
		ok       bool
	}{
		{"no level yet", nil, "2025-12-20", 0, false},
		{"just enrolled", nil, "2026-01-10", 0, true},
		{"no contact since the level was set", nil, "2026-01-20", 5, true},
		{"seen 10 days ago, every two weeks", []ContactRecord{done("2026-01-10")}, "2026-01-20", 0, true},
		{"seen 20 days ago, weekly since February", []ContactRecord{done("2026-01-20")}, "2026-02-09", 13, true},
		{"a missed visit does not reset the clock", []ContactRecord{done("2026-01-05"), {On: day("2026-01-15"), Outcome: ContactMissed}}, "2026-01-25", 6, true},
		{"a cancelled visit neither", []ContactRecord{done("2026-01-05"), {On: day("2026-01-15"), Outcome: ContactCancelled}}, "2026-01-25", 6, true},
		{"a contact in the future does not count", []ContactRecord{done("2026-03-01")}, "2026-01-20", 5, true},
	}
	for _, c := range cases {
		got, ok := DaysBehind(changes, c.contacts, day(c.on))
		if got != c.want || ok != c.ok {
			t.Errorf("%s: %d (%v), want %d (%v)", c.name, got, ok, c.want, c.ok)
		}
	}
}
