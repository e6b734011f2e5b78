package store

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
)

// TestASessionEndedIsNotFoundAgain: on SQLite a session just read is
// answered from memory (sessionFindTTL), but never once it was deleted, or
// once this process committed any write (an account disabled deletes its
// sessions in a write transaction); on PostgreSQL a session deleted by
// another instance is not found at once.
func TestASessionEndedIsNotFoundAgain(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := testdb.NewDatabase(t, engine)
			open := func() *Store {
				s, err := Open(ctx, db)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				if _, err := s.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return s
			}
			here, other := open(), open()
			ss := here.Sessions()
			expiry := time.Now().Add(time.Hour)
			find := func(token string) bool {
				t.Helper()
				_, found, err := ss.FindCtx(ctx, token)
				if err != nil {
					t.Fatal(err)
				}
				return found
			}
			for _, token := range []string{"signed-out", "disabled", "elsewhere"} {
				if err := ss.CommitCtx(ctx, token, []byte("data of "+token), expiry); err != nil {
					t.Fatal(err)
				}
				if !find(token) {
					t.Fatalf("%s: not found once saved", token)
				}
			}
			if _, ok := here.sessions.fresh(HashSessionToken("disabled"), here.Generation(), here.now()); !ok {
				t.Error("a session just read is not kept in memory")
			}

			if err := ss.DeleteCtx(ctx, "signed-out"); err != nil {
				t.Fatal(err)
			}
			if find("signed-out") {
				t.Error("a session signed out is still found")
			}
			// An account disabled: its sessions go in a write transaction.
			if err := here.WriteTx(ctx, func(tx *Tx) error {
				_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, HashSessionToken("disabled"))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if find("disabled") {
				t.Error("a session deleted in a write transaction of this process is still found")
			}
			if engine == "postgres" {
				if err := other.WriteTx(ctx, func(tx *Tx) error {
					_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, HashSessionToken("elsewhere"))
					return err
				}); err != nil {
					t.Fatal(err)
				}
				if find("elsewhere") {
					t.Error("on PostgreSQL, a session another instance deleted is still found")
				}
			}
		})
	}
}
