package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
)

type suggestionView struct {
	directory.Suggestion
	ServiceName string
	FieldLabel  string
}

type directoryModerationPage struct {
	Layout
	Suggestions []suggestionView
	Stale       []directoryStaleRow
	Outcomes    []string
	Notice      string
	// Moderator: the whole network's lists; otherwise an organisation
	// editor's, narrowed to their organisations.
	Moderator bool
	// StaleMonths is the network's stale period.
	StaleMonths int
	// Missing is the language chosen in the "translation missing" filter
	// ("" when none), MissingIn the services that lack it.
	Missing   string
	MissingIn []directoryStaleRow
}

type directoryStaleRow struct {
	ID, Name, ConfirmedOn string
}

// fieldLabel names a suggestable field in the page's language: its own
// label for French and English ("Nom (anglais)"), else the field and the
// language ("Nom (néerlandais)").
func (l *Layout) fieldLabel(field string) string {
	if base, lang, ok := strings.Cut(field, "."); ok && lang != "fr" && lang != "en" && contains(directory.SuggestableTexts, base) {
		return l.T("multilingual.field_in", "Field", l.T("multilingual.field."+textLabels[base]), "Language", l.T("multilingual.in."+lang))
	}
	return l.T("directory.field_" + fieldKey(field))
}

// textLabels name the label of each suggestable text ("description" is a
// word go-i18n reserves, hence "about").
var textLabels = map[string]string{"name": "name", "description": "about", "eligibility": "eligibility",
	"application_process": "application_process"}

// suggestableFields are the fields the suggestion form offers: each
// multilingual one in every language the network enables, then the others.
func (l *Layout) suggestableFields() []string {
	var fields []string
	for _, base := range directory.SuggestableTexts {
		for _, lang := range l.NetworkLangs {
			fields = append(fields, base+"."+lang)
		}
	}
	for _, f := range directory.SuggestableFields {
		if base, _, ok := strings.Cut(f, "."); !ok || !contains(directory.SuggestableTexts, base) {
			fields = append(fields, f)
		}
	}
	return fields
}

func fieldKey(field string) string {
	out := []byte(field)
	for i, c := range out {
		if c == '.' {
			out[i] = '_'
		}
	}
	return string(out)
}

func (s *Server) handleDirectorySuggest(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	_, err := s.app.Directory.SuggestChange(r.Context(), state(r).actor, id, r.PostForm.Get("field"), r.PostForm.Get("value"), r.PostForm.Get("note"))
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.renderServiceWithErrors(w, r, id, fe, err)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/directory/services/"+url.PathEscape(id)+"?done=suggested", http.StatusSeeOther)
}

// renderServiceWithErrors shows the service page again with the
// suggestion form's errors.
func (s *Server) renderServiceWithErrors(w http.ResponseWriter, r *http.Request, id string, fe formErrors, cause error) {
	sp, err := s.app.Directory.DirectoryServicePage(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := s.servicePage(r, sp)
	p.Errors = fe
	p.Form = suggestionForm{Field: r.PostForm.Get("field"), Value: r.PostForm.Get("value"), Note: r.PostForm.Get("note")}
	s.render(w, r, statusForForm(cause), "directory_service", p)
}

func (s *Server) handleDirectoryConfirm(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	err := s.app.Directory.ConfirmService(r.Context(), state(r).actor, id, directory.ConfirmOutcome(r.PostForm.Get("outcome")))
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.renderServiceWithErrors(w, r, id, fe, err)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	back := "/directory/services/" + url.PathEscape(id) + "?done=confirmed"
	if r.URL.Query().Get("back") == "moderation" {
		back = "/directory/moderation?done=confirmed"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (s *Server) handleDirectoryDecide(accept bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		sg, err := s.app.Directory.DecideSuggestion(r.Context(), state(r).actor, id, accept)
		done := "rejected"
		if accept {
			done = "accepted"
		}
		if errors.Is(err, app.ErrSuggestionOutdated) {
			// Back to the list, which says why nothing changed.
			done, err = "outdated", nil
		}
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		if r.URL.Query().Get("back") == "service" {
			http.Redirect(w, r, "/directory/services/"+url.PathEscape(sg.ServiceID)+"?done="+done, http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/directory/moderation?done="+done, http.StatusSeeOther)
	}
}

func (s *Server) handleDirectoryModeration(w http.ResponseWriter, r *http.Request) {
	actor := state(r).actor
	suggestions, err := s.app.Directory.OpenSuggestions(r.Context(), actor, "")
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	stale, err := s.app.Directory.ToVerify(r.Context(), actor, 200)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &directoryModerationPage{Layout: s.newLayout(r, "directory", "directory.moderation_title"), Outcomes: outcomeValues}
	ix, err := s.app.Directory.DirectoryIndex(r.Context())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	for _, sg := range suggestions {
		v := suggestionView{Suggestion: sg, FieldLabel: p.fieldLabel(sg.Field)}
		if e, ok := ix.Entry(sg.ServiceID); ok {
			v.ServiceName, _ = e.Name.In(p.Lang, p.DefaultLang)
		}
		p.Suggestions = append(p.Suggestions, v)
	}
	for _, sv := range stale {
		row := directoryStaleRow{ID: sv.ID}
		row.Name, _ = sv.Name.In(p.Lang, p.DefaultLang)
		if !sv.Confirmation.At.IsZero() {
			row.ConfirmedOn = p.DirectoryDay(sv.Confirmation.At)
		}
		p.Stale = append(p.Stale, row)
	}
	if d := r.URL.Query().Get("done"); d == "accepted" || d == "rejected" || d == "confirmed" || d == "outdated" {
		p.Notice = "directory.notice_" + d
	}
	if lang := r.URL.Query().Get("missing"); state(r).langs.Has(lang) {
		missing, err := s.app.Directory.MissingTranslation(r.Context(), actor, lang, 200)
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		p.Missing = lang
		for _, sv := range missing {
			row := directoryStaleRow{ID: sv.ID}
			row.Name, _ = sv.Name.In(p.Lang, p.DefaultLang)
			p.MissingIn = append(p.MissingIn, row)
		}
	}
	p.Moderator = p.Can(string(berceau.PermDirectoryModerate))
	p.StaleMonths = s.app.Directory.DirectoryStaleMonths(r.Context())
	s.render(w, r, http.StatusOK, "directory_moderation", p)
}

var outcomeValues = []string{string(directory.ConfirmUnchanged), string(directory.ConfirmUpdated), string(directory.ConfirmClosed),
	string(directory.ConfirmUnreachable)}

// suggestionForm is what the suggestion form holds.
type suggestionForm struct {
	Field, Value, Note string
}

type fieldOption struct {
	Value, Label, Current string
}

// servicePage builds the service page for a reader.
func (s *Server) servicePage(r *http.Request, sp appServicePage) *directoryServicePage {
	p := &directoryServicePage{Layout: s.newLayout(r, "directory", "directory.service_title"), Professional: sp.Professional,
		History: sp.History}
	p.CanSuggest = p.Can(string(berceau.PermDirectorySuggest))
	if m, err := s.app.Directory.DirectoryServiceMaintenance(r.Context(), state(r).actor, sp.Service.ID); err == nil {
		p.Maintenance = m
	}
	// Who decides this service's suggestions: a network moderator, or an
	// editor of its organisation.
	p.CanModerate = p.Maintenance.CanMaintain
	if r.URL.Query().Get("done") == "edited" {
		p.Notice = "directory_editors.notice_edited"
	}
	p.Service = p.serviceView(sp, time.Now())
	p.PageTitle = p.Service.Name.Value
	p.Outcomes = outcomeValues
	if p.CanSuggest || p.CanModerate {
		svc := sp.Service
		for _, f := range p.suggestableFields() {
			p.Fields = append(p.Fields, fieldOption{Value: f, Label: p.fieldLabel(f), Current: svc.FieldValue(f)})
		}
	}
	if p.CanModerate {
		p.UpkeepCapacity, p.UpkeepWeeks = string(sp.Service.Capacity.Status), sp.Service.Capacity.WaitlistWeeks
		if sc := sp.Service.Details.Schedules; len(sc) > 0 {
			p.UpkeepByday, p.UpkeepOpens, p.UpkeepCloses = sc[0].Byday, short5(sc[0].OpensAt), short5(sc[0].ClosesAt)
		}
		p.Suggestions, _ = s.app.Directory.OpenSuggestions(r.Context(), state(r).actor, sp.Service.ID)
		for i := range p.Suggestions {
			p.Suggestions[i].Field = p.fieldLabel(p.Suggestions[i].Field)
		}
	}
	for i := range p.History {
		if directory.ValidSuggestionField(p.History[i].FieldName) {
			p.History[i].FieldName = p.fieldLabel(p.History[i].FieldName)
		}
	}
	return p
}
