package store

import (
	"context"
	"time"

	"github.com/berceau/berceau"
)

// AwaitingDecision is a team decision a person was proposed to take part
// in and has not confirmed yet, while it still waits for its quorum.
type AwaitingDecision struct {
	ID         int64
	FamilyID   int64
	Verdict    berceau.AdmissionVerdict
	ProposedAt time.Time
}

// DecisionsAwaitingUser lists the decisions waiting for a person's
// confirmation, oldest first: proposed with them as a participant, not
// confirmed by them, neither complete nor superseded.
func (tx *Tx) DecisionsAwaitingUser(ctx context.Context, userID int64) ([]AwaitingDecision, error) {
	rows, err := tx.query(ctx, `SELECT d.id, d.family_id, d.verdict, d.created_at FROM decision_participants p
		JOIN admission_decisions d ON d.id = p.decision_id
		WHERE p.user_id = $1 AND p.confirmed_at IS NULL AND d.completed_at IS NULL AND d.superseded_by IS NULL
		ORDER BY d.created_at, d.id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []AwaitingDecision
	for rows.Next() {
		var d AwaitingDecision
		var verdict string
		if err := rows.Scan(&d.ID, &d.FamilyID, &verdict, &d.ProposedAt); err != nil {
			return nil, err
		}
		d.Verdict = berceau.AdmissionVerdict(verdict)
		list = append(list, d)
	}
	return list, rows.Err()
}

// NextPlannedContact reads a family's soonest planned contact on or after
// a date (the earliest time of day first, contacts without a time last);
// ok is false when none is planned.
func (tx *Tx) NextPlannedContact(ctx context.Context, familyID int64, from time.Time) (berceau.Contact, bool, error) {
	list, err := tx.contactRows(ctx, `contacts WHERE family_id = $1 AND outcome = $2 AND contact_on >= $3
		ORDER BY contact_on, COALESCE(contact_time, '99:99'), id LIMIT 1`, familyID, string(berceau.ContactPlanned), nullDate(from))
	if err != nil || len(list) == 0 {
		return berceau.Contact{}, false, err
	}
	return list[0], true, nil
}
