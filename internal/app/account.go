package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// Single-use links live long enough to be read, not forever.
const (
	invitationTTL    = 7 * 24 * time.Hour
	passwordResetTTL = 1 * time.Hour
)

func newLinkToken() (token, hash string, err error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(raw)
	return token, hashLinkToken(token), nil
}

func hashLinkToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Invitation is what an administrator fills in to invite a professional.
type Invitation struct {
	Email       string
	DisplayName string
	Discipline  berceau.Discipline
	Locale      string
	Roles       []berceau.RoleGrant
}

// Invite creates an account without a password and mails the person a
// single-use link to choose one. The account, the link and the mail are
// written in one transaction.
func (a *AccountService) Invite(ctx context.Context, actor berceau.Actor, in Invitation) (berceau.User, error) {
	if langs := a.Languages.Enabled(ctx); !langs.Has(in.Locale) {
		in.Locale = langs.Default()
	}
	u := berceau.User{Email: berceau.NormalizeEmail(in.Email), DisplayName: strings.TrimSpace(in.DisplayName),
		Discipline: in.Discipline, Locale: in.Locale, Roles: in.Roles}
	token, hash, err := newLinkToken()
	if err != nil {
		return u, berceau.Wrap(err, "error.internal_message")
	}
	err = a.write(ctx, actor, berceau.PermAdminUsers, auditTarget{Action: "admin.user.invite", ObjectType: "user"}, func(tx *store.Tx, t *auditTarget) error {
		if err := u.Validate(); err != nil {
			return err
		}
		if err := checkGrantPlaces(ctx, tx, u.Roles); err != nil {
			return err
		}
		if err := tx.CreateUser(ctx, &u, ""); err != nil {
			return err
		}
		if err := tx.CreateOneTimeToken(ctx, u.ID, store.PurposeInvitation, hash, tx.Now().Add(invitationTTL)); err != nil {
			return err
		}
		if err := a.queueMail(ctx, tx, u, "mail.invitation", "/invitation/"+url.PathEscape(token), actor.User.DisplayName); err != nil {
			return err
		}
		t.ObjectID, t.Detail = u.ID, roleSummary(u.Roles)
		return nil
	})
	return u, err
}

// LinkAccount says whose account a single-use link opens, without using it.
func (a *AccountService) LinkAccount(ctx context.Context, purpose, token string) (berceau.User, error) {
	var u berceau.User
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		id, err := tx.OneTimeTokenUser(ctx, purpose, hashLinkToken(token))
		if err != nil {
			return err
		}
		u, err = tx.UserByID(ctx, id)
		return err
	})
	if berceau.IsNotFound(err) {
		return u, berceau.Errorf(berceau.KindNotFound, "error.link_invalid")
	}
	return u, domainError(err)
}

// SetPasswordWithLink spends an invitation or reset link to set the
// account's password, ends the account's sessions and revokes its tokens.
func (a *AccountService) SetPasswordWithLink(ctx context.Context, purpose, token, password, confirm, clientAddress string) (berceau.User, error) {
	u, err := a.LinkAccount(ctx, purpose, token)
	if err != nil {
		return u, err
	}
	if key := validateNewPassword(password, confirm); key != "" {
		return u, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"password": key}}
	}
	hash, err := a.opts.Hasher.Hash(ctx, password)
	if err != nil {
		return u, berceau.Wrap(err, "error.internal_message")
	}
	actor := berceau.Actor{User: u, ClientAddress: clientAddress}
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		ok, err := tx.UseOneTimeToken(ctx, purpose, hashLinkToken(token))
		if err != nil {
			return err
		}
		if !ok {
			return berceau.Errorf(berceau.KindNotFound, "error.link_invalid")
		}
		if err := tx.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		if _, err := tx.DeleteUserSessions(ctx, u.ID, ""); err != nil {
			return err
		}
		if _, err := tx.RevokeUserAPITokens(ctx, u.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.password.set_with_link", "user", u.ID, berceau.OutcomeSuccess, purpose)
	})
	return u, domainError(err)
}

func validateNewPassword(password, confirm string) string {
	if key := validatePassword(password); key != "" {
		return key
	}
	if password != confirm {
		return "error.password_mismatch"
	}
	return ""
}

// RequestPasswordReset mails a reset link when the address belongs to an
// active account. It answers the same either way, so the form reveals
// nothing about who has an account.
func (a *AccountService) RequestPasswordReset(ctx context.Context, email, clientAddress string) error {
	email = berceau.NormalizeEmail(email)
	who := berceau.Anonymous(clientAddress)
	who.User.Email = email
	token, hash, err := newLinkToken()
	if err != nil {
		return berceau.Wrap(err, "error.internal_message")
	}
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(ctx, email)
		if berceau.IsNotFound(err) || (err == nil && u.Disabled) {
			return record(ctx, tx, who, "auth.password.reset_request", "user", u.ID, berceau.OutcomeFailure, "no active account")
		}
		if err != nil {
			return err
		}
		if err := tx.RevokeOneTimeTokens(ctx, u.ID, store.PurposePasswordReset); err != nil {
			return err
		}
		if err := tx.CreateOneTimeToken(ctx, u.ID, store.PurposePasswordReset, hash, tx.Now().Add(passwordResetTTL)); err != nil {
			return err
		}
		if err := a.queueMail(ctx, tx, u, "mail.password_reset", "/password/reset/"+url.PathEscape(token), ""); err != nil {
			return err
		}
		return record(ctx, tx, who, "auth.password.reset_request", "user", u.ID, berceau.OutcomeSuccess, "")
	})
	return domainError(err)
}

// ChangePassword replaces the actor's password after checking the current
// one, ends their other sessions and revokes their personal access tokens
// (a password changed because it leaked must not leave a token working).
func (a *AccountService) ChangePassword(ctx context.Context, actor berceau.Actor, current, password, confirm, keepSessionHash string) error {
	if !actor.SignedIn() || actor.System {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	var hash string
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		hash, err = tx.PasswordHash(ctx, actor.User.Email)
		return err
	}); err != nil {
		return domainError(err)
	}
	if _, err := a.opts.Hasher.Verify(ctx, current, hash); err != nil {
		a.recordAlone(ctx, actor, "auth.password.change", "user", actor.User.ID, berceau.OutcomeFailure, "wrong current password")
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"current_password": "error.password_wrong"}}
	}
	if key := validateNewPassword(password, confirm); key != "" {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"password": key}}
	}
	newHash, err := a.opts.Hasher.Hash(ctx, password)
	if err != nil {
		return berceau.Wrap(err, "error.internal_message")
	}
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetPasswordHash(ctx, actor.User.ID, newHash); err != nil {
			return err
		}
		if _, err := tx.DeleteUserSessions(ctx, actor.User.ID, keepSessionHash); err != nil {
			return err
		}
		if _, err := tx.RevokeUserAPITokens(ctx, actor.User.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "auth.password.change", "user", actor.User.ID, berceau.OutcomeSuccess, "")
	})
	return domainError(err)
}

// SetLocale records the actor's language.
func (a *AccountService) SetLocale(ctx context.Context, actor berceau.Actor, locale string) error {
	if !actor.SignedIn() || actor.System {
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	if !a.Languages.Enabled(ctx).Has(locale) {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"locale": "error.required"}}
	}
	return domainError(a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetUserLocale(ctx, actor.User.ID, locale); err != nil {
			return err
		}
		return record(ctx, tx, actor, "account.locale", "user", actor.User.ID, berceau.OutcomeSuccess, locale)
	}))
}

// Sessions lists the sessions of a user: the actor's own, or anyone's for an
// administrator. currentHash marks the session of this request.
func (a *AccountService) sessions(ctx context.Context, actor berceau.Actor, userID int64, currentHash string) ([]store.SessionInfo, error) {
	var list []store.SessionInfo
	err := a.read(ctx, actor, "", nil, func(tx *store.Tx) (err error) {
		if userID != actor.User.ID && !actor.Can(berceau.PermAdminUsers) {
			return forbidden()
		}
		list, err = tx.ListSessions(ctx, userID, currentHash)
		return err
	})
	return list, domainError(err)
}

// EndSession ends one session of a user: the actor's own, or anyone's for an
// administrator.
func (a *AccountService) EndSession(ctx context.Context, actor berceau.Actor, userID, sessionID int64) error {
	return a.write(ctx, actor, "", auditTarget{Action: "auth.session.end", ObjectType: "user", ObjectID: userID}, func(tx *store.Tx, _ *auditTarget) error {
		// One's own sessions, or anyone's for an administrator.
		if userID != actor.User.ID && !actor.Can(berceau.PermAdminUsers) {
			return forbidden()
		}
		ok, err := tx.DeleteSession(ctx, userID, sessionID)
		if err != nil {
			return err
		}
		if !ok {
			return berceau.Errorf(berceau.KindNotFound, "error.not_found_message")
		}
		return nil
	})
}
