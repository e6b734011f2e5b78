package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/berceau/berceau/care"
)

// CreateConsent records a consent and sets its ID.
func (tx *Tx) CreateConsent(ctx context.Context, c *care.Consent) error {
	if err := c.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO consents (family_id, kind, partner, partner_org_id, given_on, expires_on, recorded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.FamilyID, string(c.Kind), c.Partner, c.PartnerOrgID, nullDate(c.GivenOn), nullDate(c.ExpiresOn), c.RecordedBy, tx.now)
	if err != nil {
		return wrapErr("create consent", err)
	}
	c.ID, c.CreatedAt = id, tx.now
	return nil
}

// WithdrawConsent dates the withdrawal of a family's consent; false when
// there is no such consent in force to withdraw.
func (tx *Tx) WithdrawConsent(ctx context.Context, familyID, consentID int64, on time.Time) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE consents SET withdrawn_on = $1 WHERE id = $2 AND family_id = $3 AND withdrawn_on IS NULL`,
		nullDate(on), consentID, familyID)
	if err != nil {
		return false, wrapErr("withdraw consent", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("withdraw consent", err)
}

// ConsentsOf lists a family's consents, newest first, withdrawn ones too.
func (tx *Tx) ConsentsOf(ctx context.Context, familyID int64) ([]care.Consent, error) {
	return queryAll(ctx, tx, "list the consents of a family", func(row rowScanner) (care.Consent, error) {
		var c care.Consent
		var kind string
		var given, expires, withdrawn sql.NullTime
		err := row.Scan(&c.ID, &c.FamilyID, &kind, &c.Partner, &c.PartnerOrgID, &given, &expires, &withdrawn, &c.RecordedBy, &c.CreatedAt)
		c.Kind, c.GivenOn, c.ExpiresOn, c.WithdrawnOn = care.ConsentKind(kind), civil(given), civil(expires), civil(withdrawn)
		return c, err
	}, `SELECT id, family_id, kind, partner, partner_org_id, given_on, expires_on, withdrawn_on, recorded_by, created_at
		FROM consents WHERE family_id = $1 ORDER BY given_on DESC, id DESC`, familyID)

}
