package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
)

// The families' voice: questions and their versions, invitations, and the
// anonymous responses (migration 00115). A response is written with its
// site, programme and month only; nothing here reads an invitation and a
// response together.

const voiceQuestionColumns = `q.id, q.code, q.kind, q.position, q.active, v.id, v.version, v.wording, v.plain`

// voiceCurrentVersion joins each question with its latest version.
const voiceCurrentVersion = `FROM voice_questions q JOIN voice_question_versions v ON v.question_id = q.id
	AND v.version = (SELECT MAX(version) FROM voice_question_versions WHERE question_id = q.id)`

func scanVoiceQuestion(row rowScanner) (indicator.VoiceQuestion, error) {
	var q indicator.VoiceQuestion
	var wording, plain string
	if err := row.Scan(&q.ID, &q.Code, &q.Kind, &q.Position, &q.Active, &q.VersionID, &q.Version, &wording, &plain); err != nil {
		return q, err
	}
	if err := json.Unmarshal([]byte(wording), &q.Wording); err != nil {
		return q, err
	}
	return q, json.Unmarshal([]byte(plain), &q.Plain)
}

// VoiceQuestions lists the questions at their current wording, in order;
// activeOnly leaves out the inactive ones (the questionnaire a family sees).
func (tx *Tx) VoiceQuestions(ctx context.Context, activeOnly bool) ([]indicator.VoiceQuestion, error) {
	return queryAll(ctx, tx, "list voice questions", scanVoiceQuestion, `SELECT `+voiceQuestionColumns+` `+voiceCurrentVersion+`
		WHERE q.active OR $1 = FALSE ORDER BY q.position, q.id`, activeOnly)
}

// VoiceQuestion reads one question at its current wording.
func (tx *Tx) VoiceQuestion(ctx context.Context, id int64) (indicator.VoiceQuestion, error) {
	q, err := scanVoiceQuestion(tx.queryRow(ctx, `SELECT `+voiceQuestionColumns+` `+voiceCurrentVersion+` WHERE q.id = $1`, id))
	return q, notFound(wrapErr("read voice question", err), "error.not_found_message")
}

// CreateVoiceQuestion adds a question at the end of the questionnaire, with
// its first wording.
func (tx *Tx) CreateVoiceQuestion(ctx context.Context, q *indicator.VoiceQuestion, by int64) error {
	var last sql.NullInt64
	if err := tx.queryRow(ctx, `SELECT MAX(position) FROM voice_questions`).Scan(&last); err != nil {
		return wrapErr("create voice question", err)
	}
	q.Position = int(last.Int64) + 1
	id, err := tx.insertID(ctx, `INSERT INTO voice_questions (code, kind, position, active, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		q.Code, string(q.Kind), q.Position, q.Active, tx.now)
	if isUniqueViolation(err) {
		return &berceau.Error{Kind: berceau.KindConflict, Key: "error.form_invalid", Fields: map[string]string{"code": "voice.error.code_taken"}, Cause: err}
	}
	if err != nil {
		return wrapErr("create voice question", err)
	}
	q.ID, q.Version = id, 0
	return tx.AddVoiceQuestionVersion(ctx, q, by)
}

// AddVoiceQuestionVersion records q's wording as its next version; answers
// given to earlier versions keep theirs.
func (tx *Tx) AddVoiceQuestionVersion(ctx context.Context, q *indicator.VoiceQuestion, by int64) error {
	wording, err := json.Marshal(q.Wording)
	if err != nil {
		return wrapErr("add voice question version", err)
	}
	plain, err := json.Marshal(q.Plain)
	if err != nil {
		return wrapErr("add voice question version", err)
	}
	var next int
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM voice_question_versions WHERE question_id = $1`, q.ID).Scan(&next); err != nil {
		return wrapErr("add voice question version", err)
	}
	id, err := tx.insertID(ctx, `INSERT INTO voice_question_versions (question_id, version, wording, plain, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, q.ID, next, string(wording), string(plain), nullID(by), tx.now)
	if err != nil {
		return wrapErr("add voice question version", err)
	}
	q.VersionID, q.Version = id, next
	return nil
}

// SetVoiceQuestionActive puts a question in or out of the questionnaire.
func (tx *Tx) SetVoiceQuestionActive(ctx context.Context, id int64, active bool) error {
	_, err := tx.exec(ctx, `UPDATE voice_questions SET active = $1 WHERE id = $2`, active, id)
	return wrapErr("set voice question active", err)
}

// SetVoiceQuestionPosition moves a question to position.
func (tx *Tx) SetVoiceQuestionPosition(ctx context.Context, id int64, position int) error {
	_, err := tx.exec(ctx, `UPDATE voice_questions SET position = $1 WHERE id = $2`, position, id)
	return wrapErr("set voice question position", err)
}

// VoiceQuestionVersions returns, for the given version ids, the question
// each one words (its current state) with that version's text.
func (tx *Tx) VoiceQuestionVersions(ctx context.Context, ids []int64) (map[int64]indicator.VoiceQuestion, error) {
	out := map[int64]indicator.VoiceQuestion{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, err := queryAll(ctx, tx, "read voice question versions", scanVoiceQuestion, `SELECT `+voiceQuestionColumns+`
		FROM voice_questions q JOIN voice_question_versions v ON v.question_id = q.id
		WHERE v.id IN (`+placeholders(1, len(ids))+`)`, args...)
	for _, q := range list {
		out[q.VersionID] = q
	}
	return out, err
}

// CreateVoiceInvitation stores an invitation under the hash of its token.
func (tx *Tx) CreateVoiceInvitation(ctx context.Context, inv *indicator.VoiceInvitation, tokenHash string) error {
	id, err := tx.insertID(ctx, `INSERT INTO voice_invitations (token_hash, family_id, site_id, programme, occasion, mode, created_by, created_at, expires_at, used)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE) RETURNING id`,
		tokenHash, inv.FamilyID, inv.SiteID, inv.Programme, string(inv.Occasion), string(inv.Mode), inv.CreatedBy, tx.now, inv.ExpiresAt.UTC())
	if err != nil {
		return wrapErr("create voice invitation", err)
	}
	inv.ID, inv.CreatedAt = id, tx.now
	return nil
}

const voiceInvitationColumns = `id, family_id, site_id, programme, occasion, mode, created_by, created_at, expires_at, used`

func scanVoiceInvitation(row rowScanner) (indicator.VoiceInvitation, error) {
	var inv indicator.VoiceInvitation
	err := row.Scan(&inv.ID, &inv.FamilyID, &inv.SiteID, &inv.Programme, &inv.Occasion, &inv.Mode, &inv.CreatedBy,
		&inv.CreatedAt, &inv.ExpiresAt, &inv.Used)
	inv.CreatedAt, inv.ExpiresAt = inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()
	return inv, err
}

// VoiceInvitationByToken reads the invitation of a token's hash.
func (tx *Tx) VoiceInvitationByToken(ctx context.Context, tokenHash string) (indicator.VoiceInvitation, error) {
	inv, err := scanVoiceInvitation(tx.queryRow(ctx, `SELECT `+voiceInvitationColumns+` FROM voice_invitations WHERE token_hash = $1`, tokenHash))
	return inv, notFound(wrapErr("read voice invitation", err), "voice.error.link")
}

// UseVoiceInvitation spends an invitation: false when it was already used
// or has expired (another answer won the race). Only the flag changes: when
// it was used is not kept.
func (tx *Tx) UseVoiceInvitation(ctx context.Context, tokenHash string) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE voice_invitations SET used = TRUE WHERE token_hash = $1 AND used = FALSE AND expires_at > $2`, tokenHash, tx.now)
	if err != nil {
		return false, wrapErr("use voice invitation", err)
	}
	n, err := res.RowsAffected()
	return n == 1, wrapErr("use voice invitation", err)
}

// VoiceInvitationsOf lists a family's invitations, newest first.
func (tx *Tx) VoiceInvitationsOf(ctx context.Context, familyID int64) ([]indicator.VoiceInvitation, error) {
	return queryAll(ctx, tx, "list voice invitations", scanVoiceInvitation, `SELECT `+voiceInvitationColumns+`
		FROM voice_invitations WHERE family_id = $1 ORDER BY created_at DESC, id DESC`, familyID)
}

// AddVoiceResponse writes one anonymous response: its numeric answers under
// a random id, and each comment apart (pending moderation, with its own
// random id), so not even a comment leads to the other answers. kinds gives
// each answered version's kind.
func (tx *Tx) AddVoiceResponse(ctx context.Context, r indicator.VoiceResponse, kinds map[int64]indicator.VoiceAnswerKind) error {
	id := berceau.NewUUID()
	var numeric []indicator.VoiceAnswer
	for _, a := range r.Answers {
		if kinds[a.VersionID] != indicator.VoiceFreeComment {
			numeric = append(numeric, a)
		}
	}
	if len(numeric) > 0 {
		if _, err := tx.exec(ctx, `INSERT INTO voice_responses (id, site_id, programme, period) VALUES ($1, $2, $3, $4)`,
			id, r.SiteID, r.Programme, r.Period); err != nil {
			return wrapErr("add voice response", err)
		}
	}
	for _, a := range r.Answers {
		var err error
		if kinds[a.VersionID] == indicator.VoiceFreeComment {
			_, err = tx.exec(ctx, `INSERT INTO voice_comments (id, site_id, programme, period, version_id, body, state)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, berceau.NewUUID(), r.SiteID, r.Programme, r.Period, a.VersionID, a.Comment, string(indicator.VoicePending))
		} else {
			_, err = tx.exec(ctx, `INSERT INTO voice_answers (response_id, version_id, value) VALUES ($1, $2, $3)`, id, a.VersionID, a.Value)
		}
		if err != nil {
			return wrapErr("add voice response", err)
		}
	}
	return nil
}

// VoiceCount is how many answers of one value one question got at a site
// over a period; a count of responses when QuestionID is 0.
type VoiceCount struct {
	SiteID     int64
	QuestionID int64
	Value      int
	Count      int
}

// VoiceCounts counts, per site, the responses and the answers per question
// and value, over the months [from, to] (YYYY-MM).
func (tx *Tx) VoiceCounts(ctx context.Context, from, to string) ([]VoiceCount, error) {
	scan := func(row rowScanner) (VoiceCount, error) {
		var c VoiceCount
		return c, row.Scan(&c.SiteID, &c.QuestionID, &c.Value, &c.Count)
	}
	responses, err := queryAll(ctx, tx, "count voice responses", scan, `SELECT site_id, 0, 0, COUNT(*) FROM voice_responses
		WHERE period >= $1 AND period <= $2 GROUP BY site_id`, from, to)
	if err != nil {
		return nil, err
	}
	answers, err := queryAll(ctx, tx, "count voice answers", scan, `SELECT r.site_id, v.question_id, a.value, COUNT(*)
		FROM voice_answers a JOIN voice_responses r ON r.id = a.response_id JOIN voice_question_versions v ON v.id = a.version_id
		WHERE r.period >= $1 AND r.period <= $2 GROUP BY r.site_id, v.question_id, a.value`, from, to)
	return append(responses, answers...), err
}

// VoiceCommentFilter selects comments: by state, by sites (nil: every
// site), by months [From, To].
type VoiceCommentFilter struct {
	State    indicator.VoiceCommentState
	SiteIDs  []int64
	AllSites bool
	From, To string
}

// VoiceComments lists comments with their question's wording at the version
// answered, newest month first.
func (tx *Tx) VoiceComments(ctx context.Context, f VoiceCommentFilter) ([]indicator.VoiceComment, error) {
	if !f.AllSites && len(f.SiteIDs) == 0 {
		return nil, nil
	}
	args := []any{string(f.State), f.From, f.To}
	where := ""
	if !f.AllSites {
		where = ` AND c.site_id IN (` + placeholders(4, len(f.SiteIDs)) + `)`
		for _, id := range f.SiteIDs {
			args = append(args, id)
		}
	}
	return queryAll(ctx, tx, "list voice comments", scanVoiceComment, `SELECT `+voiceCommentColumns+`
		FROM voice_comments c JOIN sites s ON s.id = c.site_id JOIN voice_question_versions v ON v.id = c.version_id
		WHERE c.state = $1 AND c.period >= $2 AND c.period <= $3`+where+` ORDER BY c.period DESC, s.name, c.id`, args...)
}

const voiceCommentColumns = `c.id, c.site_id, s.name, c.programme, c.period, v.wording, c.body, c.state, c.moderated_by, c.moderated_at`

func scanVoiceComment(row rowScanner) (indicator.VoiceComment, error) {
	var c indicator.VoiceComment
	var wording string
	var by sql.NullInt64
	var at sql.NullTime
	if err := row.Scan(&c.ID, &c.SiteID, &c.SiteName, &c.Programme, &c.Period, &wording, &c.Body, &c.State, &by, &at); err != nil {
		return c, err
	}
	c.ModeratedBy = by.Int64
	if at.Valid {
		c.ModeratedAt = at.Time.UTC()
	}
	return c, json.Unmarshal([]byte(wording), &c.Question)
}

// VoiceComment reads one comment.
func (tx *Tx) VoiceComment(ctx context.Context, id string) (indicator.VoiceComment, error) {
	c, err := scanVoiceComment(tx.queryRow(ctx, `SELECT `+voiceCommentColumns+`
		FROM voice_comments c JOIN sites s ON s.id = c.site_id JOIN voice_question_versions v ON v.id = c.version_id
		WHERE c.id = $1`, id))
	return c, notFound(wrapErr("read voice comment", err), "error.not_found_message")
}

// ModerateVoiceComment moves a comment from one state to another; a
// conflict when another coordinator moved it first.
func (tx *Tx) ModerateVoiceComment(ctx context.Context, id string, from, to indicator.VoiceCommentState, by int64) error {
	res, err := tx.exec(ctx, `UPDATE voice_comments SET state = $1, moderated_by = $2, moderated_at = $3 WHERE id = $4 AND state = $5`,
		string(to), by, tx.now, id, string(from))
	if err != nil {
		return wrapErr("moderate voice comment", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err != nil {
			return wrapErr("moderate voice comment", err)
		}
		return berceau.Errorf(berceau.KindConflict, "voice.error.moderation")
	}
	return nil
}

// VoicePendingCount counts the comments awaiting moderation at sites (nil:
// none).
func (tx *Tx) VoicePendingCount(ctx context.Context, siteIDs []int64) (int, error) {
	if len(siteIDs) == 0 {
		return 0, nil
	}
	args := []any{string(indicator.VoicePending)}
	for _, id := range siteIDs {
		args = append(args, id)
	}
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM voice_comments WHERE state = $1 AND site_id IN (`+placeholders(2, len(siteIDs))+`)`, args...).Scan(&n)
	return n, wrapErr("count pending voice comments", err)
}
