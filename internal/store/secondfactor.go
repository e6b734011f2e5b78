package store

import "context"

// TOTPState returns a user's sealed TOTP secret (empty when not enrolled)
// and the last time step accepted.
func (tx *Tx) TOTPState(ctx context.Context, userID int64) (sealedSecret string, lastStep int64, err error) {
	err = tx.queryRow(ctx, `SELECT totp_secret, totp_last_step FROM users WHERE id = $1`, userID).Scan(&sealedSecret, &lastStep)
	return sealedSecret, lastStep, notFound(err, "error.user_not_found")
}

// EnableTOTP stores a sealed secret, the step of the code that confirmed it,
// and a new set of recovery code hashes (replacing any older set).
func (tx *Tx) EnableTOTP(ctx context.Context, userID int64, sealedSecret string, step int64, recoveryHashes []string) error {
	if _, err := tx.exec(ctx, `UPDATE users SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE id = $4`,
		sealedSecret, step, tx.now, userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return err
	}
	for _, h := range recoveryHashes {
		if _, err := tx.exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, userID, h); err != nil {
			return err
		}
	}
	return nil
}

// AdvanceTOTPStep records step as the last accepted one, only if it is newer
// than the one recorded: false means the code was already used.
func (tx *Tx) AdvanceTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UseRecoveryCode spends an unused recovery code; false means there was none.
func (tx *Tx) UseRecoveryCode(ctx context.Context, userID int64, codeHash string) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`,
		tx.now, userID, codeHash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UnusedRecoveryCodes counts a user's recovery codes still available.
func (tx *Tx) UnusedRecoveryCodes(ctx context.Context, userID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&n)
	return n, err
}

// ClearTOTP removes a user's second factor and recovery codes: they set up a
// new one at their next sign-in.
func (tx *Tx) ClearTOTP(ctx context.Context, userID int64) error {
	if _, err := tx.exec(ctx, `UPDATE users SET totp_secret = '', totp_last_step = 0, updated_at = $1 WHERE id = $2`, tx.now, userID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID)
	return err
}
