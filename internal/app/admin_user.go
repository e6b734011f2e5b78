package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// outboxPageSize is how many messages the outbox page shows.
const outboxPageSize = 100

// ListUsers returns every account, for administrators.
func (a *App) ListUsers(ctx context.Context, actor berceau.Actor) ([]berceau.User, error) {
	if !actor.Can(berceau.PermAdminUsers) {
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var users []berceau.User
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		users, err = tx.ListUsers(ctx)
		return err
	})
	return users, domainError(err)
}

// User returns one account, for administrators.
func (a *App) User(ctx context.Context, actor berceau.Actor, userID int64) (berceau.User, error) {
	if !actor.Can(berceau.PermAdminUsers) {
		return berceau.User{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var u berceau.User
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.UserByID(ctx, userID)
		return err
	})
	return u, domainError(err)
}

// SetRoles replaces an account's role grants.
func (a *App) SetRoles(ctx context.Context, actor berceau.Actor, userID int64, grants []berceau.RoleGrant) error {
	if !actor.Can(berceau.PermAdminUsers) {
		a.recordAlone(ctx, actor, "admin.user.roles", "user", userID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	for _, g := range grants {
		if !g.Role.Valid() {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"roles": "error.role_unknown"}}
		}
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if err := checkGrantPlaces(ctx, tx, grants); err != nil {
			return err
		}
		if err := tx.ReplaceRoles(ctx, userID, grants); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.user.roles", "user", userID, berceau.OutcomeSuccess, roleSummary(grants))
	}))
}

// SetDisabled disables an account (ending all its sessions) or enables it
// again. Administrators cannot disable themselves.
func (a *App) SetDisabled(ctx context.Context, actor berceau.Actor, userID int64, disabled bool) error {
	if !actor.Can(berceau.PermAdminUsers) {
		a.recordAlone(ctx, actor, "admin.user.disable", "user", userID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if disabled && userID == actor.User.ID {
		return berceau.Errorf(berceau.KindInvalid, "error.cannot_disable_self")
	}
	action := "admin.user.enable"
	if disabled {
		action = "admin.user.disable"
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if err := tx.SetUserDisabled(ctx, userID, disabled); err != nil {
			return err
		}
		if disabled {
			if _, err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, action, "user", userID, berceau.OutcomeSuccess, "")
	}))
}

// EndAllSessions ends every session of an account, for administrators.
func (a *App) EndAllSessions(ctx context.Context, actor berceau.Actor, userID int64) error {
	if !actor.Can(berceau.PermAdminUsers) {
		a.recordAlone(ctx, actor, "admin.user.sessions_end", "user", userID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.user.sessions_end", "user", userID, berceau.OutcomeSuccess, "")
	}))
}

// Outbox returns the newest mail Berceau wrote, for administrators. Reading
// it is audited: messages hold single-use links.
func (a *App) Outbox(ctx context.Context, actor berceau.Actor) ([]store.OutboxMessage, error) {
	if !actor.Can(berceau.PermAdminOutbox) {
		a.recordAlone(ctx, actor, "admin.outbox.read", "outbox", 0, berceau.OutcomeDenied, "")
		return nil, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var list []store.OutboxMessage
	err := a.store.WriteTx(ctx, func(tx *store.Tx) (err error) {
		if list, err = tx.ListOutbox(ctx, outboxPageSize); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.outbox.read", "outbox", 0, berceau.OutcomeSuccess, "")
	})
	return list, domainError(err)
}

// SetTeams puts an account in exactly the given care teams.
func (a *App) SetTeams(ctx context.Context, actor berceau.Actor, userID int64, teamIDs []int64) error {
	if !actor.Can(berceau.PermAdminUsers) {
		a.recordAlone(ctx, actor, "admin.user.teams", "user", userID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if ok, err := tx.TeamsExist(ctx, teamIDs); err != nil || !ok {
			if err != nil {
				return err
			}
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"teams": "hardening_scope.team_unknown"}}
		}
		if err := tx.ReplaceTeamMemberships(ctx, userID, teamIDs); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.user.teams", "user", userID, berceau.OutcomeSuccess, strconv.Itoa(len(teamIDs))+" team(s)")
	}))
}

// ResetSecondFactor removes an account's second factor (a lost phone) and
// ends its sessions; the person sets up a new one at their next sign-in.
func (a *App) ResetSecondFactor(ctx context.Context, actor berceau.Actor, userID int64) error {
	if !actor.Can(berceau.PermAdminUsers) {
		a.recordAlone(ctx, actor, "admin.user.second_factor_reset", "user", userID, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if err := tx.ClearTOTP(ctx, userID); err != nil {
			return err
		}
		if _, err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.user.second_factor_reset", "user", userID, berceau.OutcomeSuccess, "")
	}))
}

// checkGrantPlaces refuses, inside the transaction that writes them, role
// grants whose organisation or site does not exist, or whose site is not of
// that organisation: a form may name anything.
func checkGrantPlaces(ctx context.Context, tx *store.Tx, grants []berceau.RoleGrant) error {
	for _, g := range grants {
		ok, err := tx.PlaceExists(ctx, g.OrganisationID, g.SiteID)
		if err != nil {
			return err
		}
		if !ok {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"roles": "hardening_scope.grant_place_unknown"}}
		}
	}
	return nil
}
