package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/training"
)

// internshipPage is one internship: its weeks of hours (log, countersign),
// evaluations and agreement.
type internshipPage struct {
	Layout
	app.InternshipPage
	Notice     string
	Errors     formErrors
	ErrorWeek  int64  // the week whose countersignature form shows Errors
	ErrorStage string // the evaluation whose form shows Errors
	// The log form's values: this week by default.
	Week, HoursValue, Note string
	MaxWeek                string
	Stages                 []training.EvaluationStage
}

// WeekValue is a week's Monday as the week input writes it.
func (p *internshipPage) WeekValue(w training.WeekHours) string { return training.ISOWeekValue(w.Week) }

// WeekLabel names a week: "week 7 of 2026, from 9/2".
func (p *internshipPage) WeekLabel(w training.WeekHours) string {
	y, n := w.Week.ISOWeek()
	return p.T("internship.week_label", "Week", n, "Year", strconv.Itoa(y), "Date", p.FamilyDate(w.Week))
}

// NameOf names a person the page refers to.
func (p *internshipPage) NameOf(id int64) string { return p.Names[id] }

// Evaluation returns the evaluation of a stage, if made.
func (p *internshipPage) Evaluation(stage training.EvaluationStage) *training.Evaluation {
	for i := range p.Evaluations {
		if p.Evaluations[i].Stage == stage {
			return &p.Evaluations[i]
		}
	}
	return nil
}

// Answer is the answer to a field of an evaluation, as read ("4 / 5",
// "Yes", a comment).
func (p *internshipPage) Answer(e *training.Evaluation, f training.EvaluationField) string {
	if e == nil {
		return ""
	}
	v := e.Answers[f.ID]
	switch {
	case v == "":
		return ""
	case f.Kind == training.FieldScale:
		return p.T("internship.scale_answer", "Value", v)
	case f.Kind == training.FieldYesNo:
		return p.T("internship.answer_" + v)
	}
	return v
}

// InputName is an evaluation field's input name.
func (p *internshipPage) InputName(f training.EvaluationField) string {
	return training.EvaluationInputName(f.ID)
}

// FieldLabel is an evaluation field's label in the page's language.
func (p *internshipPage) FieldLabel(f training.EvaluationField) string { return p.Local(f.Label) }

// YesNo is the values of a yes-or-no field.
func (p *internshipPage) YesNo() []string { return []string{"yes", "no"} }

// Scale is the values of a scale field.
func (p *internshipPage) Scale() []string { return []string{"1", "2", "3", "4", "5"} }

func (s *Server) internshipPage(w http.ResponseWriter, r *http.Request, status int, id int64, p *internshipPage) {
	view, err := s.app.Internships.OpenInternship(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Layout = s.newLayout(r, "internships", "internship.page_title")
	p.InternshipPage = view
	p.Stages = training.EvaluationStages
	today := s.civilToday()
	p.MaxWeek = training.ISOWeekValue(training.WeekStart(today))
	if p.Week == "" {
		last := today
		if last.After(view.Internship.EndsOn) {
			last = view.Internship.EndsOn
		}
		p.Week = training.ISOWeekValue(training.WeekStart(last))
	}
	switch done := r.URL.Query().Get("done"); done {
	case "created", "updated", "logged", "signed", "evaluated", "agreement":
		p.Notice = "internship.done_" + done
	}
	s.render(w, r, status, "internship_page", p)
}

func (s *Server) handleInternshipPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.internshipPage(w, r, http.StatusOK, id, &internshipPage{})
}

func internshipURL(id int64, done, anchor string) string {
	return "/internships/" + strconv.FormatInt(id, 10) + "?done=" + done + anchor
}

func (s *Server) handleInternshipLogWeek(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p := &internshipPage{Week: r.PostForm.Get("week"), HoursValue: r.PostForm.Get("hours"), Note: r.PostForm.Get("note")}
	fields := map[string]string{}
	week, okWeek := training.ParseISOWeek(p.Week)
	if !okWeek {
		fields["week"] = "internship.error.week_required"
	}
	minutes, okHours := training.ParseHours(p.HoursValue)
	if !okHours {
		fields["hours"] = "internship.error.hours_range"
	}
	err := error(nil)
	if len(fields) == 0 {
		_, err = s.app.Internships.LogWeek(r.Context(), state(r).actor, id, week, minutes, p.Note)
	}
	if len(fields) > 0 || err != nil {
		fe := formErrors{FormKey: "error.form_invalid", Fields: fields}
		status := http.StatusUnprocessableEntity
		if err != nil {
			var ok bool
			if fe, ok = formErrorsFrom(err); !ok {
				s.renderDomainError(w, r, err)
				return
			}
			status = statusForForm(err)
		}
		p.Errors = fe
		s.internshipPage(w, r, status, id, p)
		return
	}
	http.Redirect(w, r, internshipURL(id, "logged", "#hours"), http.StatusSeeOther)
}

func (s *Server) handleInternshipCountersign(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	weekID, okWeek := pathValueID(r, "week")
	if !ok || !okWeek {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	minutes, okHours := training.ParseHours(r.PostForm.Get("hours"))
	err := error(nil)
	if okHours {
		err = s.app.Internships.Countersign(r.Context(), state(r).actor, id, weekID, minutes, r.PostForm.Get("sign_note"))
	}
	if !okHours || err != nil {
		fe := formErrors{FormKey: "error.form_invalid", Fields: map[string]string{"hours": "internship.error.hours_range"}}
		status := http.StatusUnprocessableEntity
		if err != nil {
			var ok bool
			if fe, ok = formErrorsFrom(err); !ok {
				s.renderDomainError(w, r, err)
				return
			}
			status = statusForForm(err)
		}
		s.internshipPage(w, r, status, id, &internshipPage{Errors: fe, ErrorWeek: weekID})
		return
	}
	http.Redirect(w, r, internshipURL(id, "signed", "#week-"+strconv.FormatInt(weekID, 10)), http.StatusSeeOther)
}

func (s *Server) handleInternshipEvaluate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	stage := training.EvaluationStage(r.PathValue("stage"))
	answers := map[int64]string{}
	for name, values := range r.PostForm {
		rest, ok := strings.CutPrefix(name, "answer_")
		if !ok || len(values) != 1 {
			continue
		}
		if fid, err := strconv.ParseInt(rest, 10, 64); err == nil && fid > 0 && len(answers) < 100 {
			answers[fid] = values[0]
		}
	}
	if err := s.app.Internships.Evaluate(r.Context(), state(r).actor, id, stage, answers); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.internshipPage(w, r, statusForForm(err), id, &internshipPage{Errors: fe, ErrorStage: string(stage)})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, internshipURL(id, "evaluated", "#evaluation-"+string(stage)), http.StatusSeeOther)
}

func (s *Server) handleInternshipAgreementUpload(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	name, content, err := formFile(r, "agreement", app.MaxAgreementBytes)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if err := s.app.Internships.AttachAgreement(r.Context(), state(r).actor, id, name, content); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.internshipPage(w, r, statusForForm(err), id, &internshipPage{Errors: fe, ErrorStage: "agreement"})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, internshipURL(id, "agreement", "#agreement"), http.StatusSeeOther)
}

func (s *Server) handleInternshipAgreement(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	f, err := s.app.Internships.Agreement(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(f.Content)
}
