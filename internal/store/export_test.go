package store

import (
	"context"
	"testing"
)

// RematchConsentPartners runs migration 00047's body again, for a test in
// package store_test (which may load the demo network).
func RematchConsentPartners(ctx context.Context, s *Store) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := matchConsentPartners(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// SummaryTriggerSwitch is summaryTriggerSwitch, for the benchmark in
// package store_test that saves contacts through the application.
var SummaryTriggerSwitch = summaryTriggerSwitch

// SummaryOverhead is summaryOverhead, for the same benchmark.
var SummaryOverhead = summaryOverhead

// WALPagesOf is walPagesOf, for the page-counting benchmark in package
// store_test.
var WALPagesOf = walPagesOf

// Settle brings the indicators' summary tables, just rewritten row by row
// by a bulk load, to the state autovacuum keeps them in on a running
// PostgreSQL server: their dead row versions vacuumed (a save that updates
// a tally would otherwise walk hundreds of them; in use each tally row is
// updated a few times a month). SQLite rewrites rows in place.
func Settle(t testing.TB, s *Store) {
	t.Helper()
	if s.dialect != postgresDialect {
		return
	}
	q := "VACUUM indicator_contact_months, indicator_contact_cells, indicator_contact_years"
	if _, err := s.writer.ExecContext(context.Background(), q); err != nil {
		t.Fatal(err)
	}
}
