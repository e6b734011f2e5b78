package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/berceau/berceau/training"
)

// The hours of internships: one row per internship and ISO week.

const weekColumns = `id, internship_id, week_start, logged_minutes, note, COALESCE(logged_by, 0), logged_at,
	signed_minutes, COALESCE(signed_by, 0), signed_at, sign_note`

func scanWeek(row rowScanner) (training.WeekHours, error) {
	var w training.WeekHours
	var week string
	var signed sql.NullInt64
	var signedAt sql.NullTime
	if err := row.Scan(&w.ID, &w.InternshipID, &week, &w.LoggedMinutes, &w.Note, &w.LoggedBy, &w.LoggedAt,
		&signed, &w.SignedBy, &signedAt, &w.SignNote); err != nil {
		return w, err
	}
	w.Signed, w.SignedMinutes, w.SignedAt = signed.Valid, int(signed.Int64), signedAt.Time
	var err error
	w.Week, err = parseInternshipDate(week)
	return w, err
}

// InternshipWeeks lists an internship's weeks, the latest first.
func (tx *Tx) InternshipWeeks(ctx context.Context, internshipID int64) ([]training.WeekHours, error) {
	return queryAll(ctx, tx, "list the weeks of an internship", scanWeek,
		`SELECT `+weekColumns+` FROM internship_weeks WHERE internship_id = $1 ORDER BY week_start DESC`, internshipID)
}

// InternshipWeek reads one week of an internship.
func (tx *Tx) InternshipWeek(ctx context.Context, internshipID, weekID int64) (training.WeekHours, error) {
	w, err := scanWeek(tx.queryRow(ctx, `SELECT `+weekColumns+` FROM internship_weeks WHERE id = $1 AND internship_id = $2`,
		weekID, internshipID))
	return w, wrapErr("read a week of hours", notFound(err, "internship.error.week_not_found"))
}

// InternshipWeekOf reads the week starting on monday, if logged.
func (tx *Tx) InternshipWeekOf(ctx context.Context, internshipID int64, monday time.Time) (training.WeekHours, error) {
	w, err := scanWeek(tx.queryRow(ctx, `SELECT `+weekColumns+` FROM internship_weeks WHERE internship_id = $1 AND week_start = $2`,
		internshipID, internshipDate(monday)))
	return w, wrapErr("read a week of hours", notFound(err, "internship.error.week_not_found"))
}

// LogInternshipWeek writes the intern's hours of a week not yet
// countersigned (a new row, or the figure changed); w.ID is set.
func (tx *Tx) LogInternshipWeek(ctx context.Context, w *training.WeekHours) error {
	var by any
	if w.LoggedBy != 0 {
		by = w.LoggedBy
	}
	w.LoggedAt = tx.now
	id, err := tx.insertID(ctx, `INSERT INTO internship_weeks (internship_id, week_start, logged_minutes, note, logged_by, logged_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (internship_id, week_start) DO UPDATE SET logged_minutes = excluded.logged_minutes,
		note = excluded.note, logged_by = excluded.logged_by, logged_at = excluded.logged_at RETURNING id`,
		w.InternshipID, internshipDate(w.Week), w.LoggedMinutes, w.Note, by, w.LoggedAt)
	w.ID = id
	return wrapErr("log a week of hours", err)
}

// SignInternshipWeek countersigns a week with the figure the supervisor
// signs and their note; the intern's figure stays.
func (tx *Tx) SignInternshipWeek(ctx context.Context, weekID int64, minutes int, by int64, note string) error {
	return wrapErr("countersign a week of hours", affectedOne(tx.exec(ctx, `UPDATE internship_weeks SET signed_minutes = $1,
		signed_by = $2, signed_at = $3, sign_note = $4 WHERE id = $5`, minutes, by, tx.now, note, weekID)))
}

// UnsignedWeeksSupervisedBy lists the weeks waiting for a countersignature
// whose week started on or before lastMonday, of the internships userID
// supervises, the oldest first.
func (tx *Tx) UnsignedWeeksSupervisedBy(ctx context.Context, userID int64, lastMonday time.Time) ([]training.WeekHours, error) {
	return queryAll(ctx, tx, "list the weeks awaiting a countersignature", scanWeek,
		`SELECT `+weekColumns+` FROM internship_weeks WHERE signed_minutes IS NULL AND week_start <= $1
		AND internship_id IN (SELECT internship_id FROM internship_supervisors WHERE user_id = $2)
		ORDER BY week_start, id LIMIT 200`, internshipDate(lastMonday), userID)
}

// WeekTotals are an internship's weeks summed: the minutes countersigned
// and the weeks waiting for a countersignature.
type WeekTotals struct {
	SignedMinutes int
	Unsigned      int
}

// InternshipWeekTotals sums the weeks of every internship in one query.
func (tx *Tx) InternshipWeekTotals(ctx context.Context) (map[int64]WeekTotals, error) {
	totals := map[int64]WeekTotals{}
	err := tx.eachRow(ctx, "sum the weeks of internships", func(row rowScanner) error {
		var id int64
		var t WeekTotals
		if err := row.Scan(&id, &t.SignedMinutes, &t.Unsigned); err != nil {
			return err
		}
		totals[id] = t
		return nil
	}, `SELECT internship_id, COALESCE(SUM(signed_minutes), 0), SUM(CASE WHEN signed_minutes IS NULL THEN 1 ELSE 0 END)
		FROM internship_weeks GROUP BY internship_id`)
	return totals, err
}
