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
func (a *AdminService) AddUser(ctx context.Context, actor berceau.Actor, in NewAccount) (berceau.User, error) {
	target := auditTarget{Action: "admin.user.add", ObjectType: "user"}
	if err := a.deny(ctx, actor, berceau.PermAdminUsers, target); err != nil {
		return berceau.User{}, err // before hashing a password for nobody
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
	err = a.write(ctx, actor, berceau.PermAdminUsers, target, func(tx *store.Tx, t *auditTarget) error {
		if err := tx.CreateUser(ctx, &u, hash); err != nil {
			return err
		}
		t.ObjectID, t.Detail = u.ID, roleSummary(u.Roles)
		return nil
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
