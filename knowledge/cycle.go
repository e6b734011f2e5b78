package knowledge

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// Cycle is a series of sessions under one page ("Rencontres périnatalité
// 2026", three sessions): people register to each session on its own, with
// no commitment to the others.
type Cycle struct {
	ID         int64
	UID        string // stable: the iCalendar UID of the cycle's feed
	Title      berceau.Text
	Summary    berceau.Text
	Organizers []string // directory organisation ids, like an event's
	CreatedBy  int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Normalize trims what an organiser typed.
func (c *Cycle) Normalize() {
	c.Title, c.Summary = c.Title.Map(strings.TrimSpace), c.Summary.Map(strings.TrimSpace)
	c.Organizers = uniqueNonEmpty(c.Organizers)
}

// Validate checks a cycle an organiser submits.
func (c Cycle) Validate() error {
	fields := map[string]string{}
	if c.Title.Empty() {
		fields["title"] = "error.required"
	} else if c.Title.Longest() > MaxTitle {
		fields["title"] = "event.error.too_long"
	}
	if c.Summary.Longest() > MaxBody {
		fields["summary"] = "event.error.too_long"
	}
	if len(c.Organizers) == 0 {
		fields["organizers"] = "event.error.organizer_required"
	} else if len(c.Organizers) > MaxOrganizers {
		fields["organizers"] = "event.error.too_many"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// OrganizedBy reports whether organizationID is one of the organisers.
func (c Cycle) OrganizedBy(organizationID string) bool {
	for _, id := range c.Organizers {
		if id == organizationID {
			return true
		}
	}
	return false
}
