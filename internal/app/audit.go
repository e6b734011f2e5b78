package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// record appends an audit entry inside tx: the entry commits or rolls back
// with the change it describes.
func record(ctx context.Context, tx *store.Tx, actor berceau.Actor, action, objectType string, objectID int64,
	outcome berceau.AuditOutcome, detail string) error {
	spoilReceipts(ctx) // a page that changes something is never served again without running
	e := auditEntry(actor, action, objectType, objectID, outcome, detail)
	return tx.AppendAudit(ctx, &e)
}

func auditEntry(actor berceau.Actor, action, objectType string, objectID int64,
	outcome berceau.AuditOutcome, detail string) berceau.AuditEntry {
	e := berceau.AuditEntry{
		ActorID: actor.User.ID, ActorEmail: actor.User.Email, Action: action, ObjectType: objectType,
		Outcome: outcome, ClientAddress: actor.ClientAddress, Detail: detail,
	}
	if objectID != 0 {
		e.ObjectID = strconv.FormatInt(objectID, 10)
	}
	return e
}

// readAudited runs read in a read transaction, then writes the audit entry
// of that read, group-committed with the entries of concurrent reads
// (store.AppendAuditGrouped: one durable commit for all the pages read at
// the same moment); nothing read reaches the caller unless its own entry is
// committed. Reading inside the write transaction
// would hold SQLite's single writer for the whole read and queue every other
// page behind it (see docs/PERFORMANCE.md, follow-up at scale). read returns
// the entry's detail. A read refused as not found or forbidden is audited
// as a denial.
func (a *App) readAudited(ctx context.Context, actor berceau.Actor, action, objectType string, objectID int64,
	read func(tx *store.Tx) (string, error)) error {
	var detail string
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		detail, err = read(tx)
		return err
	}); err != nil {
		switch berceau.KindOf(err) {
		case berceau.KindNotFound, berceau.KindForbidden:
			// Out of reach, absent, or another file's record named under
			// this one: a denial, with the id that was tried.
			detail := refusalKey(err)
			if e, ok := asAuthError(err); ok {
				detail = e.detail
			}
			a.recordAlone(ctx, actor, action, objectType, objectID, berceau.OutcomeDenied, detail)
		}
		return plain(err)
	}
	e := auditEntry(actor, action, objectType, objectID, berceau.OutcomeSuccess, detail)
	if err := a.store.AppendAuditGrouped(ctx, &e); err != nil {
		return err
	}
	keepReceipt(ctx, e, objectID)
	return nil
}

// recordAlone writes an audit entry in a transaction of its own: for events
// that change nothing else (a denial, a failed sign-in already counted).
func (a *App) recordAlone(ctx context.Context, actor berceau.Actor, action, objectType string, objectID int64,
	outcome berceau.AuditOutcome, detail string) {
	spoilReceipts(ctx)
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		return record(ctx, tx, actor, action, objectType, objectID, outcome, detail)
	})
	if err != nil {
		a.log.Error("audit entry not written", "action", action, "err", err)
	}
}

// RecordDenial audits a request the access policy refused.
func (a *App) RecordDenial(ctx context.Context, actor berceau.Actor, route string) {
	a.recordAlone(ctx, actor, "access.denied", "route", 0, berceau.OutcomeDenied, route)
}
