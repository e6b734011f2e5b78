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
func (a *App) RenameUnit(ctx context.Context, actor berceau.Actor, in Rename) error {
	action := "admin." + in.Kind + ".update"
	if !actor.Can(berceau.PermAdminOrganisations) {
		a.recordAlone(ctx, actor, action, in.Kind, in.ID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	in.Name, in.Address, in.City = strings.TrimSpace(in.Name), strings.TrimSpace(in.Address), strings.TrimSpace(in.City)
	if in.Name == "" {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"name": "error.required"}}
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
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
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, action, in.Kind, in.ID, berceau.OutcomeSuccess, in.Name)
	}))
}
