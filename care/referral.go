package care

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// ReferralStatus is where a referral stands, from its proposal to the
// family until the loop is closed.
type ReferralStatus string

const (
	// ReferralProposed: the worker proposed the referral; nothing has left
	// the network yet.
	ReferralProposed ReferralStatus = "proposed"
	// ReferralSent: the referral, and with it the family's data, went to the
	// partner. Only a sharing consent in force allows it.
	ReferralSent ReferralStatus = "sent"
	// ReferralAccepted: the partner took the family on.
	ReferralAccepted ReferralStatus = "accepted"
	// ReferralDeclined: the partner refused, and said why. Terminal.
	ReferralDeclined ReferralStatus = "declined"
	// ReferralWaitlisted: the partner put the family on its waiting list.
	ReferralWaitlisted ReferralStatus = "waitlisted"
	// ReferralFirstAppointmentHeld: the family met the partner once.
	ReferralFirstAppointmentHeld ReferralStatus = "first_appointment_held"
	// ReferralCompleted: the service was given; the loop is closed. Terminal.
	ReferralCompleted ReferralStatus = "completed"
	// ReferralNotReached: the referral ended before the service was given
	// (the family did not go, could not be reached, the partner lost track),
	// and the worker said why. Terminal.
	ReferralNotReached ReferralStatus = "not_reached"
)

// ReferralStatuses lists every status of a referral, in the order a referral
// goes through them.
var ReferralStatuses = []ReferralStatus{
	ReferralProposed, ReferralSent, ReferralAccepted, ReferralDeclined, ReferralWaitlisted,
	ReferralFirstAppointmentHeld, ReferralCompleted, ReferralNotReached,
}

// Valid reports whether s is one of the known statuses.
func (s ReferralStatus) Valid() bool {
	for _, known := range ReferralStatuses {
		if s == known {
			return true
		}
	}
	return false
}

// Terminal reports whether nothing follows s: declined, completed and
// not_reached end a referral. A new need is a new referral.
func (s ReferralStatus) Terminal() bool {
	return s == ReferralDeclined || s == ReferralCompleted || s == ReferralNotReached
}

// CanMoveReferral reports whether a referral may go from one status to
// another. Only the transitions the issue names exist:
//
//   - proposed → sent. A proposal is not "not reached": nothing was sent,
//     and the issue names no cancellation; a proposal the family refuses
//     stays out of this table until a status for it is agreed on.
//   - sent → accepted, declined, waitlisted, or not_reached (the partner
//     never answered, the family withdrew).
//   - waitlisted → accepted, declined (the partner gave up the place), or
//     not_reached. A waiting list does not lead straight to an appointment:
//     the partner accepts first.
//   - accepted → first_appointment_held, or not_reached (the family never
//     went).
//   - first_appointment_held → completed, or not_reached (the follow-up
//     broke off). An appointment held does not make the referral declined.
//   - declined, completed and not_reached are terminal.
//
// Staying put is not a transition, and no status goes back: a correction is
// a new referral, so the history stays true.
func CanMoveReferral(from, to ReferralStatus) bool {
	switch from {
	case ReferralProposed:
		return to == ReferralSent
	case ReferralSent:
		return to == ReferralAccepted || to == ReferralDeclined || to == ReferralWaitlisted || to == ReferralNotReached
	case ReferralWaitlisted:
		return to == ReferralAccepted || to == ReferralDeclined || to == ReferralNotReached
	case ReferralAccepted:
		return to == ReferralFirstAppointmentHeld || to == ReferralNotReached
	case ReferralFirstAppointmentHeld:
		return to == ReferralCompleted || to == ReferralNotReached
	}
	return false
}

// Referral is a family's referral to a service of the network's directory
// or to an external resource described in words.
type Referral struct {
	ID               int64
	FamilyID         int64
	ServiceID        string // a service of the directory (its HSDS id); "" for an external resource
	ServiceName      string // the service's name when the referral was made
	ExternalResource string // an external resource, described; empty for a service
	// Partner is the organisation the family's data goes to when the
	// referral is sent, by name, as in the family's sharing consents.
	Partner string
	// PartnerOrgID is that organisation's directory id, for a referral to a
	// directory service: consent is checked on it.
	PartnerOrgID  string
	Reason        string // why the family is referred
	Status        ReferralStatus
	DeclineReason string    // the partner's reason, for a declined referral
	NextFollowUp  time.Time // civil date of the next follow-up; zero when none
	Version       int       // counts changes, for optimistic concurrency
	CreatedBy     int64
	CreatedAt     time.Time
	History       []ReferralChange // oldest first, when read with it
}

// ReferralChange is one entry of a referral's history: every change of
// status, with who made it, when, and why.
type ReferralChange struct {
	From, To     ReferralStatus
	Reason       string
	NextFollowUp time.Time // the follow-up date set with the change; zero when none
	By           int64
	At           time.Time
}

// Validate checks a referral as recorded: a reason; exactly one
// destination, a service of the directory or an external resource (field
// "destination"); a known status, proposed when none is given; a partner
// once the referral has been sent, since its data went somewhere (every
// status past proposed comes through sent); a decline reason for a declined
// referral. It trims the text fields and keeps NextFollowUp a civil date.
func (r *Referral) Validate() error {
	fields := map[string]string{}
	r.Reason = strings.TrimSpace(r.Reason)
	r.ExternalResource = strings.TrimSpace(r.ExternalResource)
	r.Partner = strings.TrimSpace(r.Partner)
	r.DeclineReason = strings.TrimSpace(r.DeclineReason)
	if r.Status == "" {
		r.Status = ReferralProposed
	}
	if r.Reason == "" {
		fields["reason"] = "error.required"
	}
	switch {
	case r.ServiceID == "" && r.ExternalResource == "":
		fields["destination"] = "error.required"
	case r.ServiceID != "" && r.ExternalResource != "":
		fields["destination"] = "referral.destination_ambiguous"
	}
	if !r.Status.Valid() {
		fields["status"] = "referral.status_unknown"
	} else if r.Status != ReferralProposed && r.Partner == "" {
		fields["partner"] = "error.required"
	}
	if r.Status == ReferralDeclined && r.DeclineReason == "" {
		fields["decline_reason"] = "error.required"
	}
	in := berceau.FieldCheck{}
	in.Length("reason", r.Reason, berceau.MaxLongTextLength)
	in.Length("destination", r.ExternalResource, berceau.MaxShortTextLength)
	in.Length("partner", r.Partner, berceau.MaxNameLength)
	in.Length("decline_reason", r.DeclineReason, berceau.MaxLongTextLength)
	if !r.NextFollowUp.IsZero() && !berceau.DateInRange(r.NextFollowUp) {
		in.Set("next_follow_up", berceau.KeyDateRange)
	}
	in.Merge(fields)
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if !r.NextFollowUp.IsZero() {
		r.NextFollowUp = civilDate(r.NextFollowUp)
	}
	return nil
}

// CheckReferralSending reports whether a referral may be sent on a date:
// the family (only consents with r.FamilyID count) must have a sharing
// consent in force for r.Partner on that date (see SharingAllowed).
//
// A refusal is a conflict that says why, so the worker knows what to ask the
// family for:
//   - "referral.consent_withdrawn": a sharing consent for that partner was
//     withdrawn. It wins over an expiry, since it is the family's own word
//     and not a date to renew.
//   - "referral.consent_expired": a sharing consent for that partner exists
//     but has expired.
//   - "referral.consent_missing": no sharing consent for that partner, or
//     only one given after the date.
//
// A referral without a partner is invalid (field "partner"): there is no
// one to check the consent for.
func CheckReferralSending(r Referral, consents []Consent, on time.Time) error {
	partner := strings.TrimSpace(r.Partner)
	if partner == "" {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"partner": "error.required"}}
	}
	var own []Consent
	for _, c := range consents {
		if c.FamilyID == r.FamilyID {
			own = append(own, c)
		}
	}
	if SharingAllowedWith(own, r.PartnerOrgID, partner, on) {
		return nil
	}
	d := civilDate(on)
	withdrawn, expired := false, false
	for _, c := range own {
		if c.Kind != ConsentSharing || !c.CoversPartner(r.PartnerOrgID, partner) {
			continue
		}
		if c.GivenOn.IsZero() || d.Before(civilDate(c.GivenOn)) {
			continue // not given yet on that date: as good as missing
		}
		if !c.WithdrawnOn.IsZero() && !d.Before(civilDate(c.WithdrawnOn)) {
			withdrawn = true
		} else if !c.ExpiresOn.IsZero() && d.After(civilDate(c.ExpiresOn)) {
			expired = true
		}
	}
	switch {
	case withdrawn:
		return &berceau.Error{Kind: berceau.KindConflict, Key: "referral.consent_withdrawn"}
	case expired:
		return &berceau.Error{Kind: berceau.KindConflict, Key: "referral.consent_expired"}
	}
	return &berceau.Error{Kind: berceau.KindConflict, Key: "referral.consent_missing"}
}

// Move changes the referral's status at a time, by a user, and returns the
// change to record in its history. An unknown status is invalid; a
// transition CanMoveReferral does not allow is a conflict
// ("referral.transition_invalid"); declined and not_reached need a reason
// (field "reason"), which a decline also keeps as DeclineReason; sending
// needs the family's consent on that day (see CheckReferralSending). On
// error the referral is left as it was.
func (r *Referral) Move(to ReferralStatus, reason string, by int64, at time.Time, consents []Consent) (ReferralChange, error) {
	if !to.Valid() {
		return ReferralChange{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"status": "referral.status_unknown"}}
	}
	if !CanMoveReferral(r.Status, to) {
		return ReferralChange{}, &berceau.Error{Kind: berceau.KindConflict, Key: "referral.transition_invalid"}
	}
	reason = strings.TrimSpace(reason)
	if (to == ReferralDeclined || to == ReferralNotReached) && reason == "" {
		return ReferralChange{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"reason": "error.required"}}
	}
	if to == ReferralSent {
		if err := CheckReferralSending(*r, consents, at); err != nil {
			return ReferralChange{}, err
		}
	}
	change := ReferralChange{From: r.Status, To: to, Reason: reason, By: by, At: at}
	r.Status = to
	if to == ReferralDeclined {
		r.DeclineReason = reason
	}
	return change, nil
}

// FollowUpDue reports whether the referral's next follow-up is due on a
// date, for the worker's day page: the referral is still open, has a
// follow-up date, and the date is that civil day or later (an overdue
// follow-up stays due until it is done or moved).
func (r Referral) FollowUpDue(on time.Time) bool {
	if r.Status.Terminal() || r.NextFollowUp.IsZero() {
		return false
	}
	return !civilDate(on).Before(civilDate(r.NextFollowUp))
}
