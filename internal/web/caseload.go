package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// caseloadsPage is the coordinator's view of the key workers' loads.
type caseloadsPage struct {
	Layout
	app.CoordinatorView
	Today time.Time
}

// Name names a family.
func (p *caseloadsPage) Name(f care.Family) string { return householdNames(f) }

func (s *Server) handleCaseloads(w http.ResponseWriter, r *http.Request) {
	days := 21
	if d, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && d > 0 && d <= 365 {
		days = d
	}
	view, err := s.app.Care.OpenCoordinatorView(r.Context(), state(r).actor, s.civilToday(), days)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "caseloads", &caseloadsPage{Layout: s.newLayout(r, "coordination", "care.caseloads_title"),
		CoordinatorView: view, Today: s.civilToday()})
}
