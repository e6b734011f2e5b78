package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// checkCycleOrganizers verifies that a cycle's organisers are directory
// organisations.
func checkCycleOrganizers(ctx context.Context, tx *store.Tx, c knowledge.Cycle) error {
	for _, id := range c.Organizers {
		if _, err := tx.DirectoryOrganizationByID(ctx, id); err != nil {
			if berceau.IsNotFound(err) {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
					Fields: map[string]string{"organizers": "event.error.organizer_unknown"}}
			}
			return err
		}
	}
	return nil
}

// CreateCycle opens a new cycle of sessions.
func (s *EventService) CreateCycle(ctx context.Context, actor berceau.Actor, c knowledge.Cycle) (knowledge.Cycle, error) {
	c.Normalize()
	c.ID, c.UID, c.CreatedBy = 0, "", actor.User.ID
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !o.mayOrganize(c.Organizers) {
			return errNotOrganizer
		}
		if err := checkCycleOrganizers(ctx, tx, c); err != nil {
			return err
		}
		if err := tx.CreateCycle(ctx, &c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "event.cycle.create", "event_cycle", c.ID, berceau.OutcomeSuccess, c.Title.String())
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, "event.cycle.create", "event_cycle", 0, berceau.OutcomeDenied, refusalKey(err))
	}
	return c, domainError(err)
}

// UpdateCycle changes a cycle's texts and organisers.
func (s *EventService) UpdateCycle(ctx context.Context, actor berceau.Actor, c knowledge.Cycle) (knowledge.Cycle, error) {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !o.any() {
			return errNotOrganizer
		}
		old, err := tx.CycleByID(ctx, c.ID)
		if err != nil {
			return err
		}
		if !o.mayOrganize(old.Organizers) || !o.mayOrganize(c.Organizers) {
			return errNotOrganizer
		}
		if err := checkCycleOrganizers(ctx, tx, c); err != nil {
			return err
		}
		c.UID, c.CreatedBy, c.CreatedAt = old.UID, old.CreatedBy, old.CreatedAt
		langs := networkLanguagesIn(ctx, tx)
		c.Title, c.Summary = keepDisabledLanguages(c.Title, old.Title, langs), keepDisabledLanguages(c.Summary, old.Summary, langs)
		if err := tx.UpdateCycle(ctx, &c); err != nil {
			return err
		}
		return record(ctx, tx, actor, "event.cycle.update", "event_cycle", c.ID, berceau.OutcomeSuccess, c.Title.String())
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, "event.cycle.update", "event_cycle", c.ID, berceau.OutcomeDenied, refusalKey(err))
	}
	return c, domainError(err)
}

// CycleDetail is a cycle's page: its organisers and the sessions the
// reader may see, with the places left in each.
type CycleDetail struct {
	Cycle      knowledge.Cycle
	Organizers []directory.DirectoryOrganization
	Sessions   []EventListItem
	CanManage  bool
}

// Cycle reads a cycle and its sessions, soonest first.
func (s *EventService) Cycle(ctx context.Context, actor berceau.Actor, id int64) (CycleDetail, error) {
	var d CycleDetail
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		c, err := tx.CycleByID(ctx, id)
		if err != nil {
			return err
		}
		d.Cycle = c
		reach, err := readerReach(ctx, tx, actor)
		if err != nil {
			return err
		}
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		d.CanManage = o.mayOrganize(c.Organizers)
		for _, oid := range c.Organizers {
			org, err := tx.DirectoryOrganizationByID(ctx, oid)
			if err != nil && !berceau.IsNotFound(err) {
				return err
			}
			if err == nil {
				d.Organizers = append(d.Organizers, org)
			}
		}
		events, err := tx.Events(ctx, knowledge.EventFilter{CycleID: id}, reach)
		if err != nil {
			return err
		}
		d.Sessions, err = s.listItems(ctx, tx, events)
		return err
	})
	return d, domainError(err)
}

// Cycles lists every cycle, newest first: their pages are public, their
// sessions keep their own audience.
func (s *EventService) Cycles(ctx context.Context) ([]knowledge.Cycle, error) {
	var list []knowledge.Cycle
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		list, err = tx.Cycles(ctx)
		return err
	})
	return list, domainError(err)
}
