package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/tools/storeerrs/check"
)

// TestEveryStoreErrorHasContext: no exported store function or method
// hands back an error from the database (or another package) as it came,
// without saying what the store was doing. A new one fails here; run
// `go run ./tools/storeerrs -w` from the repository root to wrap it, or, if
// the error already has its context in a way the check cannot see, add the
// return with its reason to check.Allowed.
func TestEveryStoreErrorHasContext(t *testing.T) {
	rep, err := check.Analyze(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		t.Errorf("%s", f)
	}
	if rep.Counts.Wrapped < 100 || rep.Counts.Delegated < 100 {
		t.Errorf("counts %s: the check no longer sees the store's returns", rep.Counts)
	}
	if rep.Counts.Loops != 0 {
		t.Errorf("%d hand-written rows.Next() loops: use eachRow or queryAll (rows.go)", rep.Counts.Loops)
	}
}

// TestStoreErrorsSayWhatFailedAndKeepTheirCause, on each engine: a missing
// row, a failing update and a closed database give errors that name what
// the store was doing, while berceau.KindOf, errors.Is and Unavailable
// still see the cause underneath.
func TestStoreErrorsSayWhatFailedAndKeepTheirCause(t *testing.T) {
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		err := s.ReadTx(ctx, func(tx *Tx) error {
			_, err := tx.FamilyByID(ctx, 987654)
			return err
		})
		if !berceau.IsNotFound(err) || !errors.Is(err, sql.ErrNoRows) || !strings.Contains(err.Error(), "store: read family by ID: ") {
			t.Fatalf("missing family: %v, want not found, sql.ErrNoRows underneath and what was read", err)
		}

		// An update of no row is still a not-found error, with its context.
		err = s.WriteTx(ctx, func(tx *Tx) error {
			return tx.UpdateTeam(ctx, berceau.Team{ID: 987654, Name: "Nobody"})
		})
		if berceau.KindOf(err) != berceau.KindNotFound || !strings.HasPrefix(err.Error(), "store: update team: ") {
			t.Fatalf("update of a missing team: %v, want not found under \"store: update team: \"", err)
		}

		// A database fault is an internal error that says where it happened.
		drop := `DROP TABLE household_members`
		if s.Engine() == "postgres" {
			drop += ` CASCADE` // the foreign keys that name it go with it
		}
		if _, err := s.writer.ExecContext(ctx, drop); err != nil {
			t.Fatal(err)
		}
		err = s.WriteTx(ctx, func(tx *Tx) error {
			return tx.RecordBirth(ctx, 1, care.HouseholdMember{GivenName: "Léa", BornFrom: 1})
		})
		if err == nil || berceau.KindOf(err) != berceau.KindInternal || Unavailable(err) ||
			!strings.HasPrefix(err.Error(), "store: record birth: ") {
			t.Fatalf("write to a dropped table: %v, want an internal error under \"store: record birth: \"", err)
		}

		// A closed database still reads as unavailable through the context.
		s.Close()
		err = s.ReadTx(ctx, func(tx *Tx) error {
			_, err := tx.FamilyByID(ctx, 1)
			return err
		})
		if !Unavailable(err) || !strings.HasPrefix(err.Error(), "store: ") {
			t.Fatalf("closed store: %v, want an Unavailable error with its context", err)
		}
	})
}
