package web

import (
	"net/http"
	"time"

	"github.com/berceau/berceau/internal/app"
)

// myDayPage is the worker's day.
type myDayPage struct {
	Layout
	app.MyDay
	Date   time.Time
	Notice string
	Chips  dayChips
}

// dayChips are the words of my day's status chips, translated once per page
// rather than once per row.
type dayChips struct {
	Today, Planned, ToConfirm, FollowUpDue, FollowUpLate, ReassessDue, ReassessLate string
}

// FamilyName names a family of the page.
func (p *myDayPage) FamilyName(id int64) string { return householdNames(p.Families[id]) }

func (s *Server) handleMyDay(w http.ResponseWriter, r *http.Request) {
	day, err := s.app.Care.OpenMyDay(r.Context(), state(r).actor, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &myDayPage{Layout: s.newLayout(r, "my_day", "care.my_day_title"), MyDay: day, Date: s.civilToday()}
	p.Chips = dayChips{Today: p.T("daily_dash.chip_today"), Planned: p.T("daily_dash.chip_planned"),
		ToConfirm: p.T("daily_dash.chip_to_confirm"), FollowUpDue: p.T("daily_dash.chip_follow_up_due"),
		FollowUpLate: p.T("daily_dash.chip_follow_up_late"), ReassessDue: p.T("daily_dash.chip_reassess_due"),
		ReassessLate: p.T("daily_dash.chip_reassess_late")}
	if r.URL.Query().Get("done") == "group" {
		p.Notice = "care.done_group"
	}
	s.render(w, r, http.StatusOK, "my_day", p)
}
