package store

import (
	"context"
	"time"
)

// One-time token purposes.
const (
	PurposeInvitation    = "invitation"
	PurposePasswordReset = "password_reset"
)

// CreateOneTimeToken stores the hash of a single-use link's token.
func (tx *Tx) CreateOneTimeToken(ctx context.Context, userID int64, purpose, tokenHash string, expiresAt time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at, created_at)
		VALUES ($1, $2, $3, $4, $5)`, tokenHash, userID, purpose, expiresAt.UTC(), tx.now)
	return wrapErr("create one time token", err)
}

// OneTimeTokenUser returns the user of an unused, unexpired token of purpose.
func (tx *Tx) OneTimeTokenUser(ctx context.Context, purpose, tokenHash string) (int64, error) {
	var userID int64
	err := tx.queryRow(ctx, `SELECT user_id FROM one_time_tokens
		WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`, tokenHash, purpose, tx.now).Scan(&userID)
	return userID, notFound(wrapErr("read one time token user", err), "error.link_invalid")
}

// UseOneTimeToken spends a token; false when it was already used or expired.
func (tx *Tx) UseOneTimeToken(ctx context.Context, purpose, tokenHash string) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE one_time_tokens SET used_at = $1
		WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1`, tx.now, tokenHash, purpose)
	if err != nil {
		return false, wrapErr("use one time token", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("use one time token", err)
}

// RevokeOneTimeTokens spends every open token of a user and purpose (a new
// invitation or reset replaces older links).
func (tx *Tx) RevokeOneTimeTokens(ctx context.Context, userID int64, purpose string) error {
	_, err := tx.exec(ctx, `UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL`,
		tx.now, userID, purpose)
	return wrapErr("revoke one time tokens", err)
}
