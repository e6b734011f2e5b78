package care

import (
	"sort"
	"time"
)

// IntensityLevel is one of a programme's follow-up intensities: a contact is
// prescribed every IntervalDays days (7: weekly, 14: every two weeks, 30:
// monthly). Levels are programme configuration, not code.
type IntensityLevel struct {
	Code         string
	IntervalDays int
}

// LevelChange sets a family's intensity level from a date, for a reason.
type LevelChange struct {
	On     time.Time // civil date from which the level is in force
	Level  IntensityLevel
	Reason string
}

// ContactOutcome is what became of a planned contact.
type ContactOutcome string

const (
	ContactPlanned   ContactOutcome = "planned"
	ContactDone      ContactOutcome = "done"
	ContactMissed    ContactOutcome = "missed"    // the family was not there: no contact took place
	ContactCancelled ContactOutcome = "cancelled" // called off beforehand: no contact took place
)

// ContactRecord is one contact as the schedule sees it: its date and outcome.
// A group meeting gives one record per family, "done" for the families
// present.
type ContactRecord struct {
	On      time.Time
	Outcome ContactOutcome
}

// levelOn returns the level in force on a date (the latest change on or
// before it), and false before the first change.
func levelOn(changes []LevelChange, on time.Time) (IntensityLevel, bool) {
	d := civilDate(on)
	var in IntensityLevel
	found := false
	for _, c := range sortedChanges(changes) {
		if civilDate(c.On).After(d) {
			break
		}
		in, found = c.Level, true
	}
	return in, found && in.IntervalDays > 0
}

func sortedChanges(changes []LevelChange) []LevelChange {
	out := append([]LevelChange(nil), changes...)
	sort.SliceStable(out, func(i, j int) bool { return civilDate(out[i].On).Before(civilDate(out[j].On)) })
	return out
}

// ExpectedContacts is how many contacts the levels in force prescribe from
// from (included) to to (excluded): each day counts 1/IntervalDays of the
// level in force that day, so a level changed mid-period weighs each part
// by its own days.
func ExpectedContacts(changes []LevelChange, from, to time.Time) float64 {
	total := 0.0
	for d := civilDate(from); d.Before(civilDate(to)); d = d.AddDate(0, 0, 1) {
		if lvl, ok := levelOn(changes, d); ok {
			total += 1 / float64(lvl.IntervalDays)
		}
	}
	return total
}

// DoneContacts counts the contacts that took place in [from, to).
func DoneContacts(contacts []ContactRecord, from, to time.Time) int {
	n := 0
	for _, c := range contacts {
		d := civilDate(c.On)
		if c.Outcome == ContactDone && !d.Before(civilDate(from)) && d.Before(civilDate(to)) {
			n++
		}
	}
	return n
}

// DaysBehind is how late a family is on its rhythm on a date: the days since
// its last contact that took place (or since the level was first set, when
// none did) beyond the interval of the level in force. Zero means on time;
// missed and cancelled contacts do not reset the clock. ok is false when no
// level is in force.
func DaysBehind(changes []LevelChange, contacts []ContactRecord, on time.Time) (days int, ok bool) {
	lvl, ok := levelOn(changes, on)
	if !ok {
		return 0, false
	}
	d := civilDate(on)
	since := civilDate(sortedChanges(changes)[0].On)
	for _, c := range contacts {
		cd := civilDate(c.On)
		if c.Outcome == ContactDone && !cd.After(d) && cd.After(since) {
			since = cd
		}
	}
	late := daysBetween(since, d) - lvl.IntervalDays
	if late < 0 {
		late = 0
	}
	return late, true
}
