package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/training"
)

// The internship register (training): internships, their supervisors and
// agreement document. Civil dates are stored as 'YYYY-MM-DD' text.

func internshipDate(t time.Time) string { return t.Format(time.DateOnly) }

func parseInternshipDate(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

// textJSON writes a multilingual text as its JSON column.
func internshipTextJSON(t berceau.Text) string {
	b, err := json.Marshal(t)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// jsonText reads a multilingual text column.
func internshipText(s string) (berceau.Text, error) {
	var t berceau.Text
	if s == "" {
		return t, nil
	}
	err := json.Unmarshal([]byte(s), &t)
	return t, err
}

// idList writes ids as SQL placeholders from $first on, with their args.
func internshipIDList(ids []int64, first int) (string, []any) {
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i], args[i] = "$"+strconv.Itoa(first+i), id
	}
	return strings.Join(marks, ", "), args
}

const internshipColumns = `i.id, i.site_id, i.kind_id, i.field_id, COALESCE(i.intern_user_id, 0),
	COALESCE(u.display_name, i.intern_name), i.school, i.starts_on, i.ends_on, i.planned_hours,
	CASE WHEN a.internship_id IS NULL THEN 0 ELSE 1 END, i.created_at, i.updated_at`

const internshipFrom = ` FROM internships i LEFT JOIN users u ON u.id = i.intern_user_id
	LEFT JOIN internship_agreements a ON a.internship_id = i.id`

func scanInternship(row rowScanner) (training.Internship, error) {
	var i training.Internship
	var starts, ends string
	var agreement int
	if err := row.Scan(&i.ID, &i.SiteID, &i.KindID, &i.FieldID, &i.InternUserID, &i.InternName, &i.School,
		&starts, &ends, &i.PlannedHours, &agreement, &i.CreatedAt, &i.UpdatedAt); err != nil {
		return i, err
	}
	var err error
	if i.StartsOn, err = parseInternshipDate(starts); err != nil {
		return i, err
	}
	if i.EndsOn, err = parseInternshipDate(ends); err != nil {
		return i, err
	}
	i.HasAgreement = agreement == 1
	return i, nil
}

// InternshipFilter selects internships: of some sites (nil: every site),
// or those a person takes part in as intern or supervisor (PersonID).
type InternshipFilter struct {
	SiteIDs  []int64
	AllSites bool
	PersonID int64
}

// Internships lists the internships the filter selects, the latest first,
// with their supervisors.
func (tx *Tx) Internships(ctx context.Context, f InternshipFilter) ([]training.Internship, error) {
	var where []string
	var args []any
	if !f.AllSites {
		var reach []string
		if len(f.SiteIDs) > 0 {
			marks, ids := internshipIDList(f.SiteIDs, len(args)+1)
			reach = append(reach, "i.site_id IN ("+marks+")")
			args = append(args, ids...)
		}
		if f.PersonID != 0 {
			n := "$" + strconv.Itoa(len(args)+1)
			reach = append(reach, "i.intern_user_id = "+n,
				"i.id IN (SELECT internship_id FROM internship_supervisors WHERE user_id = "+n+")")
			args = append(args, f.PersonID)
		}
		if len(reach) == 0 {
			return nil, nil
		}
		where = append(where, "("+strings.Join(reach, " OR ")+")")
	}
	query := `SELECT ` + internshipColumns + internshipFrom
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY i.ends_on DESC, i.id DESC`
	list, err := queryAll(ctx, tx, "list internships", scanInternship, query, args...)
	if err != nil {
		return nil, err
	}
	return list, wrapErr("read the supervisors of internships", tx.fillInternshipSupervisors(ctx, list))
}

func (tx *Tx) fillInternshipSupervisors(ctx context.Context, list []training.Internship) error {
	if len(list) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(list))
	for n, i := range list {
		at[i.ID], ids[n] = n, i.ID
	}
	// Read in one query for a page of internships; a long list reads all.
	query := `SELECT internship_id, user_id FROM internship_supervisors ORDER BY internship_id, user_id`
	var args []any
	if len(ids) <= 200 {
		marks, idArgs := internshipIDList(ids, 1)
		query = `SELECT internship_id, user_id FROM internship_supervisors WHERE internship_id IN (` + marks + `) ORDER BY internship_id, user_id`
		args = idArgs
	}
	return tx.eachRow(ctx, "read supervisors", func(row rowScanner) error {
		var internshipID, userID int64
		if err := row.Scan(&internshipID, &userID); err != nil {
			return err
		}
		if n, ok := at[internshipID]; ok {
			list[n].SupervisorIDs = append(list[n].SupervisorIDs, userID)
		}
		return nil
	}, query, args...)
}

// InternshipByID reads one internship with its supervisors.
func (tx *Tx) InternshipByID(ctx context.Context, id int64) (training.Internship, error) {
	i, err := scanInternship(tx.queryRow(ctx, `SELECT `+internshipColumns+internshipFrom+` WHERE i.id = $1`, id))
	if err != nil {
		return i, wrapErr("read internship", notFound(err, "internship.error.not_found"))
	}
	list := []training.Internship{i}
	if err := tx.fillInternshipSupervisors(ctx, list); err != nil {
		return i, wrapErr("read the supervisors of an internship", err)
	}
	return list[0], nil
}

// CreateInternship saves a new internship and its supervisors; i.ID is set.
func (tx *Tx) CreateInternship(ctx context.Context, i *training.Internship) error {
	var intern any
	if i.InternUserID != 0 {
		intern = i.InternUserID
	}
	id, err := tx.insertID(ctx, `INSERT INTO internships (site_id, kind_id, field_id, intern_user_id, intern_name, school,
		starts_on, ends_on, planned_hours, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		i.SiteID, i.KindID, i.FieldID, intern, i.InternName, i.School, internshipDate(i.StartsOn), internshipDate(i.EndsOn), i.PlannedHours, tx.now)
	if err != nil {
		return wrapErr("create internship", err)
	}
	i.ID, i.CreatedAt, i.UpdatedAt = id, tx.now, tx.now
	return wrapErr("save the supervisors of an internship", tx.setInternshipSupervisors(ctx, i.ID, i.SupervisorIDs))
}

// UpdateInternship saves a changed internship and its supervisors.
func (tx *Tx) UpdateInternship(ctx context.Context, i training.Internship) error {
	var intern any
	if i.InternUserID != 0 {
		intern = i.InternUserID
	}
	err := affectedOne(tx.exec(ctx, `UPDATE internships SET site_id = $1, kind_id = $2, field_id = $3, intern_user_id = $4,
		intern_name = $5, school = $6, starts_on = $7, ends_on = $8, planned_hours = $9, updated_at = $10 WHERE id = $11`,
		i.SiteID, i.KindID, i.FieldID, intern, i.InternName, i.School, internshipDate(i.StartsOn), internshipDate(i.EndsOn),
		i.PlannedHours, tx.now, i.ID))
	if err != nil {
		return wrapErr("update internship", err)
	}
	return wrapErr("save the supervisors of an internship", tx.setInternshipSupervisors(ctx, i.ID, i.SupervisorIDs))
}

func (tx *Tx) setInternshipSupervisors(ctx context.Context, internshipID int64, userIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM internship_supervisors WHERE internship_id = $1`, internshipID); err != nil {
		return err
	}
	for _, id := range userIDs {
		if _, err := tx.exec(ctx, `INSERT INTO internship_supervisors (internship_id, user_id) VALUES ($1, $2)`, internshipID, id); err != nil {
			return err
		}
	}
	return nil
}

// InternshipsEndOf says whether userID is the intern of any internship and,
// if so, the last day of the one that ends last.
func (tx *Tx) InternshipsEndOf(ctx context.Context, userID int64) (last time.Time, known bool, err error) {
	var end sql.NullString
	if err := tx.queryRow(ctx, `SELECT MAX(ends_on) FROM internships WHERE intern_user_id = $1`, userID).Scan(&end); err != nil {
		return last, false, wrapErr("read the end of a trainee's internships", err)
	}
	if !end.Valid || end.String == "" {
		return last, false, nil
	}
	last, err = parseInternshipDate(end.String)
	return last, true, wrapErr("read the end of a trainee's internships", err)
}

// SetInternshipAgreement attaches (or replaces) an internship's agreement.
func (tx *Tx) SetInternshipAgreement(ctx context.Context, internshipID int64, name, contentType string, content []byte, by int64) error {
	_, err := tx.exec(ctx, `INSERT INTO internship_agreements (internship_id, file_name, content_type, content, uploaded_by, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (internship_id) DO UPDATE SET file_name = excluded.file_name,
		content_type = excluded.content_type, content = excluded.content, uploaded_by = excluded.uploaded_by,
		uploaded_at = excluded.uploaded_at`, internshipID, name, contentType, content, by, tx.now)
	return wrapErr("save an internship agreement", err)
}

// InternshipAgreement reads an internship's agreement document.
func (tx *Tx) InternshipAgreement(ctx context.Context, internshipID int64) (name, contentType string, content []byte, err error) {
	err = tx.queryRow(ctx, `SELECT file_name, content_type, content FROM internship_agreements WHERE internship_id = $1`,
		internshipID).Scan(&name, &contentType, &content)
	return name, contentType, content, wrapErr("read an internship agreement", notFound(err, "internship.error.no_agreement"))
}

// ReportInternships reads the internships overlapping [from, to] (of the
// sites given, nil: all) with the minutes countersigned for weeks starting
// within the period.
func (tx *Tx) ReportInternships(ctx context.Context, from, to time.Time, siteIDs []int64, allSites bool) ([]training.ReportInternship, error) {
	if !allSites && len(siteIDs) == 0 {
		return nil, nil
	}
	query := `SELECT i.id, i.site_id, i.kind_id, i.field_id, COALESCE(i.intern_user_id, 0), i.intern_name, i.school,
		COALESCE(h.minutes, 0)
		FROM internships i LEFT JOIN (SELECT internship_id, SUM(signed_minutes) AS minutes FROM internship_weeks
			WHERE signed_minutes IS NOT NULL AND week_start >= $1 AND week_start <= $2 GROUP BY internship_id) h
			ON h.internship_id = i.id
		WHERE i.starts_on <= $2 AND i.ends_on >= $1`
	args := []any{internshipDate(from), internshipDate(to)}
	if !allSites {
		marks, ids := internshipIDList(siteIDs, 3)
		query += ` AND i.site_id IN (` + marks + `)`
		args = append(args, ids...)
	}
	query += ` ORDER BY i.id`
	return queryAll(ctx, tx, "read the internships of a report", func(row rowScanner) (training.ReportInternship, error) {
		var r training.ReportInternship
		var userID int64
		var name string
		err := row.Scan(&r.ID, &r.SiteID, &r.KindID, &r.FieldID, &userID, &name, &r.School, &r.Minutes)
		if userID != 0 {
			r.Intern = "user:" + strconv.FormatInt(userID, 10)
		} else {
			r.Intern = "name:" + strings.ToLower(strings.TrimSpace(name))
		}
		return r, err
	}, query, args...)
}

// checkJSON reports a column that does not read as JSON, with its context.
func internshipJSONErr(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
