package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// AccessGrant is one break-the-glass opening of a family file.
type AccessGrant struct {
	ID         int64
	FamilyID   int64
	UserID     int64
	UserName   string
	Reason     string
	GrantedAt  time.Time
	ExpiresAt  time.Time
	ReviewedBy int64 // 0 until the coordinator reviews it
	ReviewedAt time.Time
}

// CreateAccessGrant records a break-the-glass opening and sets its ID.
func (tx *Tx) CreateAccessGrant(ctx context.Context, g *AccessGrant) error {
	id, err := tx.insertID(ctx, `INSERT INTO access_grants (family_id, user_id, reason, granted_at, expires_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, g.FamilyID, g.UserID, g.Reason, tx.now, g.ExpiresAt.UTC())
	if err != nil {
		return wrapErr("create access grant", err)
	}
	g.ID, g.GrantedAt = id, tx.now
	return nil
}

// GrantedFamilies lists the families a user holds an unexpired grant for.
func (tx *Tx) GrantedFamilies(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	if err := tx.eachRow(ctx, "read granted families", func(row rowScanner) error {
		var id int64
		if err := row.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, `SELECT DISTINCT family_id FROM access_grants WHERE user_id = $1 AND expires_at > $2 ORDER BY family_id`,
		userID, tx.now); err != nil {
		return nil, err
	}
	return ids, nil
}

// AccessGrantsAtSites lists the grants on families of the given sites,
// unreviewed first, newest first: the coordinator's review list.
func (tx *Tx) AccessGrantsAtSites(ctx context.Context, siteIDs []int64) ([]AccessGrant, error) {
	if len(siteIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(siteIDs))
	for i, id := range siteIDs {
		args[i] = id
	}
	var list []AccessGrant
	if err := tx.eachRow(ctx, "read access grants at sites", func(row rowScanner) error {
		var g AccessGrant
		var reviewed sql.NullTime
		if err := row.Scan(&g.ID, &g.FamilyID, &g.UserID, &g.UserName, &g.Reason, &g.GrantedAt, &g.ExpiresAt, &g.ReviewedBy, &reviewed); err != nil {
			return err
		}
		g.ReviewedAt = reviewed.Time
		list = append(list, g)
		return nil
	}, `SELECT g.id, g.family_id, g.user_id, u.display_name, g.reason, g.granted_at, g.expires_at,
		COALESCE(g.reviewed_by, 0), g.reviewed_at
		FROM access_grants g JOIN families f ON f.id = g.family_id JOIN users u ON u.id = g.user_id
		WHERE f.site_id IN (`+placeholders(1, len(siteIDs))+`)
		ORDER BY CASE WHEN g.reviewed_at IS NULL THEN 0 ELSE 1 END, g.granted_at DESC, g.id DESC`, args...); err != nil {
		return nil, err
	}
	return list, nil
}

// AccessGrantSite returns the site of the family a grant opened.
func (tx *Tx) AccessGrantSite(ctx context.Context, grantID int64) (int64, error) {
	var site int64
	err := tx.queryRow(ctx, `SELECT f.site_id FROM access_grants g JOIN families f ON f.id = g.family_id WHERE g.id = $1`, grantID).Scan(&site)
	return site, notFound(wrapErr("read access grant site", err), "error.not_found_message")
}

// ReviewAccessGrant marks a grant reviewed; false when it already was.
func (tx *Tx) ReviewAccessGrant(ctx context.Context, grantID, reviewerID int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE access_grants SET reviewed_by = $1, reviewed_at = $2 WHERE id = $3 AND reviewed_at IS NULL`,
		reviewerID, tx.now, grantID)
	if err != nil {
		return false, wrapErr("review access grant", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("review access grant", err)
}

// GrantExpiry returns when the user's break-the-glass opening of a family
// ends, the latest if there are several; ok is false when none is running.
func (tx *Tx) GrantExpiry(ctx context.Context, userID, familyID int64) (expires time.Time, ok bool, err error) {
	err = tx.queryRow(ctx, `SELECT expires_at FROM access_grants WHERE user_id = $1 AND family_id = $2 AND expires_at > $3
		ORDER BY expires_at DESC LIMIT 1`, userID, familyID, tx.now).Scan(&expires)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	return expires, err == nil, wrapErr("grant expiry", err)
}

// SitesWithoutCoordinator lists the sites no active coordinator covers (by a
// site, organisation or network-wide coordinator role): their
// break-the-glass openings are reviewed by the network's administrators.
func (tx *Tx) SitesWithoutCoordinator(ctx context.Context) ([]int64, error) {
	var ids []int64
	if err := tx.eachRow(ctx, "read sites without coordinator", func(row rowScanner) error {
		var id int64
		if err := row.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, `SELECT s.id FROM sites s WHERE NOT EXISTS (
		SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id
		WHERE r.role = 'site_coordinator' AND NOT u.disabled
			AND (r.site_id = s.id OR (r.site_id IS NULL AND r.organisation_id = s.organisation_id) OR r.organisation_id IS NULL))
		ORDER BY s.id`); err != nil {
		return nil, err
	}
	return ids, nil
}
