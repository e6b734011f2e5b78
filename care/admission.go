package care

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// Quorum is how many professionals, of how many different disciplines, must
// confirm a team decision before it takes effect. It is a programme setting.
type Quorum struct {
	Professionals int
	Disciplines   int
}

// DefaultQuorum is SIPPE's interdisciplinary minimum: two professionals of
// two disciplines.
var DefaultQuorum = Quorum{Professionals: 2, Disciplines: 2}

// Valid reports whether q can only be met by a team: at least two
// professionals, and no more disciplines than professionals.
func (q Quorum) Valid() bool {
	return q.Professionals >= 2 && q.Disciplines >= 1 && q.Disciplines <= q.Professionals
}

// AdmissionVerdict is what a team decides about a family.
type AdmissionVerdict string

const (
	VerdictAdmit  AdmissionVerdict = "admit"
	VerdictRefuse AdmissionVerdict = "refuse"
)

// Participant is a professional taking part in a team decision, with the
// discipline they hold at the time.
type Participant struct {
	UserID      int64
	Name        string
	Discipline  berceau.Discipline
	ConfirmedAt time.Time // zero until they confirm in the application
}

// AdmissionDecision is an interdisciplinary team's decision to admit a family
// on clinical judgment (criteria not met or in doubt), or to refuse it. It
// takes effect only once its quorum of participants has confirmed it; no
// single person can complete it, and once complete it cannot change: a later
// decision supersedes it.
type AdmissionDecision struct {
	ID           int64
	FamilyID     int64
	Verdict      AdmissionVerdict
	Rationale    string
	Orientation  string // for a refusal: where the family was oriented
	Quorum       Quorum
	Participants []Participant
	ProposedBy   int64
	CreatedAt    time.Time
	CompletedAt  time.Time // zero while waiting for confirmations
	SupersededBy int64     // a later decision about the same family
}

// Complete reports whether the decision has taken effect.
func (d *AdmissionDecision) Complete() bool { return !d.CompletedAt.IsZero() }

// Validate checks a decision as proposed.
func (d *AdmissionDecision) Validate() error {
	fields := map[string]string{}
	if d.Verdict != VerdictAdmit && d.Verdict != VerdictRefuse {
		fields["verdict"] = "error.required"
	}
	if strings.TrimSpace(d.Rationale) == "" {
		fields["rationale"] = "error.required"
	}
	if d.Verdict == VerdictRefuse && strings.TrimSpace(d.Orientation) == "" {
		fields["orientation"] = "error.required"
	}
	if !d.Quorum.Valid() {
		fields["quorum"] = "error.quorum_invalid"
	}
	seen := map[int64]bool{}
	for _, p := range d.Participants {
		if p.UserID == 0 || seen[p.UserID] {
			fields["participants"] = "error.participants_duplicate"
		}
		seen[p.UserID] = true
	}
	if len(d.Participants) < d.Quorum.Professionals {
		fields["participants"] = "error.participants_too_few"
	} else if _, missing := d.DisciplinesShort(); missing > 0 && fields["participants"] == "" {
		// Even if everyone confirmed, the quorum would not be reached: refuse
		// now rather than leave a decision that can never take effect.
		fields["participants"] = "daily_flows.quorum_disciplines_short"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// Confirm records that a participant confirms the decision at now, and
// completes it when the quorum is reached. Only a listed participant may
// confirm, once; nothing changes a complete decision.
func (d *AdmissionDecision) Confirm(userID int64, now time.Time) error {
	if d.Complete() || d.SupersededBy != 0 {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.decision_closed"}
	}
	for i := range d.Participants {
		p := &d.Participants[i]
		if p.UserID != userID {
			continue
		}
		if !p.ConfirmedAt.IsZero() {
			return &berceau.Error{Kind: berceau.KindConflict, Key: "error.decision_already_confirmed"}
		}
		p.ConfirmedAt = now
		if d.QuorumReached() {
			d.CompletedAt = now
		}
		return nil
	}
	return &berceau.Error{Kind: berceau.KindForbidden, Key: "error.decision_not_participant"}
}

// DisciplinesShort reports the distinct disciplines among the participants
// and how many more the quorum needs: a decision whose participants do not
// hold enough disciplines can never take effect.
func (d *AdmissionDecision) DisciplinesShort() (present []berceau.Discipline, missing int) {
	seen := map[berceau.Discipline]bool{}
	for _, p := range d.Participants {
		if p.Discipline != "" && !seen[p.Discipline] {
			seen[p.Discipline] = true
			present = append(present, p.Discipline)
		}
	}
	return present, max(d.Quorum.Disciplines-len(present), 0)
}

// QuorumReached reports whether enough distinct professionals of enough
// distinct disciplines have confirmed.
func (d *AdmissionDecision) QuorumReached() bool {
	people := map[int64]bool{}
	disciplines := map[berceau.Discipline]bool{}
	for _, p := range d.Participants {
		if p.ConfirmedAt.IsZero() || p.UserID == 0 {
			continue
		}
		people[p.UserID] = true
		if p.Discipline != "" {
			disciplines[p.Discipline] = true
		}
	}
	return len(people) >= d.Quorum.Professionals && len(disciplines) >= d.Quorum.Disciplines
}

// Edit changes a decision's rationale while it waits for confirmations;
// every confirmation given so far is withdrawn, since people confirmed the
// old text. A complete decision cannot be edited.
func (d *AdmissionDecision) Edit(rationale, orientation string) error {
	if d.Complete() || d.SupersededBy != 0 {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.decision_closed"}
	}
	d.Rationale, d.Orientation = rationale, orientation
	for i := range d.Participants {
		d.Participants[i].ConfirmedAt = time.Time{}
	}
	return d.Validate()
}
