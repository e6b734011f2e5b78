package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

func runAuditVerify(t *testing.T, db string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), []string{"audit", "verify", "--db", db}, testEnv, strings.NewReader(""), &out, io.Discard)
	return out.String(), err
}

func TestAuditVerifyCommand(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := testdb.NewDatabase(t, engine)
			if err := run(ctx, []string{"migrate", "--db", db}, testEnv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			if out, err := runAuditVerify(t, db); err != nil || out != "audit trail intact: 0 rows checked\n" {
				t.Fatalf("empty trail: %q, %v", out, err)
			}

			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 4 {
				err := st.WriteTx(ctx, func(tx *store.Tx) error {
					return tx.AppendAudit(ctx, &berceau.AuditEntry{ActorID: 1, Action: "auth.sign_in",
						Outcome: berceau.OutcomeSuccess, Detail: fmt.Sprint("entry ", i+1)})
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			st.Close()
			if out, err := runAuditVerify(t, db); err != nil || out != "audit trail intact: 4 rows checked\n" {
				t.Fatalf("intact trail: %q, %v", out, err)
			}

			// Someone with direct access to the database rewrites an entry.
			driver, drop := "sqlite", "DROP TRIGGER audit_log_no_update"
			if engine == "postgres" {
				driver, drop = "pgx", drop+" ON audit_log"
			}
			raw, err := sql.Open(driver, db)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.ExecContext(ctx, drop); err != nil {
				t.Fatal(err)
			}
			if _, err := raw.ExecContext(ctx, `UPDATE audit_log SET detail = $1 WHERE id = $2`, "nothing happened", 3); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			out, err := runAuditVerify(t, db)
			if err == nil || !strings.HasPrefix(out, "audit trail broken at row 3: ") {
				t.Fatalf("tampered trail: %q, %v", out, err)
			}
			var usage usageError
			if errors.As(err, &usage) {
				t.Fatalf("a broken trail is reported as a usage error: %v", err)
			}
		})
	}
}

func TestAuditCommandUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "berceau.db")
	for _, args := range [][]string{
		{"audit"},
		{"audit", "repair"},
		{"audit", "verify", "--db", db, "extra"},
	} {
		err := run(context.Background(), args, testEnv, strings.NewReader(""), io.Discard, io.Discard)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	// Verifying a database that does not exist fails without creating it.
	if _, err := runAuditVerify(t, db); err == nil {
		t.Error("verify of a missing database succeeded")
	}
	if matches, _ := filepath.Glob(db + "*"); len(matches) != 0 {
		t.Errorf("verify created %v", matches)
	}
}
