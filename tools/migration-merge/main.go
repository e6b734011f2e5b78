// Command migration-merge writes the single source of a migration from its
// two old-form files (internal/store/migrations/sqlite/NNNNN_x.sql and
// postgres/NNNNN_x.sql) when they differ only by the dialect placeholders,
// and fails, saying where, otherwise. scripts/migration-merge.sh runs it on
// every pair it finds and prints the diff of a pair it cannot merge.
//
//	go run ./tools/migration-merge SQLITE_FILE POSTGRES_FILE OUT_FILE
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/berceau/berceau/internal/store"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "migration-merge:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 3 {
		return fmt.Errorf("usage: migration-merge SQLITE_FILE POSTGRES_FILE OUT_FILE")
	}
	sqlitePath, postgresPath, outPath := args[0], args[1], args[2]
	if filepath.Base(sqlitePath) != filepath.Base(postgresPath) {
		return fmt.Errorf("%s and %s: a pair has the same file name in both folders", sqlitePath, postgresPath)
	}
	sqlite, err := os.ReadFile(sqlitePath)
	if err != nil {
		return err
	}
	postgres, err := os.ReadFile(postgresPath)
	if err != nil {
		return err
	}
	merged, err := store.MergeMigration(filepath.Base(sqlitePath), sqlite, postgres)
	if err != nil {
		return err
	}
	if _, err := os.Stat(outPath); err == nil {
		return fmt.Errorf("%s already exists", outPath)
	}
	return os.WriteFile(outPath, merged, 0o644)
}
