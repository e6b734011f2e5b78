package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// Password length bounds: long passphrases are encouraged, and the upper
// bound keeps hashing cost predictable.
const (
	minPasswordLength = 12
	maxPasswordLength = 256
)

// validatePassword returns the translation key of what is wrong, or "".
func validatePassword(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < minPasswordLength:
		return "error.password_too_short"
	case n > maxPasswordLength:
		return "error.password_too_long"
	case strings.TrimSpace(pw) == "":
		return "error.required"
	}
	return ""
}

// NewAccount is what it takes to open an account directly (the command line);
// people invited from the administration pages choose their own password.
type NewAccount struct {
	Email       string
	DisplayName string
	Discipline  berceau.Discipline
	Locale      string
	Roles       []berceau.RoleGrant
	Password    string
}

// AddUser opens an account with a password. Only administrators (and the
// operator's command line) may.
func (a *App) AddUser(ctx context.Context, actor berceau.Actor, in NewAccount) (berceau.User, error) {
	if !actor.Can(berceau.PermAdminUsers) {
		a.recordAlone(ctx, actor, "admin.user.add", "user", 0, berceau.OutcomeDenied, "")
		return berceau.User{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	u := berceau.User{Email: berceau.NormalizeEmail(in.Email), DisplayName: strings.TrimSpace(in.DisplayName),
		Discipline: in.Discipline, Locale: in.Locale, Roles: in.Roles}
	if u.DisplayName == "" {
		u.DisplayName = u.Email
	}
	if err := u.Validate(); err != nil {
		return u, err
	}
	if key := validatePassword(in.Password); key != "" {
		return u, &berceau.Error{Kind: berceau.KindInvalid, Key: key, Fields: map[string]string{"password": key}}
	}
	hash, err := a.opts.Hasher.Hash(ctx, in.Password)
	if err != nil {
		return u, berceau.Wrap(err, "error.internal_message")
	}
	err = a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, &u, hash); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.user.add", "user", u.ID, berceau.OutcomeSuccess, roleSummary(u.Roles))
	})
	if err != nil {
		if berceau.KindOf(err) == berceau.KindInternal {
			return u, berceau.Wrap(err, "error.internal_message")
		}
		return u, err
	}
	return u, nil
}

// roleSummary names the roles granted, for the audit trail.
func roleSummary(grants []berceau.RoleGrant) string {
	names := make([]string, 0, len(grants))
	for _, g := range grants {
		names = append(names, string(g.Role))
	}
	return strings.Join(names, ",")
}
