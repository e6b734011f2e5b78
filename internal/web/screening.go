package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/screening"
)

// followupDateLayout is the date form of date inputs: YYYY-MM-DD.
const followupDateLayout = "2006-01-02"

// followupFile is the family file a follow-up page is about, as its header
// shows it.
type followupFile struct {
	ID     int64
	Name   string // the first adult's name
	Status care.FamilyStatus
}

func followupFileOf(f care.Family) followupFile {
	file := followupFile{ID: f.ID, Status: f.Status}
	for _, m := range f.Members {
		if m.Role != care.MemberChild && m.Role != care.MemberUnborn && (m.GivenName != "" || m.Surname != "") {
			file.Name = strings.TrimSpace(m.GivenName + " " + m.Surname)
			break
		}
	}
	return file
}

// screeningForm is the screening form as typed.
type screeningForm struct {
	Programme     string
	Date          string
	DueDate       string
	ChildBirth    string
	HouseholdSize string
	Income        string
	Diploma       string // yes, no, unknown
	Isolated      string
	Lonely        string
}

type screeningNewPage struct {
	Layout
	File       followupFile
	Programmes []care.Programme
	Form       screeningForm
	Errors     formErrors
}

func (s *Server) screeningNewPage(r *http.Request, familyID int64) (*screeningNewPage, error) {
	v, err := s.app.Care.OpenScreeningForm(r.Context(), state(r).actor, familyID, s.civilToday())
	if err != nil {
		return nil, err
	}
	p := &screeningNewPage{Layout: s.newLayout(r, "families", "screening.new_title"), File: followupFileOf(v.Summary.Family), Programmes: v.Programmes}
	p.setFamilyHeader(v.Summary)
	return p, nil
}

func (s *Server) handleScreeningForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathValueID(r, "id")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.screeningNewPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Form = screeningForm{Date: s.app.Now().Format(followupDateLayout), Programme: care.ProgrammeSIPPE}
	s.render(w, r, http.StatusOK, "screening_new", p)
}

// parseScreeningForm turns the typed form into a screening input; fields
// maps each field that could not be read to its message key.
func parseScreeningForm(f screeningForm) (care.ScreeningInput, map[string]string) {
	var in care.ScreeningInput
	fields := map[string]string{}
	date := func(name, v string) *time.Time {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil
		}
		t, err := berceau.ParseDate(v)
		if err != nil {
			fields[name] = "screening.invalid.date"
			return nil
		}
		return &t
	}
	number := func(name, v string) *int {
		v = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "\u00a0", ""))
		if v == "" {
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fields[name] = "screening.invalid.whole_number"
			return nil
		}
		return &n
	}
	choice := func(name, v string) *bool {
		switch v {
		case "yes":
			t := true
			return &t
		case "no":
			f := false
			return &f
		case "unknown":
			return nil
		}
		fields[name] = "screening.invalid.choice"
		return nil
	}
	if d := date("date", f.Date); d != nil {
		in.Date = *d
	} else if _, bad := fields["date"]; !bad {
		fields["date"] = "error.required"
	}
	in.PregnancyDueDate = date("pregnancy_due_date", f.DueDate)
	in.YoungestChildBirthDate = date("youngest_child_birth_date", f.ChildBirth)
	in.HouseholdSize = number("household_size", f.HouseholdSize)
	in.AnnualIncome = number("annual_income", f.Income)
	in.SecondaryDiploma = choice("secondary_diploma", f.Diploma)
	in.SociallyIsolated = choice("socially_isolated", f.Isolated)
	in.Lonely = choice("lonely", f.Lonely)
	if strings.TrimSpace(f.Programme) == "" {
		fields["programme"] = "error.required"
	}
	return in, fields
}

func (s *Server) handleScreeningCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathValueID(r, "id")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	pf := r.PostForm
	form := screeningForm{Programme: pf.Get("programme"), Date: pf.Get("date"), DueDate: pf.Get("pregnancy_due_date"),
		ChildBirth: pf.Get("youngest_child_birth_date"), HouseholdSize: pf.Get("household_size"), Income: pf.Get("annual_income"),
		Diploma: pf.Get("secondary_diploma"), Isolated: pf.Get("socially_isolated"), Lonely: pf.Get("lonely")}
	// The file is read first: out of scope is not found, whatever was typed.
	p, err := s.screeningNewPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Form = form
	in, fields := parseScreeningForm(form)
	var stored care.StoredScreening
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		stored, err = s.app.Care.ScreenFamily(r.Context(), state(r).actor, id, form.Programme, in)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			if berceau.IsNotFound(err) {
				// The programme chosen does not exist or is no longer offered.
				fe = formErrors{FormKey: "error.form_invalid", Fields: map[string]string{"programme": "screening.programme_not_found"}}
				err = &berceau.Error{Kind: berceau.KindInvalid, Key: fe.FormKey, Fields: fe.Fields}
			} else {
				s.renderDomainError(w, r, err)
				return
			}
		}
		p.Errors = fe
		s.render(w, r, statusForForm(err), "screening_new", p)
		return
	}
	http.Redirect(w, r, "/families/"+itoa64(id)+"/screenings/"+itoa64(stored.ID), http.StatusSeeOther)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// criterionView is one criterion of a screening as the page shows it.
type criterionView struct {
	ID       string
	State    string // met, not_met, unknown
	Symbol   string
	Sentence string
}

type screeningPage struct {
	Layout
	File              followupFile
	Screening         care.StoredScreening
	Output            screening.Output
	Criteria          []criterionView
	Input             screeningForm // the input as evaluated, in the form's words
	OrientationText   string
	OrientationErrors formErrors
	Notice            string
}

func (s *Server) screeningPage(r *http.Request, familyID, screeningID int64) (*screeningPage, error) {
	v, err := s.app.Care.OpenScreening(r.Context(), state(r).actor, familyID, screeningID, s.civilToday())
	if err != nil {
		return nil, err
	}
	p := &screeningPage{Layout: s.newLayout(r, "families", "screening.title"), File: followupFileOf(v.Summary.Family), Screening: v.Screening}
	p.setFamilyHeader(v.Summary)
	loc := s.i18n.Localizer(state(r).lang)
	p.Output = screening.Render(p.Screening.Screening, loc)
	for _, c := range p.Output.Criteria {
		v := criterionView{ID: c.ID, State: "unknown", Symbol: "?", Sentence: c.Explanation}
		if c.Met != nil && *c.Met {
			v.State, v.Symbol = "met", "✓"
		} else if c.Met != nil {
			v.State, v.Symbol = "not_met", "✗"
		}
		p.Criteria = append(p.Criteria, v)
	}
	p.Input = inputForm(p.Screening.Input)
	if n := p.Screening.Input.AnnualIncome; n != nil {
		p.Input.Income = screening.Money(*n, state(r).lang)
	}
	// Shown, not edited: dates the page's way.
	in := p.Screening.Input
	p.Input.Date = p.Day(in.Date)
	if in.PregnancyDueDate != nil {
		p.Input.DueDate = p.Day(*in.PregnancyDueDate)
	}
	if in.YoungestChildBirthDate != nil {
		p.Input.ChildBirth = p.Day(*in.YoungestChildBirthDate)
	}
	return p, nil
}

// inputForm writes a stored input back in the form's words.
func inputForm(in care.ScreeningInput) screeningForm {
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(followupDateLayout)
	}
	number := func(n *int) string {
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	choice := func(b *bool) string {
		switch {
		case b == nil:
			return "unknown"
		case *b:
			return "yes"
		}
		return "no"
	}
	return screeningForm{Date: in.Date.Format(followupDateLayout), DueDate: date(in.PregnancyDueDate), ChildBirth: date(in.YoungestChildBirthDate),
		HouseholdSize: number(in.HouseholdSize), Income: number(in.AnnualIncome),
		Diploma: choice(in.SecondaryDiploma), Isolated: choice(in.SociallyIsolated), Lonely: choice(in.Lonely)}
}

func (s *Server) handleScreening(w http.ResponseWriter, r *http.Request) {
	id, ok1 := pathValueID(r, "id")
	sid, ok2 := pathValueID(r, "sid")
	if !ok1 || !ok2 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.screeningPage(r, id, sid)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "orientation" {
		p.Notice = "screening.orientation_recorded"
	}
	s.render(w, r, http.StatusOK, "screening", p)
}

func (s *Server) handleScreeningOrientation(w http.ResponseWriter, r *http.Request) {
	id, ok1 := pathValueID(r, "id")
	sid, ok2 := pathValueID(r, "sid")
	if !ok1 || !ok2 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	p, err := s.screeningPage(r, id, sid)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	text := r.PostForm.Get("orientation")
	if _, err := s.app.Care.RecordOrientation(r.Context(), state(r).actor, sid, text); err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p.OrientationText, p.OrientationErrors = text, fe
		s.render(w, r, statusForForm(err), "screening", p)
		return
	}
	http.Redirect(w, r, "/families/"+itoa64(id)+"/screenings/"+itoa64(sid)+"?done=orientation", http.StatusSeeOther)
}

// choiceField is one yes / no / unknown question of the screening form.
type choiceField struct {
	Name  string // the form field
	Label string // its translation key
	Value string // yes, no, unknown, or "" before a choice
	Error string
}

// ChoiceValues are the answers of every yes / no / unknown question:
// unknown is an answer of its own, which leaves the criterion unknown.
func (p *screeningNewPage) ChoiceValues() []string { return []string{"yes", "no", "unknown"} }

// ChoiceFields are the risk-factor questions of the form, as typed.
func (p *screeningNewPage) ChoiceFields() []choiceField {
	return []choiceField{
		{"secondary_diploma", "screening.diploma", p.Form.Diploma, p.Errors.Field("secondary_diploma")},
		{"socially_isolated", "screening.isolated", p.Form.Isolated, p.Errors.Field("socially_isolated")},
		{"lonely", "screening.lonely", p.Form.Lonely, p.Errors.Field("lonely")},
	}
}
