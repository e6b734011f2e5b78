package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// AuditTrail returns a page of the audit trail, for administrators.
func (a *AdminService) AuditTrail(ctx context.Context, actor berceau.Actor, f berceau.AuditFilter) (berceau.AuditPage, error) {
	var page berceau.AuditPage
	err := a.read(ctx, actor, berceau.PermAdminAudit, &auditTarget{Action: "admin.audit.read", ObjectType: "audit"}, func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(ctx, f)
		return err
	})
	return page, err
}
