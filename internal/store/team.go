package store

import (
	"context"

	"github.com/berceau/berceau"
)

// CreateTeam inserts t and sets its ID and CreatedAt.
func (tx *Tx) CreateTeam(ctx context.Context, t *berceau.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO teams (site_id, slug, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		t.SiteID, t.Slug, t.Name, tx.now)
	if isUniqueViolation(err) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.slug_taken", Fields: map[string]string{"slug": "error.slug_taken"}, Cause: err}
	}
	if err != nil {
		return wrapErr("create team", err)
	}
	t.ID, t.CreatedAt = id, tx.now
	return nil
}

// AddTeamMember puts a user in a team; adding a member twice changes nothing.
func (tx *Tx) AddTeamMember(ctx context.Context, teamID, userID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, teamID, userID)
	return wrapErr("add team member", err)
}

// RemoveTeamMember takes a user out of a team.
func (tx *Tx) RemoveTeamMember(ctx context.Context, teamID, userID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, teamID, userID)
	return wrapErr("remove team member", err)
}

// ListTeams returns every team with its members' ids, by site and name.
func (tx *Tx) ListTeams(ctx context.Context) ([]berceau.Team, error) {
	var teams []berceau.Team
	index := map[int64]int{}
	if err := tx.eachRow(ctx, "list teams", func(row rowScanner) error {
		var t berceau.Team
		if err := row.Scan(&t.ID, &t.SiteID, &t.Slug, &t.Name, &t.CreatedAt); err != nil {
			return err
		}
		index[t.ID] = len(teams)
		teams = append(teams, t)
		return nil
	}, `SELECT id, site_id, slug, name, created_at FROM teams ORDER BY site_id, name, id`); err != nil {
		return nil, err
	}
	if err := tx.eachRow(ctx, "read the members of teams", func(row rowScanner) error {
		var teamID, userID int64
		if err := row.Scan(&teamID, &userID); err != nil {
			return err
		}
		if i, ok := index[teamID]; ok {
			teams[i].MemberIDs = append(teams[i].MemberIDs, userID)
		}
		return nil
	}, `SELECT team_id, user_id FROM team_members ORDER BY team_id, user_id`); err != nil {
		return nil, err
	}
	return teams, nil

}

// ReplaceTeamMemberships puts a user in exactly the given teams.
func (tx *Tx) ReplaceTeamMemberships(ctx context.Context, userID int64, teamIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM team_members WHERE user_id = $1`, userID); err != nil {
		return wrapErr("replace team memberships", err)
	}
	for _, id := range teamIDs {
		if err := tx.AddTeamMember(ctx, id, userID); err != nil {
			return err
		}
	}
	return nil
}

// TeamIDsOfUser lists the care teams a user belongs to.
func (tx *Tx) TeamIDsOfUser(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	if err := tx.eachRow(ctx, "read team ids of user", func(row rowScanner) error {
		var id int64
		if err := row.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, `SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id`, userID); err != nil {
		return nil, err
	}
	return ids, nil
}

// UpdateTeam changes a team's name.
func (tx *Tx) UpdateTeam(ctx context.Context, t berceau.Team) error {
	return wrapErr("update team", affectedOne(tx.exec(ctx, `UPDATE teams SET name = $1 WHERE id = $2`, t.Name, t.ID)))
}

// TeamMembers lists the people of a care team with their discipline, by name.
func (tx *Tx) TeamMembers(ctx context.Context, teamID int64) ([]berceau.User, error) {
	var list []berceau.User
	if err := tx.eachRow(ctx, "read team members", func(row rowScanner) error {
		var u berceau.User
		var discipline string
		if err := row.Scan(&u.ID, &u.DisplayName, &discipline); err != nil {
			return err
		}
		u.Discipline = berceau.Discipline(discipline)
		list = append(list, u)
		return nil
	}, `SELECT u.id, u.display_name, u.discipline FROM team_members m JOIN users u ON u.id = m.user_id
		WHERE m.team_id = $1 AND u.disabled = FALSE ORDER BY u.display_name, u.id`, teamID); err != nil {
		return nil, err
	}
	return list, nil
}

// InFamilysCareTeam reports whether a user belongs to the care team that
// follows a family.
func (tx *Tx) InFamilysCareTeam(ctx context.Context, userID, familyID int64) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM families f JOIN team_members m ON m.team_id = f.team_id
		WHERE f.id = $1 AND m.user_id = $2`, familyID, userID).Scan(&n)
	return n > 0, wrapErr("check the family's care team", err)
}
