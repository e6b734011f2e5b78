package app

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// outboxPageSize is how many messages the outbox page shows.
const outboxPageSize = 100

// ListUsers returns every account, for administrators.
func (a *AdminService) ListUsers(ctx context.Context, actor berceau.Actor) ([]berceau.User, error) {
	var users []berceau.User
	err := a.read(ctx, actor, berceau.PermAdminUsers, nil, func(tx *store.Tx) (err error) {
		users, err = tx.ListUsers(ctx)
		return err
	})
	return users, err
}

// User returns one account, for administrators.
func (a *AdminService) User(ctx context.Context, actor berceau.Actor, userID int64) (berceau.User, error) {
	var u berceau.User
	err := a.read(ctx, actor, berceau.PermAdminUsers, nil, func(tx *store.Tx) (err error) {
		u, err = tx.UserByID(ctx, userID)
		return err
	})
	return u, err
}

// SetRoles replaces an account's role grants. Nobody grants a role to
// themselves (an administrator cannot make themselves a coordinator and read
// files); removing one's own roles is allowed. When the grants change, every
// session of the account ends and its tokens are revoked: what a session or
// a token may do was decided under the old roles.
func (a *AdminService) SetRoles(ctx context.Context, actor berceau.Actor, userID int64, grants []berceau.RoleGrant) error {
	selfGrant := false
	err := a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: "admin.user.roles", ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, t *auditTarget) error {
		for _, g := range grants {
			if !g.Role.Valid() {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"roles": "error.role_unknown"}}
			}
		}
		u, err := tx.UserByID(ctx, userID)
		if err != nil {
			return err
		}
		if userID == actor.User.ID && !actor.System && !grantsWithin(grants, u.Roles) {
			selfGrant = true
			t.Skip = true // the refusal is its own entry
			return record(ctx, tx, actor, "admin.user.roles", "user", userID, berceau.OutcomeDenied, "granting oneself a role: "+roleSummary(grants))
		}
		if err := checkGrantPlaces(ctx, tx, grants); err != nil {
			return err
		}
		if err := tx.ReplaceRoles(ctx, userID, grants); err != nil {
			return err
		}
		detail := roleSummary(grants)
		if !sameGrants(grants, u.Roles) {
			sessions, err := tx.DeleteUserSessions(ctx, userID, "")
			if err != nil {
				return err
			}
			tokens, err := tx.RevokeUserAPITokens(ctx, userID)
			if err != nil {
				return err
			}
			detail += "; " + strconv.FormatInt(sessions, 10) + " session(s) ended, " + strconv.FormatInt(tokens, 10) + " token(s) revoked"
		}
		t.Detail = detail
		return nil
	})
	if err == nil && selfGrant {
		return berceau.Errorf(berceau.KindForbidden, "account_security.no_self_grant")
	}
	return domainError(err)
}

// grantsWithin reports whether every grant of next is already in held.
func grantsWithin(next, held []berceau.RoleGrant) bool {
	for _, g := range next {
		found := false
		for _, h := range held {
			if g == h {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sameGrants reports whether two lists hold the same grants.
func sameGrants(a, b []berceau.RoleGrant) bool { return grantsWithin(a, b) && grantsWithin(b, a) }

// SetDisabled disables an account (ending all its sessions) or enables it
// again. Administrators cannot disable themselves.
func (a *AdminService) SetDisabled(ctx context.Context, actor berceau.Actor, userID int64, disabled bool) error {
	action := "admin.user.enable"
	if disabled {
		action = "admin.user.disable"
	}
	return a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: "admin.user.disable", ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, t *auditTarget) error {
		if disabled && userID == actor.User.ID {
			return berceau.Errorf(berceau.KindInvalid, "error.cannot_disable_self")
		}
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
		t.Action = action
		return nil
	})
}

// EndAllSessions ends every session of an account, for administrators.
func (a *AdminService) EndAllSessions(ctx context.Context, actor berceau.Actor, userID int64) error {
	return a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: "admin.user.sessions_end", ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, _ *auditTarget) error {
		_, err := tx.DeleteUserSessions(ctx, userID, "")
		return err
	})
}

// Outbox returns the newest mail Berceau wrote, for administrators, with
// every link hidden: invitations and resets carry single-use links, and an
// administrator who could read them could set someone's password. Reading
// it is audited.
func (a *AdminService) outbox(ctx context.Context, actor berceau.Actor) ([]store.OutboxMessage, error) {
	var list []store.OutboxMessage
	err := a.readAudited(ctx, actor, "admin.outbox.read", "outbox", 0, func(tx *store.Tx) (detail string, err error) {
		if !actor.Can(berceau.PermAdminOutbox) {
			return "", forbidden()
		}
		list, err = tx.ListOutbox(ctx, outboxPageSize)
		return "", err
	})
	for i := range list {
		list[i].Body = RedactLinks(list[i].Body)
	}
	return list, domainError(err)
}

// OperatorOutbox returns the unsent mail, links included, for the operator of
// the server (the command line): without an SMTP server, they are the one
// who passes invitations and resets on. To whom it is limited when to is
// not empty. Reading it is audited.
func (a *AdminService) operatorOutbox(ctx context.Context, actor berceau.Actor, to string) ([]store.OutboxMessage, error) {
	to = berceau.NormalizeEmail(to)
	var list []store.OutboxMessage
	// The operator is the system actor, not a role: no permission names it.
	err := a.readAudited(ctx, actor, "admin.outbox.read_links", "outbox", 0, func(tx *store.Tx) (string, error) {
		if !actor.System {
			return "", forbidden()
		}
		unsent, err := tx.UnsentMail(ctx, outboxPageSize)
		if err != nil {
			return "", err
		}
		for _, m := range unsent {
			if to == "" || m.Recipient == to {
				list = append(list, m)
			}
		}
		return strconv.Itoa(len(list)) + " message(s)", nil
	})
	return list, err
}

// SetTeams puts an account in exactly the given care teams.
func (a *AdminService) SetTeams(ctx context.Context, actor berceau.Actor, userID int64, teamIDs []int64) error {
	return a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: "admin.user.teams", ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, t *auditTarget) error {
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
		t.Detail = strconv.Itoa(len(teamIDs)) + " team(s)"
		return nil
	})
}

// RequestSecondFactorReset asks for an account's second factor to be
// removed (a lost phone). One administrator cannot do it alone: the removal
// happens only when another administrator approves (ApproveSecondFactorReset),
// so that a single administrator cannot take over a practitioner's account.
func (a *AdminService) RequestSecondFactorReset(ctx context.Context, actor berceau.Actor, userID int64) error {
	return a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: "admin.user.second_factor_reset.request", ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, t *auditTarget) error {
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		req := store.SecondFactorReset{UserID: userID, RequestedBy: actor.User.ID}
		if err := tx.RequestSecondFactorReset(ctx, &req); err != nil {
			return err
		}
		t.Detail = "request " + strconv.FormatInt(req.ID, 10) + ", awaiting a second administrator"
		return nil
	})
}

// PendingSecondFactorReset returns the request awaiting approval for an
// account, if any (ok false when there is none), for administrators.
func (a *AdminService) pendingSecondFactorReset(ctx context.Context, actor berceau.Actor, userID int64) (store.SecondFactorReset, bool, error) {
	var req store.SecondFactorReset
	err := a.read(ctx, actor, berceau.PermAdminUsers, nil, func(tx *store.Tx) (err error) {
		req, err = tx.PendingSecondFactorReset(ctx, userID)
		return err
	})
	if berceau.IsNotFound(err) {
		return req, false, nil
	}
	return req, err == nil, err
}

// ApproveSecondFactorReset carries out a pending request to remove an
// account's second factor: it removes it, ends the account's sessions and
// revokes its tokens; the person sets up a new one at their next sign-in.
// The approver is another administrator than the one who asked, and not the
// account's owner; both steps are audited.
func (a *AdminService) ApproveSecondFactorReset(ctx context.Context, actor berceau.Actor, userID int64) error {
	const action = "admin.user.second_factor_reset"
	var refused error
	err := a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: action, ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, t *auditTarget) error {
		req, err := tx.PendingSecondFactorReset(ctx, userID)
		if berceau.IsNotFound(err) {
			refused = berceau.Errorf(berceau.KindConflict, "account_security.reset_not_requested")
			t.Skip = true // the refusal is its own entry
			return record(ctx, tx, actor, action, "user", userID, berceau.OutcomeDenied, "no pending request")
		}
		if err != nil {
			return err
		}
		if req.RequestedBy == actor.User.ID || userID == actor.User.ID {
			refused = berceau.Errorf(berceau.KindForbidden, "account_security.reset_needs_second_person")
			t.Skip = true // the refusal is its own entry
			return record(ctx, tx, actor, action, "user", userID, berceau.OutcomeDenied,
				"request "+strconv.FormatInt(req.ID, 10)+": the approver must be another person")
		}
		if ok, err := tx.ApproveSecondFactorReset(ctx, req.ID, actor.User.ID); err != nil || !ok {
			if err == nil {
				refused = berceau.Errorf(berceau.KindConflict, "account_security.reset_not_requested")
				t.Skip = true
			}
			return err
		}
		if err := tx.ClearTOTP(ctx, userID); err != nil {
			return err
		}
		if _, err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
			return err
		}
		if _, err := tx.RevokeUserAPITokens(ctx, userID); err != nil {
			return err
		}
		t.Detail = "request " + strconv.FormatInt(req.ID, 10) + " of user " + strconv.FormatInt(req.RequestedBy, 10) + " approved"
		return nil
	})
	if err == nil && refused != nil {
		return refused
	}
	return domainError(err)
}

// linkPattern finds the links of a mail's body: absolute ones, and paths
// (a server without --base-url writes links as paths).
var linkPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"]+|(?:^|\s)/[^\s<>"]+`)

// LinkRedacted replaces each link of a mail shown to an administrator.
const LinkRedacted = "[…]"

// RedactLinks hides every link of a mail body: what remains says that a
// mail is pending and what it is about, never how to use it.
func RedactLinks(body string) string {
	return linkPattern.ReplaceAllStringFunc(body, func(link string) string {
		lead := link[:len(link)-len(strings.TrimLeftFunc(link, unicode.IsSpace))]
		return lead + LinkRedacted
	})
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
