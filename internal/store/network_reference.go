package store

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// Checks of the ids a form names (a site, a team, a worker) before they are
// written: an unknown id would otherwise reach a foreign key and fail the
// whole request, and an id the person may not name would be written as is.

// PlaceExists reports whether a role grant's place names real rows: an
// organisation (0: the whole network), and a site of that organisation (0:
// the whole organisation).
func (tx *Tx) PlaceExists(ctx context.Context, organisationID, siteID int64) (bool, error) {
	if organisationID == 0 {
		return siteID == 0, nil
	}
	var n int
	var err error
	if siteID == 0 {
		err = tx.queryRow(ctx, `SELECT COUNT(*) FROM organisations WHERE id = $1`, organisationID).Scan(&n)
	} else {
		err = tx.queryRow(ctx, `SELECT COUNT(*) FROM sites WHERE id = $1 AND organisation_id = $2`, siteID, organisationID).Scan(&n)
	}
	return n == 1, wrapErr("place exists", err)
}

// TeamsExist reports whether every id names a care team.
func (tx *Tx) TeamsExist(ctx context.Context, teamIDs []int64) (bool, error) {
	ids := distinctIDs(teamIDs)
	if len(ids) == 0 {
		return true, nil
	}
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM teams WHERE id IN (`+placeholders(1, len(ids))+`)`, contactIDArgs(ids)...).Scan(&n)
	return n == len(ids), wrapErr("teams exist", err)
}

// SitesOfTeams returns the sites the care teams belong to.
func (tx *Tx) SitesOfTeams(ctx context.Context, teamIDs []int64) ([]int64, error) {
	ids := distinctIDs(teamIDs)
	if len(ids) == 0 {
		return nil, nil
	}
	var sites []int64
	if err := tx.eachRow(ctx, "read sites of teams", func(row rowScanner) error {
		var id int64
		if err := row.Scan(&id); err != nil {
			return err
		}
		sites = append(sites, id)
		return nil
	}, `SELECT DISTINCT site_id FROM teams WHERE id IN (`+placeholders(1, len(ids))+`)`, contactIDArgs(ids)...); err != nil {
		return nil, err
	}
	return sites, nil
}

// CareWorkersAmong returns those of userIDs who may work with a family: an
// enabled account whose role holds perm and who is a member of the family's
// care team or a coordinator of its site (a site grant, or an
// organisation-wide grant of the site's organisation). A break-the-glass
// grant does not make someone one of the family's workers.
func (tx *Tx) CareWorkersAmong(ctx context.Context, f care.Family, perm berceau.Permission, userIDs []int64) (map[int64]bool, error) {
	ok := map[int64]bool{}
	ids := distinctIDs(userIDs)
	if len(ids) == 0 {
		return ok, nil
	}
	if err := tx.eachRow(ctx, "read care workers among users", func(row rowScanner) error {
		var id int64
		if err := row.Scan(&id); err != nil {
			return err
		}
		ok[id] = true
		return nil
	}, `SELECT u.id FROM users u
		WHERE u.id IN (`+placeholders(5, len(ids))+`) AND u.disabled = FALSE
		AND EXISTS (SELECT 1 FROM user_roles r JOIN role_permissions p ON p.role = r.role
			WHERE r.user_id = u.id AND p.permission = $1)
		AND (u.id IN (SELECT user_id FROM team_members WHERE team_id = $2)
			OR EXISTS (SELECT 1 FROM user_roles c WHERE c.user_id = u.id AND c.role = $3
				AND (c.site_id = $4 OR (c.site_id IS NULL AND c.organisation_id = (SELECT organisation_id FROM sites WHERE id = $4)))))`,
		append([]any{string(perm), f.TeamID, string(berceau.RoleSiteCoordinator), f.SiteID}, contactIDArgs(ids)...)...); err != nil {
		return nil, err
	}
	return ok, nil
}

func distinctIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
