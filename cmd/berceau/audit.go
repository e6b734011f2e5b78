package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/berceau/berceau/internal/store"
)

const auditUsage = "usage: berceau audit verify [--db ...]"

// runAudit checks the audit trail: `berceau audit verify` walks the whole
// hash chain and fails (exit status 1) at the first entry that was changed
// or whose predecessor was removed.
func runAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError{auditUsage}
	}
	cfg, fs, err := parseFlags("audit verify", args[1:], getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("audit verify takes no arguments, got %q", fs.Args())}
	}
	if !store.IsPostgres(cfg.DB) {
		// Opening a missing SQLite file would create an empty database.
		if _, err := os.Stat(cfg.DB); err != nil {
			return fmt.Errorf("no database at %s: %w", cfg.DB, err)
		}
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	checked, brk, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if brk != nil {
		fmt.Fprintf(stdout, "audit trail broken at row %d: %s\n", brk.ID, brk.Reason)
		return fmt.Errorf("audit trail broken at row %d (%d rows intact before it)", brk.ID, checked)
	}
	fmt.Fprintf(stdout, "audit trail intact: %d rows checked\n", checked)
	return nil
}
