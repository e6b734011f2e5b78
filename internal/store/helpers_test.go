package store

import (
	"context"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

func openMigrated(t testing.TB, engine string) *Store {
	t.Helper()
	s, err := Open(context.Background(), testdb.NewDatabase(t, engine))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
