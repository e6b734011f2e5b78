package store

import (
	"context"
	"time"
)

// RecordSignInFailure notes a failed sign-in for throttling.
func (tx *Tx) RecordSignInFailure(ctx context.Context, email, clientAddress string) error {
	_, err := tx.exec(ctx, `INSERT INTO sign_in_failures (email, client_address, at) VALUES ($1, $2, $3)`,
		email, clientAddress, tx.now)
	return wrapErr("record sign in failure", err)
}

// SignInFailuresSince counts recent failures for an account and for a client.
func (tx *Tx) SignInFailuresSince(ctx context.Context, email, clientAddress string, since time.Time) (byEmail, byClient int, err error) {
	err = tx.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND at > $3),
		(SELECT COUNT(*) FROM sign_in_failures WHERE client_address = $2 AND at > $3)`,
		email, clientAddress, since).Scan(&byEmail, &byClient)
	return byEmail, byClient, wrapErr("sign in failures since", err)
}

// ClearSignInFailures forgets an account's failures after a successful sign-in.
func (tx *Tx) ClearSignInFailures(ctx context.Context, email string) error {
	_, err := tx.exec(ctx, `DELETE FROM sign_in_failures WHERE email = $1`, email)
	return wrapErr("clear sign in failures", err)
}

// DeleteSignInFailuresBefore forgets failures older than the throttling window.
func (tx *Tx) DeleteSignInFailuresBefore(ctx context.Context, before time.Time) error {
	_, err := tx.exec(ctx, `DELETE FROM sign_in_failures WHERE at < $1`, before)
	return wrapErr("delete sign in failures before", err)
}
