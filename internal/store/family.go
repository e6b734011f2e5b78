package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// CreateFamily inserts a family file and its members, setting their ids.
func (tx *Tx) CreateFamily(ctx context.Context, f *care.Family) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Status == "" {
		f.Status = care.FamilyScreening
	}
	id, err := tx.insertID(ctx, `INSERT INTO families (site_id, team_id, key_worker_id, status, languages, interpreter_needed,
		phone, email, address, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		f.SiteID, nullID(f.TeamID), nullID(f.KeyWorkerID), string(f.Status), f.Languages, f.InterpreterNeeded,
		f.Phone, f.Email, f.Address, tx.now)
	if err != nil {
		return wrapErr("create family", err)
	}
	f.ID, f.CreatedAt, f.UpdatedAt = id, tx.now, tx.now
	for i := range f.Members {
		m := &f.Members[i]
		m.ID, err = tx.insertID(ctx, `INSERT INTO household_members (family_id, role, given_name, surname, birth_date, due_date, born_from)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			f.ID, string(m.Role), m.GivenName, m.Surname, nullDate(m.BirthDate), nullDate(m.DueDate), nullID(m.BornFrom))
		if err != nil {
			return wrapErr("create family", err)
		}
	}
	return nil
}

// FamilyByID reads one family file with its members.
func (tx *Tx) FamilyByID(ctx context.Context, id int64) (care.Family, error) {
	f, err := scanFamily(tx.queryRow(ctx, `SELECT `+familyColumns+` FROM families WHERE id = $1`, id))
	if err != nil {
		return f, notFound(wrapErr("read family by ID", err), "error.family_not_found")
	}
	members, err := tx.membersOf(ctx, []int64{f.ID})
	f.Members = members[f.ID]
	return f, err
}

// ListFamilies returns the files in scope, newest first: those of the
// coordinated sites and those followed by the actor's care teams. The scope
// is applied in SQL; an empty scope reads nothing.
func (tx *Tx) ListFamilies(ctx context.Context, scope berceau.FamilyScope) ([]care.Family, error) {
	return tx.listFamilies(ctx, scope, "")
}

// FamiliesFollowedBy returns the files in scope whose key worker is userID
// and that are followed (active or on hold), newest first.
func (tx *Tx) FamiliesFollowedBy(ctx context.Context, scope berceau.FamilyScope, userID int64) ([]care.Family, error) {
	return tx.listFamilies(ctx, scope, ` AND key_worker_id = `+strconv.FormatInt(userID, 10)+
		` AND status IN ('active', 'on_hold')`)
}

// FollowedFamilies returns the files in scope that are followed (active or
// on hold), newest first.
func (tx *Tx) FollowedFamilies(ctx context.Context, scope berceau.FamilyScope) ([]care.Family, error) {
	return tx.listFamilies(ctx, scope, ` AND status IN ('active', 'on_hold')`)
}

// listFamilies reads the files in scope that also match and (SQL written
// here, never from input).
func (tx *Tx) listFamilies(ctx context.Context, scope berceau.FamilyScope, and string) ([]care.Family, error) {
	if scope.Empty() {
		return nil, nil
	}
	where, args := scopeFilter(scope)
	var list []care.Family
	var ids []int64
	if err := tx.eachRow(ctx, "list families", func(row rowScanner) error {
		f, err := scanFamily(row)
		if err != nil {
			return err
		}
		list = append(list, f)
		ids = append(ids, f.ID)
		return nil
	}, `SELECT `+familyColumns+` FROM families WHERE `+where+and+` ORDER BY created_at DESC, id DESC`, args...); err != nil {
		return nil, err
	}
	members, err := tx.membersOf(ctx, ids)
	for i := range list {
		list[i].Members = members[list[i].ID]
	}
	return list, err
}

// MembersBornOn returns the members born on any of dates, with their family
// id, for the duplicate check at intake. Names are compared in Go
// (berceau.PossibleDuplicate): accent and typo folding is not portable SQL.
func (tx *Tx) MembersBornOn(ctx context.Context, dates []time.Time) (map[int64][]care.HouseholdMember, error) {
	found := map[int64][]care.HouseholdMember{}
	if len(dates) == 0 {
		return found, nil
	}
	args := make([]any, len(dates))
	for i, d := range dates {
		args[i] = nullDate(d)
	}
	if err := tx.eachRow(ctx, "read members born on", func(row rowScanner) error {
		familyID, m, err := scanMember(row)
		if err != nil {
			return err
		}
		found[familyID] = append(found[familyID], m)
		return nil
	}, `SELECT `+memberColumns+` FROM household_members WHERE birth_date IN (`+placeholders(1, len(dates))+`)`, args...); err != nil {
		return nil, err
	}
	return found, nil
}

const familyColumns = `id, site_id, COALESCE(team_id, 0), COALESCE(key_worker_id, 0), status, languages, interpreter_needed,
	phone, email, address, created_at, updated_at`

func scanFamily(row interface{ Scan(...any) error }) (care.Family, error) {
	var f care.Family
	var status string
	err := row.Scan(&f.ID, &f.SiteID, &f.TeamID, &f.KeyWorkerID, &status, &f.Languages, &f.InterpreterNeeded,
		&f.Phone, &f.Email, &f.Address, &f.CreatedAt, &f.UpdatedAt)
	f.Status = care.FamilyStatus(status)
	return f, err
}

const memberColumns = `family_id, id, role, given_name, surname, birth_date, due_date, COALESCE(born_from, 0)`

func scanMember(row interface{ Scan(...any) error }) (int64, care.HouseholdMember, error) {
	var m care.HouseholdMember
	var familyID int64
	var role string
	var birth, due sql.NullTime
	err := row.Scan(&familyID, &m.ID, &role, &m.GivenName, &m.Surname, &birth, &due, &m.BornFrom)
	m.Role, m.BirthDate, m.DueDate = care.MemberRole(role), civil(birth), civil(due)
	return familyID, m, err
}

func (tx *Tx) membersOf(ctx context.Context, familyIDs []int64) (map[int64][]care.HouseholdMember, error) {
	byFamily := map[int64][]care.HouseholdMember{}
	if len(familyIDs) == 0 {
		return byFamily, nil
	}
	args := make([]any, len(familyIDs))
	for i, id := range familyIDs {
		args[i] = id
	}
	if err := tx.eachRow(ctx, "read members of families", func(row rowScanner) error {
		familyID, m, err := scanMember(row)
		if err != nil {
			return err
		}
		byFamily[familyID] = append(byFamily[familyID], m)
		return nil
	}, `SELECT `+memberColumns+` FROM household_members WHERE family_id IN (`+placeholders(1, len(familyIDs))+`) ORDER BY id`, args...); err != nil {
		return nil, err
	}
	return byFamily, nil
}

// scopeFilter is the WHERE clause of a family scope, with its arguments.
func scopeFilter(scope berceau.FamilyScope) (string, []any) {
	var parts []string
	var args []any
	if len(scope.SiteIDs) > 0 {
		parts = append(parts, `site_id IN (`+placeholders(len(args)+1, len(scope.SiteIDs))+`)`)
		for _, id := range scope.SiteIDs {
			args = append(args, id)
		}
	}
	if len(scope.TeamIDs) > 0 {
		parts = append(parts, `team_id IN (`+placeholders(len(args)+1, len(scope.TeamIDs))+`)`)
		for _, id := range scope.TeamIDs {
			args = append(args, id)
		}
	}
	if len(scope.FamilyIDs) > 0 {
		parts = append(parts, `id IN (`+placeholders(len(args)+1, len(scope.FamilyIDs))+`)`)
		for _, id := range scope.FamilyIDs {
			args = append(args, id)
		}
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// placeholders writes $from, …, $from+n-1.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	return b.String()
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// nullDate passes a civil date as "YYYY-MM-DD" text: a time value would be
// shifted by PostgreSQL's session time zone when cast to DATE, and SQLite
// compares dates as text, so one format must be used everywhere.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format("2006-01-02")
}

func civil(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	y, m, d := t.Time.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// RecordBirth turns a family's unborn member into the child it became, in
// place: the row keeps its id (and the due date), so everything attached to
// the pregnancy stays attached to the child.
func (tx *Tx) RecordBirth(ctx context.Context, familyID int64, child care.HouseholdMember) error {
	if err := affectedOne(tx.exec(ctx, `UPDATE household_members SET role = $1, given_name = $2, birth_date = $3
		WHERE id = $4 AND family_id = $5 AND role = $6`,
		string(care.MemberChild), child.GivenName, nullDate(child.BirthDate), child.BornFrom, familyID, string(care.MemberUnborn))); err != nil {
		return wrapErr("record birth", err)
	}
	// Once no pregnancy is left (twins are recorded one at a time), the
	// pregnant person is a parent.
	_, err := tx.exec(ctx, `UPDATE household_members SET role = $1 WHERE family_id = $2 AND role = $3
		AND NOT EXISTS (SELECT 1 FROM household_members u WHERE u.family_id = $2 AND u.role = $4)`,
		string(care.MemberParent), familyID, string(care.MemberPregnantPerson), string(care.MemberUnborn))
	return wrapErr("record birth", err)
}

// UpdateFamilyContact changes how to reach a family and in which languages.
func (tx *Tx) UpdateFamilyContact(ctx context.Context, f care.Family) error {
	return wrapErr("update family contact", affectedOne(tx.exec(ctx, `UPDATE families SET languages = $1, interpreter_needed = $2, phone = $3, email = $4, address = $5,
		updated_at = $6 WHERE id = $7`, f.Languages, f.InterpreterNeeded, f.Phone, f.Email, f.Address, tx.now, f.ID)))
}

// PeopleWhoCanSee lists the enabled users holding permission perm whose
// family scope covers the file: members of its care team, coordinators of
// its site (a site grant, or an organisation-wide grant of the site's
// organisation) and holders of an unexpired break-the-glass grant. It is
// berceau.FamilyScope expressed in one query, for pickers (participants of
// a team decision, key workers), instead of computing every user's scope.
func (tx *Tx) PeopleWhoCanSee(ctx context.Context, f care.Family, perm berceau.Permission) ([]berceau.User, error) {
	var users []berceau.User
	if err := tx.eachRow(ctx, "read people who can see", func(row rowScanner) error {
		var u berceau.User
		if err := scanUser(row, &u); err != nil {
			return err
		}
		users = append(users, u)
		return nil
	}, `SELECT `+userColumns+` FROM users u
		WHERE u.disabled = FALSE
		AND EXISTS (SELECT 1 FROM user_roles r JOIN role_permissions p ON p.role = r.role
			WHERE r.user_id = u.id AND p.permission = $1)
		AND (u.id IN (SELECT user_id FROM team_members WHERE team_id = $2)
			OR EXISTS (SELECT 1 FROM user_roles c WHERE c.user_id = u.id AND c.role = $3
				AND (c.site_id = $4 OR (c.site_id IS NULL AND c.organisation_id = (SELECT organisation_id FROM sites WHERE id = $4))))
			OR u.id IN (SELECT user_id FROM access_grants WHERE family_id = $5 AND expires_at > $6))
		ORDER BY u.display_name, u.id`,
		string(perm), f.TeamID, string(berceau.RoleSiteCoordinator), f.SiteID, f.ID, tx.now); err != nil {
		return nil, err
	}
	return users, nil
}
