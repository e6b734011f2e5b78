package berceau

import "time"

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
	Minutes   int
	Outcome   ContactOutcome
	WorkerIDs []int64
	Notes     string
	Version   int
}

// Validate checks a contact as recorded.
func (c *Contact) Validate() error {
	fields := map[string]string{}
	if !validContactKind(c.Kind) {
		fields["kind"] = "contact_store.kind_unknown"
	}
	if c.On.IsZero() {
		fields["on"] = "error.required"
	}
	if c.Minutes < 0 || c.Minutes > MaxContactMinutes {
		fields["minutes"] = "contact_store.minutes_range"
	}
	if !ValidContactOutcome(c.Outcome) {
		fields["outcome"] = "contact_store.outcome_unknown"
	}
	if len(fields) > 0 {
		return &Error{Kind: KindInvalid, Key: "error.form_invalid", Fields: fields}
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
