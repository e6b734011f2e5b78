package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/berceau/berceau/internal/config"
	"github.com/berceau/berceau/internal/filestore"
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
		if err := backupFiles(cfg, dest, stdout); err != nil {
			return err
		}
		printKeyAdvice(stdout, cfg.SecretKey != "", "", dest)
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
	if err := backupFiles(cfg, dest, stdout); err != nil {
		return err
	}
	printKeyAdvice(stdout, cfg.SecretKey != "", keyFilePath(cfg.DB), dest)
	return nil
}

// backupFiles copies the resource library's files folder into a folder
// files beside dest, where a server started on the restored database
// (--db dest) looks for them by default. Files are named by their content,
// so a folder shared by several backups holds each file once; every copy is
// checked against its name.
func backupFiles(cfg config.Config, dest string, stdout io.Writer) error {
	src := filesDir(cfg)
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stdout, "no library files to copy (%s does not exist)\n", src)
		return nil
	}
	dir, err := filestore.Open(src)
	if err != nil {
		return err
	}
	to := filepath.Join(filepath.Dir(dest), "files")
	n, err := dir.CopyTo(to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d library file(s) of %s copied to %s; to restore, put that folder beside the database as files (or name it with --files)\n", n, src, to)
	return nil
}

// printKeyAdvice tells where the key that seals the second-factor secrets
// is, since the backup does not carry it (a backup and its key stored
// together would give the secrets away together), and how to keep and
// restore it. A restore without the key is refused at start.
func printKeyAdvice(w io.Writer, fromFlag bool, keyPath, dest string) {
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "The backup does not contain the key that seals the second-factor (TOTP) secrets.")
	if fromFlag || keyPath == "" {
		fmt.Fprintln(w, "That key is the one given with --secret-key (BERCEAU_SECRET_KEY): keep it in a safe place, apart from the backup,")
		fmt.Fprintln(w, "and give the same key to the server that restores this backup.")
	} else {
		fmt.Fprintf(w, "That key is the file %s. Keep a copy of it in a safe place, apart from the backup, for example:\n", keyPath)
		fmt.Fprintf(w, "  cp %s %s.key\n", keyPath, dest)
		fmt.Fprintln(w, "To restore, put the database and that key in the same folder, the key named berceau.key.")
	}
	fmt.Fprintln(w, "Without the key nobody with two-step verification can sign in; Berceau refuses to start with a new key on this data.")
}
