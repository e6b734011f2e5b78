package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/training"
)

// internshipSettingsPage edits the network's lists of the register: kinds
// of internship, fields of study, the evaluation form, and the fiscal
// year's first month.
type internshipSettingsPage struct {
	Layout
	Lists      app.InternshipLists
	Languages  []string
	Months     []int
	FieldKinds []training.EvaluationFieldKind
	Errors     formErrors
	ErrorForm  string // which form Errors belong to
	Notice     string
}

// TextIn is a text in exactly lang, for an input's value.
func (p *internshipSettingsPage) TextIn(t berceau.Text, lang string) string { return t.Get(lang) }

// MonthName names a month in the page's language.
func (p *internshipSettingsPage) MonthName(m int) string {
	return p.T("internship.month_" + strconv.Itoa(m))
}

func (s *Server) internshipSettings(w http.ResponseWriter, r *http.Request, status int, p *internshipSettingsPage) {
	lists, err := s.app.Internships.Lists(r.Context())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Layout = s.newLayout(r, "internships", "internship.settings_title")
	p.Lists, p.Languages, p.FieldKinds = lists, i18n.Languages, training.EvaluationFieldKinds
	p.Months = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	if done := r.URL.Query().Get("done"); done == "saved" {
		p.Notice = "internship.done_settings"
	}
	s.render(w, r, status, "internship_settings", p)
}

func (s *Server) handleInternshipSettings(w http.ResponseWriter, r *http.Request) {
	s.internshipSettings(w, r, http.StatusOK, &internshipSettingsPage{})
}

// settingsDone answers a saved settings form, or shows it again with its
// errors.
func (s *Server) internshipSettingsDone(w http.ResponseWriter, r *http.Request, form, anchor string, err error) {
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.internshipSettings(w, r, statusForForm(err), &internshipSettingsPage{Errors: fe, ErrorForm: form})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/internships/settings?done=saved#"+anchor, http.StatusSeeOther)
}

// textFromForm reads a multilingual text from inputs prefix_<lang>.
func internshipTextFromForm(r *http.Request, prefix string) berceau.Text {
	var t berceau.Text
	for _, lang := range i18n.Languages {
		t.Set(lang, strings.TrimSpace(r.PostForm.Get(prefix+"_"+lang)))
	}
	return t
}

func internshipFormID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PostForm.Get("id"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

func internshipFormPosition(r *http.Request) int {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("position")))
	if err != nil || n < 0 || n > 1000 {
		return 0
	}
	return n
}

func (s *Server) handleInternshipFiscalYear(w http.ResponseWriter, r *http.Request) {
	month, err := strconv.Atoi(r.PostForm.Get("month"))
	if err != nil {
		month = 0
	}
	s.internshipSettingsDone(w, r, "fiscal", "fiscal-year", s.app.Internships.SetFiscalYearStart(r.Context(), state(r).actor, month))
}

func (s *Server) handleInternshipKindSave(w http.ResponseWriter, r *http.Request) {
	k := training.InternshipKind{ID: internshipFormID(r), Name: internshipTextFromForm(r, "name"), Plural: internshipTextFromForm(r, "plural"),
		Position: internshipFormPosition(r), Retired: r.PostForm.Get("retired") == "on"}
	_, err := s.app.Internships.SaveInternshipKind(r.Context(), state(r).actor, k)
	s.internshipSettingsDone(w, r, "kind-"+strconv.FormatInt(k.ID, 10), "kinds", err)
}

func (s *Server) handleInternshipFieldSave(w http.ResponseWriter, r *http.Request) {
	f := training.StudyField{ID: internshipFormID(r), Name: internshipTextFromForm(r, "name"), Position: internshipFormPosition(r),
		Retired: r.PostForm.Get("retired") == "on"}
	_, err := s.app.Internships.SaveStudyField(r.Context(), state(r).actor, f)
	s.internshipSettingsDone(w, r, "field-"+strconv.FormatInt(f.ID, 10), "fields", err)
}

func (s *Server) handleInternshipEvaluationFieldSave(w http.ResponseWriter, r *http.Request) {
	f := training.EvaluationField{ID: internshipFormID(r), Label: internshipTextFromForm(r, "label"), Kind: training.EvaluationFieldKind(r.PostForm.Get("kind")),
		Position: internshipFormPosition(r), Retired: r.PostForm.Get("retired") == "on"}
	_, err := s.app.Internships.SaveEvaluationField(r.Context(), state(r).actor, f)
	s.internshipSettingsDone(w, r, "question-"+strconv.FormatInt(f.ID, 10), "evaluation", err)
}
