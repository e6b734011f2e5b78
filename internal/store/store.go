// Package store owns Berceau's persistence: one database/sql implementation
// for embedded SQLite and for PostgreSQL, its migrations, transactions and
// backups. SQL texts are shared by both engines ($N placeholders, common
// subset); what truly differs sits in the dialect value chosen at Open.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
)

// Store is an open database: a single writer and a pool of readers on SQLite,
// one pool for both on PostgreSQL.
type Store struct {
	dialect *dialect
	writer  *sql.DB
	reader  *sql.DB
	path    string // the SQLite file; empty on PostgreSQL
	dsn     string // the PostgreSQL DSN; empty on SQLite
	now     func() time.Time

	generation atomic.Uint64
	sessions   sessionsSeen
	// sessionCodec encodes and decodes sessions for scs (session_codec.go).
	sessionCodec sessionCodec
	auditGroup   auditGroup
	files        filesFolder // the resource library's files (library_files.go)
}

// IsPostgres reports whether a --db value names a PostgreSQL database.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open opens the database named by db: a SQLite file path (created with its
// folder) or a postgres:// DSN. It checks the connection settings Berceau
// relies on and fails if any is not in force.
func Open(ctx context.Context, db string) (*Store, error) {
	s := &Store{now: func() time.Time { return time.Now().UTC() }}
	var err error
	if IsPostgres(db) {
		err = s.openPostgres(ctx, db)
	} else {
		err = s.openSQLite(ctx, db)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) openPostgres(ctx context.Context, dsn string) error {
	s.dialect, s.dsn = postgresDialect, dsn
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("store: open PostgreSQL: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.writer, s.reader = db, db
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: connect to PostgreSQL: %w", redactDSNError(err, dsn))
	}
	return nil
}

// sqlitePragmas are applied by the driver to every new connection; the
// busy timeout comes first so that the others wait rather than fail. The
// database file is read through a memory map of up to sqliteMmapSize:
// a page is read where the kernel keeps it rather than copied into each
// connection's own cache (the indicators' dashboard computed cold takes a
// fifth less CPU at 10,000 families; docs/PERFORMANCE.md). Nothing
// truncates the file under a running server: a restore is files copied
// before it starts.
const sqlitePragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=mmap_size(" + sqliteMmapSize + ")&_time_format=sqlite"

// sqliteMmapSize is the most of the database file mapped, in bytes (1 GiB
// of address space, not of memory).
const sqliteMmapSize = "1073741824"

func (s *Store) openSQLite(ctx context.Context, path string) error {
	s.dialect = sqliteDialect
	if path == "" {
		return errors.New("store: empty database path")
	}
	if strings.ContainsAny(path, "?#") {
		return fmt.Errorf("store: database path %q must not contain '?' or '#'", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("store: database path: %w", err)
	}
	s.path = abs
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return fmt.Errorf("store: create database folder: %w", err)
	}
	// One writer connection whose transactions take the write lock at BEGIN,
	// so that read-then-write transactions never deadlock on an upgrade.
	s.writer, err = openSQLiteDB("file:" + abs + "?" + sqlitePragmas + "&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("store: open SQLite writer: %w", err)
	}
	s.writer.SetMaxOpenConns(1)
	s.writer.SetConnMaxIdleTime(0)
	s.reader, err = openSQLiteDB("file:" + abs + "?" + sqlitePragmas + "&_pragma=query_only(1)")
	if err != nil {
		return fmt.Errorf("store: open SQLite readers: %w", err)
	}
	readers := max(4, 2*runtime.NumCPU())
	s.reader.SetMaxOpenConns(readers)
	s.reader.SetMaxIdleConns(readers)
	if err := assertSQLiteSettings(ctx, s.writer, false); err != nil {
		return err
	}
	return assertSQLiteSettings(ctx, s.reader, true)
}

// openSQLiteDB opens a pool of SQLite connections that each keep their
// prepared statements (stmtCacheConnector).
func openSQLiteDB(dsn string) (*sql.DB, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(stmtCacheConnector{base}), nil
}

// assertSQLiteSettings fails unless a connection of db has the durability
// and integrity settings ARCHITECTURE.md promises.
func assertSQLiteSettings(ctx context.Context, db *sql.DB, readOnly bool) error {
	want := []struct {
		pragma, value string
	}{
		{"journal_mode", "wal"},
		{"synchronous", "2"}, // FULL
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
		{"mmap_size", sqliteMmapSize},
	}
	if readOnly {
		want = append(want, struct{ pragma, value string }{"query_only", "1"})
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: open SQLite connection: %w", err)
	}
	defer conn.Close()
	for _, w := range want {
		var got string
		if err := conn.QueryRowContext(ctx, "PRAGMA "+w.pragma).Scan(&got); err != nil {
			return fmt.Errorf("store: read PRAGMA %s: %w", w.pragma, err)
		}
		if got != w.value {
			return fmt.Errorf("store: PRAGMA %s is %q, want %q", w.pragma, got, w.value)
		}
	}
	return nil
}

// Close closes every pool.
func (s *Store) Close() error {
	var errs []error
	if s.reader != nil && s.reader != s.writer {
		errs = append(errs, s.reader.Close())
	}
	if s.writer != nil {
		errs = append(errs, s.writer.Close())
	}
	errs = append(errs, s.closeFiles())
	return errors.Join(errs...)
}

// ReadConnections is the most connections reads may hold at once.
func (s *Store) ReadConnections() int { return s.reader.Stats().MaxOpenConnections }

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.name }

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.reader.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Now reads the clock that stamps rows.
func (s *Store) Now() time.Time { return s.now() }

// SetClock replaces the clock that stamps rows (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, key string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &berceau.Error{Kind: berceau.KindNotFound, Key: key, Cause: err}
	}
	return err
}
