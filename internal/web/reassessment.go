package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

// reassessPage records a reassessment: what was found, the level from now
// on, and where each goal stands.
type reassessPage struct {
	Layout
	FamilyID  int64
	Name      string
	Levels    []care.IntensityLevel
	Current   care.IntensityLevel
	Goals     []care.Goal
	Statuses  []care.GoalStatus
	Scale     []int
	Due       time.Time
	Form      reassessForm
	Errors    formErrors
	Conflict  bool
	Previous  []care.Reassessment
	LevelName map[string]string
}

type reassessForm struct{ On, Summary, Level string }

func (s *Server) reassessPage(r *http.Request, id int64) (*reassessPage, error) {
	// The form needs the plan, levels and rhythm, not the list of contacts.
	fu, err := s.app.Care.OpenFollowUpRecent(r.Context(), state(r).actor, id, s.civilToday(), 1)
	if err != nil {
		return nil, err
	}
	p := &reassessPage{Layout: s.newLayout(r, "families", "care.reassess_title"), FamilyID: id, Name: householdNames(fu.Family),
		Levels: fu.Programme.Levels, Current: fu.Level, Goals: fu.Goals, Statuses: care.GoalStatuses, Scale: []int{0, 1, 2, 3, 4},
		Due: fu.ReassessDue, Previous: fu.Reassessments,
		Form: reassessForm{On: s.civilToday().Format(time.DateOnly), Level: fu.Level.Code}}
	p.setFamilyHeader(fu.Summary)
	return p, nil
}

// Itoa shows a number in a form value.
func (p *reassessPage) Itoa(n int) string { return strconv.Itoa(n) }

func (s *Server) handleReassessNew(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.reassessPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care_reassess", p)
}

func (s *Server) handleReassessCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	f := r.PostForm
	form := reassessForm{On: f.Get("on"), Summary: f.Get("summary"), Level: f.Get("level")}
	fields := map[string]string{}
	re := care.Reassessment{FamilyID: id, On: parseCivil(form.On, "on", fields), Summary: form.Summary, LevelCode: form.Level}
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		var goals []care.Goal
		goals, err = s.reassessedGoals(r, id)
		if err == nil {
			_, err = s.app.Care.Reassess(r.Context(), state(r).actor, re, goals)
		}
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.reassessPage(r, id)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Form, p.Errors, p.Conflict = form, fe, berceau.KindOf(err) == berceau.KindConflict
		s.render(w, r, statusForForm(err), "care_reassess", p)
		return
	}
	http.Redirect(w, r, familyPath(id, "/follow-up?done=reassessed"), http.StatusSeeOther)
}

// reassessedGoals reads the goals of the plan as the reassessment form
// sent them (status and progress, at the version the form showed); only
// goals that changed are written.
func (s *Server) reassessedGoals(r *http.Request, id int64) ([]care.Goal, error) {
	plan, err := s.app.Care.Plan(r.Context(), state(r).actor, id)
	if err != nil {
		return nil, err
	}
	var changed []care.Goal
	for _, g := range plan {
		key := strconv.FormatInt(g.ID, 10)
		status := care.GoalStatus(r.PostForm.Get("status_" + key))
		progress, perr := strconv.Atoi(r.PostForm.Get("progress_" + key))
		version, _ := strconv.Atoi(r.PostForm.Get("version_" + key))
		if status == "" || perr != nil {
			continue
		}
		if status == g.Status && progress == g.Progress {
			continue
		}
		g.Status, g.Progress, g.Version = status, progress, version
		changed = append(changed, g)
	}
	return changed, nil
}
