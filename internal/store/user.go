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
		return err
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
	site := sql.NullInt64{Int64: g.SiteID, Valid: g.SiteID != 0}
	_, err := tx.exec(ctx, `INSERT INTO user_roles (user_id, role, organisation_id, site_id) VALUES ($1, $2, $3, $4)`,
		userID, string(g.Role), g.OrganisationID, site)
	return err
}

// UserByEmail finds a user and their role grants.
func (tx *Tx) UserByEmail(ctx context.Context, email string) (berceau.User, error) {
	var u berceau.User
	var discipline string
	err := tx.queryRow(ctx, `SELECT id, email, display_name, discipline, locale, disabled, created_at
		FROM users WHERE email = $1`, berceau.NormalizeEmail(email)).
		Scan(&u.ID, &u.Email, &u.DisplayName, &discipline, &u.Locale, &u.Disabled, &u.CreatedAt)
	if err != nil {
		return u, notFound(err, "error.user_not_found")
	}
	u.Discipline = berceau.Discipline(discipline)
	rows, err := tx.query(ctx, `SELECT role, organisation_id, COALESCE(site_id, 0) FROM user_roles
		WHERE user_id = $1 ORDER BY id`, u.ID)
	if err != nil {
		return u, err
	}
	defer rows.Close()
	for rows.Next() {
		var g berceau.RoleGrant
		var role string
		if err := rows.Scan(&role, &g.OrganisationID, &g.SiteID); err != nil {
			return u, err
		}
		g.Role = berceau.Role(role)
		u.Roles = append(u.Roles, g)
	}
	return u, rows.Err()
}

// CountUsers counts the accounts that are not disabled.
func (tx *Tx) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE disabled = FALSE`).Scan(&n)
	return n, err
}

// PasswordHash returns the encoded password hash of the account with email
// (empty when no password was chosen yet).
func (tx *Tx) PasswordHash(ctx context.Context, email string) (string, error) {
	var hash string
	err := tx.queryRow(ctx, `SELECT password_hash FROM users WHERE email = $1`, berceau.NormalizeEmail(email)).Scan(&hash)
	return hash, notFound(err, "error.user_not_found")
}
