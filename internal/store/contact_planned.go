package store

import (
	"context"
	"time"

	"github.com/berceau/berceau/care"
)

// NextPlannedContact reads a family's soonest planned contact on or after
// a date (the earliest time of day first, contacts without a time last);
// ok is false when none is planned.
func (tx *Tx) NextPlannedContact(ctx context.Context, familyID int64, from time.Time) (care.Contact, bool, error) {
	list, err := tx.contactRows(ctx, `contacts WHERE family_id = $1 AND outcome = $2 AND contact_on >= $3
		ORDER BY contact_on, COALESCE(contact_time, '99:99'), id LIMIT 1`, familyID, string(care.ContactPlanned), nullDate(from))
	if err != nil || len(list) == 0 {
		return care.Contact{}, false, err
	}
	return list[0], true, nil
}
