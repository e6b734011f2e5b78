package store

import (
	"context"
	"database/sql"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// CreateAdmissionDecision stores a proposed decision with its participants
// and marks every earlier open or complete decision of the family as
// superseded by it.
func (tx *Tx) CreateAdmissionDecision(ctx context.Context, d *care.AdmissionDecision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO admission_decisions (family_id, verdict, rationale, orientation,
		quorum_professionals, quorum_disciplines, proposed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		d.FamilyID, string(d.Verdict), d.Rationale, d.Orientation, d.Quorum.Professionals, d.Quorum.Disciplines, d.ProposedBy, tx.now)
	if err != nil {
		return wrapErr("create admission decision", err)
	}
	d.ID, d.CreatedAt = id, tx.now
	for _, p := range d.Participants {
		if _, err := tx.exec(ctx, `INSERT INTO decision_participants (decision_id, user_id, discipline) VALUES ($1, $2, $3)`,
			d.ID, p.UserID, string(p.Discipline)); err != nil {
			return wrapErr("create admission decision", err)
		}
	}
	_, err = tx.exec(ctx, `UPDATE admission_decisions SET superseded_by = $1
		WHERE family_id = $2 AND id <> $1 AND superseded_by IS NULL`, d.ID, d.FamilyID)
	return wrapErr("create admission decision", err)
}

// AdmissionDecisionByID reads a decision with its participants.
func (tx *Tx) AdmissionDecisionByID(ctx context.Context, id int64) (care.AdmissionDecision, error) {
	var d care.AdmissionDecision
	var verdict string
	var completed sql.NullTime
	var superseded sql.NullInt64
	err := tx.queryRow(ctx, `SELECT id, family_id, verdict, rationale, orientation, quorum_professionals, quorum_disciplines,
		proposed_by, created_at, completed_at, superseded_by FROM admission_decisions WHERE id = $1`, id).
		Scan(&d.ID, &d.FamilyID, &verdict, &d.Rationale, &d.Orientation, &d.Quorum.Professionals, &d.Quorum.Disciplines,
			&d.ProposedBy, &d.CreatedAt, &completed, &superseded)
	if err != nil {
		return d, notFound(wrapErr("read admission decision by ID", err), "error.decision_not_found")
	}
	d.Verdict, d.CompletedAt, d.SupersededBy = care.AdmissionVerdict(verdict), completed.Time, superseded.Int64
	d.Participants, err = queryAll(ctx, tx, "read the participants of a decision", func(row rowScanner) (care.Participant, error) {
		var p care.Participant
		var discipline string
		var confirmed sql.NullTime
		err := row.Scan(&p.UserID, &p.Name, &discipline, &confirmed)
		p.Discipline, p.ConfirmedAt = berceau.Discipline(discipline), confirmed.Time
		return p, err
	}, `SELECT p.user_id, u.display_name, p.discipline, p.confirmed_at FROM decision_participants p
		JOIN users u ON u.id = p.user_id WHERE p.decision_id = $1 ORDER BY p.user_id`, id)
	return d, err
}

// SaveConfirmations writes the confirmations and completion of a decision
// as the domain left them. Rows already confirmed or complete are never
// rewritten, so a decision cannot be changed once it took effect.
func (tx *Tx) SaveConfirmations(ctx context.Context, d care.AdmissionDecision) error {
	for _, p := range d.Participants {
		if p.ConfirmedAt.IsZero() {
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE decision_participants SET confirmed_at = $1
			WHERE decision_id = $2 AND user_id = $3 AND confirmed_at IS NULL`, p.ConfirmedAt, d.ID, p.UserID); err != nil {
			return wrapErr("save confirmations", err)
		}
	}
	if d.Complete() {
		_, err := tx.exec(ctx, `UPDATE admission_decisions SET completed_at = $1 WHERE id = $2 AND completed_at IS NULL`, d.CompletedAt, d.ID)
		return wrapErr("save confirmations", err)
	}
	return nil
}

// SetFamilyStatus changes where a family file stands.
func (tx *Tx) SetFamilyStatus(ctx context.Context, familyID int64, status care.FamilyStatus) error {
	return wrapErr("set family status", affectedOne(tx.exec(ctx, `UPDATE families SET status = $1, updated_at = $2 WHERE id = $3`, string(status), tx.now, familyID)))
}

// DecisionsOfFamily lists a family's team decisions, newest first, without
// their participants.
func (tx *Tx) DecisionsOfFamily(ctx context.Context, familyID int64) ([]care.AdmissionDecision, error) {
	return queryAll(ctx, tx, "list the decisions of a family", func(row rowScanner) (care.AdmissionDecision, error) {
		d := care.AdmissionDecision{FamilyID: familyID}
		var verdict string
		var completed sql.NullTime
		var superseded sql.NullInt64
		err := row.Scan(&d.ID, &verdict, &d.CreatedAt, &completed, &superseded)
		d.Verdict, d.CompletedAt, d.SupersededBy = care.AdmissionVerdict(verdict), completed.Time, superseded.Int64
		return d, err
	}, `SELECT id, verdict, created_at, completed_at, superseded_by FROM admission_decisions
		WHERE family_id = $1 ORDER BY created_at DESC, id DESC`, familyID)

}
