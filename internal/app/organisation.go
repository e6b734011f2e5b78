package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// ListOrganisations returns the network's organisations with their sites, for
// any signed-in professional of the network.
func (a *AdminService) ListOrganisations(ctx context.Context, actor berceau.Actor) ([]berceau.Organisation, error) {
	var orgs []berceau.Organisation
	err := a.read(ctx, actor, berceau.PermNetworkRead, nil, func(tx *store.Tx) (err error) {
		orgs, err = tx.ListOrganisations(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return orgs, nil
}

// ListSites returns every site of the network.
func (a *AdminService) ListSites(ctx context.Context, actor berceau.Actor) ([]berceau.Site, error) {
	var sites []berceau.Site
	err := a.read(ctx, actor, berceau.PermNetworkRead, nil, func(tx *store.Tx) (err error) {
		sites, err = tx.ListSites(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sites, nil
}

// ListTeams returns every care team of the network.
func (a *AdminService) ListTeams(ctx context.Context, actor berceau.Actor) ([]berceau.Team, error) {
	var teams []berceau.Team
	err := a.read(ctx, actor, berceau.PermNetworkRead, nil, func(tx *store.Tx) (err error) {
		teams, err = tx.ListTeams(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return teams, nil
}

// CreateOrganisation adds a member organisation.
func (a *AdminService) CreateOrganisation(ctx context.Context, actor berceau.Actor, o berceau.Organisation) (berceau.Organisation, error) {
	err := a.write(ctx, actor, berceau.PermAdminOrganisations, auditTarget{Action: "admin.organisation.create", ObjectType: "organisation", ObjectID: 0}, func(tx *store.Tx, t *auditTarget) error {
		if err := tx.CreateOrganisation(ctx, &o); err != nil {
			return err
		}
		t.ObjectID = o.ID
		t.Detail = o.Slug
		return nil
	})
	return o, domainError(err)
}

// CreateSite adds a site to an organisation.
func (a *AdminService) CreateSite(ctx context.Context, actor berceau.Actor, s berceau.Site) (berceau.Site, error) {
	err := a.write(ctx, actor, berceau.PermAdminOrganisations, auditTarget{Action: "admin.site.create", ObjectType: "site", ObjectID: 0}, func(tx *store.Tx, t *auditTarget) error {
		if err := tx.CreateSite(ctx, &s); err != nil {
			return err
		}
		t.ObjectID = s.ID
		t.Detail = s.Slug
		return nil
	})
	return s, domainError(err)
}

// CreateTeam adds a care team to a site.
func (a *AdminService) CreateTeam(ctx context.Context, actor berceau.Actor, t berceau.Team) (berceau.Team, error) {
	err := a.write(ctx, actor, berceau.PermAdminOrganisations, auditTarget{Action: "admin.team.create", ObjectType: "team", ObjectID: 0}, func(tx *store.Tx, entry *auditTarget) error {
		if err := tx.CreateTeam(ctx, &t); err != nil {
			return err
		}
		for _, id := range t.MemberIDs {
			if err := tx.AddTeamMember(ctx, t.ID, id); err != nil {
				return err
			}
		}
		entry.ObjectID = t.ID
		entry.Detail = t.Slug
		return nil
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
