package knowledge

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// RegistrationState is where one person's registration to one event (one
// session of a cycle) stands. The states follow CiviCRM's participant
// statuses: a place is registered, awaited (approval, waiting list),
// offered for a while to the first person waiting, and finally attended or
// not.
type RegistrationState string

const (
	// StateUnconfirmed: a guest registered but has not yet followed the
	// link mailed to them (double opt-in); it holds no place.
	StateUnconfirmed      RegistrationState = "unconfirmed"
	StateAwaitingApproval RegistrationState = "awaiting_approval"
	StateRegistered       RegistrationState = "registered"
	StateWaitlisted       RegistrationState = "waitlisted"
	// StateOffered: a freed place kept for this person until the offer
	// expires.
	StateOffered   RegistrationState = "offered"
	StateExpired   RegistrationState = "expired" // the offer was not taken in time
	StateCancelled RegistrationState = "cancelled"
	StateAttended  RegistrationState = "attended"
	StateNoShow    RegistrationState = "no_show"
)

// RegistrationStates lists every state, in the order pages show them.
var RegistrationStates = []RegistrationState{
	StateUnconfirmed, StateAwaitingApproval, StateRegistered, StateWaitlisted, StateOffered,
	StateExpired, StateCancelled, StateAttended, StateNoShow,
}

// Valid reports whether s is a known state.
func (s RegistrationState) Valid() bool {
	for _, known := range RegistrationStates {
		if s == known {
			return true
		}
	}
	return false
}

// HoldsPlace reports whether a registration in s takes one of the event's
// places: capacity counts these and only these.
func (s RegistrationState) HoldsPlace() bool {
	switch s {
	case StateRegistered, StateOffered, StateAttended, StateNoShow:
		return true
	}
	return false
}

// Ended reports whether s is final for the person: a new registration to
// the same event starts again from the beginning.
func (s RegistrationState) Ended() bool { return s == StateCancelled || s == StateExpired }

// RegistrationAction is what happens to a registration.
type RegistrationAction string

const (
	ActConfirm RegistrationAction = "confirm" // a guest follows the mailed link
	ActApprove RegistrationAction = "approve" // an organiser accepts a request
	ActReject  RegistrationAction = "reject"  // an organiser refuses a request
	ActCancel  RegistrationAction = "cancel"  // the person (or an organiser) cancels
	ActOffer   RegistrationAction = "offer"   // a place freed: the first person waiting gets it for a while
	ActAccept  RegistrationAction = "accept"  // the person takes the offered place
	ActDecline RegistrationAction = "decline" // the person lets the offered place go
	ActExpire  RegistrationAction = "expire"  // the offer ran out
	ActAttend  RegistrationAction = "attend"  // checked in at the door
	ActNoShow  RegistrationAction = "no_show" // did not come
)

// RegistrationActions lists every action.
var RegistrationActions = []RegistrationAction{
	ActConfirm, ActApprove, ActReject, ActCancel, ActOffer, ActAccept, ActDecline, ActExpire, ActAttend, ActNoShow,
}

// Admit decides where a new (or newly confirmed) registration goes: to the
// organisers' approval when the event requires it, to a place when one is
// free and nobody is waiting for it, otherwise to the waiting list.
func Admit(placeFree, approvalRequired bool) RegistrationState {
	switch {
	case approvalRequired:
		return StateAwaitingApproval
	case placeFree:
		return StateRegistered
	}
	return StateWaitlisted
}

// Next is the state act leads to from s; ok is false when act does not
// apply to s. placeFree says whether the event has a place nobody holds and
// nobody waits for (it decides approvals and confirmations).
func Next(s RegistrationState, act RegistrationAction, placeFree bool) (next RegistrationState, ok bool) {
	switch act {
	case ActConfirm:
		if s == StateUnconfirmed {
			// Approval, when required, was decided before the mail: see Admit.
			return Admit(placeFree, false), true
		}
	case ActApprove:
		if s == StateAwaitingApproval {
			return Admit(placeFree, false), true
		}
	case ActReject:
		if s == StateAwaitingApproval {
			return StateCancelled, true
		}
	case ActCancel:
		switch s {
		case StateUnconfirmed, StateAwaitingApproval, StateRegistered, StateWaitlisted, StateOffered:
			return StateCancelled, true
		}
	case ActOffer:
		if s == StateWaitlisted {
			return StateOffered, true
		}
	case ActAccept:
		if s == StateOffered {
			return StateRegistered, true
		}
	case ActDecline:
		if s == StateOffered {
			return StateCancelled, true
		}
	case ActExpire:
		if s == StateOffered {
			return StateExpired, true
		}
	case ActAttend:
		if s == StateRegistered || s == StateNoShow {
			return StateAttended, true
		}
	case ActNoShow:
		if s == StateRegistered || s == StateAttended {
			return StateNoShow, true
		}
	}
	return s, false
}

// FreesPlace reports whether going from s to next gives a place back, which
// is then offered to the first person waiting.
func FreesPlace(s, next RegistrationState) bool { return s.HoldsPlace() && !next.HoldsPlace() }

// Sector is the field a participant works in. The Bassin Sud counts who
// comes to its meetings by sector, and who is missing (general
// practitioners, gynaecologists, hospitals).
type Sector string

const (
	SectorSocial          Sector = "social"
	SectorHealth          Sector = "health"
	SectorMentalHealth    Sector = "mental_health"
	SectorMidwifery       Sector = "midwifery"
	SectorGeneralPractice Sector = "general_practice"
	SectorObstetrics      Sector = "gynaecology_obstetrics"
	SectorHospital        Sector = "hospital"
	SectorEarlyChildhood  Sector = "early_childhood"
	SectorEducation       Sector = "education"
	SectorCommunity       Sector = "community"
	SectorAdministration  Sector = "public_administration"
	SectorOther           Sector = "other_field"
)

// Sectors lists every sector, in the order forms show them.
var Sectors = []Sector{
	SectorSocial, SectorHealth, SectorMentalHealth, SectorMidwifery, SectorGeneralPractice, SectorObstetrics,
	SectorHospital, SectorEarlyChildhood, SectorEducation, SectorCommunity, SectorAdministration, SectorOther,
}

// Valid reports whether s is a known sector.
func (s Sector) Valid() bool {
	for _, known := range Sectors {
		if s == known {
			return true
		}
	}
	return false
}

// SectorOfDiscipline is the sector a member is counted in, from the
// discipline of their account.
func SectorOfDiscipline(d berceau.Discipline) Sector {
	switch d {
	case berceau.DisciplineNurse, berceau.DisciplineNutritionist:
		return SectorHealth
	case berceau.DisciplineSocialWorker:
		return SectorSocial
	case berceau.DisciplinePhysician:
		return SectorGeneralPractice
	case berceau.DisciplineMidwife:
		return SectorMidwifery
	case berceau.DisciplineSpecialEducator, berceau.DisciplinePsychoeducator:
		return SectorEducation
	case berceau.DisciplineCommunityWorker:
		return SectorCommunity
	case berceau.DisciplineAdministration:
		return SectorAdministration
	}
	return SectorOther
}

// Guest is a person from outside the network registering to a public event.
type Guest struct {
	Name         string
	Email        string
	Organisation string
	Sector       Sector
	Language     string // "fr" or "en": the language of the mail they get
}

// Normalize trims the fields and lower-cases the address.
func (g *Guest) Normalize() {
	g.Name = strings.TrimSpace(g.Name)
	g.Email = berceau.NormalizeEmail(g.Email)
	g.Organisation = strings.TrimSpace(g.Organisation)
	if g.Language != "en" {
		g.Language = "fr"
	}
}

// Validate returns the fields in error, keyed by form field, valued by
// translation key; nil when the guest may register.
func (g Guest) Validate() map[string]string {
	fields := map[string]string{}
	if g.Name == "" || utf8.RuneCountInString(g.Name) > berceau.MaxNameLength {
		fields["name"] = "registration.error.name"
	}
	if !berceau.ValidEmailAddress(g.Email) {
		fields["email"] = "registration.error.email"
	}
	if utf8.RuneCountInString(g.Organisation) > berceau.MaxNameLength {
		fields["organisation"] = "registration.error.organisation"
	}
	if !g.Sector.Valid() {
		fields["sector"] = "registration.error.sector"
	}
	if len(fields) == 0 {
		return nil
	}
	return fields
}

// Registration is one person's registration to one event.
type Registration struct {
	ID      int64
	EventID int64
	UserID  int64 // 0 for a guest
	// Name, Email and Organisation are the guest's, or the member's account
	// name and address; empty once a guest's data is erased.
	Name           string
	Email          string
	Organisation   string
	Sector         Sector
	Language       string
	State          RegistrationState
	OfferExpiresAt time.Time // while offered
	Hours          float64   // hours credited when attended
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Erased         bool // a guest's personal data was erased (retention)
}

// Guest reports whether the registration is a guest's (not a member's).
func (r Registration) Guest() bool { return r.UserID == 0 }

// RegistrationChange is one dated step of a registration's history.
type RegistrationChange struct {
	State   RegistrationState
	Action  RegistrationAction // empty for the first state
	At      time.Time
	ActorID int64 // 0 for the system (an expiry) or a guest
}

// Feedback is an attendee's answer to the short form sent after an event.
type Feedback struct {
	Rating  int // 1 to 5
	Comment string
}

// MaxFeedbackComment bounds a feedback comment.
const MaxFeedbackComment = 2000

// Validate returns the fields in error, or nil.
func (f Feedback) Validate() map[string]string {
	fields := map[string]string{}
	if f.Rating < 1 || f.Rating > 5 {
		fields["rating"] = "registration.error.rating"
	}
	if utf8.RuneCountInString(f.Comment) > MaxFeedbackComment {
		fields["comment"] = "registration.error.comment"
	}
	if len(fields) == 0 {
		return nil
	}
	return fields
}
