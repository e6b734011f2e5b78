package app

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// EventFormChoices are what an organiser's form offers: the directory's
// organisations and locations, and the cycles.
type EventFormChoices struct {
	Organizations []directory.DirectoryOrganization
	Locations     []directory.DirectoryLocation
	Cycles        []knowledge.Cycle
}

// maxChoices bounds the lists a form offers.
const maxChoices = 1000

// FormChoices reads the choices of the organisers' forms; refused to
// anyone who organises nothing.
func (s *EventService) FormChoices(ctx context.Context, actor berceau.Actor) (EventFormChoices, error) {
	var c EventFormChoices
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		o, err := organizerOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !o.any() {
			return errNotOrganizer
		}
		if c.Organizations, _, err = tx.DirectoryOrganizations(ctx, store.DirectoryPage{Limit: maxChoices}); err != nil {
			return err
		}
		sort.Slice(c.Organizations, func(i, j int) bool {
			return strings.ToLower(c.Organizations[i].Name.String()) < strings.ToLower(c.Organizations[j].Name.String())
		})
		locs, err := tx.DirectoryLocations(ctx, store.DirectoryPage{Limit: maxChoices})
		if err != nil {
			return err
		}
		for _, l := range locs {
			if !l.Redacted && l.Type != "virtual" {
				c.Locations = append(c.Locations, l)
			}
		}
		sort.Slice(c.Locations, func(i, j int) bool { return locationLabel(c.Locations[i]) < locationLabel(c.Locations[j]) })
		c.Cycles, err = tx.Cycles(ctx)
		return err
	})
	return c, domainError(err)
}

// EventFilterChoices are what the agenda's filters offer: the
// organisations that organise events and the cycles.
type EventFilterChoices struct {
	Organizers []OrganizerName
	Cycles     []knowledge.Cycle
}

// OrganizerName is a directory organisation as a filter names it.
type OrganizerName struct {
	ID   string
	Name berceau.Text
}

// filterChoicesHolder keeps the agenda's filter choices, the same for
// everyone, while the data generation holds, and at most
// filterChoicesTTL, which bounds what another instance's writes may leave
// stale.
type filterChoicesHolder struct {
	mu         sync.Mutex
	choices    EventFilterChoices
	generation uint64
	read       time.Time
	valid      bool
}

const filterChoicesTTL = 30 * time.Second

// FilterChoices reads the agenda's filter choices.
func (s *EventService) FilterChoices(ctx context.Context) (EventFilterChoices, error) {
	h := s.filterChoices
	gen := s.store.Generation()
	h.mu.Lock()
	if h.valid && h.generation == gen && s.now().Sub(h.read) < filterChoicesTTL && s.now().After(h.read.Add(-time.Second)) {
		c := h.choices
		h.mu.Unlock()
		return c, nil
	}
	h.mu.Unlock()
	c, err := s.readFilterChoices(ctx)
	if err == nil {
		h.mu.Lock()
		h.choices, h.generation, h.read, h.valid = c, gen, s.now(), true
		h.mu.Unlock()
	}
	return c, err
}

func (s *EventService) readFilterChoices(ctx context.Context) (EventFilterChoices, error) {
	var c EventFilterChoices
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		ids, err := tx.EventOrganizerIDs(ctx)
		if err != nil {
			return err
		}
		names, err := tx.OrganizerNames(ctx, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if name, ok := names[id]; ok {
				c.Organizers = append(c.Organizers, OrganizerName{ID: id, Name: name})
			}
		}
		sort.Slice(c.Organizers, func(i, j int) bool {
			return strings.ToLower(c.Organizers[i].Name.String()) < strings.ToLower(c.Organizers[j].Name.String())
		})
		c.Cycles, err = tx.Cycles(ctx)
		return err
	})
	return c, domainError(err)
}

// BaseURL is the site's address, for the absolute links of feeds and
// structured data.
func (s *EventService) BaseURL() string { return strings.TrimRight(s.opts.BaseURL, "/") }

// LocationAddress writes a directory location's first address on one line.
func LocationAddress(l directory.DirectoryLocation) string {
	var parts []string
	if l.Name != "" {
		parts = append(parts, l.Name)
	}
	if l.Redacted {
		return strings.Join(parts, ", ")
	}
	for _, a := range l.Details.Addresses {
		for _, p := range []string{a.Address1, a.Address2, strings.TrimSpace(a.PostalCode + " " + a.City)} {
			if strings.TrimSpace(p) != "" {
				parts = append(parts, p)
			}
		}
		break
	}
	return strings.Join(parts, ", ")
}

func locationLabel(l directory.DirectoryLocation) string { return strings.ToLower(LocationAddress(l)) }
