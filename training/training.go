// Package training is the knowledge space's trainings and each
// professional's learning record: the catalogue of trainings (whose
// sessions are events of package knowledge), the rule that says when a
// person completed one, the hours ledger that sums trainings, events
// attended and external trainings declared, and the certificates that
// prove a completion. It imports only the standard library and the kernel
// package berceau.
package training

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// Modality says how a training is given.
type Modality string

// The modalities of a training.
const (
	InPerson Modality = "in_person"
	Online   Modality = "online"
	Hybrid   Modality = "hybrid"
)

// Modalities lists every modality, in the order forms show them.
var Modalities = []Modality{InPerson, Online, Hybrid}

// Valid reports whether m is one of Modalities.
func (m Modality) Valid() bool { return m == InPerson || m == Online || m == Hybrid }

// Training is one entry of the catalogue. Its sessions are events of the
// agenda (package knowledge), linked by their ids.
type Training struct {
	ID            int64
	Title         berceau.Text
	Objectives    berceau.Text
	Prerequisites berceau.Text
	// Audience are the disciplines the training is meant for; empty: every
	// discipline.
	Audience []berceau.Discipline
	// Minutes is the training's duration: the hours a completion credits
	// and a certificate states.
	Minutes  int
	Modality Modality
	Language string // the language it is given in (BCP 47: fr, en, nl…)
	// OrganizationID is the directory organisation that gives it; its staff
	// (editors with events.manage) are its trainers.
	OrganizationID string
	// SessionIDs are the events that are its sessions.
	SessionIDs []int64
	CreatedBy  int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Hours is the duration in hours.
func (t Training) Hours() float64 { return float64(t.Minutes) / 60 }

// For reports whether the training is meant for discipline d.
func (t Training) For(d berceau.Discipline) bool {
	if len(t.Audience) == 0 {
		return true
	}
	for _, a := range t.Audience {
		if a == d {
			return true
		}
	}
	return false
}

// Bounds on what an editor types.
const (
	MaxTitle      = 200
	MaxObjectives = 4000
	MaxMinutes    = 1000 * 60 // a thousand hours
	MaxSessions   = 50
)

// Languages a training may be given in.
var Languages = []string{"fr", "en", "nl", "es", "ar"}

// Normalize trims what an editor typed and drops repeated entries.
func (t *Training) Normalize() {
	for _, text := range []*berceau.Text{&t.Title, &t.Objectives, &t.Prerequisites} {
		for _, lang := range []string{"fr", "en", "nl"} {
			text.Set(lang, strings.TrimSpace(text.Get(lang)))
		}
	}
	t.Language = strings.ToLower(strings.TrimSpace(t.Language))
	t.OrganizationID = strings.TrimSpace(t.OrganizationID)
	seen := map[berceau.Discipline]bool{}
	var audience []berceau.Discipline
	for _, d := range t.Audience {
		if !seen[d] {
			seen[d] = true
			audience = append(audience, d)
		}
	}
	t.Audience = audience
	seenID := map[int64]bool{}
	var ids []int64
	for _, id := range t.SessionIDs {
		if id > 0 && !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	t.SessionIDs = ids
}

// Validate checks a training an editor submits; the error's Fields map form
// fields to translation keys.
func (t Training) Validate() error {
	fields := map[string]string{}
	tooLong := func(text berceau.Text, max int) bool {
		for _, lang := range []string{"fr", "en", "nl"} {
			if utf8.RuneCountInString(text.Get(lang)) > max {
				return true
			}
		}
		return false
	}
	if t.Title.Empty() {
		fields["title"] = "training.error.title_required"
	} else if tooLong(t.Title, MaxTitle) {
		fields["title"] = "training.error.too_long"
	}
	if tooLong(t.Objectives, MaxObjectives) {
		fields["objectives"] = "training.error.too_long"
	}
	if tooLong(t.Prerequisites, MaxObjectives) {
		fields["prerequisites"] = "training.error.too_long"
	}
	if t.Minutes <= 0 || t.Minutes > MaxMinutes {
		fields["hours"] = "training.error.hours_invalid"
	}
	if !t.Modality.Valid() {
		fields["modality"] = "training.error.modality_invalid"
	}
	known := false
	for _, l := range Languages {
		known = known || l == t.Language
	}
	if !known {
		fields["language"] = "training.error.language_invalid"
	}
	for _, d := range t.Audience {
		if !d.Valid() {
			fields["audience"] = "training.error.audience_invalid"
		}
	}
	if t.OrganizationID == "" {
		fields["organization"] = "training.error.organization_required"
	}
	if len(t.SessionIDs) > MaxSessions {
		fields["sessions"] = "training.error.too_many_sessions"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// Session is one session of a training as the completion rule reads it.
type Session struct {
	EventID   int64
	Title     berceau.Text
	Start     time.Time
	End       time.Time
	TimeZone  string
	Cancelled bool
}

// Day is the civil day the session is held on, in its own zone.
func (s Session) Day() time.Time { return CivilDay(s.End.In(zone(s.TimeZone))) }

// zones caches the time zones read: time.LoadLocation reads the zone's
// file each time, and a ledger of a whole network dates tens of thousands
// of attendances.
var zones sync.Map // name → *time.Location

func zone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
	}
	zones.Store(name, loc)
	return loc
}

// CivilDay is the calendar day of t (in t's zone) at midnight UTC: the
// form every date of the ledger takes.
func CivilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Mark is a trainer's statement that a person completed a training.
type Mark struct {
	TrainingID int64
	UserID     int64
	On         time.Time // the day the trainer marked it (civil day)
	Note       string
	MarkedBy   int64
}

// MaxNote bounds a trainer's note and a refusal's reason.
const MaxNote = 1000

// Method says how a completion was reached.
type Method string

// The ways to complete a training.
const (
	ByAttendance Method = "attendance" // every session attended
	ByTrainer    Method = "trainer"    // marked complete by the trainer
)

// Completion is where one person stands with one training.
type Completion struct {
	Done     bool
	On       time.Time // the real completion date: the last session attended, or the trainer's mark
	Method   Method
	Attended int // sessions attended, cancelled ones left out
	Sessions int // sessions held or to be held (not cancelled)
	Note     string
}

// Complete applies the completion rule: a person completed a training when
// they attended every session that was not cancelled (completed on the day
// of the last one), or when a trainer marked it complete (on the day of the
// mark). Attendance wins over a mark: its date is the real one. A training
// without sessions is completed only by a mark.
func Complete(sessions []Session, attended map[int64]bool, mark *Mark) Completion {
	var c Completion
	var last time.Time
	for _, s := range sessions {
		if s.Cancelled {
			continue
		}
		c.Sessions++
		if attended[s.EventID] {
			c.Attended++
			if day := s.Day(); day.After(last) {
				last = day
			}
		}
	}
	switch {
	case c.Sessions > 0 && c.Attended == c.Sessions:
		c.Done, c.On, c.Method = true, last, ByAttendance
	case mark != nil:
		c.Done, c.On, c.Method, c.Note = true, mark.On, ByTrainer, mark.Note
	}
	return c
}

// Participant is a member registered to a session of a training, with the
// sessions they attended.
type Participant struct {
	UserID     int64
	Name       string
	Discipline berceau.Discipline
	Attended   map[int64]bool // event ids
}

// Person is a professional as the learning records' views list them: their
// discipline and the site they are counted in.
type Person struct {
	UserID     int64
	Name       string
	Discipline berceau.Discipline
	Locale     string
	SiteID     int64 // 0: no site
	SiteName   string
}
