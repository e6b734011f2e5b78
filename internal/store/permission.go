package store

import (
	"context"

	"github.com/berceau/berceau"
)

// PermissionsOf returns what a user may do, from their roles and the
// role_permissions table, in one query.
func (tx *Tx) PermissionsOf(ctx context.Context, userID int64) (berceau.Permissions, error) {
	rows, err := tx.query(ctx, `SELECT DISTINCT rp.permission FROM user_roles ur
		JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = $1`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	perms := berceau.Permissions{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		perms[berceau.Permission(p)] = true
	}
	return perms, rows.Err()
}

// RolePermissions returns the whole role → permission table.
func (tx *Tx) RolePermissions(ctx context.Context) (map[berceau.Role][]berceau.Permission, error) {
	rows, err := tx.query(ctx, `SELECT role, permission FROM role_permissions ORDER BY role, permission`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	table := map[berceau.Role][]berceau.Permission{}
	for rows.Next() {
		var role, perm string
		if err := rows.Scan(&role, &perm); err != nil {
			return nil, err
		}
		table[berceau.Role(role)] = append(table[berceau.Role(role)], berceau.Permission(perm))
	}
	return table, rows.Err()
}
