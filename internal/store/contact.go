package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// AddIntensityChange records that a family follows a level from a date, for
// a reason, and returns the change's id.
func (tx *Tx) AddIntensityChange(ctx context.Context, familyID int64, ch care.LevelChange, changedBy int64) (int64, error) {
	n, err := tx.insertID(ctx, `INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		familyID, ch.Level.Code, ch.Level.IntervalDays, nullDate(ch.On), ch.Reason, changedBy, tx.now)
	return n, wrapErr("add intensity change", err)
}

// IntensityChanges lists a family's level changes, oldest first.
func (tx *Tx) IntensityChanges(ctx context.Context, familyID int64) ([]care.LevelChange, error) {
	byFamily, err := tx.IntensityChangesOf(ctx, []int64{familyID})
	return byFamily[familyID], err
}

// IntensityChangesOf reads the level changes of several families in one
// query, oldest first for each: those of the current follow-up. A file
// closed and admitted again starts afresh, as at its first admission: the
// levels set before it was re-admitted belonged to the earlier follow-up
// and no longer set its rhythm (they made a re-admitted file hundreds of
// days late from its first day).
func (tx *Tx) IntensityChangesOf(ctx context.Context, familyIDs []int64) (map[int64][]care.LevelChange, error) {
	byFamily := map[int64][]care.LevelChange{}
	if len(familyIDs) == 0 {
		return byFamily, nil
	}
	err := tx.eachRow(ctx, "list level changes of families", func(row rowScanner) error {
		var familyID int64
		var ch care.LevelChange
		var on sql.NullTime
		if err := row.Scan(&familyID, &ch.Level.Code, &ch.Level.IntervalDays, &on, &ch.Reason); err != nil {
			return err
		}
		ch.On = civil(on)
		byFamily[familyID] = append(byFamily[familyID], ch)
		return nil
	}, `SELECT family_id, level_code, interval_days, effective_on, reason FROM intensity_changes ic
		WHERE family_id IN (`+placeholders(1, len(familyIDs))+`) AND NOT EXISTS (SELECT 1 FROM family_status_history h
			WHERE h.family_id = ic.family_id AND h.from_status = 'closed' AND h.to_status = 'active'
			AND `+fmt.Sprintf(tx.dialect.utcDay, "h.at")+` > ic.effective_on)
		ORDER BY effective_on, id`, contactIDArgs(familyIDs)...)
	if err != nil {
		return nil, err
	}
	return byFamily, nil
}

// CreateContact inserts a contact with its workers, members present and
// goals worked on, setting its id and version.
func (tx *Tx) CreateContact(ctx context.Context, c *care.Contact, createdBy int64) error {
	if err := c.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO contacts (family_id, kind, contact_on, minutes, outcome, notes, version, created_by,
		created_at, updated_at, group_id, compartment, sensitive_notes, contact_time)
		VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8, $9, $10, $11, $12) RETURNING id`,
		c.FamilyID, string(c.Kind), nullDate(c.On), c.Minutes, string(c.Outcome), c.Notes, createdBy, tx.now,
		nullID(c.GroupID), string(c.Compartment), c.SensitiveNotes, nullTimeOfDay(c.Time))
	if err != nil {
		return wrapErr("create contact", err)
	}
	c.ID, c.Version = id, 1
	return tx.writeContactLinks(ctx, *c)
}

// writeContactLinks writes a contact's workers, members present and goals
// worked on, each once; members and goals must be the family's own.
func (tx *Tx) writeContactLinks(ctx context.Context, c care.Contact) error {
	links := []struct {
		sql string
		ids []int64
	}{
		{`INSERT INTO contact_workers (contact_id, user_id, contact_on) VALUES ($1, $2, $3)`, c.WorkerIDs},
		{`INSERT INTO contact_members (contact_id, member_id) SELECT $1, id FROM household_members WHERE id = $2 AND family_id = $3`, c.MemberIDs},
		{`INSERT INTO contact_goals (contact_id, goal_id) SELECT $1, id FROM plan_goals WHERE id = $2 AND family_id = $3`, c.GoalIDs},
	}
	for i, l := range links {
		seen := map[int64]bool{}
		for _, id := range l.ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			args := []any{c.ID, id, nullDate(c.On)}
			if i > 0 {
				args[2] = c.FamilyID
			}
			res, err := tx.exec(ctx, l.sql, args...)
			if err != nil {
				return wrapErr("write contact links", err)
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
					Fields: map[string]string{[]string{"workers", "members", "goals"}[i]: "contact.link_unknown"}}
			}
		}
	}
	return nil
}

// UpdateContact replaces what a contact says (kind, date, duration,
// outcome, notes, sensitive note, workers, members, goals) if nobody changed
// it since it was read at c.Version, and returns the new version. A contact
// changed meanwhile gives a conflict and nothing is written.
// keepSensitive leaves the sensitive note as stored: the editor was not
// granted its compartment, so the form could not show it.
func (tx *Tx) UpdateContact(ctx context.Context, c care.Contact, keepSensitive bool) (int, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	query := `UPDATE contacts SET kind = $1, contact_on = $2, minutes = $3, outcome = $4, notes = $5, compartment = $6,
		sensitive_notes = $7, version = version + 1, updated_at = $8, contact_time = $12 WHERE id = $9 AND family_id = $10 AND version = $11`
	args := []any{string(c.Kind), nullDate(c.On), c.Minutes, string(c.Outcome), c.Notes, string(c.Compartment), c.SensitiveNotes,
		tx.now, c.ID, c.FamilyID, c.Version, nullTimeOfDay(c.Time)}
	if keepSensitive {
		query = `UPDATE contacts SET kind = $1, contact_on = $2, minutes = $3, outcome = $4, notes = $5,
		version = version + 1, updated_at = $6, contact_time = $10 WHERE id = $7 AND family_id = $8 AND version = $9`
		args = []any{string(c.Kind), nullDate(c.On), c.Minutes, string(c.Outcome), c.Notes, tx.now, c.ID, c.FamilyID, c.Version,
			nullTimeOfDay(c.Time)}
	}
	res, err := tx.exec(ctx, query, args...)
	if err != nil {
		return 0, wrapErr("update contact", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, wrapErr("update contact", err)
	} else if n == 0 {
		return 0, &berceau.Error{Kind: berceau.KindConflict, Key: "contact.changed"}
	}
	for _, table := range []string{"contact_workers", "contact_members", "contact_goals"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE contact_id = $1`, c.ID); err != nil {
			return 0, wrapErr("update contact", err)
		}
	}
	return c.Version + 1, tx.writeContactLinks(ctx, c)
}

const contactColumns = `id, family_id, kind, contact_on, minutes, outcome, notes, version, group_id, compartment, sensitive_notes,
	contact_time`

func scanContact(row interface{ Scan(...any) error }) (care.Contact, error) {
	var c care.Contact
	var kind, outcome, compartment string
	var on sql.NullTime
	var group sql.NullInt64
	var at sql.NullString
	err := row.Scan(&c.ID, &c.FamilyID, &kind, &on, &c.Minutes, &outcome, &c.Notes, &c.Version, &group, &compartment, &c.SensitiveNotes, &at)
	c.Kind, c.On, c.Outcome, c.Time = care.ContactKind(kind), civil(on), care.ContactOutcome(outcome), at.String
	c.GroupID, c.Compartment = group.Int64, care.Compartment(compartment)
	return c, err
}

// ContactByID reads one contact with its workers, members and goals.
func (tx *Tx) ContactByID(ctx context.Context, id int64) (care.Contact, error) {
	c, err := scanContact(tx.queryRow(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = $1`, id))
	if err != nil {
		return c, notFound(wrapErr("read contact by ID", err), "error.not_found_message")
	}
	list := []care.Contact{c}
	err = tx.contactLinks(ctx, list)
	return list[0], err
}

// ContactsOfFamily lists a family's contacts, newest first, with their
// workers, members and goals (three more queries, whatever the number).
func (tx *Tx) ContactsOfFamily(ctx context.Context, familyID int64) ([]care.Contact, error) {
	list, err := tx.contactRows(ctx, `contacts WHERE family_id = $1 ORDER BY contact_on DESC, id DESC`, familyID)
	if err != nil || len(list) == 0 {
		return list, err
	}
	// The links are read by family, with one parameter: by contact ids, a
	// file of 300 contacts made three statements of 300 parameters each,
	// whose preparing and binding took 2.4 ms of the follow-up page's 5.
	const ofFamily = ` l JOIN contacts c ON c.id = l.contact_id WHERE c.family_id = $1 ORDER BY 1, 2`
	workers, err := tx.pairs(ctx, `SELECT l.contact_id, l.user_id FROM contact_workers`+ofFamily, familyID)
	if err != nil {
		return nil, err
	}
	members, err := tx.pairs(ctx, `SELECT l.contact_id, l.member_id FROM contact_members`+ofFamily, familyID)
	if err != nil {
		return nil, err
	}
	goals, err := tx.pairs(ctx, `SELECT l.contact_id, l.goal_id FROM contact_goals`+ofFamily, familyID)
	for i := range list {
		list[i].WorkerIDs, list[i].MemberIDs, list[i].GoalIDs = workers[list[i].ID], members[list[i].ID], goals[list[i].ID]
	}
	return list, err
}

// RecentContactsOfFamily reads a family's limit latest contacts, latest
// first, with their links: the follow-up page shows these, and reads every
// contact's date and outcome apart (ContactRecordsOf) for the rhythm.
func (tx *Tx) RecentContactsOfFamily(ctx context.Context, familyID int64, limit int) ([]care.Contact, error) {
	list, err := tx.contactRows(ctx, `contacts WHERE family_id = $1 ORDER BY contact_on DESC, id DESC LIMIT $2`, familyID, limit)
	if err != nil || len(list) == 0 {
		return list, err
	}
	const recent = ` WHERE contact_id IN (SELECT id FROM contacts WHERE family_id = $1 ORDER BY contact_on DESC, id DESC LIMIT $2) ORDER BY 1, 2`
	workers, err := tx.pairs(ctx, `SELECT contact_id, user_id FROM contact_workers`+recent, familyID, limit)
	if err != nil {
		return nil, err
	}
	members, err := tx.pairs(ctx, `SELECT contact_id, member_id FROM contact_members`+recent, familyID, limit)
	if err != nil {
		return nil, err
	}
	goals, err := tx.pairs(ctx, `SELECT contact_id, goal_id FROM contact_goals`+recent, familyID, limit)
	for i := range list {
		list[i].WorkerIDs, list[i].MemberIDs, list[i].GoalIDs = workers[list[i].ID], members[list[i].ID], goals[list[i].ID]
	}
	return list, err
}

func (tx *Tx) contactsWhere(ctx context.Context, where string, args ...any) ([]care.Contact, error) {
	list, err := tx.contactRows(ctx, `contacts WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	return list, tx.contactLinks(ctx, list)
}

// contactRows reads contacts without their links: from is what follows
// FROM, the contacts table (or a join to it) and the conditions.
func (tx *Tx) contactRows(ctx context.Context, from string, args ...any) ([]care.Contact, error) {
	return queryAll(ctx, tx, "list contacts", scanContact, `SELECT `+contactColumns+` FROM `+from, args...)
}

// contactLinks fills the workers, members and goals of contacts.
func (tx *Tx) contactLinks(ctx context.Context, list []care.Contact) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	workers, err := tx.linksOf(ctx, `SELECT contact_id, user_id FROM contact_workers`, ids)
	if err != nil {
		return err
	}
	members, err := tx.linksOf(ctx, `SELECT contact_id, member_id FROM contact_members`, ids)
	if err != nil {
		return err
	}
	goals, err := tx.linksOf(ctx, `SELECT contact_id, goal_id FROM contact_goals`, ids)
	for i := range list {
		list[i].WorkerIDs, list[i].MemberIDs, list[i].GoalIDs = workers[list[i].ID], members[list[i].ID], goals[list[i].ID]
	}
	return err
}

// ContactRecordsOf reads the dates and outcomes of the contacts of several
// families in one query, for their rhythm.
func (tx *Tx) ContactRecordsOf(ctx context.Context, familyIDs []int64) (map[int64][]care.ContactRecord, error) {
	byFamily := map[int64][]care.ContactRecord{}
	if len(familyIDs) == 0 {
		return byFamily, nil
	}
	err := tx.eachRow(ctx, "list contact records of families", func(row rowScanner) error {
		var familyID int64
		var on sql.NullTime
		var outcome string
		if err := row.Scan(&familyID, &on, &outcome); err != nil {
			return err
		}
		byFamily[familyID] = append(byFamily[familyID], care.ContactRecord{On: civil(on), Outcome: care.ContactOutcome(outcome)})
		return nil
	}, `SELECT family_id, contact_on, outcome FROM contacts
		WHERE family_id IN (`+placeholders(1, len(familyIDs))+`) ORDER BY contact_on, id`, contactIDArgs(familyIDs)...)
	if err != nil {
		return nil, err
	}
	return byFamily, nil
}

// UpdateContactOutcome sets a contact's outcome if it is still at version,
// and returns the new version. A contact changed meanwhile (or gone) gives a
// conflict: the caller reloads and tries again.
func (tx *Tx) UpdateContactOutcome(ctx context.Context, id int64, version int, outcome care.ContactOutcome) (int, error) {
	if !care.ValidContactOutcome(outcome) {
		return 0, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"outcome": "contact.outcome_unknown"}}
	}
	res, err := tx.exec(ctx, `UPDATE contacts SET outcome = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4`,
		string(outcome), tx.now, id, version)
	if err != nil {
		return 0, wrapErr("update contact outcome", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, wrapErr("update contact outcome", err)
	}
	if n == 0 {
		return 0, &berceau.Error{Kind: berceau.KindConflict, Key: "contact.changed"}
	}
	return version + 1, nil
}

// linksOf reads (contact, other) pairs of a link table for some contacts.
func (tx *Tx) linksOf(ctx context.Context, selectPairs string, contactIDs []int64) (map[int64][]int64, error) {
	return tx.pairs(ctx, selectPairs+` WHERE contact_id IN (`+placeholders(1, len(contactIDs))+`) ORDER BY 1, 2`,
		contactIDArgs(contactIDs)...)
}

// pairs reads (contact, other) pairs by contact.
func (tx *Tx) pairs(ctx context.Context, query string, args ...any) (map[int64][]int64, error) {
	byContact := map[int64][]int64{}
	err := tx.eachRow(ctx, "list the links of contacts", func(row rowScanner) error {
		var contactID, otherID int64
		if err := row.Scan(&contactID, &otherID); err != nil {
			return err
		}
		byContact[contactID] = append(byContact[contactID], otherID)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	return byContact, nil

}

func contactIDArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// nullTimeOfDay stores a contact's time of day, NULL when none was planned.
func nullTimeOfDay(t string) any {
	if t == "" {
		return nil
	}
	return t
}
