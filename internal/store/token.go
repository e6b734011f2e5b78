package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// APIToken is a personal access token as stored: never the token itself.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Scopes     []berceau.Permission
	ExpiresAt  time.Time
	RevokedAt  time.Time // zero when active
	LastUsedAt time.Time // zero when never used
	CreatedAt  time.Time
	// SecondFactor: minted by a session that passed a second factor; only
	// such a token may carry family scopes.
	SecondFactor bool
}

// CreateAPIToken stores a token's hash and sets its ID and CreatedAt.
func (tx *Tx) CreateAPIToken(ctx context.Context, t *APIToken, tokenHash string) error {
	scopes := make([]string, len(t.Scopes))
	for i, p := range t.Scopes {
		scopes[i] = string(p)
	}
	id, err := tx.insertID(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, scopes, expires_at, created_at, second_factor)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, t.UserID, t.Name, tokenHash, strings.Join(scopes, " "), t.ExpiresAt.UTC(), tx.now, t.SecondFactor)
	if err != nil {
		return wrapErr("create API token", err)
	}
	t.ID, t.CreatedAt = id, tx.now
	return nil
}

const apiTokenColumns = `id, user_id, name, scopes, expires_at, revoked_at, last_used_at, created_at, second_factor`

func scanAPIToken(row interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	var scopes string
	var revoked, used sql.NullTime
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &scopes, &t.ExpiresAt, &revoked, &used, &t.CreatedAt, &t.SecondFactor); err != nil {
		return t, err
	}
	for _, s := range strings.Fields(scopes) {
		t.Scopes = append(t.Scopes, berceau.Permission(s))
	}
	t.RevokedAt, t.LastUsedAt = revoked.Time, used.Time
	return t, nil
}

// APITokenByHash finds an active, unexpired token.
func (tx *Tx) APITokenByHash(ctx context.Context, tokenHash string) (APIToken, error) {
	t, err := scanAPIToken(tx.queryRow(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens
		WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`, tokenHash, tx.now))
	return t, notFound(wrapErr("read API token by hash", err), "error.token_invalid")
}

// NoteAPITokenUse records that a token was used now. It is a write no page
// shows, kept out of Generation.
func (s *Store) NoteAPITokenUse(ctx context.Context, tokenID int64) error {
	return s.writeUnseen(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, tx.now, tokenID)
		return wrapErr("note API token use", err)
	})
}

// ListAPITokens returns a user's tokens, newest first.
func (tx *Tx) ListAPITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	var list []APIToken
	if err := tx.eachRow(ctx, "list API tokens", func(row rowScanner) error {
		t, err := scanAPIToken(row)
		if err != nil {
			return err
		}
		list = append(list, t)
		return nil
	}, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID); err != nil {
		return nil, err
	}
	return list, nil
}

// RevokeAPIToken revokes one of a user's tokens; false when there was none.
func (tx *Tx) RevokeAPIToken(ctx context.Context, userID, tokenID int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`,
		tx.now, tokenID, userID)
	if err != nil {
		return false, wrapErr("revoke API token", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("revoke API token", err)
}

// RevokeUserAPITokens revokes every active token of a user and returns how
// many it revoked.
func (tx *Tx) RevokeUserAPITokens(ctx context.Context, userID int64) (int64, error) {
	res, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, tx.now, userID)
	if err != nil {
		return 0, wrapErr("revoke API tokens of user", err)
	}
	n, err := res.RowsAffected()
	return n, wrapErr("revoke API tokens of user", err)
}
