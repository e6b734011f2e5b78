package store

import (
	"context"
	"fmt"
	"sync"

	"github.com/berceau/berceau"
)

// auditGroup group-commits the audit entries of concurrent audited reads:
// the entries that arrive while one durable commit is under way go out
// together in the next write transaction, so that sixteen people reading
// files cost one disk flush per round instead of sixteen (see
// docs/PERFORMANCE.md, "Audited pages"). Each caller still returns only
// once its own entry is committed, with the error of its batch.
//
// There is no background goroutine: the first caller to find nobody
// committing becomes the leader and commits what is pending (its own entry
// among them); when its commit ends it hands the lead to the oldest caller
// that arrived meanwhile, then answers the callers of its batch. A leader
// thus commits exactly one batch, so nobody waits for more than the commit
// under way plus its own.
type auditGroup struct {
	mu      sync.Mutex
	pending []*auditWaiter
	leading bool

	// afterAppend, when set (tests), runs inside the batch's transaction
	// once its entries are appended; an error rolls the whole batch back.
	afterAppend func(batch []*berceau.AuditEntry) error
}

type auditWaiter struct {
	entry *berceau.AuditEntry
	// answer carries exactly one message: the batch's outcome, or the lead.
	answer chan auditAnswer
}

type auditAnswer struct {
	lead bool
	err  error
}

// AppendAuditGrouped appends e to the audit trail in a write transaction
// shared with the entries of concurrent callers, and returns once that
// transaction has committed (nil: e is durable, with its ID and hashes set)
// or failed (every entry of the batch rolled back, every caller of the batch
// told). The write changes nothing a cached page shows: Generation stays.
// The commit does not stop when ctx is cancelled, since other callers'
// entries ride in it; ctx's values still reach the database calls.
func (s *Store) AppendAuditGrouped(ctx context.Context, e *berceau.AuditEntry) error {
	if e.Action == "" || e.Outcome == "" {
		// Refused before it can join a batch and fail the others.
		return fmt.Errorf("store: audit entry needs an action and an outcome (action %q, outcome %q)", e.Action, e.Outcome)
	}
	g := &s.auditGroup
	me := &auditWaiter{entry: e, answer: make(chan auditAnswer, 1)}
	g.mu.Lock()
	g.pending = append(g.pending, me)
	if g.leading {
		g.mu.Unlock()
		if a := <-me.answer; !a.lead {
			return a.err
		}
	} else {
		g.leading = true
		g.mu.Unlock()
	}

	// Leader: commit everything pending, which includes me.
	g.mu.Lock()
	batch := g.pending
	g.pending = nil
	g.mu.Unlock()
	err := s.commitAuditBatchSafely(context.WithoutCancel(ctx), batch)

	g.mu.Lock()
	if len(g.pending) > 0 {
		g.pending[0].answer <- auditAnswer{lead: true}
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	for _, w := range batch {
		if w != me {
			w.answer <- auditAnswer{err: err}
		}
	}
	return err
}

// commitAuditBatchSafely turns a panic during the commit into the batch's
// error: the leader must still answer its followers and pass the lead on,
// or every later audited read would wait forever.
func (s *Store) commitAuditBatchSafely(ctx context.Context, batch []*auditWaiter) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: audit batch: panic: %v", p)
		}
	}()
	return s.commitAuditBatch(ctx, batch)
}

// commitAuditBatch appends the batch's entries in order, in one write
// transaction, each chained to the one before.
func (s *Store) commitAuditBatch(ctx context.Context, batch []*auditWaiter) error {
	entries := make([]*berceau.AuditEntry, len(batch))
	for i, w := range batch {
		entries[i] = w.entry
	}
	// Entries get their ID and hashes only if the batch commits.
	stored := make([]berceau.AuditEntry, len(entries))
	err := s.writeUnseen(ctx, func(tx *Tx) error {
		// The chain's end is read once for the batch, each entry then
		// chained to the one before it.
		prev, err := tx.lockAuditChain(ctx)
		if err != nil {
			return err
		}
		for i, e := range entries {
			stored[i] = *e
			if err := tx.appendAuditAfter(ctx, &stored[i], prev); err != nil {
				return err
			}
			prev = stored[i].Hash
		}
		if s.auditGroup.afterAppend != nil {
			return s.auditGroup.afterAppend(entries)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, e := range entries {
		*e = stored[i]
	}
	return nil
}
