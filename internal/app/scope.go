package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// FamilyScope computes which family files the actor may open: the sites they
// coordinate, the care teams they belong to and the files they broke the
// glass for (until the grant expires), and only if their role lets
// them read family files at all. Use cases pass it to the store, whose
// queries filter by it.
func (a *App) FamilyScope(ctx context.Context, actor berceau.Actor) (berceau.FamilyScope, error) {
	var scope berceau.FamilyScope
	if !actor.Can(berceau.PermFamiliesRead) || actor.System {
		return scope, nil
	}
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		scope, err = familyScopeTx(ctx, tx, actor)
		return err
	})
	return scope, domainError(err)
}

// familyScopeTx is FamilyScope read inside tx, for the checks a write
// transaction makes again on what it acts upon.
func familyScopeTx(ctx context.Context, tx *store.Tx, actor berceau.Actor) (berceau.FamilyScope, error) {
	var scope berceau.FamilyScope
	if !actor.Can(berceau.PermFamiliesRead) || actor.System {
		return scope, nil
	}
	// A trainee whose internship ended reaches no file, whatever the actor
	// was loaded with (internship_access.go).
	if ended, err := internshipAccessEnded(ctx, tx, actor.User, tx.Now()); err != nil || ended {
		return scope, err
	}
	// The sites are read only for a coordinator of a whole organisation:
	// the other roles' scopes do not need them (every family page read
	// them all: 60 % of computing a nurse's scope).
	var sites []berceau.Site
	var sitesErr error
	sitesRead := false
	sitesOf := func(org int64) []int64 {
		if !sitesRead {
			sites, sitesErr = tx.ListSites(ctx)
			sitesRead = true
		}
		var ids []int64
		for _, s := range sites {
			if s.OrganisationID == org {
				ids = append(ids, s.ID)
			}
		}
		return ids
	}
	scope.SiteIDs = berceau.CoordinatedSites(actor.User.Roles, sitesOf)
	if sitesErr != nil {
		return berceau.FamilyScope{}, sitesErr
	}
	var err error
	if scope.TeamIDs, err = tx.TeamIDsOfUser(ctx, actor.User.ID); err != nil {
		return scope, err
	}
	scope.FamilyIDs, err = tx.GrantedFamilies(ctx, actor.User.ID)
	return scope, err
}
