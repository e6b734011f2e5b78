package api

import (
	"context"
	"sort"

	"github.com/berceau/berceau"
)

// account is the person a token belongs to, with what the token allows.
type account struct {
	ID          int64       `json:"id"`
	Email       string      `json:"email" format:"email"`
	DisplayName string      `json:"display_name"`
	Discipline  string      `json:"discipline" doc:"Field of practice; empty when not given."`
	Locale      string      `json:"locale" doc:"Preferred language (fr or en); empty when not chosen."`
	Roles       []roleGrant `json:"roles" nullable:"false"`
	Permissions []string    `json:"permissions" nullable:"false" doc:"What this token allows, sorted: its scopes that the owner still holds."`
}

// roleGrant is one role of a person over the network, an organisation or a site.
type roleGrant struct {
	Role           string `json:"role"`
	OrganisationID int64  `json:"organisation_id" doc:"0 when the role covers the whole network."`
	SiteID         int64  `json:"site_id" doc:"0 when the role covers a whole organisation or the network."`
}

type meOutput struct{ Body account }

func (s *server) me(ctx context.Context, _ *struct{}) (*meOutput, error) {
	actor := actorOf(ctx)
	u := actor.User
	out := &meOutput{Body: account{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName,
		Discipline: string(u.Discipline), Locale: u.Locale,
		Roles: make([]roleGrant, 0, len(u.Roles)), Permissions: permissionNames(actor.Permissions)}}
	for _, g := range u.Roles {
		out.Body.Roles = append(out.Body.Roles, roleGrant{Role: string(g.Role), OrganisationID: g.OrganisationID, SiteID: g.SiteID})
	}
	return out, nil
}

func permissionNames(ps berceau.Permissions) []string {
	names := make([]string, 0, len(ps))
	for p, held := range ps {
		if held {
			names = append(names, string(p))
		}
	}
	sort.Strings(names)
	return names
}
