package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// CreateReferral inserts a referral with the first entry of its history
// (its creation, from no status to its status) and sets its id and version.
func (tx *Tx) CreateReferral(ctx context.Context, r *care.Referral) error {
	if err := r.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO referrals (family_id, service_id, service_name, external_resource, partner, reason,
		status, decline_reason, next_follow_up, version, created_by, created_at, updated_at, partner_org_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $11, $12) RETURNING id`,
		r.FamilyID, r.ServiceID, r.ServiceName, r.ExternalResource, r.Partner, r.Reason, string(r.Status), r.DeclineReason,
		nullDate(r.NextFollowUp), r.CreatedBy, tx.now, r.PartnerOrgID)
	if err != nil {
		return wrapErr("create referral", err)
	}
	r.ID, r.Version, r.CreatedAt = id, 1, tx.now
	return tx.addReferralChange(ctx, r.ID, care.ReferralChange{To: r.Status, NextFollowUp: r.NextFollowUp, By: r.CreatedBy, At: tx.now})
}

func (tx *Tx) addReferralChange(ctx context.Context, referralID int64, c care.ReferralChange) error {
	_, err := tx.exec(ctx, `INSERT INTO referral_changes (referral_id, from_status, to_status, reason, next_follow_up, changed_by, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, referralID, string(c.From), string(c.To), c.Reason, nullDate(c.NextFollowUp), c.By, c.At)
	return wrapErr("add referral change", err)
}

// SaveReferralChange writes a referral as moved (status, partner, decline
// reason, next follow-up) if it is still at version, with its history entry, and
// returns the new version. A referral changed meanwhile gives a conflict
// and nothing is written.
func (tx *Tx) SaveReferralChange(ctx context.Context, r care.Referral, version int, c care.ReferralChange) (int, error) {
	res, err := tx.exec(ctx, `UPDATE referrals SET status = $1, decline_reason = $2, next_follow_up = $3, version = version + 1,
		updated_at = $4, partner = $5, partner_org_id = $8 WHERE id = $6 AND version = $7`,
		string(r.Status), r.DeclineReason, nullDate(r.NextFollowUp), tx.now, r.Partner, r.ID, version, r.PartnerOrgID)
	if err != nil {
		return 0, wrapErr("save referral change", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, wrapErr("save referral change", err)
	} else if n == 0 {
		return 0, &berceau.Error{Kind: berceau.KindConflict, Key: "referral.changed"}
	}
	return version + 1, tx.addReferralChange(ctx, r.ID, c)
}

const referralColumns = `id, family_id, service_id, service_name, external_resource, partner, reason, status, decline_reason,
	next_follow_up, version, created_by, created_at, partner_org_id`

func scanReferral(row interface{ Scan(...any) error }) (care.Referral, error) {
	var r care.Referral
	var status string
	var next sql.NullTime
	err := row.Scan(&r.ID, &r.FamilyID, &r.ServiceID, &r.ServiceName, &r.ExternalResource, &r.Partner, &r.Reason, &status,
		&r.DeclineReason, &next, &r.Version, &r.CreatedBy, &r.CreatedAt, &r.PartnerOrgID)
	r.Status, r.NextFollowUp, r.CreatedAt = care.ReferralStatus(status), civil(next), r.CreatedAt.UTC()
	return r, err
}

// ReferralByID reads a referral with its history, oldest change first.
func (tx *Tx) ReferralByID(ctx context.Context, id int64) (care.Referral, error) {
	r, err := scanReferral(tx.queryRow(ctx, `SELECT `+referralColumns+` FROM referrals WHERE id = $1`, id))
	if err != nil {
		return r, notFound(wrapErr("read referral by ID", err), "error.not_found_message")
	}
	if err := tx.eachRow(ctx, "read the history of a referral", func(row rowScanner) error {
		var c care.ReferralChange
		var from, to string
		var next sql.NullTime
		if err := row.Scan(&from, &to, &c.Reason, &next, &c.By, &c.At); err != nil {
			return err
		}
		c.From, c.To, c.NextFollowUp, c.At = care.ReferralStatus(from), care.ReferralStatus(to), civil(next), c.At.UTC()
		r.History = append(r.History, c)
		return nil
	}, `SELECT from_status, to_status, reason, next_follow_up, changed_by, at FROM referral_changes
		WHERE referral_id = $1 ORDER BY at, id`, id); err != nil {
		return r, err
	}
	return r, nil
}

// ReferralsOfFamily lists a family's referrals, open ones first, newest
// first within each.
func (tx *Tx) ReferralsOfFamily(ctx context.Context, familyID int64) ([]care.Referral, error) {
	return tx.referralsWhere(ctx, `family_id = $1 ORDER BY created_at DESC, id DESC`, familyID)
}

// OpenReferralsOf lists the referrals of some families that are still open.
func (tx *Tx) OpenReferralsOf(ctx context.Context, familyIDs []int64) ([]care.Referral, error) {
	if len(familyIDs) == 0 {
		return nil, nil
	}
	args := append(contactIDArgs(familyIDs), string(care.ReferralDeclined), string(care.ReferralCompleted),
		string(care.ReferralNotReached))
	n := len(familyIDs)
	return tx.referralsWhere(ctx, `family_id IN (`+placeholders(1, n)+`) AND status NOT IN (`+placeholders(n+1, 3)+`)
		ORDER BY next_follow_up, id`, args...)
}

func (tx *Tx) referralsWhere(ctx context.Context, where string, args ...any) ([]care.Referral, error) {
	var list []care.Referral
	if err := tx.eachRow(ctx, "list referrals", func(row rowScanner) error {
		r, err := scanReferral(row)
		if err != nil {
			return err
		}
		list = append(list, r)
		return nil
	}, `SELECT `+referralColumns+` FROM referrals WHERE `+where, args...); err != nil {
		return nil, err
	}
	return list, nil
}

// AddReassessment records a reassessment and sets its id.
func (tx *Tx) AddReassessment(ctx context.Context, r *care.Reassessment) error {
	id, err := tx.insertID(ctx, `INSERT INTO reassessments (family_id, held_on, summary, level_code, held_by, at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, r.FamilyID, nullDate(r.On), r.Summary, r.LevelCode, r.By, tx.now)
	r.ID, r.At = id, tx.now
	return wrapErr("add reassessment", err)
}

// ReassessmentsOfFamily lists a family's reassessments, newest first.
func (tx *Tx) ReassessmentsOfFamily(ctx context.Context, familyID int64) ([]care.Reassessment, error) {
	var list []care.Reassessment
	if err := tx.eachRow(ctx, "read reassessments of family", func(row rowScanner) error {
		var r care.Reassessment
		var on sql.NullTime
		if err := row.Scan(&r.ID, &r.FamilyID, &on, &r.Summary, &r.LevelCode, &r.By, &r.At); err != nil {
			return err
		}
		r.On, r.At = civil(on), r.At.UTC()
		list = append(list, r)
		return nil
	}, `SELECT id, family_id, held_on, summary, level_code, held_by, at FROM reassessments
		WHERE family_id = $1 ORDER BY held_on DESC, id DESC`, familyID); err != nil {
		return nil, err
	}
	return list, nil
}

// LastReassessmentsOf reads the date of the latest reassessment of some
// families; a family never reassessed is absent.
func (tx *Tx) LastReassessmentsOf(ctx context.Context, familyIDs []int64) (map[int64]time.Time, error) {
	out := map[int64]time.Time{}
	if len(familyIDs) == 0 {
		return out, nil
	}
	// Every date, not MAX(held_on): an aggregate loses SQLite's declared
	// column type, and with it the date. A family has a few a year.
	if err := tx.eachRow(ctx, "read last reassessments of families", func(row rowScanner) error {
		var id int64
		var on sql.NullTime
		if err := row.Scan(&id, &on); err != nil {
			return err
		}
		out[id] = civil(on)
		return nil
	}, `SELECT family_id, held_on FROM reassessments WHERE family_id IN (`+
		placeholders(1, len(familyIDs))+`) ORDER BY held_on`, contactIDArgs(familyIDs)...); err != nil {
		return nil, err
	}
	return out, nil
}
