package store

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// AddDirectoryEditor makes a user an editor of a directory organisation;
// one who already is one is a conflict.
func (tx *Tx) AddDirectoryEditor(ctx context.Context, organizationID string, userID, by int64) error {
	res, err := tx.exec(ctx, `INSERT INTO directory_organization_editors (organization_id, user_id, granted_by, granted_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, user_id) DO NOTHING`, organizationID, userID, by, tx.now)
	if err != nil {
		return wrapErr("add directory editor", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "directory_editors.error.already_editor",
			Fields: map[string]string{"email": "directory_editors.error.already_editor"}}
	}
	return nil
}

// RemoveDirectoryEditor ends a user's editing of an organisation.
func (tx *Tx) RemoveDirectoryEditor(ctx context.Context, organizationID string, userID int64) error {
	res, err := tx.exec(ctx, `DELETE FROM directory_organization_editors WHERE organization_id = $1 AND user_id = $2`,
		organizationID, userID)
	if err != nil {
		return wrapErr("remove directory editor", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &berceau.Error{Kind: berceau.KindNotFound, Key: "directory_editors.error.not_editor"}
	}
	return nil
}

// DirectoryEditors lists an organisation's editors by name.
func (tx *Tx) DirectoryEditors(ctx context.Context, organizationID string) ([]directory.DirectoryEditor, error) {
	var list []directory.DirectoryEditor
	if err := tx.eachRow(ctx, "read directory editors", func(row rowScanner) error {
		var e directory.DirectoryEditor
		if err := row.Scan(&e.OrganizationID, &e.UserID, &e.Email, &e.DisplayName, &e.GrantedBy, &e.GrantedAt); err != nil {
			return err
		}
		e.GrantedAt = e.GrantedAt.UTC()
		list = append(list, e)
		return nil
	}, `SELECT e.organization_id, e.user_id, u.email, u.display_name, e.granted_by, e.granted_at
		FROM directory_organization_editors e JOIN users u ON u.id = e.user_id
		WHERE e.organization_id = $1 ORDER BY u.display_name, u.id`, organizationID); err != nil {
		return nil, err
	}
	return list, nil
}

// CountDirectoryEditors counts an organisation's editors whose account is
// active.
func (tx *Tx) CountDirectoryEditors(ctx context.Context, organizationID string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM directory_organization_editors e JOIN users u ON u.id = e.user_id
		WHERE e.organization_id = $1 AND NOT u.disabled`, organizationID).Scan(&n)
	return n, wrapErr("count directory editors", err)
}

// EditedOrganizations lists the directory organisations a user edits.
func (tx *Tx) EditedOrganizations(ctx context.Context, userID int64) ([]string, error) {
	var ids []string
	if err := tx.eachRow(ctx, "read edited organizations", func(row rowScanner) error {
		var id string
		if err := row.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, `SELECT organization_id FROM directory_organization_editors WHERE user_id = $1 ORDER BY organization_id`, userID); err != nil {
		return nil, err
	}
	return ids, nil
}

// IsDirectoryEditor reports whether a user edits an organisation.
func (tx *Tx) IsDirectoryEditor(ctx context.Context, organizationID string, userID int64) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM directory_organization_editors WHERE organization_id = $1 AND user_id = $2`,
		organizationID, userID).Scan(&n)
	return n > 0, wrapErr("is directory editor", err)
}
