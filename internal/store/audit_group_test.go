package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

// waitPending waits until n callers queue behind the batch being committed.
func waitPending(t *testing.T, s *Store, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.auditGroup.mu.Lock()
		got := len(s.auditGroup.pending)
		s.auditGroup.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("%d callers never queued", n)
}

func groupedEntry(i int) berceau.AuditEntry {
	return berceau.AuditEntry{ActorID: int64(i%3 + 1), ActorEmail: "nurse@example.org", Action: "family.read",
		ObjectType: "family", ObjectID: fmt.Sprint(i), Outcome: berceau.OutcomeSuccess, Detail: fmt.Sprint("entry ", i)}
}

// auditRowExists reads through the reader pool, as another request would.
func auditRowExists(ctx context.Context, s *Store, id int64, hash string) (bool, error) {
	var n int
	err := s.ReadTx(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE id = $1 AND hash = $2`, id, hash).Scan(&n)
	})
	return n == 1, err
}

func TestAuditGroupCommitsConcurrentEntriesOnceEachInAnUnbrokenChain(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const callers = 64
		var wg sync.WaitGroup
		errs := make(chan error, callers)
		for i := range callers {
			wg.Go(func() {
				e := groupedEntry(i)
				if err := s.AppendAuditGrouped(ctx, &e); err != nil {
					errs <- err
					return
				}
				// Returned: the entry must already be committed and visible.
				if ok, err := auditRowExists(ctx, s, e.ID, e.Hash); err != nil || !ok {
					errs <- fmt.Errorf("entry %d (id %d) not visible once its call returned (err %v)", i, e.ID, err)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if checked, brk := verifyAudit(t, s); checked != callers || brk != nil {
			t.Fatalf("checked %d of %d entries, break %+v", checked, callers, brk)
		}
	})
}

func TestAuditGroupCommitsTheCallersQueuedBehindACommitInOneTransaction(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		release := make(chan struct{})
		var mu sync.Mutex
		var batches []int
		s.auditGroup.afterAppend = func(batch []*berceau.AuditEntry) error {
			mu.Lock()
			batches = append(batches, len(batch))
			first := len(batches) == 1
			mu.Unlock()
			if first {
				<-release // hold the first commit while the others queue
			}
			return nil
		}
		const queued = 10
		var wg sync.WaitGroup
		errs := make(chan error, queued+1)
		start := func(i int) {
			wg.Go(func() {
				e := groupedEntry(i)
				errs <- s.AppendAuditGrouped(ctx, &e)
			})
		}
		start(0)
		waitLeading(t, s)
		for i := 1; i <= queued; i++ {
			start(i)
		}
		waitPending(t, s, queued)
		close(release)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(batches) != 2 || batches[0] != 1 || batches[1] != queued {
			t.Fatalf("batches %v, want [1 %d]", batches, queued)
		}
		if checked, brk := verifyAudit(t, s); checked != queued+1 || brk != nil {
			t.Fatalf("checked %d, break %+v", checked, brk)
		}
	})
}

// waitLeading waits until a caller holds the lead (its commit under way).
func waitLeading(t *testing.T, s *Store) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.auditGroup.mu.Lock()
		leading := s.auditGroup.leading && len(s.auditGroup.pending) == 0
		s.auditGroup.mu.Unlock()
		if leading {
			return
		}
	}
	t.Fatal("no caller took the lead")
}

func TestAuditGroupFailedBatchTellsEveryCallerAndWritesNothing(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		release := make(chan struct{})
		failure := errors.New("disk gone")
		var mu sync.Mutex
		calls := 0
		s.auditGroup.afterAppend = func(batch []*berceau.AuditEntry) error {
			mu.Lock()
			calls++
			n := calls
			mu.Unlock()
			switch n {
			case 1:
				<-release
				return nil
			case 2:
				return failure // after its entries were appended: they must roll back
			}
			return nil
		}
		const queued = 6
		var wg sync.WaitGroup
		results := make([]error, queued+1)
		ids := make([]int64, queued+1)
		start := func(i int) {
			wg.Go(func() {
				e := groupedEntry(i)
				results[i] = s.AppendAuditGrouped(ctx, &e)
				ids[i] = e.ID
			})
		}
		start(0)
		waitLeading(t, s)
		for i := 1; i <= queued; i++ {
			start(i)
		}
		waitPending(t, s, queued)
		close(release)
		wg.Wait()
		if results[0] != nil {
			t.Fatalf("first batch: %v", results[0])
		}
		for i := 1; i <= queued; i++ {
			if !errors.Is(results[i], failure) {
				t.Errorf("caller %d of the failed batch got %v, want the batch's error", i, results[i])
			}
			if ids[i] != 0 {
				t.Errorf("caller %d of the failed batch got id %d for an entry never committed", i, ids[i])
			}
		}
		if checked, brk := verifyAudit(t, s); checked != 1 || brk != nil {
			t.Fatalf("checked %d entries, want only the first batch's 1; break %+v", checked, brk)
		}
		// The group still works after a failure.
		e := groupedEntry(99)
		if err := s.AppendAuditGrouped(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if checked, brk := verifyAudit(t, s); checked != 2 || brk != nil {
			t.Fatalf("checked %d, break %+v", checked, brk)
		}
	})
}

func TestAuditGroupRefusesAnIncompleteEntryAlone(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		if err := s.AppendAuditGrouped(context.Background(), &berceau.AuditEntry{Outcome: berceau.OutcomeSuccess}); err == nil {
			t.Fatal("an entry without an action was appended")
		}
		if checked, _ := verifyAudit(t, s); checked != 0 {
			t.Fatalf("%d entries written", checked)
		}
	})
}

func TestAuditGroupCommitOutlivesTheLeadersCancelledContext(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		e := groupedEntry(1)
		if err := s.AppendAuditGrouped(ctx, &e); err != nil {
			t.Fatalf("a cancelled request must not fail the batch other requests ride in: %v", err)
		}
		if checked, brk := verifyAudit(t, s); checked != 1 || brk != nil {
			t.Fatalf("checked %d, break %+v", checked, brk)
		}
	})
}

func TestAuditGroupSurvivesAPanicDuringACommit(t *testing.T) {
	t.Parallel()
	auditEngines(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		s.auditGroup.afterAppend = func([]*berceau.AuditEntry) error { panic("boom") }
		e := groupedEntry(1)
		if err := s.AppendAuditGrouped(ctx, &e); err == nil {
			t.Fatal("a batch that panicked reported success")
		}
		s.auditGroup.afterAppend = nil
		done := make(chan error, 1)
		go func() { e := groupedEntry(2); done <- s.AppendAuditGrouped(ctx, &e) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the lead was never given back after a panic")
		}
		if checked, brk := verifyAudit(t, s); checked != 1 || brk != nil {
			t.Fatalf("checked %d, break %+v", checked, brk)
		}
	})
}
