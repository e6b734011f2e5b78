package web

import (
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/number"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/training"
)

// internshipRegisterPage is the register: the internships the person keeps
// or takes part in.
type internshipRegisterPage struct {
	Layout
	app.Register
	Today  string
	Notice string
}

// KindName names a kind of the register's lists in the page's language.
func (p *internshipRegisterPage) KindName(id int64) string {
	k, _ := p.Lists.KindByID(id)
	return p.Local(k.Name)
}

// FieldName names a field of study in the page's language.
func (p *internshipRegisterPage) FieldName(id int64) string {
	f, _ := p.Lists.FieldByID(id)
	return p.Local(f.Name)
}

// InternHours writes minutes as hours in the page's language ("7,5").
func (l *Layout) InternHours(minutes int) string {
	return printerFor(l.Lang).Sprint(number.Decimal(float64(minutes)/60, number.MaxFractionDigits(2)))
}

func (s *Server) handleInternshipRegister(w http.ResponseWriter, r *http.Request) {
	reg, err := s.app.Internships.OpenRegister(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &internshipRegisterPage{Layout: s.newLayout(r, "internships", "internship.register_title"), Register: reg}
	switch r.URL.Query().Get("done") {
	case "created", "updated", "settings":
		p.Notice = "internship.done_" + r.URL.Query().Get("done")
	}
	s.render(w, r, http.StatusOK, "internship_register", p)
}

// internshipFormValues are the form's values as typed.
type internshipFormValues struct {
	ID                                        int64
	Site, Kind, Field, InternUser, InternName string
	School, StartsOn, EndsOn, PlannedHours    string
	Supervisors                               map[string]bool
}

// internshipFormPage is the form of a new or changed internship.
type internshipFormPage struct {
	Layout
	app.InternshipForm
	Form   internshipFormValues
	Errors formErrors
	Action string
}

// Label names a kind, field or account of the form.
func (p *internshipFormPage) Selected(value string, id int64) bool {
	return value == strconv.FormatInt(id, 10)
}

func internshipValues(i training.Internship) internshipFormValues {
	v := internshipFormValues{ID: i.ID, Supervisors: map[string]bool{}, InternName: i.InternName, School: i.School}
	id := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	v.Site, v.Kind, v.Field, v.InternUser = id(i.SiteID), id(i.KindID), id(i.FieldID), id(i.InternUserID)
	if i.InternUserID != 0 {
		v.InternName = ""
	}
	if !i.StartsOn.IsZero() {
		v.StartsOn = i.StartsOn.Format("2006-01-02")
	}
	if !i.EndsOn.IsZero() {
		v.EndsOn = i.EndsOn.Format("2006-01-02")
	}
	if i.PlannedHours > 0 {
		v.PlannedHours = strconv.Itoa(i.PlannedHours)
	}
	for _, s := range i.SupervisorIDs {
		v.Supervisors[strconv.FormatInt(s, 10)] = true
	}
	return v
}

// internshipFromForm reads the form into an internship; what cannot be read
// is a field error.
func internshipFromForm(r *http.Request, fields map[string]string) (training.Internship, internshipFormValues) {
	f := r.PostForm
	v := internshipFormValues{Site: f.Get("site"), Kind: f.Get("kind"), Field: f.Get("field"), InternUser: f.Get("intern_user"),
		InternName: f.Get("intern_name"), School: f.Get("school"), StartsOn: f.Get("starts_on"), EndsOn: f.Get("ends_on"),
		PlannedHours: f.Get("planned_hours"), Supervisors: map[string]bool{}}
	id := func(s string) int64 {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n < 0 {
			return 0
		}
		return n
	}
	i := training.Internship{SiteID: id(v.Site), KindID: id(v.Kind), FieldID: id(v.Field), InternUserID: id(v.InternUser),
		InternName: v.InternName, School: v.School}
	if i.InternUserID != 0 {
		i.InternName = ""
	}
	i.StartsOn = parseCivil(v.StartsOn, "starts_on", fields)
	i.EndsOn = parseCivil(v.EndsOn, "ends_on", fields)
	if strings.TrimSpace(v.PlannedHours) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v.PlannedHours))
		if err != nil {
			fields["planned_hours"] = "internship.error.planned_hours"
		}
		i.PlannedHours = n
	}
	for _, s := range f["supervisors"] {
		if n := id(s); n > 0 && len(i.SupervisorIDs) < 10 {
			i.SupervisorIDs = append(i.SupervisorIDs, n)
			v.Supervisors[s] = true
		}
	}
	return i, v
}

func (s *Server) internshipForm(w http.ResponseWriter, r *http.Request, status int, titleKey string, v internshipFormValues, errs formErrors) {
	form, err := s.app.Internships.OpenInternshipForm(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &internshipFormPage{Layout: s.newLayout(r, "internships", titleKey), InternshipForm: form, Form: v, Errors: errs,
		Action: "/internships"}
	if v.ID != 0 {
		p.Action = "/internships/" + strconv.FormatInt(v.ID, 10)
	}
	if p.Form.Supervisors == nil {
		p.Form.Supervisors = map[string]bool{}
	}
	s.render(w, r, status, "internship_form", p)
}

func (s *Server) handleInternshipNew(w http.ResponseWriter, r *http.Request) {
	today := s.civilToday()
	s.internshipForm(w, r, http.StatusOK, "internship.new_title", internshipFormValues{StartsOn: today.Format("2006-01-02")}, formErrors{})
}

func (s *Server) handleInternshipCreate(w http.ResponseWriter, r *http.Request) {
	fields := map[string]string{}
	in, v := internshipFromForm(r, fields)
	if len(fields) > 0 {
		s.internshipForm(w, r, http.StatusUnprocessableEntity, "internship.new_title", v, formErrors{FormKey: "error.form_invalid", Fields: fields})
		return
	}
	created, err := s.app.Internships.CreateInternship(r.Context(), state(r).actor, in)
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.internshipForm(w, r, statusForForm(err), "internship.new_title", v, fe)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/internships/"+strconv.FormatInt(created.ID, 10)+"?done=created", http.StatusSeeOther)
}

func (s *Server) handleInternshipEdit(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	page, err := s.app.Internships.OpenInternship(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if !page.CanEdit {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.internshipForm(w, r, http.StatusOK, "internship.edit_title", internshipValues(page.Internship), formErrors{})
}

func (s *Server) handleInternshipUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	fields := map[string]string{}
	in, v := internshipFromForm(r, fields)
	in.ID, v.ID = id, id
	if len(fields) > 0 {
		s.internshipForm(w, r, http.StatusUnprocessableEntity, "internship.edit_title", v, formErrors{FormKey: "error.form_invalid", Fields: fields})
		return
	}
	if err := s.app.Internships.UpdateInternship(r.Context(), state(r).actor, in); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.internshipForm(w, r, statusForForm(err), "internship.edit_title", v, fe)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/internships/"+strconv.FormatInt(id, 10)+"?done=updated", http.StatusSeeOther)
}
