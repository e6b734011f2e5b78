package store

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
)

// dialect holds what differs between the two engines. Queries never test the
// engine themselves; they ask the dialect.
type dialect struct {
	name  string
	goose goose.Dialect
	// readOnlyTx is false on SQLite, whose reader connections are already
	// query_only and whose driver has no read-only transaction option.
	readOnlyTx bool
	// lockAuditChain serializes appends to the audit chain until the
	// transaction ends, taking the lock key as $1; empty on SQLite, whose
	// single writer connection (BEGIN IMMEDIATE) already does.
	lockAuditChain string
	// forUpdate ends a SELECT whose rows the transaction will change, so
	// that concurrent transactions wait for it (PostgreSQL row locks); empty
	// on SQLite, where the single writer already serializes them.
	forUpdate string
	// skipLocked ends a SELECT that claims work: rows another transaction
	// holds are passed over rather than waited for.
	skipLocked string
	// utcDay is the civil day (UTC) of a timestamp column, %s, comparable
	// with a date column: SQLite keeps both as text.
	utcDay string
}

var (
	sqliteDialect   = &dialect{name: "sqlite", goose: goose.DialectSQLite3, utcDay: "substr(%s, 1, 10)"}
	postgresDialect = &dialect{name: "postgres", goose: goose.DialectPostgres, readOnlyTx: true,
		lockAuditChain: "SELECT pg_advisory_xact_lock($1)",
		forUpdate:      " FOR UPDATE", skipLocked: " FOR UPDATE SKIP LOCKED", utcDay: "CAST(%s AT TIME ZONE 'UTC' AS DATE)"}
)

// isUniqueViolation reports whether err comes from a UNIQUE constraint.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}
