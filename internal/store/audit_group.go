package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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
		}
		for rest := stored; len(rest) > 0; {
			n := min(len(rest), auditRowsPerInsert)
			if err := tx.appendAuditRows(ctx, rest[:n], prev); err != nil {
				return err
			}
			prev, rest = rest[n-1].Hash, rest[n:]
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

// auditRowsPerInsert bounds the rows of one INSERT (11 values each).
const auditRowsPerInsert = 64

// appendAuditRows appends entries in one INSERT, each chained to the one
// before it, the first to prev: one statement for a batch rather than one
// per entry (the statement's overhead was most of a batch's cost). The
// rows are numbered in the order of VALUES, so the ids returned, sorted,
// are the entries' in order.
func (tx *Tx) appendAuditRows(ctx context.Context, entries []berceau.AuditEntry, prev string) error {
	if len(entries) == 1 {
		return tx.appendAuditAfter(ctx, &entries[0], prev)
	}
	args := make([]any, 0, len(entries)*11)
	for i := range entries {
		e := &entries[i]
		if e.Action == "" || e.Outcome == "" {
			return fmt.Errorf("store: audit entry needs an action and an outcome (action %q, outcome %q)", e.Action, e.Outcome)
		}
		if e.At.IsZero() {
			e.At = tx.now
		}
		e.At = e.At.UTC().Truncate(time.Microsecond)
		e.PrevHash = prev
		e.Hash = e.ComputeHash(prev)
		prev = e.Hash
		args = append(args, e.At, sql.NullInt64{Int64: e.ActorID, Valid: e.ActorID != 0}, e.ActorEmail, e.Action,
			e.ObjectType, e.ObjectID, string(e.Outcome), e.ClientAddress, e.Detail, e.PrevHash, e.Hash)
	}
	what := fmt.Sprintf("append %d audit entries", len(entries))
	ids, err := queryAll(ctx, tx, what, func(r rowScanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, auditInsertSQL[len(entries)], args...)
	if err != nil {
		return err
	}
	if len(ids) != len(entries) {
		return fmt.Errorf("store: append %d audit entries: %d ids returned", len(entries), len(ids))
	}
	slices.Sort(ids)
	for i := range entries {
		entries[i].ID = ids[i]
	}
	return nil
}

// auditInsertSQL[n] is the INSERT of n audit rows, written once.
var auditInsertSQL = func() (all [auditRowsPerInsert + 1]string) {
	for n := 2; n <= auditRowsPerInsert; n++ {
		var q strings.Builder
		q.WriteString(`INSERT INTO audit_log
		(at, actor_id, actor_email, action, object_type, object_id, outcome, client_address, detail, prev_hash, hash) VALUES `)
		for i := range n {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('(')
			for c := range 11 {
				if c > 0 {
					q.WriteString(", ")
				}
				q.WriteString("$" + strconv.Itoa(i*11+c+1))
			}
			q.WriteByte(')')
		}
		q.WriteString(" RETURNING id")
		all[n] = q.String()
	}
	return all
}()
