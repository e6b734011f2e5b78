package store

import (
	"context"
	"fmt"
	"time"
)

// Dated history for the generated demos. The store stamps every row it
// writes with its transaction's time; the scaled demo (internal/demo)
// writes five years of follow-up in a few transactions, so it dates what
// happened when it happened with Backdate afterwards. Only the operator's
// demo loader calls these: the application never rewrites when a thing
// was recorded.

// Backdated names the time column Backdate sets.
type Backdated int

// The rows Backdate can date, by id.
const (
	BackdateStatusChange    Backdated = iota // family_status_history.at
	BackdateKeyWorkerChange                  // key_worker_history.at
	BackdateReferral                         // referrals.created_at, updated_at and its first change's at
	BackdateGoal                             // plan_goals.created_at, updated_at
	BackdateScreening                        // screenings.created_at
)

// Backdate sets when the row id of what was written.
func (tx *Tx) Backdate(ctx context.Context, what Backdated, id int64, at time.Time) error {
	var queries []string
	switch what {
	case BackdateStatusChange:
		queries = []string{`UPDATE family_status_history SET at = $1 WHERE id = $2`}
	case BackdateKeyWorkerChange:
		queries = []string{`UPDATE key_worker_history SET at = $1 WHERE id = $2`}
	case BackdateReferral:
		queries = []string{`UPDATE referrals SET created_at = $1, updated_at = $1 WHERE id = $2`,
			`UPDATE referral_changes SET at = $1 WHERE id = (SELECT MIN(x.id) FROM referral_changes x WHERE x.referral_id = $2)`}
	case BackdateGoal:
		queries = []string{`UPDATE plan_goals SET created_at = $1, updated_at = $1 WHERE id = $2`}
	case BackdateScreening:
		queries = []string{`UPDATE screenings SET created_at = $1 WHERE id = $2`}
	default:
		return fmt.Errorf("store: backdate %d: unknown", what)
	}
	for _, q := range queries {
		if _, err := tx.exec(ctx, q, at.UTC(), id); err != nil {
			return wrapErr("backdate", err)
		}
	}
	return nil
}

// DemoDecision records a team decision of the generated history that took
// effect at: proposed and completed then, without participants (the scaled
// demo's generated practitioners never sat on it). Earlier decisions of the
// family are superseded, as CreateAdmissionDecision does.
func (tx *Tx) DemoDecision(ctx context.Context, familyID int64, verdict, rationale, orientation string, proposedBy int64, at time.Time) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO admission_decisions (family_id, verdict, rationale, orientation,
		quorum_professionals, quorum_disciplines, proposed_by, created_at, completed_at) VALUES ($1, $2, $3, $4, 3, 2, $5, $6, $6) RETURNING id`,
		familyID, verdict, rationale, orientation, proposedBy, at.UTC())
	if err != nil {
		return 0, wrapErr("demo decision", err)
	}
	_, err = tx.exec(ctx, `UPDATE admission_decisions SET superseded_by = $1 WHERE family_id = $2 AND id <> $1 AND superseded_by IS NULL`, id, familyID)
	return id, wrapErr("demo decision", err)
}
