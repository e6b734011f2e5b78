package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// AuditTrail returns a page of the audit trail, for administrators.
func (a *App) AuditTrail(ctx context.Context, actor berceau.Actor, f berceau.AuditFilter) (berceau.AuditPage, error) {
	if !actor.Can(berceau.PermAdminAudit) {
		a.recordAlone(ctx, actor, "admin.audit.read", "audit", 0, berceau.OutcomeDenied, "")
		return berceau.AuditPage{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var page berceau.AuditPage
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(ctx, f)
		return err
	})
	return page, domainError(err)
}
