package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// LockEvent makes the transaction the only one changing the registrations
// of the event until it ends: a row lock on PostgreSQL; on SQLite the
// single writer already is. Counting places and taking one happen under it,
// so capacity holds whatever the number of simultaneous requests.
func (tx *Tx) LockEvent(ctx context.Context, eventID int64) error {
	if tx.dialect.forUpdate == "" {
		return nil
	}
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM events WHERE id = $1`+tx.dialect.forUpdate, eventID).Scan(&id)
	return wrapErr("lock event", notFound(err, "event.error.not_found"))
}

// holdsPlaceStates is the SQL list of knowledge states that take a place.
var holdsPlaceStates = func() string {
	var quoted []string
	for _, s := range knowledge.RegistrationStates {
		if s.HoldsPlace() {
			quoted = append(quoted, "'"+string(s)+"'")
		}
	}
	return strings.Join(quoted, ", ")
}()

// PlacesTaken returns, per event id, the registrations holding a place.
func (tx *Tx) PlacesTaken(ctx context.Context, eventIDs []int64) (map[int64]int, error) {
	taken := map[int64]int{}
	if len(eventIDs) == 0 {
		return taken, nil
	}
	args := make([]any, len(eventIDs))
	marks := make([]string, len(eventIDs))
	for i, id := range eventIDs {
		args[i], marks[i] = id, "$"+strconv.Itoa(i+1)
	}
	err := tx.eachRow(ctx, "count places taken", func(row rowScanner) error {
		var id int64
		var n int
		if err := row.Scan(&id, &n); err != nil {
			return err
		}
		taken[id] = n
		return nil
	}, `SELECT event_id, COUNT(*) FROM event_registrations WHERE state IN (`+holdsPlaceStates+`)
		AND event_id IN (`+strings.Join(marks, ", ")+`) GROUP BY event_id`, args...)
	return taken, err
}

// CountWaiting returns how many people wait for a place at the event
// (waiting list, not yet offered).
func (tx *Tx) CountWaiting(ctx context.Context, eventID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND state = $2`,
		eventID, string(knowledge.StateWaitlisted)).Scan(&n)
	return n, wrapErr("count the waiting list", err)
}

const registrationColumns = `r.id, r.event_id, COALESCE(r.user_id, 0), r.name, COALESCE(r.email, ''), r.organisation, r.sector,
	r.language, r.state, r.offer_expires_at, COALESCE(h.minutes, 0), r.erased_at, r.created_at, r.updated_at`

const registrationFrom = ` FROM event_registrations r LEFT JOIN learning_hours h ON h.registration_id = r.id`

func scanRegistration(row rowScanner) (knowledge.Registration, error) {
	var r knowledge.Registration
	var sector, state string
	var offer, erased sql.NullTime
	var minutes int
	err := row.Scan(&r.ID, &r.EventID, &r.UserID, &r.Name, &r.Email, &r.Organisation, &sector, &r.Language, &state,
		&offer, &minutes, &erased, &r.CreatedAt, &r.UpdatedAt)
	r.Sector, r.State = knowledge.Sector(sector), knowledge.RegistrationState(state)
	if offer.Valid {
		r.OfferExpiresAt = offer.Time.UTC()
	}
	r.Hours = float64(minutes) / 60
	r.Erased = erased.Valid
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, err
}

// CreateRegistration writes a new registration in its first state, with
// its first history step, and sets r.ID.
func (tx *Tx) CreateRegistration(ctx context.Context, r *knowledge.Registration, linkSecret string, actorID int64) error {
	var waiting sql.NullTime
	if r.State == knowledge.StateWaitlisted {
		waiting = sql.NullTime{Time: tx.now, Valid: true}
	}
	id, err := tx.insertID(ctx, `INSERT INTO event_registrations (event_id, user_id, name, email, organisation, sector, language,
		state, waiting_since, link_secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		r.EventID, nullID(r.UserID), r.Name, nullText(r.Email), r.Organisation, string(r.Sector), r.Language, string(r.State),
		waiting, linkSecret, tx.now)
	if err != nil {
		if isUniqueViolation(err) {
			return &berceau.Error{Kind: berceau.KindConflict, Key: "registration.error.already", Cause: err}
		}
		return wrapErr("create registration", err)
	}
	r.ID, r.CreatedAt, r.UpdatedAt = id, tx.now, tx.now
	return tx.addRegistrationHistory(ctx, id, r.State, "", actorID)
}

// RestartRegistration gives an ended (cancelled, expired) registration a
// new first state: the person registers again.
func (tx *Tx) RestartRegistration(ctx context.Context, r *knowledge.Registration, linkSecret string, actorID int64) error {
	var waiting sql.NullTime
	if r.State == knowledge.StateWaitlisted {
		waiting = sql.NullTime{Time: tx.now, Valid: true}
	}
	_, err := tx.exec(ctx, `UPDATE event_registrations SET name = $1, organisation = $2, sector = $3, language = $4, state = $5,
		waiting_since = $6, offer_expires_at = NULL, link_secret = $7, updated_at = $8 WHERE id = $9`,
		r.Name, r.Organisation, string(r.Sector), r.Language, string(r.State), waiting, linkSecret, tx.now, r.ID)
	if err != nil {
		return wrapErr("restart registration", err)
	}
	r.UpdatedAt = tx.now
	return tx.addRegistrationHistory(ctx, r.ID, r.State, "", actorID)
}

func (tx *Tx) addRegistrationHistory(ctx context.Context, id int64, state knowledge.RegistrationState, action knowledge.RegistrationAction, actorID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO event_registration_history (registration_id, state, action, actor_id, at) VALUES ($1, $2, $3, $4, $5)`,
		id, string(state), string(action), nullID(actorID), tx.now)
	return wrapErr("write registration history", err)
}

// SetRegistrationState moves a registration to state by action and writes
// the history step. offerExpires is kept for an offer, cleared otherwise; a
// registration put on the waiting list joins its end.
func (tx *Tx) SetRegistrationState(ctx context.Context, id int64, state knowledge.RegistrationState, action knowledge.RegistrationAction,
	actorID int64, offerExpires time.Time) error {
	var offer sql.NullTime
	if state == knowledge.StateOffered {
		offer = sql.NullTime{Time: offerExpires.UTC(), Valid: true}
	}
	var waiting sql.NullTime
	if state == knowledge.StateWaitlisted {
		waiting = sql.NullTime{Time: tx.now, Valid: true}
	}
	err := affectedOne(tx.exec(ctx, `UPDATE event_registrations SET state = $1, offer_expires_at = $2,
		waiting_since = CASE WHEN $3 THEN COALESCE(waiting_since, $4) ELSE waiting_since END, updated_at = $5 WHERE id = $6`,
		string(state), offer, waiting.Valid, waiting, tx.now, id))
	if err != nil {
		return wrapErr("change registration state", err)
	}
	return tx.addRegistrationHistory(ctx, id, state, action, actorID)
}

// RegistrationByID reads one registration and the secret its links are
// signed over.
func (tx *Tx) RegistrationByID(ctx context.Context, id int64) (knowledge.Registration, string, error) {
	var secret string
	r, err := scanRegistration(tx.queryRow(ctx, `SELECT `+registrationColumns+registrationFrom+` WHERE r.id = $1`, id))
	if err == nil {
		err = tx.queryRow(ctx, `SELECT link_secret FROM event_registrations WHERE id = $1`, id).Scan(&secret)
	}
	return r, secret, wrapErr("read registration", notFound(err, "registration.error.not_found"))
}

// RegistrationOf reads the registration of a member (userID) or a guest
// (email) to an event; not found when they have none.
func (tx *Tx) RegistrationOf(ctx context.Context, eventID, userID int64, email string) (knowledge.Registration, error) {
	query, arg := ` WHERE r.event_id = $1 AND r.user_id = $2`, any(userID)
	if userID == 0 {
		query, arg = ` WHERE r.event_id = $1 AND r.email = $2`, email
	}
	r, err := scanRegistration(tx.queryRow(ctx, `SELECT `+registrationColumns+registrationFrom+query, eventID, arg))
	return r, wrapErr("read registration", notFound(err, "registration.error.not_found"))
}

// FirstWaiting returns the registration that has waited longest for a
// place at the event; ok is false when nobody waits.
func (tx *Tx) FirstWaiting(ctx context.Context, eventID int64) (knowledge.Registration, bool, error) {
	r, err := scanRegistration(tx.queryRow(ctx, `SELECT `+registrationColumns+registrationFrom+`
		WHERE r.event_id = $1 AND r.state = $2 ORDER BY r.waiting_since, r.id LIMIT 1`, eventID, string(knowledge.StateWaitlisted)))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, wrapErr("read the waiting list", err)
}

// EventRegistrations lists an event's registrations: places first, then
// the waiting list in its order, then the others; by name within.
func (tx *Tx) EventRegistrations(ctx context.Context, eventID int64) ([]knowledge.Registration, error) {
	return queryAll(ctx, tx, "list registrations", scanRegistration, `SELECT `+registrationColumns+registrationFrom+`
		WHERE r.event_id = $1 ORDER BY CASE WHEN r.state IN (`+holdsPlaceStates+`) THEN 0 WHEN r.state = 'waitlisted' THEN 1 ELSE 2 END,
		CASE WHEN r.state = 'waitlisted' THEN r.waiting_since END, r.name, r.id`, eventID)
}

// WaitingPosition returns the registration's place in the waiting list
// (1 for the next person offered a place).
func (tx *Tx) WaitingPosition(ctx context.Context, r knowledge.Registration) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM event_registrations o, event_registrations r
		WHERE r.id = $1 AND o.event_id = r.event_id AND o.state = 'waitlisted'
		AND (o.waiting_since < r.waiting_since OR (o.waiting_since = r.waiting_since AND o.id <= r.id))`, r.ID).Scan(&n)
	return n, wrapErr("read waiting position", err)
}

// UserRegistrations lists a member's registrations that have not ended,
// with their events, soonest event first.
func (tx *Tx) UserRegistrations(ctx context.Context, userID int64) ([]knowledge.Registration, error) {
	return queryAll(ctx, tx, "list my registrations", scanRegistration, `SELECT `+registrationColumns+registrationFrom+`
		JOIN events e ON e.id = r.event_id WHERE r.user_id = $1 AND r.state NOT IN ('cancelled', 'expired')
		ORDER BY e.starts_at, r.id`, userID)
}

// RegistrationHistory lists the dated steps of a registration, oldest first.
func (tx *Tx) RegistrationHistory(ctx context.Context, id int64) ([]knowledge.RegistrationChange, error) {
	return queryAll(ctx, tx, "read registration history", func(row rowScanner) (knowledge.RegistrationChange, error) {
		var c knowledge.RegistrationChange
		var state, action string
		var actor sql.NullInt64
		err := row.Scan(&state, &action, &actor, &c.At)
		c.State, c.Action, c.ActorID, c.At = knowledge.RegistrationState(state), knowledge.RegistrationAction(action), actor.Int64, c.At.UTC()
		return c, err
	}, `SELECT state, action, actor_id, at FROM event_registration_history WHERE registration_id = $1 ORDER BY at, id`, id)
}

// ActiveRegistrationsOfEvent lists the registrations to be told of a
// change of the event: registered, offered, waiting or awaiting approval.
func (tx *Tx) ActiveRegistrationsOfEvent(ctx context.Context, eventID int64) ([]knowledge.Registration, error) {
	return queryAll(ctx, tx, "list registrations to tell", scanRegistration, `SELECT `+registrationColumns+registrationFrom+`
		WHERE r.event_id = $1 AND r.state IN ('registered', 'offered', 'waitlisted', 'awaiting_approval') ORDER BY r.id`, eventID)
}

// RegistrationsInState lists an event's registrations in one state.
func (tx *Tx) RegistrationsInState(ctx context.Context, eventID int64, state knowledge.RegistrationState) ([]knowledge.Registration, error) {
	return queryAll(ctx, tx, "list registrations in a state", scanRegistration, `SELECT `+registrationColumns+registrationFrom+`
		WHERE r.event_id = $1 AND r.state = $2 ORDER BY r.id`, eventID, string(state))
}

// EraseGuestsOfEventsEndedBefore empties the personal data (name, address,
// organisation, link secret) of guests registered to events that ended
// before t; sector, states, hours and feedback stay. It returns how many
// registrations it erased.
func (tx *Tx) EraseGuestsOfEventsEndedBefore(ctx context.Context, t time.Time) (int64, error) {
	// The mail written to them before t goes too: it holds their name and
	// address (later mail concerns a later event, kept until its own turn).
	if _, err := tx.exec(ctx, `DELETE FROM outbox WHERE created_at < $1 AND recipient IN (SELECT email FROM event_registrations
		WHERE user_id IS NULL AND erased_at IS NULL AND email IS NOT NULL AND event_id IN (SELECT id FROM events WHERE ends_at < $1))`, t.UTC()); err != nil {
		return 0, wrapErr("erase guests' mail", err)
	}
	res, err := tx.exec(ctx, `UPDATE event_registrations SET name = '', email = NULL, organisation = '', link_secret = '',
		erased_at = $1, updated_at = $1
		WHERE user_id IS NULL AND erased_at IS NULL AND event_id IN (SELECT id FROM events WHERE ends_at < $2)`, tx.now, t.UTC())
	if err != nil {
		return 0, wrapErr("erase guests", err)
	}
	n, err := res.RowsAffected()
	return n, wrapErr("erase guests", err)
}

// DeleteUnconfirmedBefore removes guests' registrations never confirmed
// by the mailed link and created before t.
func (tx *Tx) DeleteUnconfirmedBefore(ctx context.Context, t time.Time) error {
	_, err := tx.exec(ctx, `DELETE FROM event_registrations WHERE state = 'unconfirmed' AND created_at < $1`, t.UTC())
	return wrapErr("delete unconfirmed registrations", err)
}

// RecordRegistrationAttempt notes a guest's registration, for throttling.
func (tx *Tx) RecordRegistrationAttempt(ctx context.Context, email, clientAddress string) error {
	_, err := tx.exec(ctx, `INSERT INTO event_registration_attempts (email, client_address, at) VALUES ($1, $2, $3)`,
		email, clientAddress, tx.now)
	return wrapErr("record registration attempt", err)
}

// RegistrationAttemptsSince counts guests' registrations since since, by
// address and by client.
func (tx *Tx) RegistrationAttemptsSince(ctx context.Context, email, clientAddress string, since time.Time) (byEmail, byClient int, err error) {
	err = tx.queryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM event_registration_attempts WHERE email = $1 AND at > $3),
		(SELECT COUNT(*) FROM event_registration_attempts WHERE client_address = $2 AND at > $3)`,
		email, clientAddress, since.UTC()).Scan(&byEmail, &byClient)
	return byEmail, byClient, wrapErr("count registration attempts", err)
}

// DeleteRegistrationAttemptsBefore forgets attempts older than t.
func (tx *Tx) DeleteRegistrationAttemptsBefore(ctx context.Context, t time.Time) error {
	_, err := tx.exec(ctx, `DELETE FROM event_registration_attempts WHERE at < $1`, t.UTC())
	return wrapErr("delete registration attempts", err)
}

// SetLearningHours credits minutes of attendance to a registration (and its
// member), or removes the credit when minutes is 0.
func (tx *Tx) SetLearningHours(ctx context.Context, r knowledge.Registration, minutes int, recordedBy int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM learning_hours WHERE registration_id = $1`, r.ID); err != nil {
		return wrapErr("clear learning hours", err)
	}
	if minutes <= 0 {
		return nil
	}
	_, err := tx.exec(ctx, `INSERT INTO learning_hours (registration_id, event_id, user_id, minutes, recorded_by, recorded_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, r.ID, r.EventID, nullID(r.UserID), minutes, nullID(recordedBy), tx.now)
	return wrapErr("credit learning hours", err)
}

// SaveFeedback writes (or replaces) an attendee's feedback.
func (tx *Tx) SaveFeedback(ctx context.Context, r knowledge.Registration, f knowledge.Feedback) error {
	_, err := tx.exec(ctx, `INSERT INTO event_feedback (registration_id, event_id, rating, comment, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (registration_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`,
		r.ID, r.EventID, f.Rating, f.Comment, tx.now)
	return wrapErr("save feedback", err)
}

// EventFeedback lists the feedback given on an event, newest first.
func (tx *Tx) EventFeedback(ctx context.Context, eventID int64) ([]knowledge.Feedback, error) {
	return queryAll(ctx, tx, "read feedback", func(row rowScanner) (knowledge.Feedback, error) {
		var f knowledge.Feedback
		err := row.Scan(&f.Rating, &f.Comment)
		return f, err
	}, `SELECT rating, comment FROM event_feedback WHERE event_id = $1 ORDER BY created_at DESC, registration_id`, eventID)
}

// HasFeedback reports whether the registration's feedback was given.
func (tx *Tx) HasFeedback(ctx context.Context, registrationID int64) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM event_feedback WHERE registration_id = $1`, registrationID).Scan(&n)
	return n > 0, wrapErr("read feedback", err)
}

// EventDocument is a file attached to an event page.
type EventDocument struct {
	ID          int64
	EventID     int64
	Kind        string // "minutes" or "document"
	Filename    string
	ContentType string
	Size        int
	Content     []byte // only when read one by one
	CreatedAt   time.Time
}

// AddEventDocument stores a file attached to an event.
func (tx *Tx) AddEventDocument(ctx context.Context, d *EventDocument, uploadedBy int64) error {
	id, err := tx.insertID(ctx, `INSERT INTO event_documents (event_id, kind, filename, content_type, size, content, uploaded_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, d.EventID, d.Kind, d.Filename, d.ContentType, len(d.Content), d.Content,
		nullID(uploadedBy), tx.now)
	d.ID, d.Size, d.CreatedAt = id, len(d.Content), tx.now
	return wrapErr("add event document", err)
}

// EventDocuments lists an event's documents, without their content.
func (tx *Tx) EventDocuments(ctx context.Context, eventID int64) ([]EventDocument, error) {
	return queryAll(ctx, tx, "list event documents", func(row rowScanner) (EventDocument, error) {
		var d EventDocument
		err := row.Scan(&d.ID, &d.EventID, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.CreatedAt)
		return d, err
	}, `SELECT id, event_id, kind, filename, content_type, size, created_at FROM event_documents WHERE event_id = $1 ORDER BY kind, id`, eventID)
}

// CountEventDocuments counts an event's documents.
func (tx *Tx) CountEventDocuments(ctx context.Context, eventID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM event_documents WHERE event_id = $1`, eventID).Scan(&n)
	return n, wrapErr("count event documents", err)
}

// EventDocumentByID reads one document with its content.
func (tx *Tx) EventDocumentByID(ctx context.Context, id int64) (EventDocument, error) {
	var d EventDocument
	err := tx.queryRow(ctx, `SELECT id, event_id, kind, filename, content_type, size, content, created_at FROM event_documents WHERE id = $1`, id).
		Scan(&d.ID, &d.EventID, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.Content, &d.CreatedAt)
	return d, wrapErr("read event document", notFound(err, "registration.error.document_not_found"))
}

// DeleteEventDocument removes a document.
func (tx *Tx) DeleteEventDocument(ctx context.Context, id int64) error {
	return wrapErr("delete event document", affectedOne(tx.exec(ctx, `DELETE FROM event_documents WHERE id = $1`, id)))
}

// CalendarFeedNonce returns the nonce of a person's calendar feed URL,
// creating it with fresh when there is none.
func (tx *Tx) CalendarFeedNonce(ctx context.Context, userID int64, fresh string) (string, error) {
	if _, err := tx.exec(ctx, `INSERT INTO personal_calendar_feeds (user_id, nonce, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO NOTHING`, userID, fresh, tx.now); err != nil {
		return "", wrapErr("create calendar feed", err)
	}
	var nonce string
	err := tx.queryRow(ctx, `SELECT nonce FROM personal_calendar_feeds WHERE user_id = $1`, userID).Scan(&nonce)
	return nonce, wrapErr("read calendar feed", err)
}

// ReadCalendarFeedNonce reads a person's feed nonce; empty when none.
func (tx *Tx) ReadCalendarFeedNonce(ctx context.Context, userID int64) (string, error) {
	var nonce string
	err := tx.queryRow(ctx, `SELECT nonce FROM personal_calendar_feeds WHERE user_id = $1`, userID).Scan(&nonce)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return nonce, wrapErr("read calendar feed", err)
}

// ResetCalendarFeedNonce replaces a person's feed nonce: the old URL stops.
func (tx *Tx) ResetCalendarFeedNonce(ctx context.Context, userID int64, fresh string) error {
	_, err := tx.exec(ctx, `INSERT INTO personal_calendar_feeds (user_id, nonce, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET nonce = excluded.nonce, created_at = excluded.created_at`, userID, fresh, tx.now)
	return wrapErr("reset calendar feed", err)
}

// LearningMinutes reads the minutes of attendance credited to a
// registration (0 when none): the learning record's source.
func (tx *Tx) LearningMinutes(ctx context.Context, registrationID int64) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COALESCE(SUM(minutes), 0) FROM learning_hours WHERE registration_id = $1`, registrationID).Scan(&n)
	return n, wrapErr("read learning hours", err)
}
