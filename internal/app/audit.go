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
	e := berceau.AuditEntry{
		ActorID: actor.User.ID, ActorEmail: actor.User.Email, Action: action, ObjectType: objectType,
		Outcome: outcome, ClientAddress: actor.ClientAddress, Detail: detail,
	}
	if objectID != 0 {
		e.ObjectID = strconv.FormatInt(objectID, 10)
	}
	return tx.AppendAudit(ctx, &e)
}

// recordAlone writes an audit entry in a transaction of its own: for events
// that change nothing else (a denial, a failed sign-in already counted).
func (a *App) recordAlone(ctx context.Context, actor berceau.Actor, action, objectType string, objectID int64,
	outcome berceau.AuditOutcome, detail string) {
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
