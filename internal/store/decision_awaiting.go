package store

import (
	"context"
	"time"

	"github.com/berceau/berceau/care"
)

// MailDecisions reports whether a user wants to be told by mail that a team
// decision awaits her confirmation.
func (tx *Tx) MailDecisions(ctx context.Context, userID int64) (bool, error) {
	var on bool
	err := tx.queryRow(ctx, `SELECT mail_decisions FROM users WHERE id = $1`, userID).Scan(&on)
	return on, notFound(wrapErr("read mail decisions", err), "error.not_found_message")
}

// SetMailDecisions records that choice.
func (tx *Tx) SetMailDecisions(ctx context.Context, userID int64, on bool) error {
	return wrapErr("set mail decisions", affectedOne(tx.exec(ctx, `UPDATE users SET mail_decisions = $1 WHERE id = $2`, on, userID)))
}

// DecisionAwaitingRow is an open team decision a participant has not
// confirmed yet.
type DecisionAwaitingRow struct {
	DecisionID int64
	FamilyID   int64
	Verdict    care.AdmissionVerdict
	ProposedBy string
	CreatedAt  time.Time
}

// DecisionsAwaiting lists the open decisions (neither complete nor
// superseded) that userID takes part in and has not confirmed, oldest
// first. Scope is the caller's to check: a file may have moved since.
func (tx *Tx) DecisionsAwaiting(ctx context.Context, userID int64) ([]DecisionAwaitingRow, error) {
	var list []DecisionAwaitingRow
	if err := tx.eachRow(ctx, "read decisions awaiting", func(row rowScanner) error {
		var a DecisionAwaitingRow
		var verdict string
		if err := row.Scan(&a.DecisionID, &a.FamilyID, &verdict, &a.ProposedBy, &a.CreatedAt); err != nil {
			return err
		}
		a.Verdict, a.CreatedAt = care.AdmissionVerdict(verdict), a.CreatedAt.UTC()
		list = append(list, a)
		return nil
	}, `SELECT d.id, d.family_id, d.verdict, u.display_name, d.created_at
		FROM decision_participants p
		JOIN admission_decisions d ON d.id = p.decision_id
		JOIN users u ON u.id = d.proposed_by
		WHERE p.user_id = $1 AND p.confirmed_at IS NULL AND d.completed_at IS NULL AND d.superseded_by IS NULL
		ORDER BY d.created_at, d.id`, userID); err != nil {
		return nil, err
	}
	return list, nil
}
