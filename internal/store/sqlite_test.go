package store

import (
	"context"
	"strings"
	"testing"
)

func TestSQLiteConnectionsHaveTheDurabilitySettings(t *testing.T) {
	t.Parallel()
	s := openMigrated(t, "sqlite")
	ctx := context.Background()
	if err := assertSQLiteSettings(ctx, s.writer, false); err != nil {
		t.Fatal(err)
	}
	if err := assertSQLiteSettings(ctx, s.reader, true); err != nil {
		t.Fatal(err)
	}
	if got := s.writer.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer pool allows %d connections, want 1", got)
	}
}

func TestOpenRefusesAPathSQLiteWouldMisread(t *testing.T) {
	t.Parallel()
	_, err := Open(context.Background(), t.TempDir()+"/a?b.db")
	if err == nil || !strings.Contains(err.Error(), "must not contain") {
		t.Fatalf("err = %v", err)
	}
}

func TestRedactDSNDropsThePassword(t *testing.T) {
	t.Parallel()
	for _, dsn := range []string{
		"postgres://berceau:s3cret@db.example:5432/berceau?sslmode=require",
		"postgres://berceau@db.example/berceau?password=s3cret",
	} {
		if got := RedactDSN(dsn); strings.Contains(got, "s3cret") || !strings.Contains(got, "berceau@db.example") {
			t.Errorf("RedactDSN(%q) = %q", dsn, got)
		}
	}
}
