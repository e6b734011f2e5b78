package care

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func TestReassessmentDueAndReminder(t *testing.T) {
	t.Parallel()
	p := Programme{ReassessMonths: 6, ReassessNoticeDays: 30}
	start := cday(2026, 1, 15)
	due := p.ReassessmentDue(start)
	if !due.Equal(cday(2026, 7, 15)) {
		t.Fatalf("due %v, want 2026-07-15", due)
	}
	cases := []struct {
		on   time.Time
		want bool
	}{
		{cday(2026, 6, 14), false}, // 31 days before
		{cday(2026, 6, 15), true},  // 30 days before: the reminder starts
		{cday(2026, 7, 15), true},  // due
		{cday(2026, 9, 1), true},   // overdue stays reminded
	}
	for _, c := range cases {
		if got := p.ReassessmentReminder(due, c.on); got != c.want {
			t.Errorf("reminder on %s = %v, want %v", c.on.Format(time.DateOnly), got, c.want)
		}
	}
	if !(Programme{}).ReassessmentDue(start).IsZero() {
		t.Error("a programme without a rhythm has no due date")
	}
	if (Programme{ReassessMonths: 6}).ReassessmentReminder(time.Time{}, start) {
		t.Error("no due date, no reminder")
	}
}

func TestProgrammeLevelLookup(t *testing.T) {
	t.Parallel()
	p := Programme{Levels: SIPPELevels}
	if l, ok := p.Level("2"); !ok || l.IntervalDays != 14 {
		t.Fatalf("level 2 = %v, %v", l, ok)
	}
	if _, ok := p.Level("9"); ok {
		t.Fatal("an unknown level was found")
	}
}

func TestSensitiveNotesNeedAKnownCompartmentAndAreRedacted(t *testing.T) {
	t.Parallel()
	base := Contact{Kind: ContactHomeVisit, On: cday(2026, 3, 2), Outcome: ContactDone}
	c := base
	c.SensitiveNotes = "Mentionne des menaces du conjoint"
	if err := c.Validate(); err == nil || berceau.KindOf(err) != berceau.KindInvalid {
		t.Fatalf("a sensitive note without a compartment was accepted: %v", err)
	}
	c.Compartment = "politics"
	if err := c.Validate(); err == nil {
		t.Fatal("an unknown compartment was accepted")
	}
	c.Compartment = CompartmentConjugalViolence
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := c.Redacted(nil).SensitiveNotes; got != "" {
		t.Fatalf("someone without the grant reads %q", got)
	}
	if got := c.Redacted(map[Compartment]bool{CompartmentMentalHealth: true}).SensitiveNotes; got != "" {
		t.Fatalf("another compartment's grant reads %q", got)
	}
	if got := c.Redacted(map[Compartment]bool{CompartmentConjugalViolence: true}).SensitiveNotes; got == "" {
		t.Fatal("the granted person does not read the note")
	}
	empty := base
	empty.Compartment = CompartmentImmigration
	if err := empty.Validate(); err != nil || empty.Compartment != "" {
		t.Fatalf("an empty sensitive note keeps its compartment: %v %q", err, empty.Compartment)
	}
}

func cday(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
