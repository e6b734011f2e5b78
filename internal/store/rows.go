package store

import (
	"context"
	"errors"
	"fmt"
)

// errStopRows, returned by an eachRow callback, ends the walk early without
// an error: the rest of the rows are not read.
var errStopRows = errors.New("store: stop reading rows")

// rowScanner is what a scan function reads one row from: *sql.Rows during a
// list, *sql.Row for a single read. An alias, so the scanX functions written
// against the bare interface fit without conversion.
type rowScanner = interface{ Scan(dest ...any) error }

// eachRow runs query and hands every row to fn, then closes the rows and
// checks how the iteration ended. Any error — from the query, from fn or
// from the iteration — comes back as "store: <what>: <cause>", wrapped with
// %w so errors.Is / errors.As (not found, domain errors, Unavailable) still
// see the cause.
func (tx *Tx) eachRow(ctx context.Context, what string, fn func(rowScanner) error, query string, args ...any) error {
	rows, err := tx.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); errors.Is(err, errStopRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("store: %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}

// queryAll runs query and scans every row with scan, in the query's order.
// No row gives a nil slice, as the hand-written loops it replaces did.
func queryAll[T any](ctx context.Context, tx *Tx, what string, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	var list []T
	err := tx.eachRow(ctx, what, func(row rowScanner) error {
		v, err := scan(row)
		if err != nil {
			return err
		}
		list = append(list, v)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return list, nil
}

// wrapErr gives a database error its context; nil stays nil.
func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: %s: %w", what, err)
}
