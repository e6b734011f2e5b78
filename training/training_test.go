package training

import (
	"errors"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func sessions() []Session {
	return []Session{
		{EventID: 1, Start: day("2026-03-02").Add(14 * time.Hour), End: day("2026-03-02").Add(17 * time.Hour), TimeZone: "America/Toronto"},
		{EventID: 2, Start: day("2026-03-09").Add(14 * time.Hour), End: day("2026-03-09").Add(17 * time.Hour), TimeZone: "America/Toronto"},
		{EventID: 3, Start: day("2026-03-16").Add(14 * time.Hour), End: day("2026-03-16").Add(17 * time.Hour), TimeZone: "America/Toronto", Cancelled: true},
	}
}

func TestCompleteEverySessionAttended(t *testing.T) {
	c := Complete(sessions(), map[int64]bool{1: true, 2: true}, nil)
	if !c.Done || c.Method != ByAttendance || !c.On.Equal(day("2026-03-09")) || c.Attended != 2 || c.Sessions != 2 {
		t.Fatalf("every session attended (the cancelled one aside): %+v", c)
	}
}

func TestCompleteOneSessionMissed(t *testing.T) {
	if c := Complete(sessions(), map[int64]bool{1: true}, nil); c.Done {
		t.Fatalf("one session missed: %+v, want not done", c)
	}
	if c := Complete(nil, nil, nil); c.Done {
		t.Fatalf("no session and no mark: %+v, want not done", c)
	}
}

func TestCompleteMarkedByTrainer(t *testing.T) {
	m := &Mark{On: day("2026-04-01"), Note: "Rattrapage fait"}
	c := Complete(sessions(), map[int64]bool{1: true}, m)
	if !c.Done || c.Method != ByTrainer || !c.On.Equal(day("2026-04-01")) || c.Note != "Rattrapage fait" {
		t.Fatalf("marked by the trainer: %+v", c)
	}
	// Attendance of every session wins: its date is the real one.
	c = Complete(sessions(), map[int64]bool{1: true, 2: true}, m)
	if c.Method != ByAttendance || !c.On.Equal(day("2026-03-09")) {
		t.Fatalf("attended and marked: %+v, want the attendance date", c)
	}
}

func TestSessionDayIsTheEventsOwnDay(t *testing.T) {
	// 21:00 in Montréal is the next day in UTC.
	s := Session{End: time.Date(2026, 3, 3, 2, 0, 0, 0, time.UTC), TimeZone: "America/Toronto"}
	if got := s.Day(); !got.Equal(day("2026-03-02")) {
		t.Fatalf("day %v, want 2026-03-02", got)
	}
}

func TestLedgerSums(t *testing.T) {
	tr := Training{ID: 7, Title: berceau.TextOf("fr", "Entretien motivationnel"), Minutes: 6 * 60}
	l := BuildLedger(LedgerInput{
		Attended: []Attendance{
			{EventID: 1, Day: day("2026-03-02"), Minutes: 180}, {EventID: 2, Day: day("2026-03-09"), Minutes: 180},
			{EventID: 9, Day: day("2025-11-20"), Minutes: 90},
		},
		Trainings: []Training{tr},
		Sessions:  map[int64][]Session{7: sessions()},
		Approved: []Declaration{{ID: 4, Title: "Allaitement", On: day("2025-06-01"), Minutes: 120, Status: Approved},
			{ID: 5, Title: "Refusée", On: day("2025-06-01"), Minutes: 600, Status: Refused}},
	})
	if got := l.Minutes(); got != 360+90+120 {
		t.Fatalf("total %d minutes, want 570 (the sessions of the completed training count once, as its duration)", got)
	}
	years := l.ByYear()
	if len(years) != 2 || years[0].Year != 2026 || years[0].Minutes != 360 || years[1].Minutes != 210 ||
		years[1].ByCategory[CategoryEvent] != 90 || years[1].ByCategory[CategoryExternal] != 120 {
		t.Fatalf("by year: %+v", years)
	}
	if c := l.ByCategory(); c[CategoryTraining] != 360 || c[CategoryEvent] != 90 || c[CategoryExternal] != 120 {
		t.Fatalf("by category: %v", c)
	}
	if l.Entries[0].TrainingID != 7 || !l.Entries[0].On.Equal(day("2026-03-09")) {
		t.Fatalf("newest first, the training on its completion day: %+v", l.Entries[0])
	}
}

func TestLedgerCountsSessionsOfAnUnfinishedTrainingAsEvents(t *testing.T) {
	tr := Training{ID: 7, Minutes: 6 * 60}
	l := BuildLedger(LedgerInput{Attended: []Attendance{{EventID: 1, Day: day("2026-03-02"), Minutes: 180}},
		Trainings: []Training{tr}, Sessions: map[int64][]Session{7: sessions()}})
	if len(l.Entries) != 1 || l.Entries[0].Category != CategoryEvent || l.Minutes() != 180 {
		t.Fatalf("one session of an unfinished training: %+v", l.Entries)
	}
}

func TestTrainingValidate(t *testing.T) {
	ok := Training{Title: berceau.TextOf("fr", "Bases"), Minutes: 60, Modality: Hybrid, Language: "fr", OrganizationID: "x"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Training{Minutes: -1, Modality: "mail", Language: "xx", Audience: []berceau.Discipline{"wizard"}}
	var e *berceau.Error
	if err := bad.Validate(); !errors.As(err, &e) || len(e.Fields) != 6 {
		t.Fatalf("bad training: %v", err)
	}
}

func TestDeclarationValidate(t *testing.T) {
	now := day("2026-12-02")
	d := Declaration{Title: "Allaitement", Provider: "IBFAN", On: day("2026-11-01"), Minutes: 120, ProofSize: 10, ProofType: "application/pdf"}
	if err := d.Validate(now); err != nil {
		t.Fatal(err)
	}
	d.On, d.ProofType = day("2027-01-01"), "text/html"
	var e *berceau.Error
	if err := d.Validate(now); !errors.As(err, &e) || e.Fields["date"] == "" || e.Fields["proof"] != "training.error.proof_type" {
		t.Fatalf("future date and HTML proof: %v", err)
	}
	d.ProofSize = MaxProofSize + 1
	if err := d.Validate(now); !errors.As(err, &e) || e.Fields["proof"] != "training.error.proof_too_large" {
		t.Fatalf("too large a proof: %v", err)
	}
}

func TestCodes(t *testing.T) {
	a, b := NewCode(), NewCode()
	if len(a) != 16 || a == b {
		t.Fatalf("codes %q %q", a, b)
	}
	if got, ok := NormalizeCode(" " + GroupCode(a) + " "); !ok || got != a {
		t.Fatalf("grouped code read back as %q %v", got, ok)
	}
	for _, bad := range []string{"", "ABCD", a + "A", "0000000000000000", "abcd-efgh-ijkl-mn1!"} {
		if _, ok := NormalizeCode(bad); ok {
			t.Errorf("%q read as a code", bad)
		}
	}
}
