package app

import (
	"context"

	"github.com/berceau/berceau/internal/store"
)

// The call points registration completes (issue 14, registration half):
// the event pages, the agenda, the JSON-LD and the API read places left,
// the join link and the telling of changes only through these three.

// placesTakenTx returns, for each event id, the places taken (registered,
// offered, awaiting approval). Until registrations exist, none are taken:
// places left is the capacity.
func (s *EventService) placesTakenTx(ctx context.Context, tx *store.Tx, eventIDs []int64) (map[int64]int, error) {
	return map[int64]int{}, nil
}

// registeredTx reports whether the user holds a place at the event, which
// shows them its join link. Until registrations exist, nobody does.
func (s *EventService) registeredTx(ctx context.Context, tx *store.Tx, eventID, userID int64) (bool, error) {
	return false, nil
}

// eventChangedTx tells the people registered to or waiting for an event
// that it moved or was cancelled, inside the transaction of the change
// (mail through the outbox, with an .ics of METHOD:REQUEST or CANCEL).
// Until registrations exist, nobody is to be told.
func (s *EventService) eventChangedTx(ctx context.Context, tx *store.Tx, change EventChange) error {
	return nil
}
