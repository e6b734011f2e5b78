package store

import "context"

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

// ProcessCPU is processCPU, for the same benchmark.
var ProcessCPU = processCPU
