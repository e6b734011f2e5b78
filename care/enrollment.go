package care

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// FamilyStatuses lists every status of a family file, in the order a file
// goes through them.
var FamilyStatuses = []FamilyStatus{FamilyScreening, FamilyActive, FamilyOnHold, FamilyClosed}

// Valid reports whether s is one of the known statuses.
func (s FamilyStatus) Valid() bool {
	for _, known := range FamilyStatuses {
		if s == known {
			return true
		}
	}
	return false
}

// Followed reports whether a file in status s is being followed (active or
// on hold): only then does it have a rhythm to keep, and can it be late on
// it. A closed file's last level stays in its history, not in force.
func (s FamilyStatus) Followed() bool { return s == FamilyActive || s == FamilyOnHold }

// ClosureReason is why a family file was closed. A closure always names one.
type ClosureReason string

const (
	ClosureChildReachedAge5    ClosureReason = "child_reached_age_5" // school entry: the end of SIPPE
	ClosureFamilyMoved         ClosureReason = "family_moved"
	ClosureFamilyEndedFollowUp ClosureReason = "family_ended_follow_up"
	ClosureGoalsMet            ClosureReason = "goals_met"
	ClosureTransferred         ClosureReason = "transferred" // to a service outside the network
	ClosureUnreachable         ClosureReason = "unreachable"
)

// ClosureReasons lists every closure reason, in the order the interface
// shows them.
var ClosureReasons = []ClosureReason{
	ClosureChildReachedAge5, ClosureFamilyMoved, ClosureFamilyEndedFollowUp,
	ClosureGoalsMet, ClosureTransferred, ClosureUnreachable,
}

// Valid reports whether r is one of the known closure reasons.
func (r ClosureReason) Valid() bool {
	for _, known := range ClosureReasons {
		if r == known {
			return true
		}
	}
	return false
}

// AdmissionBasis is what an admission rests on.
type AdmissionBasis string

const (
	// BasisCriteriaMet: the family meets the programme's criteria; a
	// practitioner or coordinator admits directly.
	BasisCriteriaMet AdmissionBasis = "criteria_met"
	// BasisTeamDecision: an interdisciplinary team decided on clinical
	// judgment (see AdmissionDecision); set only by a completed decision.
	BasisTeamDecision AdmissionBasis = "team_decision"
)

// CanTransition reports whether a family file may go from one status to
// another at all: screening → active, active ↔ on_hold, active or on_hold →
// closed, closed → active. Entering active from screening or closed also
// needs an admission (see NeedsAdmission). Staying put is not a transition.
func CanTransition(from, to FamilyStatus) bool {
	switch from {
	case FamilyScreening:
		return to == FamilyActive
	case FamilyActive:
		return to == FamilyOnHold || to == FamilyClosed
	case FamilyOnHold:
		return to == FamilyActive || to == FamilyClosed
	case FamilyClosed:
		return to == FamilyActive
	}
	return false
}

// NeedsAdmission reports whether a transition happens only through an
// admission (a direct admission on criteria or a team decision), never by a
// plain change of status: screening → active and closed → active.
func NeedsAdmission(from, to FamilyStatus) bool {
	return to == FamilyActive && (from == FamilyScreening || from == FamilyClosed)
}

// CheckStatusChange applies the rules of a plain change of status (not an
// admission): the transition must exist and must not need an admission; a
// closure names a known reason and only a closure does; putting a file on
// hold says why.
func CheckStatusChange(from, to FamilyStatus, reason string, closure ClosureReason) error {
	if !to.Valid() {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"status": "enrollment.status_unknown"}}
	}
	if !CanTransition(from, to) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "enrollment.transition_not_allowed"}
	}
	if NeedsAdmission(from, to) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "enrollment.admission_required"}
	}
	fields := map[string]string{}
	switch {
	case to == FamilyClosed && closure == "":
		fields["closure_reason"] = "error.required"
	case to == FamilyClosed && !closure.Valid():
		fields["closure_reason"] = "enrollment.closure_unknown"
	case to != FamilyClosed && closure != "":
		fields["closure_reason"] = "enrollment.closure_only_when_closing"
	}
	if to == FamilyOnHold && strings.TrimSpace(reason) == "" {
		fields["reason"] = "error.required"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// StatusChange is one entry of a family file's status history. A transfer
// to another site or team is an entry too, with the same status before and
// after and the sites and teams filled in.
type StatusChange struct {
	ID         int64
	FamilyID   int64
	From       FamilyStatus
	To         FamilyStatus
	Reason     string        // as the worker wrote it
	Closure    ClosureReason // for a closure only
	FromSiteID int64         // for a transfer only
	FromTeamID int64
	ToSiteID   int64
	ToTeamID   int64
	ChangedBy  int64 // the user who made the change
	At         time.Time
}

// Transfer reports whether the entry records a move to another site or team.
func (c StatusChange) Transfer() bool { return c.ToSiteID != 0 }

// KeyWorkerChange is one entry of the history of a family's key worker
// (intervenante pivot): who became the key worker, or nobody.
type KeyWorkerChange struct {
	ID        int64
	FamilyID  int64
	UserID    int64  // 0 when the family was left without a key worker
	Name      string // the key worker's display name, when read back
	Reason    string
	ChangedBy int64
	At        time.Time
}

// Enrollment is a family's enrollment in a programme, from a start date
// until its closure.
type Enrollment struct {
	ID            int64
	FamilyID      int64
	Programme     string    // programme slug, e.g. "sippe"
	StartDate     time.Time // a civil date
	ClosedOn      time.Time // zero while the enrollment is open
	ClosureReason ClosureReason
	CreatedAt     time.Time
}

// Open reports whether the enrollment has not been closed.
func (e Enrollment) Open() bool { return e.ClosedOn.IsZero() }

// Validate checks a new enrollment: a programme slug and a start date.
func (e *Enrollment) Validate() error {
	fields := map[string]string{}
	e.Programme = strings.TrimSpace(e.Programme)
	if e.Programme == "" {
		fields["programme"] = "error.required"
	} else if !berceau.ValidSlug(e.Programme) {
		fields["programme"] = "error.slug_invalid"
	}
	if e.StartDate.IsZero() {
		fields["start_date"] = "error.required"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	e.StartDate = civilDate(e.StartDate)
	return nil
}
