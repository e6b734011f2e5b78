package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/berceau/berceau/care"
)

// bulkRows is how many rows one multi-row INSERT carries: 200 contacts of
// 11 values stay far below SQLite's 32,766 and PostgreSQL's 65,535 bound
// parameters.
const bulkRows = 200

// BulkContacts inserts generated contacts, each with its workers, in
// multi-row statements, and sets their ids and versions. It is for loading
// a scaled demonstration dataset: it checks nothing but the contacts
// themselves, writes no member or goal links, and audits nothing (the caller
// says why that is right). Ids are given here, after the largest one, so
// that the workers can be written without reading them back; on PostgreSQL
// the identity sequence is moved past them.
func (tx *Tx) BulkContacts(ctx context.Context, contacts []care.Contact, createdBy int64) error {
	if len(contacts) == 0 {
		return nil
	}
	var next int64
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM contacts`).Scan(&next); err != nil {
		return wrapErr("bulk contacts", err)
	}
	for i := range contacts {
		c := &contacts[i]
		if err := c.Validate(); err != nil {
			return err
		}
		next++
		c.ID, c.Version = next, 1
	}
	const contactCols = 11
	for start := 0; start < len(contacts); start += bulkRows {
		chunk := contacts[start:min(start+bulkRows, len(contacts))]
		args := make([]any, 0, len(chunk)*contactCols)
		for _, c := range chunk {
			args = append(args, c.ID, c.FamilyID, string(c.Kind), nullDate(c.On), c.Minutes, string(c.Outcome), c.Notes, 1,
				createdBy, tx.now, tx.now)
		}
		if _, err := tx.exec(ctx, `INSERT INTO contacts (id, family_id, kind, contact_on, minutes, outcome, notes, version,
			created_by, created_at, updated_at) VALUES `+tx.valueRows(len(chunk), contactCols), args...); err != nil {
			return wrapErr("bulk contacts", err)
		}
	}
	var links []any
	flush := func() error {
		if len(links) == 0 {
			return nil
		}
		_, err := tx.exec(ctx, `INSERT INTO contact_workers (contact_id, user_id, contact_on) VALUES `+tx.valueRows(len(links)/3, 3), links...)
		links = links[:0]
		return wrapErr("bulk contacts", err)
	}
	for _, c := range contacts {
		for _, w := range c.WorkerIDs {
			links = append(links, c.ID, w, nullDate(c.On))
			if len(links) == 3*bulkRows {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if tx.dialect.name == "postgres" {
		_, err := tx.exec(ctx, `SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT MAX(id) FROM contacts))`)
		return wrapErr("bulk contacts", err)
	}
	return nil
}

// valueRows is "($1, $2), ($3, $4), …" for rows of cols values; on SQLite
// "(?, ?), (?, ?), …": SQLite looks numbered parameters up by name, which
// costs time quadratic in their number (half of a bulk load's time with
// 5,000 of them), while anonymous ones bind by position.
func (tx *Tx) valueRows(rows, cols int) string {
	anonymous := tx.dialect.name == "sqlite"
	var b strings.Builder
	n := 1
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := 0; c < cols; c++ {
			if c > 0 {
				b.WriteString(", ")
			}
			if anonymous {
				b.WriteByte('?')
			} else {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(n))
			}
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}
