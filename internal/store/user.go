package store

import (
	"context"
	"database/sql"

	"github.com/berceau/berceau"
)

// CreateUser inserts u with its role grants and sets its ID and CreatedAt.
// passwordHash is an encoded argon2id hash, or empty for an account that has
// not chosen a password yet.
func (tx *Tx) CreateUser(ctx context.Context, u *berceau.User, passwordHash string) error {
	u.Email = berceau.NormalizeEmail(u.Email)
	if err := u.Validate(); err != nil {
		return err
	}
	if u.Locale == "" {
		u.Locale = "fr"
	}
	id, err := tx.insertID(ctx, `INSERT INTO users (email, display_name, discipline, locale, password_hash, disabled, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.Email, u.DisplayName, string(u.Discipline), u.Locale, passwordHash, u.Disabled, tx.now)
	if isUniqueViolation(err) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.email_taken", Fields: map[string]string{"email": "error.email_taken"}, Cause: err}
	}
	if err != nil {
		return wrapErr("create user", err)
	}
	u.ID, u.CreatedAt = id, tx.now
	for _, g := range u.Roles {
		if err := tx.grantRole(ctx, u.ID, g); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) grantRole(ctx context.Context, userID int64, g berceau.RoleGrant) error {
	org := sql.NullInt64{Int64: g.OrganisationID, Valid: g.OrganisationID != 0}
	site := sql.NullInt64{Int64: g.SiteID, Valid: g.SiteID != 0}
	_, err := tx.exec(ctx, `INSERT INTO user_roles (user_id, role, organisation_id, site_id) VALUES ($1, $2, $3, $4)`,
		userID, string(g.Role), org, site)
	return wrapErr("grant role", err)
}

// UserByEmail finds a user and their role grants.
func (tx *Tx) UserByEmail(ctx context.Context, email string) (berceau.User, error) {
	u, err := tx.findUser(ctx, `WHERE email = $1`, berceau.NormalizeEmail(email))
	return u, wrapErr("read user by email", err)
}

// UserByID finds a user and their role grants.
func (tx *Tx) UserByID(ctx context.Context, id int64) (berceau.User, error) {
	u, err := tx.findUser(ctx, `WHERE id = $1`, id)
	return u, wrapErr("read user by ID", err)
}

const userColumns = `id, email, display_name, discipline, locale, disabled, totp_secret <> '', created_at, COALESCE(password_hash, '') = ''`

func scanUser(row interface{ Scan(...any) error }, u *berceau.User) error {
	var discipline string
	if err := row.Scan(&u.ID, &u.Email, &u.DisplayName, &discipline, &u.Locale, &u.Disabled, &u.TOTPEnabled, &u.CreatedAt, &u.Invited); err != nil {
		return err
	}
	u.Discipline = berceau.Discipline(discipline)
	return nil
}

func (tx *Tx) findUser(ctx context.Context, where string, arg any) (berceau.User, error) {
	var u berceau.User
	if err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users `+where, arg), &u); err != nil {
		return u, notFound(err, "error.user_not_found")
	}
	grants, err := tx.roleGrants(ctx, u.ID)
	u.Roles = grants
	return u, err
}

func (tx *Tx) roleGrants(ctx context.Context, userID int64) ([]berceau.RoleGrant, error) {
	var grants []berceau.RoleGrant
	if err := tx.eachRow(ctx, "read role grants", func(row rowScanner) error {
		var g berceau.RoleGrant
		var role string
		if err := row.Scan(&role, &g.OrganisationID, &g.SiteID); err != nil {
			return err
		}
		g.Role = berceau.Role(role)
		grants = append(grants, g)
		return nil
	}, `SELECT role, COALESCE(organisation_id, 0), COALESCE(site_id, 0) FROM user_roles
		WHERE user_id = $1 ORDER BY id`, userID); err != nil {
		return nil, err
	}
	return grants, nil
}

// CountUsers counts the accounts that are not disabled.
func (tx *Tx) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE disabled = FALSE`).Scan(&n)
	return n, wrapErr("count users", err)
}

// PasswordHash returns the encoded password hash of the account with email
// (empty when no password was chosen yet).
func (tx *Tx) PasswordHash(ctx context.Context, email string) (string, error) {
	var hash string
	err := tx.queryRow(ctx, `SELECT password_hash FROM users WHERE email = $1`, berceau.NormalizeEmail(email)).Scan(&hash)
	return hash, notFound(wrapErr("read password hash", err), "error.user_not_found")
}

// SetPasswordHash replaces a user's password hash.
func (tx *Tx) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	_, err := tx.exec(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, hash, tx.now, userID)
	return wrapErr("set password hash", err)
}

// SetUserDisabled disables or re-enables an account.
func (tx *Tx) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	_, err := tx.exec(ctx, `UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3`, disabled, tx.now, userID)
	return wrapErr("set user disabled", err)
}

// SetUserLocale records the language a user reads Berceau in.
func (tx *Tx) SetUserLocale(ctx context.Context, userID int64, locale string) error {
	_, err := tx.exec(ctx, `UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3`, locale, tx.now, userID)
	return wrapErr("set user locale", err)
}

// ReplaceRoles replaces every role grant of a user.
func (tx *Tx) ReplaceRoles(ctx context.Context, userID int64, grants []berceau.RoleGrant) error {
	if _, err := tx.exec(ctx, `DELETE FROM user_roles WHERE user_id = $1`, userID); err != nil {
		return wrapErr("replace roles", err)
	}
	for _, g := range grants {
		if err := tx.grantRole(ctx, userID, g); err != nil {
			return err
		}
	}
	return nil
}

// ListUsers returns every account by name, with role grants, in two queries.
func (tx *Tx) ListUsers(ctx context.Context) ([]berceau.User, error) {
	var users []berceau.User
	index := map[int64]int{}
	if err := tx.eachRow(ctx, "list users", func(row rowScanner) error {
		var u berceau.User
		if err := scanUser(row, &u); err != nil {
			return err
		}
		index[u.ID] = len(users)
		users = append(users, u)
		return nil
	}, `SELECT `+userColumns+` FROM users ORDER BY display_name, id`); err != nil {
		return nil, err
	}
	if err := tx.eachRow(ctx, "read the role grants of users", func(row rowScanner) error {
		var userID int64
		var g berceau.RoleGrant
		var role string
		if err := row.Scan(&userID, &role, &g.OrganisationID, &g.SiteID); err != nil {
			return err
		}
		g.Role = berceau.Role(role)
		if i, ok := index[userID]; ok {
			users[i].Roles = append(users[i].Roles, g)
		}
		return nil
	}, `SELECT user_id, role, COALESCE(organisation_id, 0), COALESCE(site_id, 0) FROM user_roles ORDER BY id`); err != nil {
		return nil, err
	}
	return users, nil

}
