package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/training"
)

// personSites is every (user, site) pair: a role given on a site, or a
// care team of the site joined.
const personSites = `SELECT user_id, site_id FROM user_roles WHERE site_id IS NOT NULL
	UNION SELECT m.user_id, t.site_id FROM team_members m JOIN teams t ON t.id = m.team_id`

// UserSiteIDs lists the sites a person works at, by role or care team.
func (tx *Tx) UserSiteIDs(ctx context.Context, userID int64) ([]int64, error) {
	return queryAll(ctx, tx, "read a person's sites", func(row rowScanner) (int64, error) {
		var id int64
		err := row.Scan(&id)
		return id, err
	}, `SELECT DISTINCT site_id FROM (`+personSites+`) ps WHERE user_id = $1 ORDER BY site_id`, userID)
}

// LearningPeople lists the active accounts the learning records' views
// count, each once at one site: among siteIDs (nil: every site, the
// person counted at their first site; people of no site come last with
// SiteID 0, only when siteIDs is nil).
func (tx *Tx) LearningPeople(ctx context.Context, siteIDs []int64) ([]training.Person, error) {
	where, args := "", []any(nil)
	if siteIDs != nil {
		if len(siteIDs) == 0 {
			return nil, nil
		}
		var marks string
		marks, args = idList(siteIDs)
		where = ` WHERE site_id IN (` + marks + `)`
	}
	join := `LEFT JOIN`
	if siteIDs != nil {
		join = `JOIN`
	}
	return queryAll(ctx, tx, "list the people of learning records", func(row rowScanner) (training.Person, error) {
		var p training.Person
		var discipline string
		var site sql.NullInt64
		var siteName sql.NullString
		err := row.Scan(&p.UserID, &p.Name, &discipline, &p.Locale, &site, &siteName)
		p.Discipline, p.SiteID, p.SiteName = berceau.Discipline(discipline), site.Int64, siteName.String
		return p, err
	}, `SELECT u.id, u.display_name, u.discipline, u.locale, ps.site_id, s.name FROM users u
		`+join+` (SELECT user_id, MIN(site_id) AS site_id FROM (`+personSites+`) x`+where+` GROUP BY user_id) ps ON ps.user_id = u.id
		LEFT JOIN sites s ON s.id = ps.site_id
		WHERE u.disabled = FALSE ORDER BY s.name, u.display_name, u.id`, args...)
}

// LearningAttendances reads the events each member attended, with the
// minutes credited (learning_hours), by user: of one user, or of everyone
// (userID 0).
func (tx *Tx) LearningAttendances(ctx context.Context, userID int64) (map[int64][]training.Attendance, error) {
	var ids []int64
	if userID != 0 {
		ids = []int64{userID}
	}
	return tx.LearningAttendancesOf(ctx, ids, time.Time{}, time.Time{})
}

// LearningAttendancesOf reads the attendances of the users in userIDs (nil:
// everyone). With a window (from, to), an event that is no training's
// session is read only when it ended inside it, while every training
// session is read, since a training's completion depends on all of them.
func (tx *Tx) LearningAttendancesOf(ctx context.Context, userIDs []int64, from, to time.Time) (map[int64][]training.Attendance, error) {
	out := map[int64][]training.Attendance{}
	where, args := ` AND r.user_id IS NOT NULL`, []any(nil)
	if userIDs != nil {
		if len(userIDs) == 0 {
			return out, nil
		}
		var marks string
		marks, args = idList(userIDs)
		where = ` AND r.user_id IN (` + marks + `)`
	}
	if !from.IsZero() {
		args = append(args, from.UTC(), to.UTC())
		n := strconv.Itoa(len(args))
		where += ` AND ((e.ends_at >= $` + strconv.Itoa(len(args)-1) + ` AND e.ends_at < $` + n + `)
			OR EXISTS (SELECT 1 FROM training_sessions s WHERE s.event_id = e.id))`
	}
	err := tx.eachRow(ctx, "read attendance", func(row rowScanner) error {
		var user int64
		var a training.Attendance
		var fr, en, zone string
		var end time.Time
		if err := row.Scan(&user, &a.EventID, &fr, &en, &end, &zone, &a.Minutes); err != nil {
			return err
		}
		a.Title = berceau.TextOf("fr", fr, "en", en)
		a.Day = training.Session{End: end.UTC(), TimeZone: zone}.Day()
		out[user] = append(out[user], a)
		return nil
	}, `SELECT r.user_id, e.id, e.title_fr, e.title_en, e.ends_at, e.time_zone, COALESCE(h.minutes, 0)
		FROM event_registrations r JOIN events e ON e.id = r.event_id LEFT JOIN learning_hours h ON h.registration_id = r.id
		WHERE r.state = 'attended'`+where+` ORDER BY e.ends_at, e.id`, args...)
	return out, err
}

// CreateDeclaration stores an external training's declaration, pending,
// with its proof, and sets its id.
func (tx *Tx) CreateDeclaration(ctx context.Context, d *training.Declaration, proof []byte) error {
	id, err := tx.insertID(ctx, `INSERT INTO training_declarations (user_id, title, provider, taken_on, minutes, proof_name, proof_type,
		proof, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING id`,
		d.UserID, d.Title, d.Provider, civilDate(d.On), d.Minutes, d.ProofName, d.ProofType, proof, tx.now)
	if err != nil {
		return wrapErr("create declaration", err)
	}
	d.ID, d.Status, d.CreatedAt, d.ProofSize = id, training.Pending, tx.now, len(proof)
	return nil
}

const declarationColumns = `d.id, d.user_id, d.title, d.provider, d.taken_on, d.minutes, d.proof_name, d.proof_type, d.status,
	COALESCE(d.decided_by, 0), d.decided_at, d.reason, d.created_at, u.display_name`

const declarationFrom = ` FROM training_declarations d JOIN users u ON u.id = d.user_id`

func scanDeclaration(row rowScanner) (training.Declaration, error) {
	var d training.Declaration
	var on, status string
	var decided sql.NullTime
	err := row.Scan(&d.ID, &d.UserID, &d.Title, &d.Provider, &on, &d.Minutes, &d.ProofName, &d.ProofType, &status,
		&d.DecidedBy, &decided, &d.Reason, &d.CreatedAt, &d.Person)
	d.On, d.Status, d.CreatedAt = parseCivil(on), training.DeclarationStatus(status), d.CreatedAt.UTC()
	if decided.Valid {
		d.DecidedAt = decided.Time.UTC()
	}
	return d, err
}

// DeclarationByID reads one declaration, without its proof.
func (tx *Tx) DeclarationByID(ctx context.Context, id int64) (training.Declaration, error) {
	d, err := scanDeclaration(tx.queryRow(ctx, `SELECT `+declarationColumns+declarationFrom+` WHERE d.id = $1`, id))
	return d, wrapErr("read declaration", notFound(err, "training.error.declaration_not_found"))
}

// DeclarationProof reads a declaration's proof file.
func (tx *Tx) DeclarationProof(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := tx.queryRow(ctx, `SELECT proof FROM training_declarations WHERE id = $1`, id).Scan(&b)
	return b, wrapErr("read declaration proof", notFound(err, "training.error.declaration_not_found"))
}

// DecideDeclaration approves or refuses a pending declaration.
func (tx *Tx) DecideDeclaration(ctx context.Context, id int64, status training.DeclarationStatus, decidedBy int64, reason string) error {
	return wrapErr("decide declaration", notFound(affectedOne(tx.exec(ctx, `UPDATE training_declarations SET status = $1, decided_by = $2,
		decided_at = $3, reason = $4 WHERE id = $5 AND status = 'pending'`, string(status), nullID(decidedBy), tx.now, reason, id)),
		"training.error.declaration_not_found"))
}

// Declarations lists declarations, newest first: of one user (userID), of
// the users in userIDs, in one status ("" any); userID 0 and nil userIDs
// select everyone.
func (tx *Tx) Declarations(ctx context.Context, userID int64, userIDs []int64, status training.DeclarationStatus) ([]training.Declaration, error) {
	var where []string
	var args []any
	if userID != 0 {
		args = append(args, userID)
		where = append(where, "d.user_id = $"+strconv.Itoa(len(args)))
	}
	if userIDs != nil {
		if len(userIDs) == 0 {
			return nil, nil
		}
		marks := make([]string, len(userIDs))
		for i, id := range userIDs {
			args = append(args, id)
			marks[i] = "$" + strconv.Itoa(len(args))
		}
		where = append(where, "d.user_id IN ("+strings.Join(marks, ", ")+")")
	}
	if status != "" {
		args = append(args, string(status))
		where = append(where, "d.status = $"+strconv.Itoa(len(args)))
	}
	clause := ""
	if len(where) > 0 {
		clause = " WHERE " + strings.Join(where, " AND ")
	}
	return queryAll(ctx, tx, "list declarations", scanDeclaration,
		`SELECT `+declarationColumns+declarationFrom+clause+` ORDER BY d.taken_on DESC, d.id DESC`, args...)
}
