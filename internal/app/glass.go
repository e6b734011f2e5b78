package app

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// glassGrant is how long a break-the-glass opening lasts.
const glassGrant = 60 * time.Minute

// BreakGlass opens a family file outside the actor's care teams and sites,
// for a stated reason, for 60 minutes, to read it only: the opening gives no
// right to change the file (see familyInWriteScope). The opening is audited
// as such and listed for review by the site's coordinator, or by the
// network's administrators where the site has none. Only professionals who
// read family files by a role other than trainee may, and only for a file of
// their own organisation. The reason is kept with the grant (for the
// reviewer), not in the audit trail.
func (a *CareService) breakGlass(ctx context.Context, actor berceau.Actor, familyID int64, reason string) (store.AccessGrant, error) {
	g := store.AccessGrant{FamilyID: familyID, UserID: actor.User.ID, Reason: strings.TrimSpace(reason)}
	if utf8.RuneCountInString(g.Reason) < 10 && actor.Can(berceau.PermFamiliesRead) {
		return g, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"reason": "access_grant.reason_required"}}
	}
	var refused error
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if !actor.Can(berceau.PermFamiliesRead) || actor.System {
			return forbidden()
		}
		f, err := tx.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		if why, err := a.glassRefusal(ctx, tx, actor, f); err != nil || why != "" {
			if err != nil {
				return err
			}
			refused = berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
			return record(ctx, tx, actor, "family.break_glass", "family", familyID, berceau.OutcomeDenied, why)
		}
		g.ExpiresAt = tx.Now().Add(glassGrant)
		if err := tx.CreateAccessGrant(ctx, &g); err != nil {
			return err
		}
		return record(ctx, tx, actor, "family.break_glass", "family", familyID, berceau.OutcomeSuccess, "break the glass: 60 min read-only grant, to be reviewed")
	})
	if err == nil && refused != nil {
		return g, refused
	}
	if e, ok := asAuthError(err); ok {
		a.recordAlone(ctx, actor, "family.break_glass", "family", familyID, berceau.OutcomeDenied, e.detail)
		return g, e.err
	}
	if berceau.IsNotFound(err) {
		// Probing for files that do not exist is audited too.
		a.recordAlone(ctx, actor, "family.break_glass", "family", familyID, berceau.OutcomeDenied, "absent")
	}
	return g, domainError(err)
}

// glassRefusal says why the actor may not break the glass on f ("" when
// they may): a role that reads files other than trainee is needed, granted
// over the whole network or over the organisation of the file's site.
func (a *CareService) glassRefusal(ctx context.Context, tx *store.Tx, actor berceau.Actor, f care.Family) (string, error) {
	table, err := tx.RolePermissions(ctx)
	if err != nil {
		return "", err
	}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return "", err
	}
	var org int64
	for _, s := range sites {
		if s.ID == f.SiteID {
			org = s.OrganisationID
		}
	}
	why := "trainees may not break the glass"
	for _, g := range actor.User.Roles {
		if g.Role == berceau.RoleTrainee || !containsPermission(table[g.Role], berceau.PermFamiliesRead) {
			continue
		}
		if g.OrganisationID == 0 || g.OrganisationID == org {
			return "", nil
		}
		why = "file of another organisation"
	}
	return why, nil
}

func containsPermission(list []berceau.Permission, p berceau.Permission) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// reviewSites lists the sites whose break-the-glass openings the actor
// reviews: those they coordinate (with the assignments permission), and,
// for the network's administrators (who read the audit trail), the sites
// no coordinator covers, so that no opening goes unreviewed. Whoever holds
// neither permission reviews nothing: forbidden.
func reviewSites(ctx context.Context, tx *store.Tx, actor berceau.Actor) ([]int64, error) {
	coordinates, audits := actor.Can(berceau.PermAssignments), actor.Can(berceau.PermAdminAudit) && !actor.System
	if !coordinates && !audits {
		return nil, forbidden()
	}
	var sites []int64
	if coordinates {
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return nil, err
		}
		sites = append(sites, scope.SiteIDs...)
	}
	if audits {
		uncovered, err := tx.SitesWithoutCoordinator(ctx)
		if err != nil {
			return nil, err
		}
		sites = append(sites, uncovered...)
	}
	if len(sites) == 0 && !audits {
		return nil, forbidden()
	}
	return sites, nil
}

// AccessGrantsToReview lists the break-the-glass openings the actor reviews
// (see reviewSites), unreviewed first.
func (a *CareService) accessGrantsToReview(ctx context.Context, actor berceau.Actor) ([]store.AccessGrant, error) {
	var list []store.AccessGrant
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		sites, err := reviewSites(ctx, tx, actor)
		if err != nil {
			return err
		}
		list, err = tx.AccessGrantsAtSites(ctx, sites)
		return err
	})
	return list, domainError(plain(err))
}

// ReviewAccessGrant marks a break-the-glass opening as reviewed by whoever
// reviews its site (see reviewSites).
func (a *CareService) ReviewAccessGrant(ctx context.Context, actor berceau.Actor, grantID int64) error {
	return a.write(ctx, actor, "", auditTarget{Action: "family.break_glass.review", ObjectType: "access_grant", ObjectID: grantID},
		func(tx *store.Tx, _ *auditTarget) error {
			sites, err := reviewSites(ctx, tx, actor)
			if err != nil {
				return err
			}
			site, err := tx.AccessGrantSite(ctx, grantID)
			if err != nil {
				return err
			}
			if !containsID(sites, site) {
				return forbidden() // another site's opening: audited as a denial
			}
			ok, err := tx.ReviewAccessGrant(ctx, grantID, actor.User.ID)
			if err != nil {
				return err
			}
			if !ok {
				return berceau.Errorf(berceau.KindConflict, "access_grant.already_reviewed")
			}
			return nil
		})
}

// FileAccessLog answers "who opened this file": the audit entries about a
// family, for the coordinator of its site. A file of another site answers
// exactly like a missing one, and both are audited as denials; the view
// itself is audited as a read of the file.
func (a *CareService) FileAccessLog(ctx context.Context, actor berceau.Actor, familyID int64, page int) (berceau.AuditPage, error) {
	var out berceau.AuditPage
	err := a.familyRead(ctx, actor, berceau.PermAssignments, familyID, "family.access_log.read", func(tx *store.Tx, f care.Family) (string, error) {
		// The coordinator of the file's site, not its care team.
		scope, err := familyScopeTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		if !containsID(scope.SiteIDs, f.SiteID) {
			return "", outOfReach()
		}
		out, err = tx.ListAudit(ctx, berceau.AuditFilter{ObjectType: "family", ObjectID: strconv.FormatInt(familyID, 10), Page: page})
		return "page " + strconv.Itoa(out.Page), err
	})
	if err != nil {
		return berceau.AuditPage{}, err
	}
	return out, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// BreakGlassExpiry tells whether the actor is reading a family file through
// a break-the-glass opening, and until when: every page of that file says
// so. It reads only the actor's own grants, so it needs no scope check.
func (a *CareService) BreakGlassExpiry(ctx context.Context, actor berceau.Actor, familyID int64) (time.Time, bool) {
	var expires time.Time
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		expires, err = glassUntil(ctx, tx, actor, familyID)
		return err
	})
	return expires, !expires.IsZero() && err == nil
}

// glassUntil is BreakGlassExpiry inside a page's own read: when the actor's
// break-the-glass opening of the file ends, zero when they read it without
// one. The family file and its follow-up read it in their transaction, one
// read transaction fewer per view.
func glassUntil(ctx context.Context, tx *store.Tx, actor berceau.Actor, familyID int64) (time.Time, error) {
	if !actor.SignedIn() || actor.System || !actor.Can(berceau.PermFamiliesRead) {
		return time.Time{}, nil
	}
	expires, ok, err := tx.GrantExpiry(ctx, actor.User.ID, familyID)
	if err != nil || !ok {
		return time.Time{}, err
	}
	return expires, nil
}
