// Package testdb creates empty test databases on both engines. SQLite always
// runs; PostgreSQL runs when BERCEAU_TEST_POSTGRES holds a DSN, and its
// absence fails the run under CI. It does not import the store, so the
// store's own internal tests can use it.
package testdb

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Engines returns the database engines this run tests: "sqlite" and, when
// BERCEAU_TEST_POSTGRES is set, "postgres". BERCEAU_TEST_ENGINES narrows the
// list (CI's race job uses "postgres" only).
func Engines(t testing.TB) []string {
	t.Helper()
	pg := os.Getenv("BERCEAU_TEST_POSTGRES")
	if pg == "" && os.Getenv("CI") != "" {
		t.Fatal("BERCEAU_TEST_POSTGRES is not set: under CI every storage test must also run on PostgreSQL")
	}
	var engines []string
	want := os.Getenv("BERCEAU_TEST_ENGINES")
	if want == "" || strings.Contains(want, "sqlite") {
		engines = append(engines, "sqlite")
	}
	if pg != "" && (want == "" || strings.Contains(want, "postgres")) {
		engines = append(engines, "postgres")
	}
	return engines
}

// NewDatabase returns the --db value of an empty database of engine: a file
// path in a temporary folder, or a new PostgreSQL database dropped when t ends.
func NewDatabase(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case "sqlite":
		return filepath.Join(t.TempDir(), "berceau.db")
	case "postgres":
		return newPostgresDatabase(t)
	}
	t.Fatalf("unknown engine %q", engine)
	return ""
}

// SQLiteDatabase is NewDatabase(t, "sqlite") for a test that runs on SQLite
// only; it skips the test when the run is narrowed to other engines (CI's
// race pass runs what runs on PostgreSQL; its plain pass runs SQLite).
func SQLiteDatabase(t testing.TB) string {
	t.Helper()
	if !slices.Contains(Engines(t), "sqlite") {
		t.Skip("a test on SQLite; this run is narrowed to other engines")
	}
	return NewDatabase(t, "sqlite")
}

func newPostgresDatabase(t testing.TB) string {
	t.Helper()
	dsn, err := NewPostgresDatabaseFrom(t, "")
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	return dsn
}

// NewPostgresDatabaseFrom creates a PostgreSQL database, a copy of template
// when it is not empty, dropped when t ends, and returns its DSN.
func NewPostgresDatabaseFrom(t testing.TB, template string) (string, error) {
	t.Helper()
	adminDSN := os.Getenv("BERCEAU_TEST_POSTGRES")
	if adminDSN == "" {
		t.Fatal("BERCEAU_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", adminDSN)
	if err != nil {
		return "", fmt.Errorf("open PostgreSQL: %w", err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "berceau_test_" + hex.EncodeToString(b[:])
	create := "CREATE DATABASE " + name
	if template != "" {
		create += " TEMPLATE " + template + ""
	}
	if _, err := admin.Exec(create); err != nil {
		return "", err
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", adminDSN)
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(adminDSN)
	if err != nil {
		return "", fmt.Errorf("parse BERCEAU_TEST_POSTGRES: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}
