package store

import (
	"context"

	"github.com/berceau/berceau"
)

// PermissionsOf returns what a user may do, from their roles and the
// role_permissions table, in one query.
func (tx *Tx) PermissionsOf(ctx context.Context, userID int64) (berceau.Permissions, error) {
	perms := berceau.Permissions{}
	if err := tx.eachRow(ctx, "read permissions of roles", func(row rowScanner) error {
		var p string
		if err := row.Scan(&p); err != nil {
			return err
		}
		perms[berceau.Permission(p)] = true
		return nil
	}, `SELECT DISTINCT rp.permission FROM user_roles ur
		JOIN role_permissions rp ON rp.role = ur.role WHERE ur.user_id = $1`, userID); err != nil {
		return nil, err
	}
	return perms, nil
}

// RolePermissions returns the whole role → permission table.
func (tx *Tx) RolePermissions(ctx context.Context) (map[berceau.Role][]berceau.Permission, error) {
	table := map[berceau.Role][]berceau.Permission{}
	if err := tx.eachRow(ctx, "read role permissions", func(row rowScanner) error {
		var role, perm string
		if err := row.Scan(&role, &perm); err != nil {
			return err
		}
		table[berceau.Role(role)] = append(table[berceau.Role(role)], berceau.Permission(perm))
		return nil
	}, `SELECT role, permission FROM role_permissions ORDER BY role, permission`); err != nil {
		return nil, err
	}
	return table, nil
}
