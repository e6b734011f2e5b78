package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/training"
)

// TrainingFilter selects trainings of the catalogue; zero fields select all.
type TrainingFilter struct {
	Modality       training.Modality
	Discipline     berceau.Discipline // meant for it (or for every discipline)
	Language       string
	OrganizationID string
	Limit, Offset  int // Limit 0: every training
}

// trainingText writes a multilingual text as its JSON column (Text always
// marshals).
func trainingText(t berceau.Text) string {
	b, _ := json.Marshal(t)
	return string(b)
}

// jsonText reads a multilingual text from its JSON column; a column that is
// not JSON reads as empty.
func jsonText(s string) berceau.Text {
	var t berceau.Text
	_ = json.Unmarshal([]byte(s), &t)
	return t
}

// audienceColumn writes disciplines as ",a,b," so that one is found with
// LIKE '%,a,%'; no discipline is the empty string (every discipline).
func audienceColumn(ds []berceau.Discipline) string {
	if len(ds) == 0 {
		return ""
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = string(d)
	}
	return "," + strings.Join(parts, ",") + ","
}

func audienceOf(s string) []berceau.Discipline {
	var out []berceau.Discipline
	for _, p := range strings.Split(strings.Trim(s, ","), ",") {
		if p != "" {
			out = append(out, berceau.Discipline(p))
		}
	}
	return out
}

// civilDate writes a civil day as 'YYYY-MM-DD'.
func civilDate(t time.Time) string { return t.Format("2006-01-02") }

// parseCivil reads a 'YYYY-MM-DD' column.
func parseCivil(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// CreateTraining stores a new training and its sessions, and sets its id.
func (tx *Tx) CreateTraining(ctx context.Context, t *training.Training) error {
	id, err := tx.insertID(ctx, `INSERT INTO trainings (title, objectives, prerequisites, audience, minutes, modality, language,
		organization_id, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		trainingText(t.Title), trainingText(t.Objectives), trainingText(t.Prerequisites), audienceColumn(t.Audience), t.Minutes, string(t.Modality),
		t.Language, t.OrganizationID, nullID(t.CreatedBy), tx.now)
	if err != nil {
		return wrapErr("create training", err)
	}
	t.ID, t.CreatedAt, t.UpdatedAt = id, tx.now, tx.now
	return wrapErr("create training", tx.setTrainingSessions(ctx, id, t.SessionIDs))
}

// UpdateTraining rewrites a training and its sessions.
func (tx *Tx) UpdateTraining(ctx context.Context, t *training.Training) error {
	if err := affectedOne(tx.exec(ctx, `UPDATE trainings SET title = $1, objectives = $2, prerequisites = $3, audience = $4, minutes = $5,
		modality = $6, language = $7, organization_id = $8, updated_at = $9 WHERE id = $10`,
		trainingText(t.Title), trainingText(t.Objectives), trainingText(t.Prerequisites), audienceColumn(t.Audience), t.Minutes, string(t.Modality),
		t.Language, t.OrganizationID, tx.now, t.ID)); err != nil {
		return wrapErr("update training", notFound(err, "training.error.not_found"))
	}
	t.UpdatedAt = tx.now
	return wrapErr("update training", tx.setTrainingSessions(ctx, t.ID, t.SessionIDs))
}

// setTrainingSessions replaces a training's sessions; an event already a
// session of another training is a conflict.
func (tx *Tx) setTrainingSessions(ctx context.Context, trainingID int64, eventIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM training_sessions WHERE training_id = $1`, trainingID); err != nil {
		return err
	}
	for _, id := range eventIDs {
		if _, err := tx.exec(ctx, `INSERT INTO training_sessions (training_id, event_id) VALUES ($1, $2)`, trainingID, id); err != nil {
			if isUniqueViolation(err) {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Cause: err,
					Fields: map[string]string{"sessions": "training.error.session_taken"}}
			}
			return err
		}
	}
	return nil
}

const trainingColumns = `id, title, objectives, prerequisites, audience, minutes, modality, language, organization_id,
	COALESCE(created_by, 0), created_at, updated_at`

func scanTraining(row rowScanner) (training.Training, error) {
	var t training.Training
	var title, objectives, prerequisites, audience, modality string
	err := row.Scan(&t.ID, &title, &objectives, &prerequisites, &audience, &t.Minutes, &modality, &t.Language, &t.OrganizationID,
		&t.CreatedBy, &t.CreatedAt, &t.UpdatedAt)
	t.Title, t.Objectives, t.Prerequisites = jsonText(title), jsonText(objectives), jsonText(prerequisites)
	t.Audience, t.Modality = audienceOf(audience), training.Modality(modality)
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return t, err
}

// TrainingByID reads one training with its session ids.
func (tx *Tx) TrainingByID(ctx context.Context, id int64) (training.Training, error) {
	t, err := scanTraining(tx.queryRow(ctx, `SELECT `+trainingColumns+` FROM trainings WHERE id = $1`, id))
	if err != nil {
		return t, wrapErr("read training", notFound(err, "training.error.not_found"))
	}
	sessions, err := tx.sessionIDs(ctx, []int64{id})
	t.SessionIDs = sessions[id]
	return t, wrapErr("read training", err)
}

func (tx *Tx) sessionIDs(ctx context.Context, trainingIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(trainingIDs) == 0 {
		return out, nil
	}
	marks, args := idList(trainingIDs)
	err := tx.eachRow(ctx, "read training sessions", func(row rowScanner) error {
		var t, e int64
		if err := row.Scan(&t, &e); err != nil {
			return err
		}
		out[t] = append(out[t], e)
		return nil
	}, `SELECT s.training_id, s.event_id FROM training_sessions s JOIN events e ON e.id = s.event_id
		WHERE s.training_id IN (`+marks+`) ORDER BY e.starts_at, e.id`, args...)
	return out, err
}

// idList gives "$1, $2, …" and the arguments for an IN list of ids.
func idList(ids []int64) (string, []any) {
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i], args[i] = "$"+strconv.Itoa(i+1), id
	}
	return strings.Join(marks, ", "), args
}

// Trainings lists the trainings f selects, by title, with their sessions'
// ids, and how many match in all.
func (tx *Tx) Trainings(ctx context.Context, f TrainingFilter) ([]training.Training, int, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Modality != "" {
		add("modality = ?", string(f.Modality))
	}
	if f.Discipline != "" {
		add("(audience = '' OR audience LIKE ?)", "%,"+string(f.Discipline)+",%")
	}
	if f.Language != "" {
		add("language = ?", f.Language)
	}
	if f.OrganizationID != "" {
		add("organization_id = ?", f.OrganizationID)
	}
	clause := ""
	if len(where) > 0 {
		clause = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM trainings`+clause, args...).Scan(&total); err != nil {
		return nil, 0, wrapErr("count trainings", err)
	}
	page := ""
	if f.Limit > 0 {
		page = " LIMIT " + strconv.Itoa(f.Limit) + " OFFSET " + strconv.Itoa(max(0, f.Offset))
	}
	list, err := queryAll(ctx, tx, "list trainings", scanTraining, `SELECT `+trainingColumns+` FROM trainings`+clause+` ORDER BY title, id`+page, args...)
	if err != nil || len(list) == 0 {
		return list, total, err
	}
	ids := make([]int64, len(list))
	for i, t := range list {
		ids[i] = t.ID
	}
	sessions, err := tx.sessionIDs(ctx, ids)
	for i := range list {
		list[i].SessionIDs = sessions[list[i].ID]
	}
	return list, total, wrapErr("list trainings", err)
}

// TrainingSessions reads the sessions of trainings (every training when ids
// is nil) as the completion rule reads them, by training id.
func (tx *Tx) TrainingSessions(ctx context.Context, ids []int64) (map[int64][]training.Session, error) {
	out := map[int64][]training.Session{}
	where, args := "", []any(nil)
	if ids != nil {
		if len(ids) == 0 {
			return out, nil
		}
		var marks string
		marks, args = idList(ids)
		where = ` WHERE s.training_id IN (` + marks + `)`
	}
	err := tx.eachRow(ctx, "read training sessions", func(row rowScanner) error {
		var trainingID int64
		var s training.Session
		var fr, en, status string
		if err := row.Scan(&trainingID, &s.EventID, &fr, &en, &s.Start, &s.End, &s.TimeZone, &status); err != nil {
			return err
		}
		s.Title, s.Start, s.End, s.Cancelled = berceau.TextOf("fr", fr, "en", en), s.Start.UTC(), s.End.UTC(), status == "cancelled"
		out[trainingID] = append(out[trainingID], s)
		return nil
	}, `SELECT s.training_id, e.id, e.title_fr, e.title_en, e.starts_at, e.ends_at, e.time_zone, e.status
		FROM training_sessions s JOIN events e ON e.id = s.event_id`+where+` ORDER BY e.starts_at, e.id`, args...)
	return out, err
}

// TrainingOfEvent returns the id of the training an event is a session of;
// 0 when none.
func (tx *Tx) TrainingOfEvent(ctx context.Context, eventID int64) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT training_id FROM training_sessions WHERE event_id = $1`, eventID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, wrapErr("read the training of an event", err)
}

// SetCompletionMark writes (or replaces) a trainer's completion mark.
func (tx *Tx) SetCompletionMark(ctx context.Context, m training.Mark) error {
	_, err := tx.exec(ctx, `INSERT INTO training_completions (training_id, user_id, completed_on, note, marked_by, marked_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (training_id, user_id) DO UPDATE SET completed_on = excluded.completed_on,
		note = excluded.note, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
		m.TrainingID, m.UserID, civilDate(m.On), m.Note, nullID(m.MarkedBy), tx.now)
	return wrapErr("mark a training complete", err)
}

// DeleteCompletionMark withdraws a trainer's completion mark.
func (tx *Tx) DeleteCompletionMark(ctx context.Context, trainingID, userID int64) error {
	return wrapErr("withdraw a completion mark", affectedOne(tx.exec(ctx,
		`DELETE FROM training_completions WHERE training_id = $1 AND user_id = $2`, trainingID, userID)))
}

// CompletionMarks reads trainers' marks, by user then training: of one
// user, of one training, or all (zero ids).
func (tx *Tx) CompletionMarks(ctx context.Context, userID, trainingID int64) (map[int64]map[int64]training.Mark, error) {
	out := map[int64]map[int64]training.Mark{}
	where, args := " WHERE 1 = 1", []any{}
	if userID != 0 {
		args = append(args, userID)
		where += " AND user_id = $" + strconv.Itoa(len(args))
	}
	if trainingID != 0 {
		args = append(args, trainingID)
		where += " AND training_id = $" + strconv.Itoa(len(args))
	}
	err := tx.eachRow(ctx, "read completion marks", func(row rowScanner) error {
		var m training.Mark
		var on string
		if err := row.Scan(&m.TrainingID, &m.UserID, &on, &m.Note, &m.MarkedBy); err != nil {
			return err
		}
		m.On = parseCivil(on)
		if out[m.UserID] == nil {
			out[m.UserID] = map[int64]training.Mark{}
		}
		out[m.UserID][m.TrainingID] = m
		return nil
	}, `SELECT training_id, user_id, completed_on, note, COALESCE(marked_by, 0) FROM training_completions`+where, args...)
	return out, err
}

// TrainingParticipants lists the members registered to a session of the
// training (holding a place), with the sessions each attended.
func (tx *Tx) TrainingParticipants(ctx context.Context, trainingID int64) ([]training.Participant, error) {
	byUser := map[int64]*training.Participant{}
	var order []int64
	err := tx.eachRow(ctx, "list training participants", func(row rowScanner) error {
		var id, eventID int64
		var name, discipline, state string
		if err := row.Scan(&id, &name, &discipline, &eventID, &state); err != nil {
			return err
		}
		p := byUser[id]
		if p == nil {
			p = &training.Participant{UserID: id, Name: name, Discipline: berceau.Discipline(discipline), Attended: map[int64]bool{}}
			byUser[id] = p
			order = append(order, id)
		}
		if state == "attended" {
			p.Attended[eventID] = true
		}
		return nil
	}, `SELECT u.id, u.display_name, u.discipline, r.event_id, r.state FROM training_sessions s
		JOIN event_registrations r ON r.event_id = s.event_id JOIN users u ON u.id = r.user_id
		WHERE s.training_id = $1 AND r.state IN (`+holdsPlaceStates+`) ORDER BY u.display_name, u.id`, trainingID)
	out := make([]training.Participant, 0, len(order))
	for _, id := range order {
		out = append(out, *byUser[id])
	}
	return out, err
}
