package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
)

// Tx is one transaction. Every row it stamps gets the same time, taken when
// the transaction began.
type Tx struct {
	tx      *sql.Tx
	now     time.Time
	dialect *dialect
	// rawRows makes the indicators' measures read the raw rows instead of
	// the summaries triggers keep (indicator_families,
	// indicator_contact_months): a test's comparison.
	rawRows bool
	// measurePairs are measures computed alongside another in this
	// transaction (measureEntry.pair), by measurePairKey.
	measurePairs map[string]indicator.Cells
	// noJIT: this transaction's measures run without PostgreSQL's JIT
	// compilation (measureQueryJIT).
	noJIT bool
	// generation is the store's Generation before the transaction began.
	generation uint64
}

// Now is the transaction's timestamp, in UTC.
func (tx *Tx) Now() time.Time { return tx.now }

// At returns the same transaction stamping the rows it writes with at
// instead of the time it began. It is for generated history only (the
// demo's past two years, written in one transaction by the operator's
// command line before the server starts): a request's rows always carry
// the time they were written.
func (tx *Tx) At(at time.Time) *Tx {
	past := *tx
	past.now = at.UTC()
	return &past
}

// WriteTx runs fn in a write transaction and commits it if fn returns nil.
// On SQLite it runs on the single writer connection (BEGIN IMMEDIATE).
func (s *Store) WriteTx(ctx context.Context, fn func(*Tx) error) error {
	if err := s.run(ctx, s.writer, nil, fn); err != nil {
		return err
	}
	s.generation.Add(1)
	return nil
}

// writeUnseen runs a write transaction that changes nothing any page shows
// (a session's expiry, a token's last use): it leaves Generation alone, so
// shared pages stay cached while people browse.
func (s *Store) writeUnseen(ctx context.Context, fn func(*Tx) error) error {
	return s.run(ctx, s.writer, nil, fn)
}

// WriteUnseenTx is writeUnseen for the app layer: the audit entry of a read
// is a write no cached page shows.
func (s *Store) WriteUnseenTx(ctx context.Context, fn func(*Tx) error) error {
	return s.writeUnseen(ctx, fn)
}

// Generation is the store's Generation read before the transaction began:
// what it reads is at least that recent, so that something computed from
// it and kept under it is never newer than its key says (a write committed
// since moves the generation on).
func (tx *Tx) Generation() uint64 { return tx.generation }

// Generation counts the write transactions this process has committed, so
// that caches can tell cheaply whether anything may have changed. Writes
// made by another process (another instance on PostgreSQL) do not count:
// caches also expire on time.
func (s *Store) Generation() uint64 { return s.generation.Load() }

// ReadTx runs fn in a read-only transaction on the reader pool, so reads see
// one consistent snapshot and never wait for the writer.
func (s *Store) ReadTx(ctx context.Context, fn func(*Tx) error) error {
	var opts *sql.TxOptions
	if s.dialect.readOnlyTx {
		opts = &sql.TxOptions{ReadOnly: true}
	}
	return s.run(ctx, s.reader, opts, fn)
}

// ErrNoReadConnection is ReadTxIfFree finding no read connection free in
// time.
var ErrNoReadConnection = errors.New("store: no read connection free in time")

// ReadTxIfFree is ReadTx when a read connection comes free within wait,
// and ErrNoReadConnection otherwise. Only the wait is bounded: once it
// has its connection, the transaction runs under ctx alone (a context
// cancelled while a transaction runs makes database/sql close the
// connection, and a PostgreSQL one taken back mid-statement can fail the
// next request that gets it).
func (s *Store) ReadTxIfFree(ctx context.Context, wait time.Duration, fn func(*Tx) error) error {
	waitCtx, cancel := context.WithTimeout(ctx, wait)
	conn, err := s.reader.Conn(waitCtx)
	cancel()
	if err != nil {
		if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			return ErrNoReadConnection
		}
		return fmt.Errorf("store: read connection: %w", err)
	}
	defer conn.Close()
	var opts *sql.TxOptions
	if s.dialect.readOnlyTx {
		opts = &sql.TxOptions{ReadOnly: true}
	}
	return s.run(ctx, conn, opts, fn)
}

// beginner begins transactions: a pool, or one connection taken from it.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

func (s *Store) run(ctx context.Context, db beginner, opts *sql.TxOptions, fn func(*Tx) error) (err error) {
	generation := s.generation.Load()
	sqlTx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(&Tx{tx: sqlTx, now: s.now(), dialect: s.dialect, generation: generation}); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, query, args...)
}

func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, query, args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, query, args...)
}

// insertID runs an INSERT … RETURNING id and returns the new id.
func (tx *Tx) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := tx.tx.QueryRowContext(ctx, query, args...).Scan(&id)
	return id, err
}

// affectedOne turns an UPDATE that matched no row into a not-found error.
func affectedOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return &berceau.Error{Kind: berceau.KindNotFound, Key: "error.not_found_message"}
	}
	return nil
}
