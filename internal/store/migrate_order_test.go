package store

import (
	"context"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

// TestAMigrationThatLandedLateIsApplied: a database that applied the
// directory's 00020–00022 before the follow-up's 00019 existed (areas built
// side by side) gets 00019 at the next start, with the rest, on both
// engines.
func TestAMigrationThatLandedLateIsApplied(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, testdb.NewDatabase(t, engine))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			p, err := s.migrationProvider()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 14); err != nil {
				t.Fatal(err)
			}
			for _, v := range []int64{20, 21, 22} {
				if _, err := p.ApplyVersion(ctx, v, true); err != nil {
					t.Fatalf("apply %d: %v", v, err)
				}
			}
			applied, err := s.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) == 0 || applied[0].Version != 19 {
				t.Fatalf("applied %+v, want 00019 first", applied)
			}
			// 00019's index is there: a worker's contacts are read from it.
			var n int
			query := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'contact_workers_user_contact'`
			if engine == "postgres" {
				query = `SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'contact_workers_user_contact'`
			}
			if err := s.reader.QueryRowContext(ctx, query).Scan(&n); err != nil || n != 1 {
				t.Fatalf("index contact_workers_user_contact: %d, %v", n, err)
			}
			if pending, err := s.Migrate(ctx); err != nil || len(pending) != 0 {
				t.Fatalf("a second start applied %+v, %v", pending, err)
			}
		})
	}
}
