package app

import (
	"context"
	"sync"

	"github.com/berceau/berceau"
)

// ReadReceipt is the audit entry an audited read committed, without its
// actor: what a page served again from a cache must write again, word for
// word, for the person who sees it.
type ReadReceipt struct {
	Action, ObjectType string
	ObjectID           int64
	Detail             string
}

// ReadReceipts collects the receipts of the audited reads made under one
// context (one page). Spoiled is set when anything else was audited under
// it (a denial, a failure, a change): such a page must not be served again
// without running.
type ReadReceipts struct {
	mu       sync.Mutex
	receipts []ReadReceipt
	spoiled  bool
}

type receiptsKey struct{}

// WithReadReceipts returns a context under which the audited reads of the
// use cases leave their receipts in the returned collector.
func WithReadReceipts(ctx context.Context) (context.Context, *ReadReceipts) {
	c := &ReadReceipts{}
	return context.WithValue(ctx, receiptsKey{}, c), c
}

// Receipts returns the receipts collected and whether they are the whole
// audit of the page: at least one read, nothing else audited.
func (c *ReadReceipts) Receipts() ([]ReadReceipt, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]ReadReceipt(nil), c.receipts...), len(c.receipts) > 0 && !c.spoiled
}

func receiptsOf(ctx context.Context) *ReadReceipts {
	c, _ := ctx.Value(receiptsKey{}).(*ReadReceipts)
	return c
}

// keepReceipt notes a committed audited read.
func keepReceipt(ctx context.Context, e berceau.AuditEntry, objectID int64) {
	if c := receiptsOf(ctx); c != nil {
		c.mu.Lock()
		c.receipts = append(c.receipts, ReadReceipt{Action: e.Action, ObjectType: e.ObjectType, ObjectID: objectID, Detail: e.Detail})
		c.mu.Unlock()
	}
}

// spoilReceipts notes that something other than a successful read was
// audited under ctx.
func spoilReceipts(ctx context.Context) {
	if c := receiptsOf(ctx); c != nil {
		c.mu.Lock()
		c.spoiled = true
		c.mu.Unlock()
	}
}

// RecordRepeatedReads audits a page served again without reading: the
// same entries its reads wrote, now for actor, each group-committed and
// durable before it returns (as readAudited's are). The caller serves the
// page only if it returns nil.
func (a *App) RecordRepeatedReads(ctx context.Context, actor berceau.Actor, receipts []ReadReceipt) error {
	// The pages kept are those of people who may read family files; the
	// scope was checked by the reads that wrote the receipts, and nothing
	// was written since (the caller's generation), so it still holds.
	if !actor.Can(berceau.PermFamiliesRead) || actor.System {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	for _, r := range receipts {
		e := auditEntry(actor, r.Action, r.ObjectType, r.ObjectID, berceau.OutcomeSuccess, r.Detail)
		if err := a.store.AppendAuditGrouped(ctx, &e); err != nil {
			return domainError(err)
		}
	}
	return nil
}
