package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// TOTPState returns a user's sealed TOTP secret (empty when not enrolled)
// and the last time step accepted.
func (tx *Tx) TOTPState(ctx context.Context, userID int64) (sealedSecret string, lastStep int64, err error) {
	err = tx.queryRow(ctx, `SELECT totp_secret, totp_last_step FROM users WHERE id = $1`, userID).Scan(&sealedSecret, &lastStep)
	return sealedSecret, lastStep, notFound(wrapErr("read TOTP state", err), "error.user_not_found")
}

// EnableTOTP stores a sealed secret, the step of the code that confirmed it,
// and a new set of recovery code hashes (replacing any older set).
func (tx *Tx) EnableTOTP(ctx context.Context, userID int64, sealedSecret string, step int64, recoveryHashes []string) error {
	if _, err := tx.exec(ctx, `UPDATE users SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE id = $4`,
		sealedSecret, step, tx.now, userID); err != nil {
		return wrapErr("enable TOTP", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return wrapErr("enable TOTP", err)
	}
	for _, h := range recoveryHashes {
		if _, err := tx.exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, userID, h); err != nil {
			return wrapErr("enable TOTP", err)
		}
	}
	return nil
}

// AdvanceTOTPStep records step as the last accepted one, only if it is newer
// than the one recorded: false means the code was already used.
func (tx *Tx) AdvanceTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
	if err != nil {
		return false, wrapErr("advance TOTP step", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("advance TOTP step", err)
}

// UseRecoveryCode spends an unused recovery code; false means there was none.
func (tx *Tx) UseRecoveryCode(ctx context.Context, userID int64, codeHash string) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`,
		tx.now, userID, codeHash)
	if err != nil {
		return false, wrapErr("use recovery code", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("use recovery code", err)
}

// UnusedRecoveryCodes counts a user's recovery codes still available.
func (tx *Tx) UnusedRecoveryCodes(ctx context.Context, userID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&n)
	return n, wrapErr("unused recovery codes", err)
}

// ClearTOTP removes a user's second factor and recovery codes: they set up a
// new one at their next sign-in.
func (tx *Tx) ClearTOTP(ctx context.Context, userID int64) error {
	if _, err := tx.exec(ctx, `UPDATE users SET totp_secret = '', totp_last_step = 0, updated_at = $1 WHERE id = $2`, tx.now, userID); err != nil {
		return wrapErr("clear TOTP", err)
	}
	_, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID)
	return wrapErr("clear TOTP", err)
}

// CreatePendingSignIn records a sign-in whose password was right and whose
// second factor is still to check.
func (tx *Tx) CreatePendingSignIn(ctx context.Context, tokenHash string, userID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO pending_sign_ins (token_hash, user_id, failures, created_at) VALUES ($1, $2, 0, $3)`,
		tokenHash, userID, tx.now)
	return wrapErr("create pending sign in", err)
}

// PendingSignIn returns the user and the wrong codes so far of a pending
// sign-in made after since. Its row stays locked until the transaction
// ends (PostgreSQL), so that two codes sent at once are counted one after
// the other.
func (tx *Tx) PendingSignIn(ctx context.Context, tokenHash string, since time.Time) (userID int64, failures int, err error) {
	err = tx.queryRow(ctx, `UPDATE pending_sign_ins SET failures = failures WHERE token_hash = $1 AND created_at > $2
		RETURNING user_id, failures`, tokenHash, since).Scan(&userID, &failures)
	return userID, failures, notFound(wrapErr("read pending sign in", err), "account_security.sign_in_expired")
}

// LockUserRow takes the write lock of a user's row for the transaction
// (PostgreSQL; SQLite has one writer), so that checks and counts about the
// account run one after the other.
func (tx *Tx) LockUserRow(ctx context.Context, userID int64) error {
	_, err := tx.exec(ctx, `UPDATE users SET totp_last_step = totp_last_step WHERE id = $1`, userID)
	return wrapErr("lock user row", err)
}

// RecordPendingFailure counts one wrong code against a pending sign-in and
// returns how many it has had.
func (tx *Tx) RecordPendingFailure(ctx context.Context, tokenHash string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `UPDATE pending_sign_ins SET failures = failures + 1 WHERE token_hash = $1 RETURNING failures`,
		tokenHash).Scan(&n)
	return n, wrapErr("record pending failure", err)
}

// DeletePendingSignIn ends a pending sign-in.
func (tx *Tx) DeletePendingSignIn(ctx context.Context, tokenHash string) error {
	_, err := tx.exec(ctx, `DELETE FROM pending_sign_ins WHERE token_hash = $1`, tokenHash)
	return wrapErr("delete pending sign in", err)
}

// DeletePendingSignInsBefore forgets pending sign-ins started before a time.
func (tx *Tx) DeletePendingSignInsBefore(ctx context.Context, before time.Time) error {
	_, err := tx.exec(ctx, `DELETE FROM pending_sign_ins WHERE created_at < $1`, before)
	return wrapErr("delete pending sign ins before", err)
}

// RecordSecondFactorFailure notes a wrong code for an account.
func (tx *Tx) RecordSecondFactorFailure(ctx context.Context, userID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO second_factor_failures (user_id, at) VALUES ($1, $2)`, userID, tx.now)
	return wrapErr("record second factor failure", err)
}

// SecondFactorFailuresSince counts an account's wrong codes after since.
func (tx *Tx) SecondFactorFailuresSince(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM second_factor_failures WHERE user_id = $1 AND at > $2`, userID, since).Scan(&n)
	return n, wrapErr("second factor failures since", err)
}

// ClearSecondFactorFailures forgets an account's wrong codes once a right
// one was given.
func (tx *Tx) ClearSecondFactorFailures(ctx context.Context, userID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM second_factor_failures WHERE user_id = $1`, userID)
	return wrapErr("clear second factor failures", err)
}

// DeleteSecondFactorFailuresBefore forgets wrong codes older than a time.
func (tx *Tx) DeleteSecondFactorFailuresBefore(ctx context.Context, before time.Time) error {
	_, err := tx.exec(ctx, `DELETE FROM second_factor_failures WHERE at < $1`, before)
	return wrapErr("delete second factor failures before", err)
}

// SecondFactorReset is a request to remove someone's second factor, which
// a second person must approve.
type SecondFactorReset struct {
	ID            int64
	UserID        int64
	RequestedBy   int64
	RequesterName string
	RequestedAt   time.Time
	ApprovedBy    int64 // 0 while pending
	ApprovedAt    time.Time
}

// RequestSecondFactorReset records a request and sets its ID. An account
// has at most one pending request: a second one replaces the first.
func (tx *Tx) RequestSecondFactorReset(ctx context.Context, r *SecondFactorReset) error {
	if _, err := tx.exec(ctx, `DELETE FROM second_factor_resets WHERE user_id = $1 AND approved_at IS NULL`, r.UserID); err != nil {
		return wrapErr("request second factor reset", err)
	}
	id, err := tx.insertID(ctx, `INSERT INTO second_factor_resets (user_id, requested_by, requested_at) VALUES ($1, $2, $3) RETURNING id`,
		r.UserID, r.RequestedBy, tx.now)
	if err != nil {
		return wrapErr("request second factor reset", err)
	}
	r.ID, r.RequestedAt = id, tx.now
	return nil
}

// PendingSecondFactorReset returns an account's request awaiting approval.
func (tx *Tx) PendingSecondFactorReset(ctx context.Context, userID int64) (SecondFactorReset, error) {
	r := SecondFactorReset{}
	err := tx.queryRow(ctx, `SELECT r.id, r.user_id, r.requested_by, u.display_name, r.requested_at
		FROM second_factor_resets r JOIN users u ON u.id = r.requested_by
		WHERE r.user_id = $1 AND r.approved_at IS NULL ORDER BY r.id DESC LIMIT 1`, userID).
		Scan(&r.ID, &r.UserID, &r.RequestedBy, &r.RequesterName, &r.RequestedAt)
	return r, notFound(wrapErr("read pending second factor reset", err), "error.not_found_message")
}

// ApproveSecondFactorReset marks a pending request approved; false when it
// was no longer pending. An approver id of 0 is the server's operator (the
// command line), recorded as no account.
func (tx *Tx) ApproveSecondFactorReset(ctx context.Context, requestID, approverID int64) (bool, error) {
	approver := sql.NullInt64{Int64: approverID, Valid: approverID != 0}
	res, err := tx.exec(ctx, `UPDATE second_factor_resets SET approved_by = $1, approved_at = $2 WHERE id = $3 AND approved_at IS NULL`,
		approver, tx.now, requestID)
	if err != nil {
		return false, wrapErr("approve second factor reset", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("approve second factor reset", err)
}

// AnySealedSecret returns one sealed second-factor secret of the database,
// "" when nobody has one: enough to check that the configured key opens them.
func (tx *Tx) AnySealedSecret(ctx context.Context) (string, error) {
	var sealed string
	err := tx.queryRow(ctx, `SELECT totp_secret FROM users WHERE totp_secret <> '' ORDER BY id LIMIT 1`).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return sealed, wrapErr("any sealed secret", err)
}
