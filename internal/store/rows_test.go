package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/berceau/berceau"
)

// TestQueryAllWrapsErrorsAndKeepsTheirKind: a failing query, a failing scan
// and a clean empty read through the row helper, on each engine. The error
// names what was being read and still answers errors.Is / berceau.KindOf
// for its cause; no row gives a nil slice, as the loops it replaced did.
func TestQueryAllWrapsErrorsAndKeepsTheirKind(t *testing.T) {
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		err := s.ReadTx(ctx, func(tx *Tx) error {
			_, err := queryAll(ctx, tx, "list the missing table", func(row rowScanner) (int, error) {
				var n int
				return n, row.Scan(&n)
			}, `SELECT id FROM no_such_table`)
			return err
		})
		if err == nil || !strings.HasPrefix(err.Error(), "store: list the missing table: ") {
			t.Fatalf("query error = %v, want it prefixed with what was read", err)
		}

		gone := &berceau.Error{Kind: berceau.KindNotFound, Key: "error.not_found_message"}
		err = s.ReadTx(ctx, func(tx *Tx) error {
			_, err := queryAll(ctx, tx, "read one row", func(row rowScanner) (int64, error) {
				return 0, gone
			}, `SELECT 1`)
			return err
		})
		if !berceau.IsNotFound(err) || !errors.Is(err, gone) || !strings.HasPrefix(err.Error(), "store: read one row: ") {
			t.Fatalf("scan error = %v, want the not-found kind kept under the context", err)
		}

		var list []int64
		err = s.ReadTx(ctx, func(tx *Tx) error {
			var err error
			list, err = queryAll(ctx, tx, "read no user", func(row rowScanner) (int64, error) {
				var id int64
				return id, row.Scan(&id)
			}, `SELECT id FROM users WHERE id < 0`)
			return err
		})
		if err != nil || list != nil {
			t.Fatalf("empty read = %#v, %v, want a nil slice and no error", list, err)
		}
	})
}

// TestListErrorSaysWhatWasRead: a store method built on the helper reports
// what it was listing when the database cannot answer.
func TestListErrorSaysWhatWasRead(t *testing.T) {
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.writer.ExecContext(ctx, `DROP TABLE consents`); err != nil {
			t.Fatal(err)
		}
		err := s.ReadTx(ctx, func(tx *Tx) error {
			_, err := tx.ConsentsOf(ctx, 1)
			return err
		})
		if err == nil || !strings.HasPrefix(err.Error(), "store: list the consents of a family: ") {
			t.Fatalf("error = %v, want it to say what was being listed", err)
		}
	})
}
