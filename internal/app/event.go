package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// EventService holds the use cases of events and meeting cycles: organisers
// create, change and cancel them; everyone reads the agenda their audience
// lets them see. Registration builds on it (event_registration*.go).
type EventService struct{ *App }

// organizer is what an actor may organise: every event (a network
// coordinator: events.manage and directory moderation), the events of the
// directory organisations they are staff of (events.manage and editor of
// the organisation), or nothing.
type organizer struct {
	all  bool
	orgs map[string]bool
}

func (o organizer) any() bool { return o.all || len(o.orgs) > 0 }

// mayOrganize reports whether the actor may act on something organised by
// organizers: one of them must be theirs.
func (o organizer) mayOrganize(organizers []string) bool {
	if o.all {
		return true
	}
	for _, id := range organizers {
		if o.orgs[id] {
			return true
		}
	}
	return false
}

func organizerOf(ctx context.Context, tx *store.Tx, actor berceau.Actor) (organizer, error) {
	if !actor.Can(berceau.PermEventsManage) {
		return organizer{}, nil
	}
	if actor.Can(berceau.PermDirectoryModerate) || actor.System {
		return organizer{all: true}, nil
	}
	o := organizer{orgs: map[string]bool{}}
	ids, err := tx.EditedOrganizations(ctx, actor.User.ID)
	for _, id := range ids {
		o.orgs[id] = true
	}
	return o, err
}

// readerReach is which events an actor may see: public ones; members' ones
// once signed in; staff ones of the organisations they are staff of; all of
// them for network coordinators.
func readerReach(ctx context.Context, tx *store.Tx, actor berceau.Actor) (store.EventReach, error) {
	if !actor.SignedIn() {
		return store.EventReach{}, nil
	}
	o, err := organizerOf(ctx, tx, actor)
	if err != nil || o.all {
		return store.EventReach{All: o.all}, err
	}
	reach := store.EventReach{Members: true}
	if actor.User.ID != 0 {
		reach.StaffOf, err = tx.EditedOrganizations(ctx, actor.User.ID)
	}
	return reach, err
}

// sees reports whether reach lets see e.
func sees(reach store.EventReach, e knowledge.Event) bool {
	switch {
	case reach.All || e.Audience == knowledge.AudiencePublic:
		return true
	case e.Audience == knowledge.AudienceMembers:
		return reach.Members
	}
	for _, id := range reach.StaffOf {
		if id == e.AudienceOrganizationID {
			return true
		}
	}
	return false
}

var errNotOrganizer = berceau.Errorf(berceau.KindForbidden, "event.error.not_organizer")

// checkEventReferences verifies, inside the transaction, that what an event
// names exists: its organisers and audience organisation in the directory,
// its directory location, its cycle.
func checkEventReferences(ctx context.Context, tx *store.Tx, e knowledge.Event) error {
	fields := map[string]string{}
	for _, id := range e.Organizers {
		if _, err := tx.DirectoryOrganizationByID(ctx, id); err != nil {
			if !berceau.IsNotFound(err) {
				return err
			}
			fields["organizers"] = "event.error.organizer_unknown"
		}
	}
	if e.AudienceOrganizationID != "" {
		if _, err := tx.DirectoryOrganizationByID(ctx, e.AudienceOrganizationID); err != nil {
			if !berceau.IsNotFound(err) {
				return err
			}
			fields["audience"] = "event.error.organizer_unknown"
		}
	}
	if e.Place.Kind == knowledge.PlaceLocation {
		if _, err := tx.DirectoryLocationByID(ctx, e.Place.LocationID); err != nil {
			if !berceau.IsNotFound(err) {
				return err
			}
			fields["place"] = "event.error.location_unknown"
		}
	}
	if e.CycleID != 0 {
		if _, err := tx.CycleByID(ctx, e.CycleID); err != nil {
			if !berceau.IsNotFound(err) {
				return err
			}
			fields["cycle"] = "event.error.cycle_not_found"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// CreateEvent publishes a new event. The actor must organise at least one
// of its organisers.
func (s *EventService) CreateEvent(ctx context.Context, actor berceau.Actor, e knowledge.Event) (knowledge.Event, error) {
	e.Normalize()
	e.ID, e.UID, e.Status, e.Sequence, e.CreatedBy = 0, "", knowledge.StatusScheduled, 0, actor.User.ID
	if err := e.Validate(); err != nil {
		return e, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !o.mayOrganize(e.Organizers) {
			return errNotOrganizer
		}
		if err := checkEventReferences(ctx, tx, e); err != nil {
			return err
		}
		if err := tx.CreateEvent(ctx, &e); err != nil {
			return err
		}
		return record(ctx, tx, actor, "event.create", "event", e.ID, berceau.OutcomeSuccess, e.Title.String())
	})
	return e, s.refusal(ctx, actor, "event.create", e.ID, err)
}

// refusal audits a refused change on its own (the change's transaction
// rolled back with its entry) and turns err into a domain error.
func (s *EventService) refusal(ctx context.Context, actor berceau.Actor, action string, id int64, err error) error {
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, action, "event", id, berceau.OutcomeDenied, refusalKey(err))
	}
	return domainError(err)
}

// EventChange is what happened to an event that people registered or
// waiting must be told of.
type EventChange struct {
	Before, After knowledge.Event
	Cancelled     bool // the event is cancelled
	Moved         bool // its time or place changed
}

// UpdateEvent changes an event. A change of time, place, title or status
// marks it changed and raises its sequence; a change of time or place is
// told to the people registered (eventChangedTx), in the same transaction.
func (s *EventService) UpdateEvent(ctx context.Context, actor berceau.Actor, e knowledge.Event) (knowledge.Event, error) {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return e, err
	}
	var out knowledge.Event
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !o.any() {
			return errNotOrganizer
		}
		old, err := tx.EventByID(ctx, e.ID)
		if err != nil {
			return err
		}
		if !o.mayOrganize(old.Organizers) || !o.mayOrganize(e.Organizers) {
			return errNotOrganizer
		}
		if old.Cancelled() {
			return berceau.Errorf(berceau.KindConflict, "event.error.cancelled")
		}
		if err := checkEventReferences(ctx, tx, e); err != nil {
			return err
		}
		e.UID, e.CreatedBy, e.CreatedAt, e.Status, e.Sequence = old.UID, old.CreatedBy, old.CreatedAt, old.Status, old.Sequence
		langs := networkLanguagesIn(ctx, tx)
		e.Title, e.Summary = keepDisabledLanguages(e.Title, old.Title, langs), keepDisabledLanguages(e.Summary, old.Summary, langs)
		e.Body, e.Accessibility = keepDisabledLanguages(e.Body, old.Body, langs), keepDisabledLanguages(e.Accessibility, old.Accessibility, langs)
		change := EventChange{Before: old, Moved: e.TimeChanged(old)}
		if change.Moved {
			e.Status = knowledge.StatusChanged
		}
		if e.NeedsNewSequence(old) {
			e.Sequence = old.Sequence + 1
		}
		if err := tx.UpdateEvent(ctx, &e); err != nil {
			return err
		}
		change.After = e
		out = e
		if err := record(ctx, tx, actor, "event.update", "event", e.ID, berceau.OutcomeSuccess, "sequence "+strconv.Itoa(e.Sequence)); err != nil {
			return err
		}
		if change.Moved {
			return s.eventChangedTx(ctx, tx, change)
		}
		return nil
	})
	return out, s.refusal(ctx, actor, "event.update", e.ID, err)
}

// CancelEvent marks an event cancelled (it stays, shown as cancelled, and
// calendars get STATUS:CANCELLED with a higher sequence) and tells the
// people registered or waiting (eventChangedTx).
func (s *EventService) CancelEvent(ctx context.Context, actor berceau.Actor, id int64) (knowledge.Event, error) {
	var out knowledge.Event
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !o.any() {
			return errNotOrganizer
		}
		old, err := tx.EventByID(ctx, id)
		if err != nil {
			return err
		}
		if !o.mayOrganize(old.Organizers) {
			return errNotOrganizer
		}
		if old.Cancelled() {
			return berceau.Errorf(berceau.KindConflict, "event.error.cancelled")
		}
		e := old
		e.Status, e.Sequence = knowledge.StatusCancelled, old.Sequence+1
		if err := tx.UpdateEvent(ctx, &e); err != nil {
			return err
		}
		out = e
		if err := record(ctx, tx, actor, "event.cancel", "event", id, berceau.OutcomeSuccess, e.Title.String()); err != nil {
			return err
		}
		return s.eventChangedTx(ctx, tx, EventChange{Before: old, After: e, Cancelled: true})
	})
	return out, s.refusal(ctx, actor, "event.cancel", id, err)
}

// EventDetail is an event as a page shows it: with its organisers' and
// location's records, its cycle, the places left and whether the reader
// may see the join link and manage it.
type EventDetail struct {
	Event      knowledge.Event
	Organizers []directory.DirectoryOrganization
	Location   *directory.DirectoryLocation
	Cycle      *knowledge.Cycle
	// PlacesLeft is -1 when the event has no limit.
	PlacesLeft int
	// JoinURLShown: the reader is registered or organises it; otherwise
	// Event.Place.JoinURL is emptied.
	JoinURLShown bool
	CanManage    bool
	// MyState is the reader's registration state; empty when they have
	// none (or it ended), or are not signed in.
	MyState knowledge.RegistrationState
}

// Event reads one event the actor may see; one they may not is not found.
func (s *EventService) Event(ctx context.Context, actor berceau.Actor, id int64) (EventDetail, error) {
	var d EventDetail
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		reach, err := readerReach(ctx, tx, actor)
		if err != nil {
			return err
		}
		e, err := tx.EventByID(ctx, id)
		if err != nil {
			return err
		}
		if !sees(reach, e) {
			return berceau.Errorf(berceau.KindNotFound, "event.error.not_found")
		}
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		d.CanManage = o.mayOrganize(e.Organizers)
		if d.MyState, err = myStateTx(ctx, tx, e.ID, actor.User.ID); err != nil {
			return err
		}
		d.JoinURLShown = d.CanManage
		if !d.JoinURLShown && actor.User.ID != 0 && e.Place.Online() {
			if d.JoinURLShown, err = s.registeredTx(ctx, tx, e.ID, actor.User.ID); err != nil {
				return err
			}
		}
		if !d.JoinURLShown {
			e.Place.JoinURL = ""
		}
		d.Event = e
		return s.completeDetail(ctx, tx, &d)
	})
	return d, domainError(err)
}

// completeDetail reads what an event names: organisers, location, cycle,
// places taken.
func (s *EventService) completeDetail(ctx context.Context, tx *store.Tx, d *EventDetail) error {
	for _, id := range d.Event.Organizers {
		org, err := tx.DirectoryOrganizationByID(ctx, id)
		if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		if err == nil {
			d.Organizers = append(d.Organizers, org)
		}
	}
	if d.Event.Place.Kind == knowledge.PlaceLocation {
		loc, err := tx.DirectoryLocationByID(ctx, d.Event.Place.LocationID)
		if err != nil && !berceau.IsNotFound(err) {
			return err
		}
		if err == nil {
			d.Location = &loc
			d.Event.Place.Address = LocationAddress(loc)
		}
	}
	if d.Event.CycleID != 0 {
		c, err := tx.CycleByID(ctx, d.Event.CycleID)
		if err != nil {
			return err
		}
		d.Cycle = &c
	}
	taken, err := s.placesTakenTx(ctx, tx, []int64{d.Event.ID})
	d.PlacesLeft = d.Event.PlacesLeft(taken[d.Event.ID])
	return err
}

// EventListItem is an event of a list, with its organisers' names and the
// places left (-1: no limit). The join link is never in a list.
type EventListItem struct {
	Event          knowledge.Event
	OrganizerNames []berceau.Text
	PlacesLeft     int
}

// EventList is a page of the agenda.
type EventList struct {
	Items []EventListItem
	Total int
}

// Events lists the events the actor may see that f selects.
func (s *EventService) Events(ctx context.Context, actor berceau.Actor, f knowledge.EventFilter) (EventList, error) {
	var out EventList
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		reach, err := readerReach(ctx, tx, actor)
		if err != nil {
			return err
		}
		events, err := tx.Events(ctx, f, reach)
		if err != nil {
			return err
		}
		// Without a limit, or on a first page that is not full, the list
		// holds every match: no count needed.
		if out.Total = len(events); f.Limit > 0 && (f.Offset > 0 || len(events) >= f.Limit) {
			if out.Total, err = tx.CountEvents(ctx, f, reach); err != nil {
				return err
			}
		}
		out.Items, err = s.listItems(ctx, tx, events)
		return err
	})
	return out, domainError(err)
}

func (s *EventService) listItems(ctx context.Context, tx *store.Tx, events []knowledge.Event) ([]EventListItem, error) {
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	taken, err := s.placesTakenTx(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	var orgIDs []string
	seen := map[string]bool{}
	for _, e := range events {
		for _, id := range e.Organizers {
			if !seen[id] {
				seen[id] = true
				orgIDs = append(orgIDs, id)
			}
		}
	}
	names, err := tx.OrganizerNames(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	items := make([]EventListItem, len(events))
	for i, e := range events {
		e.Place.JoinURL = ""
		items[i] = EventListItem{Event: e, PlacesLeft: e.PlacesLeft(taken[e.ID])}
		for _, id := range e.Organizers {
			if name := names[id]; !name.Empty() {
				items[i].OrganizerNames = append(items[i].OrganizerNames, name)
			}
		}
	}
	return items, nil
}

// ForCalendar returns the events of a calendar feed the actor may see
// (cancelled ones included, so that calendars holding them learn it),
// with the join link only where the actor may see it: never in a shared
// feed.
func (s *EventService) ForCalendar(ctx context.Context, actor berceau.Actor, f knowledge.EventFilter) ([]knowledge.Event, error) {
	var events []knowledge.Event
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		reach, err := readerReach(ctx, tx, actor)
		if err != nil {
			return err
		}
		if events, err = tx.Events(ctx, f, reach); err != nil {
			return err
		}
		addresses := map[string]string{}
		for i := range events {
			events[i].Place.JoinURL = ""
			if events[i].Place.Kind != knowledge.PlaceLocation {
				continue
			}
			id := events[i].Place.LocationID
			if _, ok := addresses[id]; !ok {
				loc, err := tx.DirectoryLocationByID(ctx, id)
				if err != nil && !berceau.IsNotFound(err) {
					return err
				}
				addresses[id] = LocationAddress(loc)
			}
			events[i].Place.Address = addresses[id]
		}
		return nil
	})
	return events, domainError(err)
}

// MayOrganize reports whether the actor organises anything at all: the
// organiser's links and pages show for them.
func (s *EventService) MayOrganize(ctx context.Context, actor berceau.Actor) (bool, error) {
	if !actor.Can(berceau.PermEventsManage) {
		return false, nil
	}
	var ok bool
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		ok = o.any()
		return err
	})
	return ok, domainError(err)
}
