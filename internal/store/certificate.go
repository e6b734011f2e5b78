package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/training"
)

// CreateCertificate stores a certificate as issued and sets its id; a code
// already taken (a one in 2^80 draw) is a conflict the caller retries.
func (tx *Tx) CreateCertificate(ctx context.Context, c *training.Certificate) error {
	id, err := tx.insertID(ctx, `INSERT INTO training_certificates (code, user_id, training_id, event_id, holder, title, completed_on,
		minutes, issuer, lang, issued_by, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		c.Code, c.UserID, nullID(c.TrainingID), nullID(c.EventID), c.Holder, trainingText(c.Title), civilDate(c.On), c.Minutes, c.Issuer,
		c.Lang, nullID(c.IssuedBy), tx.now)
	if err != nil {
		if isUniqueViolation(err) {
			return &berceau.Error{Kind: berceau.KindConflict, Key: "training.error.code_taken", Cause: err}
		}
		return wrapErr("create certificate", err)
	}
	c.ID, c.IssuedAt = id, tx.now
	return nil
}

const certificateColumns = `id, code, user_id, COALESCE(training_id, 0), COALESCE(event_id, 0), holder, title, completed_on, minutes,
	issuer, lang, COALESCE(issued_by, 0), issued_at, COALESCE(revoked_by, 0), revoked_at, reason`

func scanCertificate(row rowScanner) (training.Certificate, error) {
	var c training.Certificate
	var title, on string
	var revoked sql.NullTime
	err := row.Scan(&c.ID, &c.Code, &c.UserID, &c.TrainingID, &c.EventID, &c.Holder, &title, &on, &c.Minutes, &c.Issuer, &c.Lang,
		&c.IssuedBy, &c.IssuedAt, &c.RevokedBy, &revoked, &c.Reason)
	c.Title, c.On, c.IssuedAt = jsonText(title), parseCivil(on), c.IssuedAt.UTC()
	if revoked.Valid {
		c.RevokedAt = revoked.Time.UTC()
	}
	return c, err
}

// CertificateByCode reads the certificate a verification code names.
func (tx *Tx) CertificateByCode(ctx context.Context, code string) (training.Certificate, error) {
	c, err := scanCertificate(tx.queryRow(ctx, `SELECT `+certificateColumns+` FROM training_certificates WHERE code = $1`, code))
	return c, wrapErr("read certificate by code", notFound(err, "training.error.certificate_not_found"))
}

// CertificateByID reads one certificate.
func (tx *Tx) CertificateByID(ctx context.Context, id int64) (training.Certificate, error) {
	c, err := scanCertificate(tx.queryRow(ctx, `SELECT `+certificateColumns+` FROM training_certificates WHERE id = $1`, id))
	return c, wrapErr("read certificate", notFound(err, "training.error.certificate_not_found"))
}

// ValidCertificateFor reads the certificate in force (not revoked) of a
// person for a training or an event; ok is false when there is none.
func (tx *Tx) ValidCertificateFor(ctx context.Context, userID, trainingID, eventID int64) (training.Certificate, bool, error) {
	c, err := scanCertificate(tx.queryRow(ctx, `SELECT `+certificateColumns+` FROM training_certificates
		WHERE user_id = $1 AND COALESCE(training_id, 0) = $2 AND COALESCE(event_id, 0) = $3 AND revoked_at IS NULL
		ORDER BY id DESC LIMIT 1`, userID, trainingID, eventID))
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, wrapErr("read certificate in force", err)
}

// Certificates lists certificates, newest first: of one user, or for one
// training (the other id 0).
func (tx *Tx) Certificates(ctx context.Context, userID, trainingID int64) ([]training.Certificate, error) {
	where, arg := `user_id = $1`, userID
	if userID == 0 {
		where, arg = `training_id = $1`, trainingID
	}
	return queryAll(ctx, tx, "list certificates", scanCertificate, `SELECT `+certificateColumns+` FROM training_certificates
		WHERE `+where+` ORDER BY issued_at DESC, id DESC`, arg)
}

// RevokeCertificate marks a certificate revoked with its reason; revoking
// one already revoked is not found.
func (tx *Tx) RevokeCertificate(ctx context.Context, id, by int64, reason string) error {
	return wrapErr("revoke certificate", notFound(affectedOne(tx.exec(ctx, `UPDATE training_certificates SET revoked_at = $1,
		revoked_by = $2, reason = $3 WHERE id = $4 AND revoked_at IS NULL`, tx.now, nullID(by), reason, id)),
		"training.error.certificate_not_found"))
}
