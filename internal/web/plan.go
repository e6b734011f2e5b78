package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// planPage is a family's action plan, goals grouped under the programme's
// orientations, with the forms that change it.
type planPage struct {
	Layout
	FamilyID     int64
	Name         string
	Orientations []orientationGoals
	Choices      []care.Orientation // the programme's, for the goal forms
	Names        map[string]berceau.Text
	Statuses     []care.GoalStatus
	Scale        []int
	New          goalForm
	Errors       formErrors
	ErrorGoal    int64      // the goal whose form has Errors; 0: the new goal's
	Current      *care.Goal // another person's version, after a conflict
	Sent         map[int64]goalForm
	Print        []languageChoice // the plan printed in each language
	Notice       string
	Authors      map[int64]string
}

type orientationGoals struct {
	care.Orientation
	Goals []care.Goal
}

type goalForm struct {
	Words, Orientation, Sub, Status, Progress, Target, Version string
}

// FormOf is what a goal's form shows: what was sent, after an error, or the
// goal as stored.
func (p *planPage) FormOf(g care.Goal) goalForm {
	if f, ok := p.Sent[g.ID]; ok {
		return f
	}
	target := ""
	if !g.TargetDate.IsZero() {
		target = g.TargetDate.Format(time.DateOnly)
	}
	return goalForm{Words: g.Words, Orientation: g.Orientation, Sub: g.Orientation + "/" + g.SubObjective, Status: string(g.Status),
		Progress: strconv.Itoa(g.Progress), Target: target, Version: strconv.Itoa(g.Version)}
}

// Itoa shows a number in a form value.
func (p *planPage) Itoa(n int) string { return strconv.Itoa(n) }

// groupGoals places goals under their programme's orientations; a goal set
// under another programme (the family changed programme) gets a group of
// its own orientation after them.
func groupGoals(frame app.PlanFrame, goals []care.Goal) []orientationGoals {
	var out []orientationGoals
	index := map[string]int{}
	for _, o := range frame.Orientations {
		index[o.ID] = len(out)
		out = append(out, orientationGoals{Orientation: o})
	}
	for _, g := range goals {
		i, ok := index[g.Orientation]
		if !ok {
			i = len(out)
			index[g.Orientation] = i
			out = append(out, orientationGoals{Orientation: care.Orientation{ID: g.Orientation, Name: frame.Names[g.Orientation]}})
		}
		out[i].Goals = append(out[i].Goals, g)
	}
	return out
}

// Local is a configured name (a programme's orientation, a sub-objective)
// in the page's language, falling back to the other one.
func (l *Layout) Local(t berceau.Text) string {
	v, _ := t.In(l.Lang, l.DefaultLang)
	return v
}

func (s *Server) planPage(r *http.Request, id int64) (*planPage, error) {
	v, err := s.app.Care.OpenPlan(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		return nil, err
	}
	frame, goals := v.Frame, v.Goals
	p := &planPage{Layout: s.newLayout(r, "families", "care.plan_title"), FamilyID: id, Name: householdNames(frame.Family),
		Orientations: groupGoals(frame, goals), Choices: frame.Orientations, Names: frame.Names, Statuses: care.GoalStatuses, Scale: []int{0, 1, 2, 3, 4},
		New: goalForm{Status: string(care.GoalNotStarted), Progress: "0"}, Sent: map[int64]goalForm{}, Authors: map[int64]string{}}
	for _, code := range state(r).langs.Enabled {
		l := s.i18n.Localizer(code)
		p.Print = append(p.Print, languageChoice{Code: code, Name: l.T("language.name")})
	}
	for _, u := range v.CareTeam {
		p.Authors[u.ID] = u.DisplayName
	}
	p.setFamilyHeader(v.Summary)
	return p, nil
}

func (s *Server) handlePlan(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.planPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "goal":
		p.Notice = "care.done_goal"
	case "note":
		p.Notice = "care.done_note"
	}
	s.render(w, r, http.StatusOK, "care_plan", p)
}

// goalFromForm reads a goal form; sub is "orientation/sub-objective".
func goalFromForm(r *http.Request, familyID int64, fields map[string]string) (care.Goal, goalForm) {
	f := r.PostForm
	form := goalForm{Words: f.Get("words"), Sub: f.Get("sub"), Status: f.Get("status"), Progress: f.Get("progress"),
		Target: f.Get("target"), Version: f.Get("version")}
	g := care.Goal{FamilyID: familyID, Words: strings.TrimSpace(form.Words), Status: care.GoalStatus(form.Status)}
	g.Orientation, g.SubObjective, _ = strings.Cut(form.Sub, "/")
	form.Orientation = g.Orientation
	if form.Progress != "" {
		n, err := strconv.Atoi(form.Progress)
		if err != nil {
			fields["progress"] = "plan.progress_out_of_scale"
		}
		g.Progress = n
	}
	g.TargetDate = parseCivil(form.Target, "target", fields)
	g.Version, _ = strconv.Atoi(form.Version)
	return g, form
}

func (s *Server) handleGoalCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	fields := map[string]string{}
	g, form := goalFromForm(r, id, fields)
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.AddGoal(r.Context(), state(r).actor, g)
	}
	if err != nil {
		s.rerenderPlan(w, r, id, err, func(p *planPage) { p.New = form })
		return
	}
	http.Redirect(w, r, familyPath(id, "/plan?done=goal"), http.StatusSeeOther)
}

func (s *Server) handleGoalUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	gid, ok2 := pathValueID(r, "gid")
	if !ok || !ok2 || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	fields := map[string]string{}
	g, form := goalFromForm(r, id, fields)
	g.ID = gid
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.UpdateGoal(r.Context(), state(r).actor, g)
	}
	if err != nil {
		s.rerenderPlan(w, r, id, err, func(p *planPage) {
			p.ErrorGoal = gid
			if berceau.KindOf(err) == berceau.KindConflict {
				// The other person's version is shown; the form keeps what
				// this person wrote, now against the current version.
				for _, og := range p.Orientations {
					for i := range og.Goals {
						if og.Goals[i].ID == gid {
							p.Current = &og.Goals[i]
							form.Version = strconv.Itoa(og.Goals[i].Version)
						}
					}
				}
			}
			p.Sent[gid] = form
		})
		return
	}
	http.Redirect(w, r, familyPath(id, "/plan?done=goal"), http.StatusSeeOther)
}

func (s *Server) handleGoalNote(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	gid, ok2 := pathValueID(r, "gid")
	if !ok || !ok2 || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	n := care.ProgressNote{Text: strings.TrimSpace(r.PostForm.Get("text")), Internal: r.PostForm.Get("internal") == "on"}
	var err error
	if n.Text == "" {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"text": "error.required"}}
	} else {
		_, err = s.app.Care.AddGoalNote(r.Context(), state(r).actor, id, gid, n)
	}
	if err != nil {
		s.rerenderPlan(w, r, id, err, func(p *planPage) { p.ErrorGoal = gid })
		return
	}
	http.Redirect(w, r, familyPath(id, "/plan?done=note"), http.StatusSeeOther)
}

func (s *Server) rerenderPlan(w http.ResponseWriter, r *http.Request, id int64, err error, keep func(*planPage)) {
	fe, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	p, perr := s.planPage(r, id)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	p.Errors = fe
	keep(p)
	s.render(w, r, statusForForm(err), "care_plan", p)
}

// planPrintPage is the plan as given to the family, in the language asked
// for: their words, where each goal stands, the notes they may read.
type planPrintPage struct {
	Layout
	Name         string
	Orientations []orientationGoals
	Names        map[string]berceau.Text
	Printed      time.Time
}

func (s *Server) handlePlanPrint(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	v, err := s.app.Care.OpenPlan(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	frame, goals := v.Frame, v.Goals
	for i := range goals { // the plan as given to the family: only the notes they may read
		goals[i].Notes = goals[i].FamilyNotes()
	}
	l := s.newLayout(r, "families", "care.plan_print_title")
	if lang := r.URL.Query().Get("lang"); state(r).langs.Has(lang) {
		l.Lang, l.loc = lang, s.i18n.Localizer(lang)
		l.PageTitle = l.loc.T("care.plan_print_title")
	}
	s.render(w, r, http.StatusOK, "care_plan_print", &planPrintPage{Layout: l, Name: householdNames(frame.Family), Orientations: groupGoals(frame, goals),
		Names: frame.Names, Printed: s.civilToday()})
}
