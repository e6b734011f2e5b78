package care

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// ContactKind is the form a contact with a family took.
type ContactKind string

const (
	ContactHomeVisit             ContactKind = "home_visit"
	ContactOfficeVisit           ContactKind = "office_visit"
	ContactCall                  ContactKind = "call"
	ContactGroupMeeting          ContactKind = "group_meeting"
	ContactAccompaniment         ContactKind = "accompaniment"
	ContactDaycareIntegration    ContactKind = "daycare_integration"
	ContactAssessmentOrientation ContactKind = "assessment_orientation"
)

// ContactKinds lists the kinds of contact, in the order forms offer them.
var ContactKinds = []ContactKind{ContactHomeVisit, ContactOfficeVisit, ContactCall, ContactGroupMeeting,
	ContactAccompaniment, ContactDaycareIntegration, ContactAssessmentOrientation}

// MaxContactMinutes bounds a contact's recorded duration (ten hours).
const MaxContactMinutes = 600

// Contact is one contact with a family: planned, done, missed or cancelled,
// with the professionals who took part. Version counts its changes, for
// optimistic concurrency.
type Contact struct {
	ID        int64
	FamilyID  int64
	Kind      ContactKind
	On        time.Time // civil date
	Time      string    // time of day "15:04" (24 h) when one was planned; empty when not
	Minutes   int
	Outcome   ContactOutcome
	WorkerIDs []int64
	MemberIDs []int64 // household members present
	GoalIDs   []int64 // goals of the plan worked on
	GroupID   int64   // the group meeting this attendance belongs to; 0 otherwise
	Notes     string
	// Compartment and SensitiveNotes: a note only people granted the
	// compartment read; never in the family's printed plan.
	Compartment    Compartment
	SensitiveNotes string
	Version        int
}

// Compartment is a kind of sensitive note that only people granted it may
// read: nobody by default, trainees never unless a coordinator grants it to
// them by name.
type Compartment string

const (
	CompartmentConjugalViolence Compartment = "conjugal_violence"
	CompartmentImmigration      Compartment = "immigration"
	CompartmentMentalHealth     Compartment = "mental_health"
	CompartmentSubstanceUse     Compartment = "substance_use"
)

// Compartments lists the compartments in the order forms offer them.
var Compartments = []Compartment{CompartmentConjugalViolence, CompartmentImmigration, CompartmentMentalHealth, CompartmentSubstanceUse}

// Valid reports whether c is a known compartment.
func (c Compartment) Valid() bool {
	for _, known := range Compartments {
		if c == known {
			return true
		}
	}
	return false
}

// Redacted returns the contact as someone not granted its compartment sees
// it: the sensitive note is gone, only the fact that one exists remains.
func (c Contact) Redacted(granted map[Compartment]bool) Contact {
	if c.Compartment != "" && !granted[c.Compartment] {
		c.SensitiveNotes = ""
	}
	return c
}

// Validate checks a contact as recorded.
func (c *Contact) Validate() error {
	fields := map[string]string{}
	if !validContactKind(c.Kind) {
		fields["kind"] = "contact.kind_unknown"
	}
	if c.On.IsZero() {
		fields["on"] = "error.required"
	}
	if c.Minutes < 0 || c.Minutes > MaxContactMinutes {
		fields["minutes"] = "contact.minutes_range"
	}
	c.Time = strings.TrimSpace(c.Time)
	if !ValidTimeOfDay(c.Time) {
		fields["time"] = "daily_dash.time_invalid"
	}
	if !ValidContactOutcome(c.Outcome) {
		fields["outcome"] = "contact.outcome_unknown"
	}
	c.SensitiveNotes = strings.TrimSpace(c.SensitiveNotes)
	switch {
	case c.Compartment != "" && !c.Compartment.Valid():
		fields["compartment"] = "contact.compartment_unknown"
	case c.SensitiveNotes != "" && c.Compartment == "":
		fields["compartment"] = "contact.compartment_required"
	case c.SensitiveNotes == "" && c.Compartment != "":
		c.Compartment = ""
	}
	in := berceau.FieldCheck{}
	if !c.On.IsZero() && !berceau.DateInRange(c.On) {
		in.Set("on", berceau.KeyDateRange)
	}
	in.Length("notes", c.Notes, berceau.MaxLongTextLength)
	in.Length("sensitive_notes", c.SensitiveNotes, berceau.MaxLongTextLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// Record is the contact as the schedule sees it.
func (c Contact) Record() ContactRecord { return ContactRecord{On: c.On, Outcome: c.Outcome} }

func validContactKind(k ContactKind) bool {
	for _, known := range ContactKinds {
		if k == known {
			return true
		}
	}
	return false
}

// ValidContactOutcome reports whether o is one of the known outcomes.
func ValidContactOutcome(o ContactOutcome) bool {
	switch o {
	case ContactPlanned, ContactDone, ContactMissed, ContactCancelled:
		return true
	}
	return false
}

// SIPPELevels are example intensity levels, after the SIPPE programme's
// rhythms. Levels are programme configuration, not code: these are the
// demo's.
var SIPPELevels = []IntensityLevel{
	{Code: "1", IntervalDays: 7},  // weekly
	{Code: "2", IntervalDays: 14}, // every two weeks
	{Code: "3", IntervalDays: 28}, // monthly
}

// ValidTimeOfDay reports whether t is empty (no time planned) or a time of
// day written "15:04", 00:00 to 23:59, as an HTML time field sends it.
func ValidTimeOfDay(t string) bool {
	if t == "" {
		return true
	}
	if len(t) != 5 || t[2] != ':' {
		return false
	}
	parsed, err := time.Parse("15:04", t)
	return err == nil && parsed.Format("15:04") == t
}
