package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
)

// cataloguePage lists the indicators and adds one (or a new version of
// one) from the existing measures.
type cataloguePage struct {
	Layout
	Definitions []indicator.Definition
	Versions    []indicator.Definition // of the indicator being edited
	Measures    []measureView
	Form        definitionForm
	Errors      formErrors
	ExprError   string // the expression's error, with its position
	Notice      string
	MinFamilies int
	Sections    []string
	Periods     []string
}

type measureView struct {
	Name, Aggregate, Unit string
	Dimensions            []string
}

type definitionForm struct {
	Code, Section, Expression, Period string
	Name, Description                 map[string]string
}

var definitionLanguages = []string{"fr", "en", "nl"}

func (s *Server) cataloguePage(r *http.Request) (*cataloguePage, error) {
	actor := state(r).actor
	defs, err := s.app.Indicators.Catalogue(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	k, err := s.app.Indicators.MinFamilies(r.Context())
	if err != nil {
		return nil, err
	}
	page := &cataloguePage{Layout: s.newLayout(r, "indicators", "indicator.catalogue_title"), Definitions: defs, MinFamilies: k,
		Form: definitionForm{Name: map[string]string{}, Description: map[string]string{}, Section: string(indicator.SectionAccess)}}
	for _, sec := range indicator.Sections {
		page.Sections = append(page.Sections, string(sec))
	}
	page.Periods = []string{"", string(indicator.DimMonth), string(indicator.DimQuarter), string(indicator.DimYear)}
	catalog := s.app.Indicators.Measures()
	for _, name := range s.app.Indicators.MeasureNames() {
		m := catalog[name]
		mv := measureView{Name: name, Aggregate: string(m.Aggregate), Unit: m.Unit}
		for _, d := range m.Dimensions {
			mv.Dimensions = append(mv.Dimensions, string(d))
		}
		page.Measures = append(page.Measures, mv)
	}
	return page, nil
}

func (s *Server) handleIndicatorCatalogue(w http.ResponseWriter, r *http.Request) {
	p, err := s.cataloguePage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if code := r.URL.Query().Get("edit"); code != "" {
		versions, err := s.app.Indicators.Versions(r.Context(), state(r).actor, code)
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		p.Versions = versions
		d := versions[0]
		p.Form = definitionForm{Code: d.Code, Section: string(d.Section), Expression: d.Expression, Period: string(d.Period),
			Name: map[string]string{}, Description: map[string]string{}}
		for _, lang := range definitionLanguages {
			p.Form.Name[lang], p.Form.Description[lang] = d.Name.Get(lang), d.Description.Get(lang)
		}
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		p.Notice = "indicator.saved"
	case "settings":
		p.Notice = "indicator.settings_saved"
	}
	s.render(w, r, http.StatusOK, "indicator_catalogue", p)
}

func (s *Server) handleIndicatorSave(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	d := indicator.Definition{Code: f.Get("code"), Section: indicator.Section(f.Get("section")), Expression: f.Get("expression"),
		Period: indicator.Dimension(f.Get("period"))}
	form := definitionForm{Code: d.Code, Section: string(d.Section), Expression: d.Expression, Period: string(d.Period),
		Name: map[string]string{}, Description: map[string]string{}}
	for _, lang := range definitionLanguages {
		name, desc := strings.TrimSpace(f.Get("name_"+lang)), strings.TrimSpace(f.Get("description_"+lang))
		d.Name.Set(lang, name)
		d.Description.Set(lang, desc)
		form.Name[lang], form.Description[lang] = name, desc
	}
	if _, err := s.app.Indicators.SaveDefinition(r.Context(), state(r).actor, d); err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.cataloguePage(r)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Form, p.Errors = form, fe
		var pe *indicator.ParseError
		if errors.As(err, &pe) {
			p.ExprError = p.T("indicator.expr_at", "Position", pe.Pos+1, "Message", p.T(pe.Key, "Name", pe.Name))
		}
		s.render(w, r, statusForForm(err), "indicator_catalogue", p)
		return
	}
	http.Redirect(w, r, "/indicators/catalogue?done=saved", http.StatusSeeOther)
}

func (s *Server) handleIndicatorSettings(w http.ResponseWriter, r *http.Request) {
	k, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("min_families")))
	if err != nil {
		k = -1
	}
	if err := s.app.Indicators.SetMinFamilies(r.Context(), state(r).actor, k); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			p, perr := s.cataloguePage(r)
			if perr != nil {
				s.renderDomainError(w, r, perr)
				return
			}
			p.Errors = fe
			s.render(w, r, statusForForm(err), "indicator_catalogue", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/indicators/catalogue?done=settings", http.StatusSeeOther)
}

// birthsPage enters the territory's expected eligible births per site and
// year: the denominator of reach.
type birthsPage struct {
	Layout
	Sites   []berceau.Site
	Figures []birthsFigure
	Errors  formErrors
	Notice  string
	Site    int64
	Year    string
	Births  string
}

type birthsFigure struct {
	Site   string
	Year   int
	Births int
}

func (s *Server) birthsPage(r *http.Request) (*birthsPage, error) {
	actor := state(r).actor
	list, err := s.app.Indicators.ExpectedBirths(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	p := &birthsPage{Layout: s.newLayout(r, "indicators", "indicator.births_title"), Year: strconv.Itoa(s.app.Now().Year())}
	rep, err := s.app.Indicators.Compute(r.Context(), actor, app.IndicatorRequest{Period: indicator.Year(s.app.Now().Year()), Codes: []string{"reach"}})
	if err != nil && !berceau.IsNotFound(err) {
		return nil, err
	}
	p.Sites = rep.Sites
	for _, b := range list {
		p.Figures = append(p.Figures, birthsFigure{Site: rep.SiteNames[strconv.FormatInt(b.SiteID, 10)], Year: b.Year, Births: b.Births})
	}
	return p, nil
}

func (s *Server) handleExpectedBirths(w http.ResponseWriter, r *http.Request) {
	p, err := s.birthsPage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "saved" {
		p.Notice = "indicator.births_saved"
	}
	s.render(w, r, http.StatusOK, "indicator_births", p)
}

func (s *Server) handleExpectedBirthsSave(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	site, _ := strconv.ParseInt(f.Get("site"), 10, 64)
	year, errY := strconv.Atoi(strings.TrimSpace(f.Get("year")))
	births, errB := strconv.Atoi(strings.TrimSpace(f.Get("births")))
	if errY != nil {
		year = -1
	}
	if errB != nil {
		births = -1
	}
	err := s.app.Indicators.SetExpectedBirths(r.Context(), state(r).actor, indicator.ExpectedBirths{SiteID: site, Year: year, Births: births})
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.birthsPage(r)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Errors, p.Site, p.Year, p.Births = fe, site, f.Get("year"), f.Get("births")
		s.render(w, r, statusForForm(err), "indicator_births", p)
		return
	}
	http.Redirect(w, r, "/indicators/expected-births?done=saved", http.StatusSeeOther)
}

// DefinitionName is a definition's name in the page's language.
func (l *Layout) DefinitionName(d indicator.Definition) string { v, _ := d.Name.In(l.Lang); return v }

// DefinitionDay is when a version was saved.
func (l *Layout) DefinitionDay(t time.Time) string { return l.Day(t) }

// DefinitionLanguages are the languages a definition's texts are written in.
func (p *cataloguePage) DefinitionLanguages() []string { return definitionLanguages }
