package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// ErrBackupPostgres says that PostgreSQL is backed up with its own tools.
var ErrBackupPostgres = errors.New("store: PostgreSQL databases are backed up with pg_dump")

// Backup writes a consistent copy of the SQLite database to dest with
// VACUUM INTO. It reads one snapshot, so it is safe while the server runs and
// writes; dest must not exist yet.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if s.dialect != sqliteDialect {
		return ErrBackupPostgres
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("store: backup path: %w", err)
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("store: backup file %s already exists", abs)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return fmt.Errorf("store: create backup folder: %w", err)
	}
	// A connection of its own: readers are query_only, and the writer must
	// stay free for the running program while the copy is made.
	db, err := sql.Open("sqlite", "file:"+s.path+"?"+sqlitePragmas)
	if err != nil {
		return fmt.Errorf("store: open for backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO $1", abs); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// PgDumpCommand is the command that backs up a PostgreSQL database to dest.
// The password is left out: pg_dump reads it from PGPASSWORD or ~/.pgpass.
func PgDumpCommand(dsn, dest string) string {
	return fmt.Sprintf("pg_dump --format=custom --file=%s '%s'", shellQuote(dest), RedactDSN(dsn))
}

// RedactDSN removes the password from a PostgreSQL DSN so it can be printed.
func RedactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// redactDSNError keeps a DSN's password out of an error that may be logged.
func redactDSNError(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || u.User == nil {
		return err
	}
	if pw, ok := u.User.Password(); ok && pw != "" && strings.Contains(err.Error(), pw) {
		return errors.New(strings.ReplaceAll(err.Error(), pw, "…"))
	}
	return err
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
