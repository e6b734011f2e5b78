package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/testdb"
)

func TestMigrateTwiceAppliesNothingTheSecondTime(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			var first, second bytes.Buffer
			if err := run(context.Background(), []string{"migrate", "--db", db}, testEnv, strings.NewReader(""), &first, io.Discard); err != nil {
				t.Fatal(err)
			}
			if err := run(context.Background(), []string{"migrate", "--db", db}, testEnv, strings.NewReader(""), &second, io.Discard); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(first.String(), "applied 00001") || strings.Contains(second.String(), "applied 000") ||
				!strings.Contains(second.String(), "(0 migration(s) applied now)") {
				t.Fatalf("first:\n%s\nsecond:\n%s", first.String(), second.String())
			}
		})
	}
}

// TestBackupCommandCopiesTheRunningDemo backs up the database of a running
// demo server while it serves, and checks the copy.
func TestBackupCommandCopiesTheRunningDemo(t *testing.T) {
	db := testdb.SQLiteDatabase(t)
	p := startProgram(t, "demo", "--db", db)
	get(t, p.URL, "")
	dest := filepath.Join(t.TempDir(), "copies", "berceau-backup.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", "--db", db, dest}, testEnv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	copyDB, err := sql.Open("sqlite", "file:"+dest+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var check string
	var users, sites int
	if err := copyDB.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	_ = copyDB.QueryRow("SELECT COUNT(*) FROM users").Scan(&users)
	_ = copyDB.QueryRow("SELECT COUNT(*) FROM sites").Scan(&sites)
	// The ten demo accounts and the history's practitioners.
	if want := 10 + demo.HistoryWorkers(); users != want || sites != 3 {
		t.Fatalf("copy holds %d users and %d sites, want %d and 3", users, sites, want)
	}
	if err := run(context.Background(), []string{"backup", "--db", db, dest}, testEnv, strings.NewReader(""), io.Discard, io.Discard); err == nil {
		t.Fatal("a second backup over the same file succeeded")
	}
}

func TestBackupOfPostgresPrintsPgDumpWithoutThePassword(t *testing.T) {
	var out bytes.Buffer
	dsn := "postgres://berceau:s3cret@db.example:5432/berceau?sslmode=require"
	if err := run(context.Background(), []string{"backup", "--db", dsn, "/var/backups/berceau.dump"}, testEnv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "pg_dump --format=custom --file=/var/backups/berceau.dump") || strings.Contains(got, "s3cret") {
		t.Fatalf("output:\n%s", got)
	}
}
