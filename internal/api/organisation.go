package api

import (
	"context"
	"time"

	"github.com/berceau/berceau"
)

// organisation is a member organisation of the network with its sites.
type organisation struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Name      string    `json:"name"`
	City      string    `json:"city"`
	CreatedAt time.Time `json:"created_at"`
	Sites     []site    `json:"sites" nullable:"false"`
}

// site is a place where an organisation's teams work with families.
type site struct {
	ID             int64     `json:"id"`
	OrganisationID int64     `json:"organisation_id"`
	Slug           string    `json:"slug"`
	Name           string    `json:"name"`
	Address        string    `json:"address"`
	City           string    `json:"city"`
	CreatedAt      time.Time `json:"created_at"`
}

// team is a care team of a site.
type team struct {
	ID        int64     `json:"id"`
	SiteID    int64     `json:"site_id"`
	Slug      string    `json:"slug"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	MemberIDs []int64   `json:"member_ids" nullable:"false" doc:"Ids of the team's members."`
}

type organisationList struct {
	Organisations []organisation `json:"organisations" nullable:"false"`
}

type siteList struct {
	Sites []site `json:"sites" nullable:"false"`
}

type teamList struct {
	Teams []team `json:"teams" nullable:"false"`
}

type organisationsOutput struct{ Body organisationList }
type organisationOutput struct{ Body organisation }
type sitesOutput struct{ Body siteList }
type teamsOutput struct{ Body teamList }

type organisationInput struct {
	ID int64 `path:"id" minimum:"1" doc:"The organisation's id."`
}

func (s *server) listOrganisations(ctx context.Context, _ *struct{}) (*organisationsOutput, error) {
	orgs, err := s.app.Admin.ListOrganisations(ctx, actorOf(ctx))
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &organisationsOutput{Body: organisationList{Organisations: make([]organisation, 0, len(orgs))}}
	for _, o := range orgs {
		out.Body.Organisations = append(out.Body.Organisations, organisationJSON(o))
	}
	return out, nil
}

// getOrganisation filters the list: the network has few organisations.
func (s *server) getOrganisation(ctx context.Context, in *organisationInput) (*organisationOutput, error) {
	orgs, err := s.app.Admin.ListOrganisations(ctx, actorOf(ctx))
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	for _, o := range orgs {
		if o.ID == in.ID {
			return &organisationOutput{Body: organisationJSON(o)}, nil
		}
	}
	return nil, notFound("error.organisation_not_found")
}

func (s *server) listSites(ctx context.Context, _ *struct{}) (*sitesOutput, error) {
	sites, err := s.app.Admin.ListSites(ctx, actorOf(ctx))
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &sitesOutput{Body: siteList{Sites: make([]site, 0, len(sites))}}
	for _, st := range sites {
		out.Body.Sites = append(out.Body.Sites, siteJSON(st))
	}
	return out, nil
}

func (s *server) listTeams(ctx context.Context, _ *struct{}) (*teamsOutput, error) {
	teams, err := s.app.Admin.ListTeams(ctx, actorOf(ctx))
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &teamsOutput{Body: teamList{Teams: make([]team, 0, len(teams))}}
	for _, t := range teams {
		members := append(make([]int64, 0, len(t.MemberIDs)), t.MemberIDs...)
		out.Body.Teams = append(out.Body.Teams, team{ID: t.ID, SiteID: t.SiteID, Slug: t.Slug, Name: t.Name,
			CreatedAt: t.CreatedAt, MemberIDs: members})
	}
	return out, nil
}

func organisationJSON(o berceau.Organisation) organisation {
	out := organisation{ID: o.ID, Slug: o.Slug, Name: o.Name, City: o.City, CreatedAt: o.CreatedAt,
		Sites: make([]site, 0, len(o.Sites))}
	for _, st := range o.Sites {
		out.Sites = append(out.Sites, siteJSON(st))
	}
	return out
}

func siteJSON(st berceau.Site) site {
	return site{ID: st.ID, OrganisationID: st.OrganisationID, Slug: st.Slug, Name: st.Name,
		Address: st.Address, City: st.City, CreatedAt: st.CreatedAt}
}
