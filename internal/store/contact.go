package store

import (
	"context"
	"database/sql"

	"github.com/berceau/berceau"
)

// AddIntensityChange records that a family follows a level from a date, for
// a reason, and returns the change's id.
func (tx *Tx) AddIntensityChange(ctx context.Context, familyID int64, ch berceau.LevelChange, changedBy int64) (int64, error) {
	return tx.insertID(ctx, `INSERT INTO intensity_changes (family_id, level_code, interval_days, effective_on, reason, changed_by, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		familyID, ch.Level.Code, ch.Level.IntervalDays, nullDate(ch.On), ch.Reason, changedBy, tx.now)
}

// IntensityChanges lists a family's level changes, oldest first.
func (tx *Tx) IntensityChanges(ctx context.Context, familyID int64) ([]berceau.LevelChange, error) {
	byFamily, err := tx.IntensityChangesOf(ctx, []int64{familyID})
	return byFamily[familyID], err
}

// IntensityChangesOf reads the level changes of several families in one
// query, oldest first for each.
func (tx *Tx) IntensityChangesOf(ctx context.Context, familyIDs []int64) (map[int64][]berceau.LevelChange, error) {
	byFamily := map[int64][]berceau.LevelChange{}
	if len(familyIDs) == 0 {
		return byFamily, nil
	}
	rows, err := tx.query(ctx, `SELECT family_id, level_code, interval_days, effective_on, reason FROM intensity_changes
		WHERE family_id IN (`+placeholders(1, len(familyIDs))+`) ORDER BY effective_on, id`, contactIDArgs(familyIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var familyID int64
		var ch berceau.LevelChange
		var on sql.NullTime
		if err := rows.Scan(&familyID, &ch.Level.Code, &ch.Level.IntervalDays, &on, &ch.Reason); err != nil {
			return nil, err
		}
		ch.On = civil(on)
		byFamily[familyID] = append(byFamily[familyID], ch)
	}
	return byFamily, rows.Err()
}

// CreateContact inserts a contact and its workers, setting its id and
// version.
func (tx *Tx) CreateContact(ctx context.Context, c *berceau.Contact, createdBy int64) error {
	if err := c.Validate(); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO contacts (family_id, kind, contact_on, minutes, outcome, notes, version, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8) RETURNING id`,
		c.FamilyID, string(c.Kind), nullDate(c.On), c.Minutes, string(c.Outcome), c.Notes, createdBy, tx.now)
	if err != nil {
		return err
	}
	c.ID, c.Version = id, 1
	seen := map[int64]bool{}
	for _, w := range c.WorkerIDs {
		if seen[w] {
			continue
		}
		seen[w] = true
		if _, err := tx.exec(ctx, `INSERT INTO contact_workers (contact_id, user_id) VALUES ($1, $2)`, c.ID, w); err != nil {
			return err
		}
	}
	return nil
}

const contactColumns = `id, family_id, kind, contact_on, minutes, outcome, notes, version`

func scanContact(row interface{ Scan(...any) error }) (berceau.Contact, error) {
	var c berceau.Contact
	var kind, outcome string
	var on sql.NullTime
	err := row.Scan(&c.ID, &c.FamilyID, &kind, &on, &c.Minutes, &outcome, &c.Notes, &c.Version)
	c.Kind, c.On, c.Outcome = berceau.ContactKind(kind), civil(on), berceau.ContactOutcome(outcome)
	return c, err
}

// ContactByID reads one contact with its workers.
func (tx *Tx) ContactByID(ctx context.Context, id int64) (berceau.Contact, error) {
	c, err := scanContact(tx.queryRow(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = $1`, id))
	if err != nil {
		return c, notFound(err, "error.not_found_message")
	}
	workers, err := tx.workersOf(ctx, []int64{c.ID})
	c.WorkerIDs = workers[c.ID]
	return c, err
}

// ContactsOfFamily lists a family's contacts, newest first, with their
// workers (read in a second query).
func (tx *Tx) ContactsOfFamily(ctx context.Context, familyID int64) ([]berceau.Contact, error) {
	rows, err := tx.query(ctx, `SELECT `+contactColumns+` FROM contacts WHERE family_id = $1 ORDER BY contact_on DESC, id DESC`, familyID)
	if err != nil {
		return nil, err
	}
	var list []berceau.Contact
	var ids []int64
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, c)
		ids = append(ids, c.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	workers, err := tx.workersOf(ctx, ids)
	for i := range list {
		list[i].WorkerIDs = workers[list[i].ID]
	}
	return list, err
}

// ContactRecordsOf reads the dates and outcomes of the contacts of several
// families in one query, for their rhythm.
func (tx *Tx) ContactRecordsOf(ctx context.Context, familyIDs []int64) (map[int64][]berceau.ContactRecord, error) {
	byFamily := map[int64][]berceau.ContactRecord{}
	if len(familyIDs) == 0 {
		return byFamily, nil
	}
	rows, err := tx.query(ctx, `SELECT family_id, contact_on, outcome FROM contacts
		WHERE family_id IN (`+placeholders(1, len(familyIDs))+`) ORDER BY contact_on, id`, contactIDArgs(familyIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var familyID int64
		var on sql.NullTime
		var outcome string
		if err := rows.Scan(&familyID, &on, &outcome); err != nil {
			return nil, err
		}
		byFamily[familyID] = append(byFamily[familyID], berceau.ContactRecord{On: civil(on), Outcome: berceau.ContactOutcome(outcome)})
	}
	return byFamily, rows.Err()
}

// UpdateContactOutcome sets a contact's outcome if it is still at version,
// and returns the new version. A contact changed meanwhile (or gone) gives a
// conflict: the caller reloads and tries again.
func (tx *Tx) UpdateContactOutcome(ctx context.Context, id int64, version int, outcome berceau.ContactOutcome) (int, error) {
	if !berceau.ValidContactOutcome(outcome) {
		return 0, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"outcome": "contact_store.outcome_unknown"}}
	}
	res, err := tx.exec(ctx, `UPDATE contacts SET outcome = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4`,
		string(outcome), tx.now, id, version)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, &berceau.Error{Kind: berceau.KindConflict, Key: "contact_store.changed"}
	}
	return version + 1, nil
}

func (tx *Tx) workersOf(ctx context.Context, contactIDs []int64) (map[int64][]int64, error) {
	byContact := map[int64][]int64{}
	if len(contactIDs) == 0 {
		return byContact, nil
	}
	rows, err := tx.query(ctx, `SELECT contact_id, user_id FROM contact_workers
		WHERE contact_id IN (`+placeholders(1, len(contactIDs))+`) ORDER BY contact_id, user_id`, contactIDArgs(contactIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var contactID, userID int64
		if err := rows.Scan(&contactID, &userID); err != nil {
			return nil, err
		}
		byContact[contactID] = append(byContact[contactID], userID)
	}
	return byContact, rows.Err()
}

func contactIDArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}
