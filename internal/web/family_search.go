package web

import (
	"net/http"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// familyHeader is a family file's summary as its pages show it
// (partials/family_header.html).
type familyHeader struct {
	app.FamilySummary
	Name        string
	ChildMonths int
	HasChild    bool
}

func newFamilyHeader(s app.FamilySummary) *familyHeader {
	h := &familyHeader{FamilySummary: s, Name: householdNames(s.Family)}
	if !s.YoungestChild.IsZero() {
		h.HasChild, h.ChildMonths = true, ageOn(s.YoungestChild, s.Today)
	}
	return h
}

// ChildYears is the youngest child's age in whole years.
func (h *familyHeader) ChildYears() int { return h.ChildMonths / 12 }

// ReassessLate reports whether the reassessment's date has passed.
func (h *familyHeader) ReassessLate() bool { return h.ReassessSoon && h.ReassessDue.Before(h.Today) }

// setFamilyHeader puts a file's summary at the top of the page and the
// family's name in the tab's title.
func (l *Layout) setFamilyHeader(s app.FamilySummary) {
	h := newFamilyHeader(s)
	l.FamilyHeader = h
	if h.Name != "" {
		l.PageTitle = h.Name + " · " + l.PageTitle
	}
}

// landing is where a person goes after signing in without asking for a
// page: people who follow families land on their day.
func (s *Server) landing(r *http.Request, userID int64, next string) string {
	if next != "/" {
		return next
	}
	actor, err := s.app.Accounts.ActorFor(r.Context(), userID, state(r).client)
	if err == nil && actor.Can(berceau.PermFamiliesRead) {
		return "/my-day"
	}
	return next
}

// familySearchPage lists the files of the person's scope that answer a
// search of the header box.
type familySearchPage struct {
	Layout
	Query   string
	Search  app.FamilySearch
	Results []*familyHeader
}

// More reports whether more files matched than are shown.
func (p *familySearchPage) More() bool { return p.Search.Matched > len(p.Results) }

// Shown is how many files the page shows.
func (p *familySearchPage) Shown() int { return len(p.Results) }

func (s *Server) handleFamilySearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if r := []rune(q); len(r) > care.MaxFamilyQuery {
		q = string(r[:care.MaxFamilyQuery])
	}
	search, err := s.app.Care.SearchFamilies(r.Context(), state(r).actor, q, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &familySearchPage{Layout: s.newLayout(r, "families", "daily_dash.search_title"), Query: q, Search: search}
	for _, sum := range search.Results {
		p.Results = append(p.Results, newFamilyHeader(sum))
	}
	s.render(w, r, http.StatusOK, "families_search", p)
}
