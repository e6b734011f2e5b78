package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// EventReach says which events a reader may see, by audience: public ones
// always; members' ones when Members; staff ones of the organisations in
// StaffOf; every event when All (organisers and network coordinators).
type EventReach struct {
	All     bool
	Members bool
	StaffOf []string
}

// CreateCycle stores a new cycle with its organisers and sets its id.
func (tx *Tx) CreateCycle(ctx context.Context, c *knowledge.Cycle) error {
	if c.UID == "" {
		c.UID = berceau.NewUUID()
	}
	id, err := tx.insertID(ctx, `INSERT INTO event_cycles (uid, title_fr, title_en, summary_fr, summary_en, translations, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		c.UID, c.Title.Get("fr"), c.Title.Get("en"), c.Summary.Get("fr"), c.Summary.Get("en"),
		textsOf("title", c.Title, "summary", c.Summary), nullID(c.CreatedBy), tx.now)
	if err != nil {
		return wrapErr("create cycle", err)
	}
	c.ID, c.CreatedAt, c.UpdatedAt = id, tx.now, tx.now
	return tx.setOrganizers(ctx, "event_cycle_organisers", "cycle_id", id, c.Organizers)
}

// UpdateCycle rewrites a cycle's texts and organisers.
func (tx *Tx) UpdateCycle(ctx context.Context, c *knowledge.Cycle) error {
	if err := affectedOne(tx.exec(ctx, `UPDATE event_cycles SET title_fr = $1, title_en = $2, summary_fr = $3, summary_en = $4,
		translations = $5, updated_at = $6 WHERE id = $7`, c.Title.Get("fr"), c.Title.Get("en"), c.Summary.Get("fr"), c.Summary.Get("en"),
		textsOf("title", c.Title, "summary", c.Summary), tx.now, c.ID)); err != nil {
		return wrapErr("update cycle", err)
	}
	c.UpdatedAt = tx.now
	return tx.setOrganizers(ctx, "event_cycle_organisers", "cycle_id", c.ID, c.Organizers)
}

const cycleColumns = `id, uid, title_fr, title_en, summary_fr, summary_en, translations, COALESCE(created_by, 0), created_at, updated_at`

func scanCycle(row rowScanner) (knowledge.Cycle, error) {
	var c knowledge.Cycle
	var titleFR, titleEN, summaryFR, summaryEN, raw string
	if err := row.Scan(&c.ID, &c.UID, &titleFR, &titleEN, &summaryFR, &summaryEN, &raw, &c.CreatedBy, &c.CreatedAt, &c.UpdatedAt); err != nil {
		return c, err
	}
	x, err := readTranslations(raw)
	c.Title, c.Summary = x.text("title", titleFR, titleEN), x.text("summary", summaryFR, summaryEN)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

// CycleByID reads one cycle with its organisers.
func (tx *Tx) CycleByID(ctx context.Context, id int64) (knowledge.Cycle, error) {
	c, err := scanCycle(tx.queryRow(ctx, `SELECT `+cycleColumns+` FROM event_cycles WHERE id = $1`, id))
	if err != nil {
		return c, wrapErr("read cycle", notFound(err, "event.error.cycle_not_found"))
	}
	orgs, err := tx.organizersOf(ctx, "event_cycle_organisers", "cycle_id", []int64{id})
	c.Organizers = orgs[id]
	return c, err
}

// Cycles lists every cycle, newest first, with their organisers.
func (tx *Tx) Cycles(ctx context.Context) ([]knowledge.Cycle, error) {
	list, err := queryAll(ctx, tx, "list cycles", scanCycle, `SELECT `+cycleColumns+` FROM event_cycles ORDER BY created_at DESC, id DESC`)
	if err != nil || len(list) == 0 {
		return list, err
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	orgs, err := tx.organizersOf(ctx, "event_cycle_organisers", "cycle_id", ids)
	for i := range list {
		list[i].Organizers = orgs[list[i].ID]
	}
	return list, err
}

// CreateEvent stores a new event with its organisers and sets its id, UID
// and stamps.
func (tx *Tx) CreateEvent(ctx context.Context, e *knowledge.Event) error {
	if e.UID == "" {
		e.UID = berceau.NewUUID()
	}
	if e.Status == "" {
		e.Status = knowledge.StatusScheduled
	}
	id, err := tx.insertID(ctx, `INSERT INTO events (uid, cycle_id, kind, title_fr, title_en, summary_fr, summary_en, body_fr, body_en,
		place_kind, location_id, address, join_url, starts_at, ends_at, time_zone, audience, audience_organization_id, capacity,
		registration_opens, registration_closes, approval_required, accessibility_fr, accessibility_en, languages,
		interpretation_languages, free, status, sequence, translations, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
		$26, $27, $28, $29, $30, $31, $32, $32) RETURNING id`,
		append(append([]any{e.UID}, eventValues(*e)...), tx.now)...)
	if err != nil {
		return wrapErr("create event", err)
	}
	e.ID, e.CreatedAt, e.UpdatedAt = id, tx.now, tx.now
	return tx.setOrganizers(ctx, "event_organisers", "event_id", id, e.Organizers)
}

// eventValues are the columns an event writes, from cycle_id to created_by
// then the transaction's time.
func eventValues(e knowledge.Event) []any {
	return []any{nullID(e.CycleID), string(e.Kind), e.Title.Get("fr"), e.Title.Get("en"), e.Summary.Get("fr"), e.Summary.Get("en"),
		e.Body.Get("fr"), e.Body.Get("en"),
		string(e.Place.Kind), nullText(e.Place.LocationID), e.Place.Address, e.Place.JoinURL, e.Start.UTC(), e.End.UTC(), e.TimeZone,
		string(e.Audience), nullText(e.AudienceOrganizationID), e.Capacity, nullTime(e.RegistrationOpens), nullTime(e.RegistrationCloses),
		e.ApprovalRequired, e.Accessibility.Get("fr"), e.Accessibility.Get("en"), joinCodes(e.Languages), joinCodes(e.InterpretationLanguages),
		e.Free, string(e.Status), e.Sequence,
		textsOf("title", e.Title, "summary", e.Summary, "body", e.Body, "accessibility", e.Accessibility), nullID(e.CreatedBy)}
}

// UpdateEvent rewrites every field of an event but its UID and creation,
// and its organisers.
func (tx *Tx) UpdateEvent(ctx context.Context, e *knowledge.Event) error {
	values := eventValues(*e)
	values = values[:len(values)-1] // created_by stays
	if err := affectedOne(tx.exec(ctx, `UPDATE events SET cycle_id = $1, kind = $2, title_fr = $3, title_en = $4, summary_fr = $5,
		summary_en = $6, body_fr = $7, body_en = $8, place_kind = $9, location_id = $10, address = $11, join_url = $12,
		starts_at = $13, ends_at = $14, time_zone = $15, audience = $16, audience_organization_id = $17, capacity = $18,
		registration_opens = $19, registration_closes = $20, approval_required = $21, accessibility_fr = $22,
		accessibility_en = $23, languages = $24, interpretation_languages = $25, free = $26, status = $27, sequence = $28,
		translations = $29, updated_at = $30 WHERE id = $31`, append(values, tx.now, e.ID)...)); err != nil {
		return wrapErr("update event", err)
	}
	e.UpdatedAt = tx.now
	return tx.setOrganizers(ctx, "event_organisers", "event_id", e.ID, e.Organizers)
}

const eventColumns = `e.id, e.uid, COALESCE(e.cycle_id, 0), e.kind, e.title_fr, e.title_en, e.summary_fr, e.summary_en, e.body_fr, e.body_en,
	e.place_kind, COALESCE(e.location_id, ''), e.address, e.join_url, e.starts_at, e.ends_at, e.time_zone, e.audience,
	COALESCE(e.audience_organization_id, ''), e.capacity, e.registration_opens, e.registration_closes, e.approval_required,
	e.accessibility_fr, e.accessibility_en, e.languages, e.interpretation_languages, e.free, e.status, e.sequence, e.translations,
	COALESCE(e.created_by, 0), e.created_at, e.updated_at`

func scanEvent(row rowScanner) (knowledge.Event, error) {
	var e knowledge.Event
	var kind, place, audience, status, langs, interp, raw string
	var titleFR, titleEN, summaryFR, summaryEN, bodyFR, bodyEN, accessFR, accessEN string
	var opens, closes sql.NullTime
	if err := row.Scan(&e.ID, &e.UID, &e.CycleID, &kind, &titleFR, &titleEN, &summaryFR, &summaryEN, &bodyFR, &bodyEN,
		&place, &e.Place.LocationID, &e.Place.Address, &e.Place.JoinURL, &e.Start, &e.End, &e.TimeZone, &audience,
		&e.AudienceOrganizationID, &e.Capacity, &opens, &closes, &e.ApprovalRequired, &accessFR, &accessEN,
		&langs, &interp, &e.Free, &status, &e.Sequence, &raw, &e.CreatedBy, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return e, err
	}
	x, err := readTranslations(raw)
	e.Title, e.Summary = x.text("title", titleFR, titleEN), x.text("summary", summaryFR, summaryEN)
	e.Body, e.Accessibility = x.text("body", bodyFR, bodyEN), x.text("accessibility", accessFR, accessEN)
	e.Kind, e.Place.Kind, e.Audience, e.Status = knowledge.EventKind(kind), knowledge.PlaceKind(place), knowledge.Audience(audience), knowledge.EventStatus(status)
	e.Languages, e.InterpretationLanguages = splitCodes(langs), splitCodes(interp)
	e.Start, e.End, e.CreatedAt, e.UpdatedAt = e.Start.UTC(), e.End.UTC(), e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	if opens.Valid {
		e.RegistrationOpens = opens.Time.UTC()
	}
	if closes.Valid {
		e.RegistrationCloses = closes.Time.UTC()
	}
	return e, err
}

// EventByID reads one event with its organisers, whatever its audience:
// the app decides who may see it.
func (tx *Tx) EventByID(ctx context.Context, id int64) (knowledge.Event, error) {
	e, err := scanEvent(tx.queryRow(ctx, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1`, id))
	if err != nil {
		return e, wrapErr("read event", notFound(err, "event.error.not_found"))
	}
	orgs, err := tx.organizersOf(ctx, "event_organisers", "event_id", []int64{id})
	e.Organizers = orgs[id]
	return e, err // organizersOf says what it was reading
}

// Events lists the events reach lets see that f selects, with their
// organisers.
func (tx *Tx) Events(ctx context.Context, f knowledge.EventFilter, reach EventReach) ([]knowledge.Event, error) {
	where, args := eventWhere(tx.dialect.name, f, reach)
	order := ` ORDER BY e.starts_at, e.id`
	if f.Past {
		order = ` ORDER BY e.starts_at DESC, e.id DESC`
	}
	query := `SELECT ` + eventColumns + ` FROM events e WHERE ` + where + order
	if f.Limit > 0 {
		args = append(args, f.Limit, f.Offset)
		query += ` LIMIT $` + strconv.Itoa(len(args)-1) + ` OFFSET $` + strconv.Itoa(len(args))
	}
	list, err := queryAll(ctx, tx, "list events", scanEvent, query, args...)
	if err != nil || len(list) == 0 {
		return list, err
	}
	ids := make([]int64, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	orgs, err := tx.organizersOf(ctx, "event_organisers", "event_id", ids)
	for i := range list {
		list[i].Organizers = orgs[list[i].ID]
	}
	return list, err
}

// CountEvents counts what Events would list without its limit.
func (tx *Tx) CountEvents(ctx context.Context, f knowledge.EventFilter, reach EventReach) (int, error) {
	where, args := eventWhere(tx.dialect.name, f, reach)
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM events e WHERE `+where, args...).Scan(&n)
	return n, wrapErr("count events", err)
}

func eventWhere(dialect string, f knowledge.EventFilter, reach EventReach) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !reach.All {
		visible := []string{"e.audience = 'public'"}
		if reach.Members {
			visible = append(visible, "e.audience = 'members'")
		}
		if len(reach.StaffOf) > 0 {
			var marks []string
			for _, id := range reach.StaffOf {
				marks = append(marks, arg(id))
			}
			visible = append(visible, "(e.audience = 'staff' AND e.audience_organization_id IN ("+strings.Join(marks, ", ")+"))")
		}
		conds = append(conds, "("+strings.Join(visible, " OR ")+")")
	}
	if f.Kind != "" {
		conds = append(conds, "e.kind = "+arg(string(f.Kind)))
	}
	if f.OrganizerID != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM event_organisers eo WHERE eo.event_id = e.id AND eo.organization_id = "+arg(f.OrganizerID)+")")
	}
	if f.Language != "" {
		code := "%," + strings.ToLower(f.Language) + ",%"
		conds = append(conds, "(e.languages LIKE "+arg(code)+" OR e.interpretation_languages LIKE "+arg(code)+")")
	}
	switch f.Attendance {
	case knowledge.AttendanceOnline:
		conds = append(conds, "e.place_kind = 'online'")
	case knowledge.AttendanceInPerson:
		conds = append(conds, "e.place_kind <> 'online'")
	}
	if f.Audience != "" {
		conds = append(conds, "e.audience = "+arg(string(f.Audience)))
	}
	if f.CycleID != 0 {
		conds = append(conds, "e.cycle_id = "+arg(f.CycleID))
	}
	if lang := f.MissingLanguage; berceau.ValidLanguage(lang) {
		title, summary := textColumn(dialect, "e", "title", lang), textColumn(dialect, "e", "summary", lang)
		conds = append(conds, "("+title+" = '' OR ("+summary+" = '' AND (e.summary_fr <> '' OR e.summary_en <> '')))")
	}
	if f.Upcoming {
		conds = append(conds, "e.ends_at > "+arg(f.Now.UTC()))
	}
	if f.Past {
		conds = append(conds, "e.ends_at <= "+arg(f.Now.UTC()))
	}
	if !f.From.IsZero() {
		conds = append(conds, "e.starts_at >= "+arg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		conds = append(conds, "e.starts_at < "+arg(f.To.UTC()))
	}
	if len(conds) == 0 {
		return "TRUE", nil
	}
	return strings.Join(conds, " AND "), args
}

// setOrganizers replaces the organisers of one event or cycle, keeping
// their order.
func (tx *Tx) setOrganizers(ctx context.Context, table, key string, id int64, organizers []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE `+key+` = $1`, id); err != nil {
		return wrapErr("clear organisers", err)
	}
	for i, org := range organizers {
		if _, err := tx.exec(ctx, `INSERT INTO `+table+` (`+key+`, organization_id, position) VALUES ($1, $2, $3)`, id, org, i); err != nil {
			return wrapErr("add organiser", err)
		}
	}
	return nil
}

// organizersOf reads the organisers of the given events or cycles, in
// their order.
func (tx *Tx) organizersOf(ctx context.Context, table, key string, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i], args[i] = "$"+strconv.Itoa(i+1), id
	}
	err := tx.eachRow(ctx, "read organisers", func(row rowScanner) error {
		var id int64
		var org string
		if err := row.Scan(&id, &org); err != nil {
			return err
		}
		out[id] = append(out[id], org)
		return nil
	}, `SELECT `+key+`, organization_id FROM `+table+` WHERE `+key+` IN (`+strings.Join(marks, ", ")+`) ORDER BY `+key+`, position`, args...)
	return out, err
}

// joinCodes writes a list of language codes with a comma on both sides of
// each, so that LIKE '%,fr,%' finds one.
func joinCodes(codes []string) string {
	if len(codes) == 0 {
		return ""
	}
	return "," + strings.Join(codes, ",") + ","
}

func splitCodes(s string) []string {
	s = strings.Trim(s, ",")
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func nullText(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t.UTC(), Valid: !t.IsZero()} }

// EventOrganizerIDs lists the directory organisations that organise at
// least one event, for the agenda's organiser filter.
func (tx *Tx) EventOrganizerIDs(ctx context.Context) ([]string, error) {
	return queryAll(ctx, tx, "list event organisers", func(row rowScanner) (string, error) {
		var id string
		err := row.Scan(&id)
		return id, err
	}, `SELECT DISTINCT organization_id FROM event_organisers ORDER BY organization_id`)
}

// OrganizerNames reads the names of directory organisations, by id, in one
// query: what the agenda shows of its organisers.
func (tx *Tx) OrganizerNames(ctx context.Context, ids []string) (map[string]berceau.Text, error) {
	out := map[string]berceau.Text{}
	if len(ids) == 0 {
		return out, nil
	}
	err := tx.eachRow(ctx, "read organiser names", func(row rowScanner) error {
		var id, rec string
		if err := row.Scan(&id, &rec); err != nil {
			return err
		}
		var r struct {
			Name berceau.Text `json:"name"`
		}
		if err := json.Unmarshal([]byte(rec), &r); err != nil {
			return err
		}
		out[id] = r.Name
		return nil
	}, `SELECT id, record FROM directory_organizations WHERE id IN (`+placeholders(1, len(ids))+`)`, stringArgs(ids)...)
	return out, err
}
