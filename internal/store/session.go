package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionStore keeps scs sessions in the sessions table. Unlike the stock
// stores it records whose session a row is (so people can list and end their
// sessions, and disabling an account ends them all), and it keeps only a
// hash of the cookie's token: a copy of the database opens no session.
type SessionStore struct {
	s     *Store
	codec scs.GobCodec
}

// SessionUserKey is the session value holding the signed-in user's id; the
// store copies it into the user_id column.
const SessionUserKey = "user_id"

// SessionClient describes the browser of a request, recorded with its session.
type SessionClient struct {
	Address   string
	UserAgent string
}

type sessionClientKey struct{}

// WithSessionClient attaches the request's client to ctx for the session store.
func WithSessionClient(ctx context.Context, c SessionClient) context.Context {
	return context.WithValue(ctx, sessionClientKey{}, c)
}

// Sessions returns the scs store of s.
func (s *Store) Sessions() *SessionStore { return &SessionStore{s: s} }

// HashSessionToken is how a session token is kept at rest.
func HashSessionToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FindCtx returns the data of an unexpired session.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	var expiry time.Time
	hash := HashSessionToken(token)
	generation, now := ss.s.Generation(), ss.s.now()
	if ss.s.dialect.name == "sqlite" {
		if data, ok := ss.s.sessions.fresh(hash, generation, now); ok {
			return data, true, nil
		}
	}
	err := ss.s.reader.QueryRowContext(ctx, `SELECT data, expiry FROM sessions WHERE token_hash = $1 AND expiry > $2`,
		hash, now).Scan(&data, &expiry)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, wrapErr("find session", err)
	}
	ss.s.sessions.saw(hash, data, expiry, ss.codec.Decode, generation)
	return data, true, nil
}

// CommitCtx saves a session, recording its user and client.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	hash := HashSessionToken(token)
	if ss.s.sessions.unchanged(hash, data, expiry, ss.codec.Decode) {
		return nil
	}
	var userID sql.NullInt64
	if _, values, err := ss.codec.Decode(data); err == nil {
		if id, ok := values[SessionUserKey].(int64); ok && id != 0 {
			userID = sql.NullInt64{Int64: id, Valid: true}
		}
	}
	client, _ := ctx.Value(sessionClientKey{}).(SessionClient)
	if len(client.UserAgent) > 300 {
		client.UserAgent = client.UserAgent[:300]
	}
	now, generation := ss.s.now(), ss.s.Generation()
	err := ss.s.writeUnseen(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, data, expiry, created_at, last_seen_at, client_address, user_agent)
			VALUES ($1, $2, $3, $4, $5, $5, $6, $7)
			ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
				expiry = excluded.expiry, last_seen_at = excluded.last_seen_at`,
			hash, userID, data, expiry.UTC(), now, client.Address, client.UserAgent)
		return wrapErr("save session", err)
	})
	if err == nil {
		ss.s.sessions.saw(hash, data, expiry, ss.codec.Decode, generation)
	}
	return err // the write says "save session"; begin and commit say theirs
}

// DeleteCtx removes a session.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	ss.s.sessions.forget(HashSessionToken(token))
	return ss.s.writeUnseen(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, HashSessionToken(token))
		return wrapErr("delete session", err)
	})
}

// The context-free methods satisfy scs.Store; scs calls the Ctx ones.

func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

func (ss *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, data, expiry)
}

func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}

// SessionInfo describes one signed-in session, for its owner or an administrator.
type SessionInfo struct {
	ID            int64
	UserID        int64
	CreatedAt     time.Time
	LastSeenAt    time.Time
	Expiry        time.Time
	ClientAddress string
	UserAgent     string
	Current       bool
}

// ListSessions returns a user's unexpired sessions, newest first; the one
// whose token hash is currentHash is marked Current.
func (tx *Tx) ListSessions(ctx context.Context, userID int64, currentHash string) ([]SessionInfo, error) {
	var list []SessionInfo
	if err := tx.eachRow(ctx, "list sessions", func(row rowScanner) error {
		var si SessionInfo
		var hash string
		if err := row.Scan(&si.ID, &si.UserID, &si.CreatedAt, &si.LastSeenAt, &si.Expiry, &si.ClientAddress, &si.UserAgent, &hash); err != nil {
			return err
		}
		si.Current = hash == currentHash
		list = append(list, si)
		return nil
	}, `SELECT id, user_id, created_at, last_seen_at, expiry, client_address, user_agent, token_hash
		FROM sessions WHERE user_id = $1 AND expiry > $2 ORDER BY last_seen_at DESC, id DESC`, userID, tx.now); err != nil {
		return nil, err
	}
	return list, nil
}

// DeleteSession ends one session of a user; it reports whether one was ended.
func (tx *Tx) DeleteSession(ctx context.Context, userID, sessionID int64) (bool, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, sessionID, userID)
	if err != nil {
		return false, wrapErr("delete session", err)
	}
	n, err := res.RowsAffected()
	return n > 0, wrapErr("delete session", err)
}

// DeleteUserSessions ends every session of a user but the one whose token
// hash is keepHash (empty: end them all). It returns how many it ended.
func (tx *Tx) DeleteUserSessions(ctx context.Context, userID int64, keepHash string) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keepHash)
	if err != nil {
		return 0, wrapErr("delete user sessions", err)
	}
	n, err := res.RowsAffected()
	return n, wrapErr("delete user sessions", err)
}

// DeleteExpiredSessions removes sessions past their expiry.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expiry <= $1`, tx.now)
	if err != nil {
		return 0, wrapErr("delete expired sessions", err)
	}
	n, err := res.RowsAffected()
	return n, wrapErr("delete expired sessions", err)
}
