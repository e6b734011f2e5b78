package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// glassGrant is how long a break-the-glass opening lasts.
const glassGrant = 60 * time.Minute

// BreakGlass opens a family file outside the actor's care teams and sites,
// for a stated reason, for 60 minutes. The opening is audited as such and
// listed for the site's coordinator to review. Only professionals who read
// family files at all may; the reason is kept with the grant (for the
// coordinator), not in the audit trail.
func (a *App) BreakGlass(ctx context.Context, actor berceau.Actor, familyID int64, reason string) (store.AccessGrant, error) {
	g := store.AccessGrant{FamilyID: familyID, UserID: actor.User.ID, Reason: strings.TrimSpace(reason)}
	if !actor.Can(berceau.PermFamiliesRead) || actor.System {
		a.recordAlone(ctx, actor, "family.break_glass", "family", familyID, berceau.OutcomeDenied, "")
		return g, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if utf8.RuneCountInString(g.Reason) < 10 {
		return g, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"reason": "glass.reason_required"}}
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.FamilyByID(ctx, familyID); err != nil {
			return err
		}
		g.ExpiresAt = tx.Now().Add(glassGrant)
		if err := tx.CreateAccessGrant(ctx, &g); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.break_glass", "family", familyID, berceau.OutcomeSuccess, "break the glass: 60 min grant, to be reviewed")
	})
	if berceau.IsNotFound(err) {
		// Probing for files that do not exist is audited too.
		a.recordAlone(ctx, actor, "family.break_glass", "family", familyID, berceau.OutcomeDenied, "absent")
	}
	return g, domainError(err)
}

// AccessGrantsToReview lists the break-the-glass openings of files of the
// sites the actor coordinates.
func (a *App) AccessGrantsToReview(ctx context.Context, actor berceau.Actor) ([]store.AccessGrant, error) {
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return nil, err
	}
	if len(scope.SiteIDs) == 0 {
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var list []store.AccessGrant
	err = a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		list, err = tx.AccessGrantsAtSites(ctx, scope.SiteIDs)
		return err
	})
	return list, domainError(err)
}

// ReviewAccessGrant marks a break-the-glass opening as reviewed by the
// coordinator of the file's site.
func (a *App) ReviewAccessGrant(ctx context.Context, actor berceau.Actor, grantID int64) error {
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return err
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		site, err := tx.AccessGrantSite(ctx, grantID)
		if err != nil {
			return err
		}
		if !containsID(scope.SiteIDs, site) {
			return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
		}
		ok, err := tx.ReviewAccessGrant(ctx, grantID, actor.User.ID)
		if err != nil {
			return err
		}
		if !ok {
			return berceau.Errorf(berceau.KindConflict, "glass.already_reviewed")
		}
		return record(ctx, tx, actor, "family.break_glass.review", "access_grant", grantID, berceau.OutcomeSuccess, "")
	}))
}

// FileAccessLog answers "who opened this file": the audit entries about a
// family, for the coordinator of its site. A file of another site answers
// exactly like a missing one, and both are audited as denials; the view
// itself is audited as a read of the file.
func (a *App) FileAccessLog(ctx context.Context, actor berceau.Actor, familyID int64, page int) (berceau.AuditPage, error) {
	const action = "family.access_log.read"
	if !actor.Can(berceau.PermAssignments) || actor.System {
		a.recordAlone(ctx, actor, action, "family", familyID, berceau.OutcomeDenied, "")
		return berceau.AuditPage{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	scope, err := a.FamilyScope(ctx, actor)
	if err != nil {
		return berceau.AuditPage{}, err
	}
	var out berceau.AuditPage
	err = a.readAudited(ctx, actor, action, "family", familyID, func(tx *store.Tx) (string, error) {
		f, err := tx.FamilyByID(ctx, familyID)
		if err != nil {
			return "", err
		}
		if !containsID(scope.SiteIDs, f.SiteID) {
			return "", berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
		}
		out, err = tx.ListAudit(ctx, berceau.AuditFilter{ObjectType: "family", ObjectID: strconv.FormatInt(familyID, 10), Page: page})
		return "page " + strconv.Itoa(out.Page), err
	})
	if berceau.IsNotFound(err) { // audited by readAudited
		return berceau.AuditPage{}, berceau.Errorf(berceau.KindNotFound, "error.family_not_found")
	}
	return out, domainError(err)
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
