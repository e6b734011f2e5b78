// Package testutil opens real, migrated stores on both engines and drives
// the real program in tests.
package testutil

import (
	"context"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// ForEachEngine runs fn as a subtest on a fresh, migrated store of each engine.
func ForEachEngine(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			fn(t, OpenStore(t, engine))
		})
	}
}

// OpenStore opens a fresh, migrated store on engine, closed when t ends.
func OpenStore(t testing.TB, engine string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, testdb.NewDatabase(t, engine))
	if err != nil {
		t.Fatalf("open %s store: %v", engine, err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s store: %v", engine, err)
	}
	return s
}
