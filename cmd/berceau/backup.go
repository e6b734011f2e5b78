package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/berceau/berceau/internal/store"
)

// runBackup copies a SQLite database with VACUUM INTO, safely while the
// server runs; for PostgreSQL it prints the pg_dump command to use.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseFlags("backup", args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"backup needs exactly one argument: the file to write (berceau backup [--db ...] FILE)"}
	}
	dest := fs.Arg(0)
	if store.IsPostgres(cfg.DB) {
		fmt.Fprintln(stdout, "PostgreSQL is backed up with its own tool. Run:")
		fmt.Fprintln(stdout, "  "+store.PgDumpCommand(cfg.DB, dest))
		fmt.Fprintln(stdout, "(pg_dump reads the password from PGPASSWORD or ~/.pgpass; restore with pg_restore.)")
		return nil
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, dest); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s\n", cfg.DB, dest)
	return nil
}
