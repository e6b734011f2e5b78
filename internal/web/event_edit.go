package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The organisers' pages: create and change an event or a cycle, cancel an
// event. A change or a cancellation never deletes: the event is marked,
// its sequence raised, and the people registered are told (app layer).

// eventZones are the time zones the form offers first; an event keeps the
// zone it has.
var eventZones = []string{"America/Toronto", "Europe/Brussels", "Europe/Paris", "America/Moncton", "America/Vancouver", "UTC"}

// eventForm is an event as its form holds it.
type eventForm struct {
	ID                                      int64
	Title, Summary, Body, Accessibility     berceau.Text
	Kind                                    string
	Organizers                              map[string]bool
	Cycle                                   string
	PlaceKind, LocationID, Address, JoinURL string
	StartDate, StartTime, EndDate, EndTime  string
	TimeZone                                string
	Audience, AudienceOrganization          string
	Capacity                                string
	RegistrationOpens, RegistrationCloses   string
	ApprovalRequired, Free                  bool
	Languages, Interpretation               string
}

const formDateTime = "2006-01-02T15:04"

func formOf(e knowledge.Event) eventForm {
	loc := e.Location()
	f := eventForm{ID: e.ID, Title: e.Title, Summary: e.Summary, Body: e.Body, Accessibility: e.Accessibility,
		Kind: string(e.Kind), Organizers: map[string]bool{}, PlaceKind: string(e.Place.Kind), LocationID: e.Place.LocationID,
		Address: e.Place.Address, JoinURL: e.Place.JoinURL, TimeZone: e.TimeZone, Audience: string(e.Audience),
		AudienceOrganization: e.AudienceOrganizationID, ApprovalRequired: e.ApprovalRequired, Free: e.Free,
		Languages: strings.Join(e.Languages, ", "), Interpretation: strings.Join(e.InterpretationLanguages, ", ")}
	if e.Place.Kind == knowledge.PlaceLocation {
		f.Address = ""
	}
	for _, id := range e.Organizers {
		f.Organizers[id] = true
	}
	if e.CycleID != 0 {
		f.Cycle = strconv.FormatInt(e.CycleID, 10)
	}
	if !e.Start.IsZero() {
		f.StartDate, f.StartTime = e.Start.In(loc).Format("2006-01-02"), e.Start.In(loc).Format("15:04")
		f.EndDate, f.EndTime = e.End.In(loc).Format("2006-01-02"), e.End.In(loc).Format("15:04")
	}
	if e.Capacity > 0 {
		f.Capacity = strconv.Itoa(e.Capacity)
	}
	if !e.RegistrationOpens.IsZero() {
		f.RegistrationOpens = e.RegistrationOpens.In(loc).Format(formDateTime)
	}
	if !e.RegistrationCloses.IsZero() {
		f.RegistrationCloses = e.RegistrationCloses.In(loc).Format(formDateTime)
	}
	return f
}

// readEventForm reads a posted event form; fields that do not parse are
// reported with the keys Validate uses.
func readEventForm(r *http.Request) (eventForm, knowledge.Event, map[string]string) {
	v, langs := r.PostForm, state(r).langs.Enabled
	f := eventForm{Title: formText(v, "title", langs), Summary: formText(v, "summary", langs), Body: formText(v, "body", langs),
		Accessibility: formText(v, "accessibility", langs),
		Kind:          v.Get("kind"), Organizers: map[string]bool{}, Cycle: v.Get("cycle"), PlaceKind: v.Get("place_kind"),
		LocationID: v.Get("location_id"), Address: v.Get("address"), JoinURL: v.Get("join_url"),
		StartDate: v.Get("start_date"), StartTime: v.Get("start_time"), EndDate: v.Get("end_date"), EndTime: v.Get("end_time"),
		TimeZone: v.Get("time_zone"), Audience: v.Get("audience"), AudienceOrganization: v.Get("audience_organization"),
		Capacity: v.Get("capacity"), RegistrationOpens: v.Get("registration_opens"), RegistrationCloses: v.Get("registration_closes"),
		ApprovalRequired: v.Get("approval_required") == "on", Free: v.Get("free") == "on",
		Languages: v.Get("languages"), Interpretation: v.Get("interpretation")}
	for _, id := range v["organizers"] {
		f.Organizers[id] = true
	}
	bad := map[string]string{}
	e := knowledge.Event{Kind: knowledge.EventKind(f.Kind), Title: f.Title, Summary: f.Summary, Body: f.Body,
		Accessibility: f.Accessibility, Organizers: v["organizers"],
		Place:    knowledge.Place{Kind: knowledge.PlaceKind(f.PlaceKind), LocationID: f.LocationID, Address: f.Address, JoinURL: f.JoinURL},
		TimeZone: f.TimeZone, Audience: knowledge.Audience(f.Audience), AudienceOrganizationID: f.AudienceOrganization,
		ApprovalRequired: f.ApprovalRequired, Free: f.Free, Languages: splitList(f.Languages), InterpretationLanguages: splitList(f.Interpretation)}
	if f.Cycle != "" {
		id, err := strconv.ParseInt(f.Cycle, 10, 64)
		if err != nil || id <= 0 {
			bad["cycle"] = "event.error.cycle_not_found"
		}
		e.CycleID = id
	}
	loc, err := time.LoadLocation(f.TimeZone)
	if err != nil || f.TimeZone == "" || f.TimeZone == "Local" {
		loc = time.UTC
		bad["time_zone"] = "event.error.time_zone_invalid"
	}
	parse := func(field, value string) time.Time {
		if value == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation(formDateTime, value, loc)
		if err != nil {
			bad[field] = "event.error.date_invalid"
		}
		return t.UTC()
	}
	e.Start = parse("start", f.StartDate+"T"+f.StartTime)
	e.End = parse("end", f.EndDate+"T"+f.EndTime)
	e.RegistrationOpens = parse("registration", f.RegistrationOpens)
	e.RegistrationCloses = parse("registration", f.RegistrationCloses)
	if f.Capacity != "" {
		n, err := strconv.Atoi(strings.TrimSpace(f.Capacity))
		if err != nil {
			bad["capacity"] = "event.error.capacity_invalid"
		}
		e.Capacity = n
	}
	return f, e, bad
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
}

type eventFormPage struct {
	Layout
	Form      eventForm
	Errors    formErrors
	Choices   app.EventFormChoices
	Orgs      []choice
	Locations []choice
	Cycles    []choice
	Zones     []string
	Kinds     []knowledge.EventKind
	Audiences []knowledge.Audience
	Places    []knowledge.PlaceKind
	Action    string
	Cancelled bool
	Status    string
}

func (s *Server) eventFormPage(r *http.Request, form eventForm, fe formErrors) (*eventFormPage, error) {
	choices, err := s.app.Events.FormChoices(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	titleKey, action := "event.new_title", "/events"
	if form.ID != 0 {
		titleKey, action = "event.edit_title", "/events/"+strconv.FormatInt(form.ID, 10)
	}
	p := &eventFormPage{Layout: s.newLayout(r, "events", titleKey), Form: form, Errors: fe, Choices: choices, Action: action,
		Kinds: knowledge.EventKinds, Audiences: knowledge.Audiences, Zones: eventZones,
		Places: []knowledge.PlaceKind{knowledge.PlaceLocation, knowledge.PlaceAddress, knowledge.PlaceOnline}}
	if form.TimeZone != "" && !contains(p.Zones, form.TimeZone) {
		p.Zones = append([]string{form.TimeZone}, p.Zones...)
	}
	for _, o := range choices.Organizations {
		p.Orgs = append(p.Orgs, choice{o.ID, p.local(o.Name).Value})
	}
	for _, l := range choices.Locations {
		p.Locations = append(p.Locations, choice{l.ID, app.LocationAddress(l)})
	}
	for _, c := range choices.Cycles {
		p.Cycles = append(p.Cycles, choice{strconv.FormatInt(c.ID, 10), p.local(c.Title).Value})
	}
	return p, nil
}

// handleEventNew shows an empty event form, in Montréal's zone, public
// and free, with the cycle preselected when asked (?cycle=).
func (s *Server) handleEventNew(w http.ResponseWriter, r *http.Request) {
	form := eventForm{Organizers: map[string]bool{}, TimeZone: "America/Toronto", Audience: string(knowledge.AudiencePublic),
		PlaceKind: string(knowledge.PlaceAddress), Free: true, Languages: state(r).lang, Kind: string(knowledge.KindMeeting)}
	if c := r.URL.Query().Get("cycle"); c != "" {
		if _, err := strconv.ParseInt(c, 10, 64); err == nil {
			form.Cycle = c
		}
	}
	p, err := s.eventFormPage(r, form, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "event_form", p)
}

// handleEventCreate publishes a new event.
func (s *Server) handleEventCreate(w http.ResponseWriter, r *http.Request) {
	s.saveEvent(w, r, 0)
}

// handleEventEdit shows an event's form to its organisers.
func (s *Server) handleEventEdit(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Event(r.Context(), state(r).actor, id)
	if err == nil && !d.CanManage {
		err = berceau.Errorf(berceau.KindForbidden, "event.error.not_organizer")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p, err := s.eventFormPage(r, formOf(d.Event), formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Cancelled, p.Status = d.Event.Cancelled(), string(d.Event.Status)
	s.render(w, r, http.StatusOK, "event_form", p)
}

// handleEventUpdate saves an organiser's changes.
func (s *Server) handleEventUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.saveEvent(w, r, id)
}

func (s *Server) saveEvent(w http.ResponseWriter, r *http.Request, id int64) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	form, e, bad := readEventForm(r)
	form.ID, e.ID = id, id
	var err error
	if len(bad) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: bad}
	} else if id == 0 {
		e, err = s.app.Events.CreateEvent(r.Context(), state(r).actor, e)
	} else {
		e, err = s.app.Events.UpdateEvent(r.Context(), state(r).actor, e)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.eventFormPage(r, form, fe)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		s.render(w, r, statusForForm(err), "event_form", p)
		return
	}
	done := "updated"
	if id == 0 {
		done = "created"
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// handleEventCancel cancels an event: it stays, marked cancelled.
func (s *Server) handleEventCancel(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if _, err := s.app.Events.CancelEvent(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"?done=cancelled", http.StatusSeeOther)
}

// cycleForm is a cycle as its form holds it.
type cycleForm struct {
	ID             int64
	Title, Summary berceau.Text
	Organizers     map[string]bool
}

type cycleFormPage struct {
	Layout
	Form   cycleForm
	Errors formErrors
	Orgs   []choice
	Action string
}

func (s *Server) cycleFormPage(r *http.Request, form cycleForm, fe formErrors) (*cycleFormPage, error) {
	choices, err := s.app.Events.FormChoices(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	titleKey, action := "event.cycle_new_title", "/cycles"
	if form.ID != 0 {
		titleKey, action = "event.cycle_edit_title", "/cycles/"+strconv.FormatInt(form.ID, 10)
	}
	p := &cycleFormPage{Layout: s.newLayout(r, "events", titleKey), Form: form, Errors: fe, Action: action}
	for _, o := range choices.Organizations {
		p.Orgs = append(p.Orgs, choice{o.ID, p.local(o.Name).Value})
	}
	return p, nil
}

// handleCycleNew shows an empty cycle form.
func (s *Server) handleCycleNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.cycleFormPage(r, cycleForm{Organizers: map[string]bool{}}, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "event_cycle_form", p)
}

// handleCycleEdit shows a cycle's form to its organisers.
func (s *Server) handleCycleEdit(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Cycle(r.Context(), state(r).actor, id)
	if err == nil && !d.CanManage {
		err = berceau.Errorf(berceau.KindForbidden, "event.error.not_organizer")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	form := cycleForm{ID: id, Title: d.Cycle.Title, Summary: d.Cycle.Summary, Organizers: map[string]bool{}}
	for _, o := range d.Cycle.Organizers {
		form.Organizers[o] = true
	}
	p, err := s.cycleFormPage(r, form, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "event_cycle_form", p)
}

// handleCycleSave creates (no id) or changes a cycle.
func (s *Server) handleCycleSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	if raw := r.PathValue("id"); raw != "" {
		var err error
		if id, err = strconv.ParseInt(raw, 10, 64); err != nil || id <= 0 {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	v := r.PostForm
	langs := state(r).langs.Enabled
	form := cycleForm{ID: id, Title: formText(v, "title", langs), Summary: formText(v, "summary", langs), Organizers: map[string]bool{}}
	for _, o := range v["organizers"] {
		form.Organizers[o] = true
	}
	c := knowledge.Cycle{ID: id, Title: form.Title, Summary: form.Summary, Organizers: v["organizers"]}
	var err error
	if id == 0 {
		c, err = s.app.Events.CreateCycle(r.Context(), state(r).actor, c)
	} else {
		c, err = s.app.Events.UpdateCycle(r.Context(), state(r).actor, c)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.cycleFormPage(r, form, fe)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		s.render(w, r, statusForForm(err), "event_cycle_form", p)
		return
	}
	done := "updated"
	if id == 0 {
		done = "created"
	}
	http.Redirect(w, r, "/cycles/"+strconv.FormatInt(c.ID, 10)+"?done="+done, http.StatusSeeOther)
}
