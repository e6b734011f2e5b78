package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The call points registration completes: the event pages, the agenda, the
// JSON-LD and the API read places left, the join link and the telling of
// changes only through these three.

// placesTakenTx returns, for each event id, the places taken: registered,
// offered (kept for the person offered it), attended or not shown.
func (s *EventService) placesTakenTx(ctx context.Context, tx *store.Tx, eventIDs []int64) (map[int64]int, error) {
	return tx.PlacesTaken(ctx, eventIDs)
}

// registeredTx reports whether the user holds a place at the event, which
// shows them its join link.
func (s *EventService) registeredTx(ctx context.Context, tx *store.Tx, eventID, userID int64) (bool, error) {
	r, err := tx.RegistrationOf(ctx, eventID, userID, "")
	if berceau.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return r.State == knowledge.StateRegistered || r.State == knowledge.StateAttended, nil
}

// myStateTx is the state of the user's registration to the event, empty
// when they have none or it ended (cancelled, expired).
func myStateTx(ctx context.Context, tx *store.Tx, eventID, userID int64) (knowledge.RegistrationState, error) {
	if userID == 0 {
		return "", nil
	}
	r, err := tx.RegistrationOf(ctx, eventID, userID, "")
	if berceau.IsNotFound(err) || (err == nil && r.State.Ended()) {
		return "", nil
	}
	return r.State, err
}

// eventChangedTx tells the people registered to, offered or waiting for an
// event that it moved or was cancelled, inside the transaction of the
// change (mail through the outbox, with an .ics of METHOD:REQUEST or
// CANCEL), and moves or drops the event's reminder and feedback jobs.
func (s *EventService) eventChangedTx(ctx context.Context, tx *store.Tx, change EventChange) error {
	e := change.After
	key := strconv.FormatInt(e.ID, 10)
	kind := mailChanged
	if change.Cancelled {
		kind = mailEventCancelled
		for _, job := range []string{jobReminders, jobFeedback} {
			if err := tx.CancelJob(ctx, job, key); err != nil {
				return err
			}
		}
	} else if change.Moved {
		taken, err := tx.PlacesTaken(ctx, []int64{e.ID})
		if err != nil {
			return err
		}
		if taken[e.ID] > 0 {
			if err := s.scheduleEventJobsAgainTx(ctx, tx, e); err != nil {
				return err
			}
		}
	} else {
		return nil
	}
	list, err := tx.ActiveRegistrationsOfEvent(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, r := range list {
		if err := s.mailRegistrationTx(ctx, tx, r, e, kind); err != nil {
			return err
		}
		if err := record(ctx, tx, berceau.System("registration"), "registration.told", "registration", r.ID, berceau.OutcomeSuccess,
			"event "+key+" "+kind); err != nil {
			return err
		}
	}
	return nil
}

// scheduleEventJobsAgainTx moves the reminder and the feedback mail of a
// moved event to its new times.
func (s *EventService) scheduleEventJobsAgainTx(ctx context.Context, tx *store.Tx, e knowledge.Event) error {
	key := strconv.FormatInt(e.ID, 10)
	if remind := e.Start.Add(-reminderLead); remind.After(tx.Now()) {
		if err := s.Jobs.schedule(ctx, tx, jobReminders, key, "", remind); err != nil {
			return err
		}
	} else if err := tx.CancelJob(ctx, jobReminders, key); err != nil {
		return err
	}
	return s.Jobs.schedule(ctx, tx, jobFeedback, key, "", e.End.Add(feedbackDelay))
}
