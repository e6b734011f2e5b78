package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// Rename is a change of name (and address, for places) of an organisation,
// a site or a team. Identifiers (slugs) never change: links keep working.
type Rename struct {
	Kind    string // organisation, site or team
	ID      int64
	Name    string
	Address string
	City    string
}

// RenameUnit applies a rename, for administrators.
func (a *AdminService) RenameUnit(ctx context.Context, actor berceau.Actor, in Rename) error {
	action := "admin." + in.Kind + ".update"
	in.Name, in.Address, in.City = strings.TrimSpace(in.Name), strings.TrimSpace(in.Address), strings.TrimSpace(in.City)
	return a.write(ctx, actor, berceau.PermAdminOrganisations, auditTarget{Action: action, ObjectType: in.Kind, ObjectID: in.ID}, func(tx *store.Tx, t *auditTarget) error {
		if in.Name == "" {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"name": "error.required"}}
		}
		var err error
		switch in.Kind {
		case "organisation":
			err = tx.UpdateOrganisation(ctx, berceau.Organisation{ID: in.ID, Name: in.Name, City: in.City})
		case "site":
			err = tx.UpdateSite(ctx, berceau.Site{ID: in.ID, Name: in.Name, Address: in.Address, City: in.City})
		case "team":
			err = tx.UpdateTeam(ctx, berceau.Team{ID: in.ID, Name: in.Name})
		default:
			err = berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		t.Detail = in.Name
		return err
	})
}
