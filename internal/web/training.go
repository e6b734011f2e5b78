package web

import (
	"encoding/json"
	"errors"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/training"
)

// The trainings' public catalogue and pages, and the trainers' forms.

const trainingPageSize = 30

// trainingQuery is the catalogue's filters as the form sends them back.
type trainingQuery struct {
	Modality, Discipline, Language string
	Page                           int
}

func parseTrainingQuery(q url.Values) (trainingQuery, app.TrainingQuery, bool) {
	tq := trainingQuery{Modality: q.Get("modality"), Discipline: q.Get("discipline"), Language: q.Get("language"), Page: 1}
	f := app.TrainingQuery{Modality: training.Modality(tq.Modality), Discipline: berceau.Discipline(tq.Discipline), Language: tq.Language,
		Limit: trainingPageSize}
	ok := (tq.Modality == "" || f.Modality.Valid()) && (tq.Discipline == "" || f.Discipline.Valid()) &&
		(tq.Language == "" || contains(training.Languages, tq.Language))
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		ok = ok && err == nil && n >= 1 && n <= 10000
		tq.Page = n
	}
	f.Offset = (tq.Page - 1) * trainingPageSize
	return tq, f, ok
}

// trainingCard is a training as the catalogue and its page show it.
type trainingCard struct {
	ID            int64
	Title         localText
	Objectives    localText
	Prerequisites localText
	Provider      string
	ProviderURL   string
	Hours         string
	Modality      string
	Language      string
	Audience      []string
	Sessions      []trainingSessionView
	NextSession   *trainingSessionView
}

type trainingSessionView struct {
	Number    int // 1 for the first session
	EventID   int64
	Title     string
	When      eventWhen
	Place     string
	Online    bool
	Cancelled bool
	Past      bool
}

// Hours formats minutes as hours for the page's language: 6, 7,5.
func (l *Layout) Hours(minutes int) string {
	h := float64(minutes) / 60
	if h == math.Trunc(h) {
		return formatNumber(l.Lang, h, 0)
	}
	return formatNumber(l.Lang, h, 1)
}

func (l *Layout) trainingCard(it app.TrainingSummary, now time.Time) trainingCard {
	t := it.Training
	c := trainingCard{ID: t.ID, Title: l.local(t.Title), Objectives: l.local(t.Objectives), Prerequisites: l.local(t.Prerequisites),
		Provider: l.local(it.Provider.Name).Value, ProviderURL: it.Provider.Website, Hours: l.Hours(t.Minutes),
		Modality: l.T("training.modality_" + string(t.Modality)), Language: l.EventLanguage(t.Language)}
	for _, d := range t.Audience {
		c.Audience = append(c.Audience, l.T("discipline."+string(d)))
	}
	for _, e := range it.Sessions {
		v := trainingSessionView{EventID: e.ID, Title: l.local(e.Title).Value, When: l.When(e), Place: e.Place.Address, Online: e.Place.Online(),
			Cancelled: e.Cancelled(), Past: e.Past(now)}
		c.Sessions = append(c.Sessions, v)
		if c.NextSession == nil && !v.Past && !v.Cancelled {
			next := v
			c.NextSession = &next
		}
	}
	return c
}

type trainingCatalogue struct {
	Layout
	Query       trainingQuery
	Items       []trainingCard
	Total       int
	Page, Pages int
	PrevURL     string
	NextURL     string
	Modalities  []choice
	Disciplines []choice
	Languages   []choice
	CanTrain    bool
}

// handleTrainings shows the public catalogue with its filters.
func (s *Server) handleTrainings(w http.ResponseWriter, r *http.Request) {
	q, f, ok := parseTrainingQuery(r.URL.Query())
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	ctx, actor := r.Context(), state(r).actor
	list, err := s.app.Trainings.Catalogue(ctx, f)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &trainingCatalogue{Layout: s.newLayout(r, "trainings", "training.catalogue_title"), Query: q, Total: list.Total, Page: q.Page}
	now := s.app.Now()
	for _, it := range list.Items {
		p.Items = append(p.Items, p.trainingCard(it, now))
	}
	p.Pages = max(1, (list.Total+trainingPageSize-1)/trainingPageSize)
	v := url.Values{}
	for k, val := range map[string]string{"modality": q.Modality, "discipline": q.Discipline, "language": q.Language} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if q.Page > 1 {
		p.PrevURL = "/trainings?" + withValue(v, "page", strconv.Itoa(q.Page-1))
	}
	if q.Page < p.Pages {
		p.NextURL = "/trainings?" + withValue(v, "page", strconv.Itoa(q.Page+1))
	}
	for _, m := range training.Modalities {
		p.Modalities = append(p.Modalities, choice{string(m), p.T("training.modality_" + string(m))})
	}
	for _, d := range berceau.Disciplines {
		p.Disciplines = append(p.Disciplines, choice{string(d), p.T("discipline." + string(d))})
	}
	for _, code := range training.Languages {
		p.Languages = append(p.Languages, choice{code, p.EventLanguage(code)})
	}
	if p.CanTrain, err = s.app.Events.MayOrganize(ctx, actor); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "training_catalogue", p)
}

type trainingPage struct {
	Layout
	Detail     app.TrainingDetail
	Card       trainingCard
	JSONLD     template.JS
	Notice     string
	Completion *training.Completion
}

// handleTraining shows one training with its sessions and its schema.org
// Course JSON-LD.
func (s *Server) handleTraining(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Trainings.Training(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &trainingPage{Layout: s.newLayout(r, "trainings", "training.training_title"), Detail: d, Completion: d.Completion}
	p.Card = p.trainingCard(d.TrainingSummary, s.app.Now())
	p.PageTitle = p.Card.Title.Value
	p.JSONLD = trainingJSONLD(&p.Layout, s.app.Events.BaseURL(), d)
	if done := r.URL.Query().Get("done"); done == "created" || done == "updated" {
		p.Notice = "training.notice_" + done
	}
	s.render(w, r, http.StatusOK, "training_page", p)
}

// trainingJSONLD is the schema.org Course of a training page, with one
// CourseInstance per session to come or held.
func trainingJSONLD(l *Layout, base string, d app.TrainingDetail) template.JS {
	t := d.Training
	pageURL := base + "/trainings/" + strconv.FormatInt(t.ID, 10)
	title, _ := t.Title.In(l.Lang)
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Course", "@id": pageURL, "url": pageURL, "name": title,
		"inLanguage": t.Language, "timeRequired": "PT" + strconv.Itoa(t.Minutes/60) + "H" + minutesPart(t.Minutes%60),
	}
	if objectives, _ := t.Objectives.In(l.Lang); objectives != "" {
		ld["description"] = objectives
		ld["teaches"] = objectives
	}
	if prerequisites, _ := t.Prerequisites.In(l.Lang); prerequisites != "" {
		ld["coursePrerequisites"] = prerequisites
	}
	if name, _ := d.Provider.Name.In(l.Lang); name != "" {
		provider := map[string]any{"@type": "Organization", "name": name}
		if d.Provider.Website != "" {
			provider["url"] = d.Provider.Website
		}
		ld["provider"] = provider
	}
	if len(t.Audience) > 0 {
		var roles []string
		for _, a := range t.Audience {
			roles = append(roles, l.T("discipline."+string(a)))
		}
		ld["audience"] = map[string]any{"@type": "EducationalAudience", "educationalRole": strings.Join(roles, ", ")}
	}
	mode := map[training.Modality]string{training.InPerson: "onsite", training.Online: "online", training.Hybrid: "blended"}[t.Modality]
	var instances []map[string]any
	for _, e := range d.Sessions {
		if e.Cancelled() {
			continue
		}
		loc := e.Location()
		ci := map[string]any{"@type": "CourseInstance", "courseMode": mode,
			"startDate": e.Start.In(loc).Format(time.RFC3339), "endDate": e.End.In(loc).Format(time.RFC3339),
			"url": base + "/events/" + strconv.FormatInt(e.ID, 10)}
		if e.Place.Online() {
			ci["location"] = map[string]any{"@type": "VirtualLocation", "url": base + "/events/" + strconv.FormatInt(e.ID, 10)}
		} else if e.Place.Address != "" {
			ci["location"] = map[string]any{"@type": "Place", "name": e.Place.Address, "address": e.Place.Address}
		}
		instances = append(instances, ci)
	}
	if len(instances) > 0 {
		ld["hasCourseInstance"] = instances
	}
	b, _ := json.Marshal(ld)
	return template.JS(b)
}

// withFieldErrors is the form's error with the fields that did not parse
// (bad) and those the domain's validation refuses besides, so that the
// person sees every field to fix at once.
func withFieldErrors(bad map[string]string, validation error) error {
	fields := map[string]string{}
	var e *berceau.Error
	if errors.As(validation, &e) {
		for k, v := range e.Fields {
			fields[k] = v
		}
	}
	for k, v := range bad {
		fields[k] = v
	}
	return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
}

func minutesPart(m int) string {
	if m == 0 {
		return ""
	}
	return strconv.Itoa(m) + "M"
}

// trainingForm is a training as its form holds it.
type trainingForm struct {
	ID                         int64
	TitleFR, TitleEN           string
	ObjectivesFR, ObjectivesEN string
	PrerequisitesFR, PrereqEN  string
	Hours, Modality, Language  string
	Organization               string
	Audience                   map[string]bool
	Sessions                   map[string]bool
}

func trainingFormOf(t training.Training) trainingForm {
	f := trainingForm{ID: t.ID, TitleFR: t.Title.Get("fr"), TitleEN: t.Title.Get("en"), ObjectivesFR: t.Objectives.Get("fr"),
		ObjectivesEN: t.Objectives.Get("en"), PrerequisitesFR: t.Prerequisites.Get("fr"), PrereqEN: t.Prerequisites.Get("en"),
		Modality: string(t.Modality), Language: t.Language, Organization: t.OrganizationID, Audience: map[string]bool{}, Sessions: map[string]bool{}}
	if t.Minutes > 0 {
		f.Hours = strconv.FormatFloat(float64(t.Minutes)/60, 'f', -1, 64)
	}
	for _, d := range t.Audience {
		f.Audience[string(d)] = true
	}
	for _, id := range t.SessionIDs {
		f.Sessions[strconv.FormatInt(id, 10)] = true
	}
	return f
}

// readTrainingForm reads a posted training form; fields that do not parse
// are reported with the keys Validate uses.
func readTrainingForm(r *http.Request) (trainingForm, training.Training, map[string]string) {
	v := r.PostForm
	f := trainingForm{TitleFR: v.Get("title_fr"), TitleEN: v.Get("title_en"), ObjectivesFR: v.Get("objectives_fr"), ObjectivesEN: v.Get("objectives_en"),
		PrerequisitesFR: v.Get("prerequisites_fr"), PrereqEN: v.Get("prerequisites_en"), Hours: v.Get("hours"), Modality: v.Get("modality"),
		Language: v.Get("language"), Organization: v.Get("organization"), Audience: map[string]bool{}, Sessions: map[string]bool{}}
	t := training.Training{Title: berceau.TextOf("fr", f.TitleFR, "en", f.TitleEN), Objectives: berceau.TextOf("fr", f.ObjectivesFR, "en", f.ObjectivesEN),
		Prerequisites: berceau.TextOf("fr", f.PrerequisitesFR, "en", f.PrereqEN), Modality: training.Modality(f.Modality),
		Language: f.Language, OrganizationID: f.Organization}
	bad := map[string]string{}
	for _, d := range v["audience"] {
		f.Audience[d] = true
		t.Audience = append(t.Audience, berceau.Discipline(d))
	}
	for _, s := range v["sessions"] {
		f.Sessions[s] = true
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			bad["sessions"] = "training.error.session_unknown"
			continue
		}
		t.SessionIDs = append(t.SessionIDs, id)
	}
	if h := strings.ReplaceAll(strings.TrimSpace(f.Hours), ",", "."); h != "" {
		hours, err := strconv.ParseFloat(h, 64)
		if err != nil || math.IsNaN(hours) || hours <= 0 || hours > float64(training.MaxMinutes)/60 {
			bad["hours"] = "training.error.hours_invalid"
		} else {
			t.Minutes = int(math.Round(hours * 60))
		}
	}
	return f, t, bad
}

type trainingFormPage struct {
	Layout
	Form        trainingForm
	Errors      formErrors
	Orgs        []choice
	Events      []choice
	Modalities  []choice
	Disciplines []choice
	Languages   []choice
	Action      string
}

func (s *Server) trainingFormPage(r *http.Request, form trainingForm, fe formErrors) (*trainingFormPage, error) {
	choices, err := s.app.Trainings.FormChoices(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	titleKey, action := "training.new_title", "/trainings"
	if form.ID != 0 {
		titleKey, action = "training.edit_title", "/trainings/"+strconv.FormatInt(form.ID, 10)
	}
	p := &trainingFormPage{Layout: s.newLayout(r, "trainings", titleKey), Form: form, Errors: fe, Action: action}
	for _, o := range choices.Organizations {
		p.Orgs = append(p.Orgs, choice{o.ID, p.local(o.Name).Value})
	}
	sort.Slice(p.Orgs, func(i, j int) bool { return strings.ToLower(p.Orgs[i].Label) < strings.ToLower(p.Orgs[j].Label) })
	for _, e := range choices.Events {
		label := p.local(e.Title).Value + " — " + p.When(e).Text
		if e.Cancelled() {
			label += " (" + p.T("event.status_cancelled") + ")"
		}
		p.Events = append(p.Events, choice{strconv.FormatInt(e.ID, 10), label})
	}
	for _, m := range training.Modalities {
		p.Modalities = append(p.Modalities, choice{string(m), p.T("training.modality_" + string(m))})
	}
	for _, d := range berceau.Disciplines {
		p.Disciplines = append(p.Disciplines, choice{string(d), p.T("discipline." + string(d))})
	}
	for _, code := range training.Languages {
		p.Languages = append(p.Languages, choice{code, p.EventLanguage(code)})
	}
	return p, nil
}

// handleTrainingNew shows an empty training form.
func (s *Server) handleTrainingNew(w http.ResponseWriter, r *http.Request) {
	form := trainingForm{Modality: string(training.InPerson), Language: state(r).lang, Audience: map[string]bool{}, Sessions: map[string]bool{}}
	if ev := r.URL.Query().Get("event"); ev != "" {
		if _, err := strconv.ParseInt(ev, 10, 64); err == nil {
			form.Sessions[ev] = true
		}
	}
	p, err := s.trainingFormPage(r, form, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if len(p.Orgs) == 0 {
		s.renderError(w, r, http.StatusForbidden)
		return
	}
	s.render(w, r, http.StatusOK, "training_form", p)
}

// handleTrainingEdit shows a training's form to its trainers.
func (s *Server) handleTrainingEdit(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Trainings.Training(r.Context(), state(r).actor, id)
	if err == nil && !d.CanManage {
		err = berceau.Errorf(berceau.KindForbidden, "training.error.not_trainer")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p, err := s.trainingFormPage(r, trainingFormOf(d.Training), formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "training_form", p)
}

func (s *Server) handleTrainingCreate(w http.ResponseWriter, r *http.Request) {
	s.saveTraining(w, r, 0)
}

func (s *Server) handleTrainingUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.saveTraining(w, r, id)
}

func (s *Server) saveTraining(w http.ResponseWriter, r *http.Request, id int64) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	form, t, bad := readTrainingForm(r)
	form.ID, t.ID = id, id
	var err error
	switch {
	case len(bad) > 0:
		t.Normalize()
		err = withFieldErrors(bad, t.Validate())
	case id == 0:
		t, err = s.app.Trainings.CreateTraining(r.Context(), state(r).actor, t)
	default:
		// The Dutch texts the form does not show stay as they are.
		var old app.TrainingDetail
		if old, err = s.app.Trainings.Training(r.Context(), state(r).actor, id); err == nil {
			t.Title.Set("nl", old.Training.Title.Get("nl"))
			t.Objectives.Set("nl", old.Training.Objectives.Get("nl"))
			t.Prerequisites.Set("nl", old.Training.Prerequisites.Get("nl"))
			t, err = s.app.Trainings.UpdateTraining(r.Context(), state(r).actor, t)
		}
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.trainingFormPage(r, form, fe)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		s.render(w, r, statusForForm(err), "training_form", p)
		return
	}
	done := "updated"
	if id == 0 {
		done = "created"
	}
	http.Redirect(w, r, "/trainings/"+strconv.FormatInt(t.ID, 10)+"?done="+done, http.StatusSeeOther)
}
