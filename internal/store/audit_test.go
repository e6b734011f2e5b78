package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/testdb"
)

// auditEngines runs fn as a subtest on a fresh, migrated store of each
// engine. These tests are internal: they tamper with the table through the
// writer pool, as someone with direct database access could.
func auditEngines(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) { fn(t, openMigrated(t, engine)) })
	}
}

// appendAudit appends each entry in a write transaction of its own and
// returns them as stored.
func appendAudit(t *testing.T, s *Store, entries ...berceau.AuditEntry) []berceau.AuditEntry {
	t.Helper()
	ctx := context.Background()
	for i := range entries {
		if err := s.WriteTx(ctx, func(tx *Tx) error { return tx.AppendAudit(ctx, &entries[i]) }); err != nil {
			t.Fatalf("append audit entry %d: %v", i, err)
		}
	}
	return entries
}

// auditEntries returns n simple entries.
func auditEntries(n int) []berceau.AuditEntry {
	entries := make([]berceau.AuditEntry, n)
	for i := range entries {
		entries[i] = berceau.AuditEntry{ActorID: int64(i % 3), ActorEmail: fmt.Sprintf("user%d@example.org", i%3),
			Action: "auth.sign_in", Outcome: berceau.OutcomeSuccess, ClientAddress: "192.0.2.1", Detail: fmt.Sprint("entry ", i+1)}
	}
	return entries
}

func verifyAudit(t *testing.T, s *Store) (int, *berceau.AuditBreak) {
	t.Helper()
	checked, brk, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return checked, brk
}

func TestAuditChainOfEntriesVerifiesAndReadsBack(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if checked, brk := verifyAudit(t, s); checked != 0 || brk != nil {
			t.Fatalf("empty trail: checked %d, break %+v", checked, brk)
		}
		// Nanoseconds that neither engine's column would keep the same way.
		stamp := time.Date(2026, 11, 23, 14, 5, 6, 123456789, time.FixedZone("EST", -5*3600))
		s.SetClock(func() time.Time { return stamp })
		written := appendAudit(t, s, auditEntries(4)...)
		// Several entries in one transaction chain to each other.
		var inOne []berceau.AuditEntry
		err := s.WriteTx(ctx, func(tx *Tx) error {
			for _, e := range auditEntries(3) {
				e.Action, e.ObjectType, e.ObjectID = "admin.user.invite", "user", "12"
				if err := tx.AppendAudit(ctx, &e); err != nil {
					return err
				}
				inOne = append(inOne, e)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, inOne...)
		for i, e := range written {
			if !e.At.Equal(stamp.Truncate(time.Microsecond)) || e.At.Location() != time.UTC {
				t.Errorf("entry %d: At = %v, want the transaction's time in UTC to the microsecond", i, e.At)
			}
			if e.ID == 0 || len(e.Hash) != 64 || (i == 0 && e.PrevHash != berceau.AuditGenesisHash) || (i > 0 && e.PrevHash != written[i-1].Hash) {
				t.Fatalf("entry %d not chained: %+v", i, e)
			}
		}
		if checked, brk := verifyAudit(t, s); checked != 7 || brk != nil {
			t.Fatalf("intact trail: checked %d, break %+v", checked, brk)
		}
		var page berceau.AuditPage
		if err := s.ReadTx(ctx, func(tx *Tx) (err error) { page, err = tx.ListAudit(ctx, berceau.AuditFilter{}); return err }); err != nil {
			t.Fatal(err)
		}
		if page.Total != 7 || len(page.Entries) != 7 {
			t.Fatalf("page = %+v", page)
		}
		for i, got := range page.Entries {
			want := written[len(written)-1-i]
			if got != want {
				t.Errorf("read back\n%+v\nwant\n%+v", got, want)
			}
		}
		if page.Entries[6].ActorID != 0 {
			t.Errorf("anonymous entry read back with actor %d", page.Entries[6].ActorID)
		}
	})
}

func TestAuditLogRefusesUpdateAndDelete(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		appendAudit(t, s, auditEntries(3)...)
		statements := []string{
			`UPDATE audit_log SET detail = 'rewritten' WHERE id = 2`,
			`UPDATE audit_log SET detail = 'rewritten'`,
			`DELETE FROM audit_log WHERE id = 2`,
			`DELETE FROM audit_log`,
		}
		if s.Engine() == "postgres" {
			statements = append(statements, `TRUNCATE audit_log`)
		}
		for _, stmt := range statements {
			_, err := s.writer.ExecContext(ctx, stmt)
			if err == nil {
				t.Errorf("%s: succeeded", stmt)
			} else if !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want the append-only trigger's refusal", stmt, err)
			}
		}
		if checked, brk := verifyAudit(t, s); checked != 3 || brk != nil {
			t.Fatalf("after refused changes: checked %d, break %+v", checked, brk)
		}
	})
}

// dropAuditTrigger removes one of the triggers that keep audit_log
// append-only, as someone with full database access could.
func dropAuditTrigger(t *testing.T, s *Store, name string) {
	t.Helper()
	stmt := "DROP TRIGGER " + name
	if s.Engine() == "postgres" {
		stmt += " ON audit_log"
	}
	if _, err := s.writer.ExecContext(context.Background(), stmt); err != nil {
		t.Fatal(err)
	}
}

func TestAuditVerifyFindsAnAlteredRow(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		appendAudit(t, s, auditEntries(5)...)
		dropAuditTrigger(t, s, "audit_log_no_update")
		if _, err := s.writer.ExecContext(context.Background(), `UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3`); err != nil {
			t.Fatal(err)
		}
		checked, brk := verifyAudit(t, s)
		if brk == nil || brk.ID != 3 || !strings.Contains(brk.Reason, "altered") || checked != 2 {
			t.Fatalf("checked %d, break %+v; want a break at row 3 after 2 intact rows", checked, brk)
		}
	})
}

func TestAuditVerifyFindsAnAlteredRowWhoseHashWasRecomputed(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		entries := appendAudit(t, s, auditEntries(5)...)
		dropAuditTrigger(t, s, "audit_log_no_update")
		forged := entries[2]
		forged.Detail = "nothing happened"
		if _, err := s.writer.ExecContext(ctx, `UPDATE audit_log SET detail = $1, hash = $2 WHERE id = $3`,
			forged.Detail, forged.ComputeHash(forged.PrevHash), forged.ID); err != nil {
			t.Fatal(err)
		}
		checked, brk := verifyAudit(t, s)
		if brk == nil || brk.ID != entries[3].ID || checked != 3 {
			t.Fatalf("checked %d, break %+v; want a break at the row after the forged one", checked, brk)
		}
	})
}

func TestAuditVerifyFindsARemovedRow(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		remove    int64
		wantBreak int64
	}{
		{"middle", 2, 3},
		{"first", 1, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			auditEngines(t, func(t *testing.T, s *Store) {
				appendAudit(t, s, auditEntries(5)...)
				dropAuditTrigger(t, s, "audit_log_no_delete")
				if _, err := s.writer.ExecContext(context.Background(), `DELETE FROM audit_log WHERE id = $1`, c.remove); err != nil {
					t.Fatal(err)
				}
				checked, brk := verifyAudit(t, s)
				if brk == nil || brk.ID != c.wantBreak || !strings.Contains(brk.Reason, "previous row missing") {
					t.Fatalf("checked %d, break %+v; want a break at row %d, previous row missing", checked, brk, c.wantBreak)
				}
			})
		})
	}
}

func TestListAuditFiltersAndPages(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, time.UTC) }
		fixture := []berceau.AuditEntry{
			{At: day(1), ActorID: 1, ActorEmail: "a@example.org", Action: "auth.sign_in", Outcome: berceau.OutcomeSuccess},
			{At: day(2), ActorID: 2, ActorEmail: "b@example.org", Action: "auth.sign_in", Outcome: berceau.OutcomeFailure},
			{At: day(3), ActorID: 1, ActorEmail: "a@example.org", Action: "admin.user.invite", ObjectType: "user", ObjectID: "2", Outcome: berceau.OutcomeSuccess},
			{At: day(4), ActorID: 2, ActorEmail: "b@example.org", Action: "admin.user.disable", ObjectType: "user", ObjectID: "3", Outcome: berceau.OutcomeDenied},
			{At: day(5), Action: "authz.check", Outcome: berceau.OutcomeDenied, Detail: "anonymous"},
			{At: day(6), ActorID: 1, ActorEmail: "a@example.org", Action: "auth.sign_out", Outcome: berceau.OutcomeSuccess},
			{At: day(7), ActorID: 1, ActorEmail: "a@example.org", Action: "admin.user.invite", ObjectType: "user", ObjectID: "3", Outcome: berceau.OutcomeSuccess},
		}
		appendAudit(t, s, fixture...)
		list := func(f berceau.AuditFilter) berceau.AuditPage {
			t.Helper()
			var page berceau.AuditPage
			if err := s.ReadTx(ctx, func(tx *Tx) (err error) { page, err = tx.ListAudit(ctx, f); return err }); err != nil {
				t.Fatalf("ListAudit(%+v): %v", f, err)
			}
			return page
		}
		details := func(p berceau.AuditPage) string {
			var days []string
			for _, e := range p.Entries {
				days = append(days, fmt.Sprint(e.At.Day()))
			}
			return strings.Join(days, ",")
		}
		for _, c := range []struct {
			name   string
			filter berceau.AuditFilter
			want   string // the days of the entries, newest first
		}{
			{"everything", berceau.AuditFilter{}, "7,6,5,4,3,2,1"},
			{"actor", berceau.AuditFilter{ActorID: 1}, "7,6,3,1"},
			{"action prefix", berceau.AuditFilter{Action: "auth."}, "6,2,1"},
			{"action prefix without the dot", berceau.AuditFilter{Action: "auth"}, "6,5,2,1"},
			{"whole action", berceau.AuditFilter{Action: "admin.user.invite"}, "7,3"},
			{"action prefix is case-sensitive", berceau.AuditFilter{Action: "AUTH."}, ""},
			{"action prefix has no wildcards", berceau.AuditFilter{Action: "a%"}, ""},
			{"object type", berceau.AuditFilter{ObjectType: "user"}, "7,4,3"},
			{"object", berceau.AuditFilter{ObjectType: "user", ObjectID: "3"}, "7,4"},
			{"from (inclusive)", berceau.AuditFilter{From: day(5)}, "7,6,5"},
			{"to (exclusive)", berceau.AuditFilter{To: day(3)}, "2,1"},
			{"period", berceau.AuditFilter{From: day(2), To: day(4).Add(time.Second)}, "4,3,2"},
			{"period in another zone", berceau.AuditFilter{From: day(2).In(time.FixedZone("X", 3*3600)), To: day(3).In(time.FixedZone("Y", -4*3600))}, "2"},
			{"combined", berceau.AuditFilter{ActorID: 1, Action: "admin.", From: day(4)}, "7"},
		} {
			page := list(c.filter)
			if got := details(page); got != c.want || page.Total != len(page.Entries) {
				t.Errorf("%s: days %q (total %d), want %q", c.name, got, page.Total, c.want)
			}
		}

		p := list(berceau.AuditFilter{PageSize: 3})
		if details(p) != "7,6,5" || p.Total != 7 || p.Page != 1 || p.PageSize != 3 || p.Pages() != 3 {
			t.Errorf("first page: %s %+v", details(p), p)
		}
		p = list(berceau.AuditFilter{PageSize: 3, Page: 3})
		if details(p) != "1" || p.Total != 7 || p.Page != 3 {
			t.Errorf("last page: %s %+v", details(p), p)
		}
		p = list(berceau.AuditFilter{PageSize: 3, Page: 4})
		if len(p.Entries) != 0 || p.Total != 7 || p.Page != 4 {
			t.Errorf("page past the end: %+v", p)
		}
		p = list(berceau.AuditFilter{Action: "auth.", PageSize: 2, Page: 2})
		if details(p) != "1" || p.Total != 3 || p.Pages() != 2 {
			t.Errorf("filtered second page: %s %+v", details(p), p)
		}
		if p = list(berceau.AuditFilter{Page: -1}); p.Page != 1 || p.PageSize != 50 {
			t.Errorf("defaults: page %d, size %d; want 1 and 50", p.Page, p.PageSize)
		}
		if p = list(berceau.AuditFilter{PageSize: 10000}); p.PageSize != 200 {
			t.Errorf("page size %d, want at most 200", p.PageSize)
		}
	})
}

func TestAuditConcurrentAppendsKeepAnUnbrokenChain(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const writers, each = 8, 15
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					err := s.WriteTx(ctx, func(tx *Tx) error {
						e := berceau.AuditEntry{ActorID: int64(w + 1), Action: "test.concurrent", Outcome: berceau.OutcomeSuccess,
							Detail: fmt.Sprintf("writer %d entry %d", w, i)}
						return tx.AppendAudit(ctx, &e)
					})
					if err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if checked, brk := verifyAudit(t, s); checked != writers*each || brk != nil {
			t.Fatalf("checked %d of %d, break %+v", checked, writers*each, brk)
		}
	})
}
