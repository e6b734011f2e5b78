package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// ListOrganisations returns the network's organisations with their sites, for
// any signed-in professional of the network.
func (a *App) ListOrganisations(ctx context.Context, actor berceau.Actor) ([]berceau.Organisation, error) {
	if !actor.Can(berceau.PermNetworkRead) {
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var orgs []berceau.Organisation
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		orgs, err = tx.ListOrganisations(ctx)
		return err
	})
	if err != nil {
		return nil, berceau.Wrap(err, "error.internal_message")
	}
	return orgs, nil
}

// ListSites returns every site of the network.
func (a *App) ListSites(ctx context.Context, actor berceau.Actor) ([]berceau.Site, error) {
	if !actor.Can(berceau.PermNetworkRead) {
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var sites []berceau.Site
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		sites, err = tx.ListSites(ctx)
		return err
	})
	if err != nil {
		return nil, berceau.Wrap(err, "error.internal_message")
	}
	return sites, nil
}

// ListTeams returns every care team of the network.
func (a *App) ListTeams(ctx context.Context, actor berceau.Actor) ([]berceau.Team, error) {
	if !actor.Can(berceau.PermNetworkRead) {
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var teams []berceau.Team
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		teams, err = tx.ListTeams(ctx)
		return err
	})
	if err != nil {
		return nil, berceau.Wrap(err, "error.internal_message")
	}
	return teams, nil
}

// CreateOrganisation adds a member organisation.
func (a *App) CreateOrganisation(ctx context.Context, actor berceau.Actor, o berceau.Organisation) (berceau.Organisation, error) {
	if !actor.Can(berceau.PermAdminOrganisations) {
		a.recordAlone(ctx, actor, "admin.organisation.create", "organisation", 0, berceau.OutcomeDenied, "")
		return o, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrganisation(ctx, &o); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.organisation.create", "organisation", o.ID, berceau.OutcomeSuccess, o.Slug)
	})
	return o, domainError(err)
}

// CreateSite adds a site to an organisation.
func (a *App) CreateSite(ctx context.Context, actor berceau.Actor, s berceau.Site) (berceau.Site, error) {
	if !actor.Can(berceau.PermAdminOrganisations) {
		a.recordAlone(ctx, actor, "admin.site.create", "site", 0, berceau.OutcomeDenied, "")
		return s, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSite(ctx, &s); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.site.create", "site", s.ID, berceau.OutcomeSuccess, s.Slug)
	})
	return s, domainError(err)
}

// CreateTeam adds a care team to a site.
func (a *App) CreateTeam(ctx context.Context, actor berceau.Actor, t berceau.Team) (berceau.Team, error) {
	if !actor.Can(berceau.PermAdminOrganisations) {
		a.recordAlone(ctx, actor, "admin.team.create", "team", 0, berceau.OutcomeDenied, "")
		return t, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateTeam(ctx, &t); err != nil {
			return err
		}
		for _, id := range t.MemberIDs {
			if err := tx.AddTeamMember(ctx, t.ID, id); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "admin.team.create", "team", t.ID, berceau.OutcomeSuccess, t.Slug)
	})
	return t, domainError(err)
}

// domainError keeps domain errors as they are and wraps anything else as
// internal, so handlers never show a raw database error.
func domainError(err error) error {
	if err == nil {
		return nil
	}
	if berceau.KindOf(err) == berceau.KindInternal {
		return berceau.Wrap(err, "error.internal_message")
	}
	return err
}
