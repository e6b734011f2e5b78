package store

import (
	"context"
	"database/sql"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// ChangeFamilyStatus moves a family file from one status to another, only
// if it still stands at from: a concurrent change makes it a conflict
// rather than a lost update. The caller checks the domain's rules and
// writes the history entry.
func (tx *Tx) ChangeFamilyStatus(ctx context.Context, familyID int64, from, to care.FamilyStatus) error {
	return wrapErr("change family status", compareAndSet(tx.exec(ctx, `UPDATE families SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`,
		string(to), tx.now, familyID, string(from))))
}

// SetKeyWorker names a family's key worker (0: none), only if the key
// worker is still the one the caller read (0: none).
func (tx *Tx) SetKeyWorker(ctx context.Context, familyID, current, userID int64) error {
	return wrapErr("set key worker", compareAndSet(tx.exec(ctx, `UPDATE families SET key_worker_id = $1, updated_at = $2
		WHERE id = $3 AND COALESCE(key_worker_id, 0) = $4`, nullID(userID), tx.now, familyID, current)))
}

// MoveFamily hands a family file to another site and care team and leaves
// it without a key worker, only if it is still at the site and team the
// caller read.
func (tx *Tx) MoveFamily(ctx context.Context, familyID, fromSiteID, fromTeamID, toSiteID, toTeamID int64) error {
	return wrapErr("move family", compareAndSet(tx.exec(ctx, `UPDATE families SET site_id = $1, team_id = $2, key_worker_id = NULL, updated_at = $3
		WHERE id = $4 AND site_id = $5 AND COALESCE(team_id, 0) = $6`,
		toSiteID, nullID(toTeamID), tx.now, familyID, fromSiteID, fromTeamID)))
}

// TeamSite returns the site a care team belongs to.
func (tx *Tx) TeamSite(ctx context.Context, teamID int64) (int64, error) {
	var siteID int64
	err := tx.queryRow(ctx, `SELECT site_id FROM teams WHERE id = $1`, teamID).Scan(&siteID)
	return siteID, notFound(wrapErr("read team site", err), "error.not_found_message")
}

// AddStatusChange appends an entry to a family's status history, stamped
// with the transaction's time.
func (tx *Tx) AddStatusChange(ctx context.Context, c *care.StatusChange) error {
	id, err := tx.insertID(ctx, `INSERT INTO family_status_history (family_id, from_status, to_status, reason, closure_reason,
		from_site_id, from_team_id, to_site_id, to_team_id, changed_by, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		c.FamilyID, string(c.From), string(c.To), c.Reason, string(c.Closure),
		nullID(c.FromSiteID), nullID(c.FromTeamID), nullID(c.ToSiteID), nullID(c.ToTeamID), nullID(c.ChangedBy), tx.now)
	if err != nil {
		return wrapErr("add status change", err)
	}
	c.ID, c.At = id, tx.now
	return nil
}

// StatusHistory returns a family's status history, oldest first.
func (tx *Tx) StatusHistory(ctx context.Context, familyID int64) ([]care.StatusChange, error) {
	var list []care.StatusChange
	if err := tx.eachRow(ctx, "read status history", func(row rowScanner) error {
		var c care.StatusChange
		var from, to, closure string
		if err := row.Scan(&c.ID, &c.FamilyID, &from, &to, &c.Reason, &closure,
			&c.FromSiteID, &c.FromTeamID, &c.ToSiteID, &c.ToTeamID, &c.ChangedBy, &c.At); err != nil {
			return err
		}
		c.From, c.To, c.Closure, c.At = care.FamilyStatus(from), care.FamilyStatus(to), care.ClosureReason(closure), c.At.UTC()
		list = append(list, c)
		return nil
	}, `SELECT id, family_id, from_status, to_status, reason, closure_reason,
		COALESCE(from_site_id, 0), COALESCE(from_team_id, 0), COALESCE(to_site_id, 0), COALESCE(to_team_id, 0),
		COALESCE(changed_by, 0), at FROM family_status_history WHERE family_id = $1 ORDER BY at, id`, familyID); err != nil {
		return nil, err
	}
	return list, nil
}

// AddKeyWorkerChange appends an entry to a family's key worker history,
// stamped with the transaction's time.
func (tx *Tx) AddKeyWorkerChange(ctx context.Context, c *care.KeyWorkerChange) error {
	id, err := tx.insertID(ctx, `INSERT INTO key_worker_history (family_id, user_id, reason, changed_by, at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, c.FamilyID, nullID(c.UserID), c.Reason, nullID(c.ChangedBy), tx.now)
	if err != nil {
		return wrapErr("add key worker change", err)
	}
	c.ID, c.At = id, tx.now
	return nil
}

// KeyWorkerHistory returns the history of a family's key worker, oldest
// first, with each key worker's display name.
func (tx *Tx) KeyWorkerHistory(ctx context.Context, familyID int64) ([]care.KeyWorkerChange, error) {
	var list []care.KeyWorkerChange
	if err := tx.eachRow(ctx, "read key worker history", func(row rowScanner) error {
		var c care.KeyWorkerChange
		if err := row.Scan(&c.ID, &c.FamilyID, &c.UserID, &c.Name, &c.Reason, &c.ChangedBy, &c.At); err != nil {
			return err
		}
		c.At = c.At.UTC()
		list = append(list, c)
		return nil
	}, `SELECT h.id, h.family_id, COALESCE(h.user_id, 0), COALESCE(u.display_name, ''), h.reason,
		COALESCE(h.changed_by, 0), h.at FROM key_worker_history h LEFT JOIN users u ON u.id = h.user_id
		WHERE h.family_id = $1 ORDER BY h.at, h.id`, familyID); err != nil {
		return nil, err
	}
	return list, nil
}

// CreateEnrollment inserts an enrollment and sets its ID and CreatedAt.
func (tx *Tx) CreateEnrollment(ctx context.Context, e *care.Enrollment) error {
	if err := e.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO enrollments (family_id, programme, start_date, closed_on, closure_reason, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		e.FamilyID, e.Programme, nullDate(e.StartDate), nullDate(e.ClosedOn), string(e.ClosureReason), tx.now)
	if err != nil {
		return wrapErr("create enrollment", err)
	}
	e.ID, e.CreatedAt = id, tx.now
	return nil
}

// EnrollmentsOf returns a family's enrollments, oldest first.
func (tx *Tx) EnrollmentsOf(ctx context.Context, familyID int64) ([]care.Enrollment, error) {
	var list []care.Enrollment
	if err := tx.eachRow(ctx, "read enrollments of families", func(row rowScanner) error {
		var e care.Enrollment
		var start, closed sql.NullTime
		var closure string
		if err := row.Scan(&e.ID, &e.FamilyID, &e.Programme, &start, &closed, &closure, &e.CreatedAt); err != nil {
			return err
		}
		e.StartDate, e.ClosedOn, e.ClosureReason, e.CreatedAt = civil(start), civil(closed), care.ClosureReason(closure), e.CreatedAt.UTC()
		list = append(list, e)
		return nil
	}, `SELECT id, family_id, programme, start_date, closed_on, closure_reason, created_at
		FROM enrollments WHERE family_id = $1 ORDER BY start_date, id`, familyID); err != nil {
		return nil, err
	}
	return list, nil
}

// CloseEnrollments closes every open enrollment of a family on the
// transaction's date, with the closure reason, and says how many it closed.
func (tx *Tx) CloseEnrollments(ctx context.Context, familyID int64, reason care.ClosureReason) (int64, error) {
	res, err := tx.exec(ctx, `UPDATE enrollments SET closed_on = $1, closure_reason = $2 WHERE family_id = $3 AND closed_on IS NULL`,
		nullDate(tx.now), string(reason), familyID)
	if err != nil {
		return 0, wrapErr("close enrollments", err)
	}
	n, err := res.RowsAffected()
	return n, wrapErr("close enrollments", err)
}

// compareAndSet turns an UPDATE guarded by the value the caller read into a
// conflict when that value changed meanwhile (or the row is gone).
func compareAndSet(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err // the caller says what it was changing
	}
	if n == 0 {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.conflict_message"}
	}
	return nil
}
