package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// civilToday is today's civil date on the app's clock (the demo and the tests set it), the one schedules are computed for.
func (s *Server) civilToday() time.Time {
	y, m, d := s.app.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// parseCivil reads a yyyy-mm-dd form date; an unreadable one is a field
// error, an empty one the zero date.
func parseCivil(value, field string, fields map[string]string) time.Time {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		fields[field] = "care.date_invalid"
	}
	return t
}

// formIDs reads the positive ids of a repeated form field.
func formIDs(values []string) []int64 {
	var ids []int64
	for _, v := range values {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

func familyPath(id int64, rest string) string {
	return "/families/" + strconv.FormatInt(id, 10) + rest
}

// followUpPage is a family's follow-up: rhythm, contacts, referrals, plan
// summary and reassessment.
type followUpPage struct {
	Layout
	app.FollowUp
	Name      string
	Workers   map[int64]string
	Members   map[int64]string
	GoalWords map[int64]string
	LevelForm levelForm
	Errors    formErrors
	Notice    string
	Today     time.Time
	Rows      []contactRow
}

// contactRow is a contact as the follow-up table shows it, translated once
// per page rather than per row in the template: a 300-contact file spent
// most of its rendering time in per-row lookups (docs/PERFORMANCE.md).
type contactRow struct {
	ID                          int64
	On, Kind, Outcome, Workers  string
	Minutes                     int
	Notes                       string
	Compartment, SensitiveNotes string
	SensitiveHidden             bool
}

// contactRows prepares the table of p's contacts.
func (p *followUpPage) contactRows() []contactRow {
	labels := map[string]string{}
	label := func(key string) string {
		if v, ok := labels[key]; ok {
			return v
		}
		v := p.T(key)
		labels[key] = v
		return v
	}
	rows := make([]contactRow, len(p.Contacts))
	var workers strings.Builder
	for i, c := range p.Contacts {
		workers.Reset()
		for j, id := range c.WorkerIDs {
			if j > 0 {
				workers.WriteString(", ")
			}
			workers.WriteString(p.Workers[id])
		}
		row := contactRow{ID: c.ID, On: p.FamilyDate(c.On), Kind: label("care.kind." + string(c.Kind)),
			Outcome: label("care.outcome." + string(c.Outcome)), Minutes: c.Minutes, Workers: workers.String(), Notes: c.Notes}
		if c.Compartment != "" {
			if c.SensitiveNotes != "" {
				row.Compartment, row.SensitiveNotes = label("care.compartment."+string(c.Compartment)), c.SensitiveNotes
			} else {
				row.SensitiveHidden = true
			}
		}
		rows[i] = row
	}
	return rows
}

type levelForm struct{ Code, On, Reason string }

// Open reports whether a referral is still open, for the page.
func (p *followUpPage) Open(r care.Referral) bool { return !r.Status.Terminal() }

// FollowUpDue reports whether a referral's follow-up is due today.
func (p *followUpPage) FollowUpDue(r care.Referral) bool { return r.FollowUpDue(p.Today) }

// IntervalText names a level's rhythm.
func (l *Layout) IntervalText(level care.IntensityLevel) string {
	switch level.IntervalDays {
	case 7:
		return l.T("care.interval_weekly")
	case 14:
		return l.T("care.interval_fortnightly")
	case 28, 30, 31:
		return l.T("care.interval_monthly")
	}
	return l.T("care.interval_days", "Days", level.IntervalDays)
}

// recentContacts is how many contacts the follow-up page lists unless all
// are asked for (?contacts=all); the rhythm always counts every contact.
const recentContacts = 50

func (s *Server) followUpPage(r *http.Request, id int64) (*followUpPage, error) {
	recent := recentContacts
	if r.URL.Query().Get("contacts") == "all" {
		recent = 0
	}
	fu, err := s.app.Care.OpenFollowUpRecent(r.Context(), state(r).actor, id, s.civilToday(), recent)
	if err != nil {
		return nil, err
	}
	p := &followUpPage{Layout: s.newLayout(r, "families", "care.follow_up_title"), FollowUp: fu, Name: householdNames(fu.Family),
		Workers: map[int64]string{}, Members: map[int64]string{}, GoalWords: map[int64]string{}, Today: s.civilToday(),
		LevelForm: levelForm{On: s.civilToday().Format(time.DateOnly), Code: fu.Level.Code}}
	p.setFamilyHeader(fu.Summary)
	p.setGlass(id, fu.GlassUntil)
	for _, u := range fu.CareTeam {
		p.Workers[u.ID] = u.DisplayName
	}
	for _, m := range fu.Family.Members {
		p.Members[m.ID] = strings.TrimSpace(m.GivenName + " " + m.Surname)
	}
	for _, g := range fu.Goals {
		p.GoalWords[g.ID] = g.Words
	}
	p.Rows = p.contactRows()
	return p, nil
}

func (s *Server) handleFollowUp(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.followUpPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	switch d := r.URL.Query().Get("done"); d {
	case "level", "contact", "reassessed":
		p.Notice = "care.done_" + d
	}
	s.render(w, r, http.StatusOK, "care_followup", p)
}

func (s *Server) handleSetLevel(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	form := levelForm{Code: r.PostForm.Get("level"), On: r.PostForm.Get("on"), Reason: r.PostForm.Get("reason")}
	fields := map[string]string{}
	on := parseCivil(form.On, "on", fields)
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		err = s.app.Care.SetLevel(r.Context(), state(r).actor, id, form.Code, care.LevelChange{On: on, Reason: form.Reason})
	}
	if err != nil {
		s.rerenderFollowUp(w, r, id, err, func(p *followUpPage) { p.LevelForm = form })
		return
	}
	http.Redirect(w, r, familyPath(id, "/follow-up?done=level"), http.StatusSeeOther)
}

// rerenderFollowUp shows the follow-up page again with a form's errors, or
// the error page for an error that is not about the form.
func (s *Server) rerenderFollowUp(w http.ResponseWriter, r *http.Request, id int64, err error, keep func(*followUpPage)) {
	fe, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	p, perr := s.followUpPage(r, id)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	keep(p)
	p.Errors = fe
	s.render(w, r, statusForForm(err), "care_followup", p)
}

// contactPage is the form of a new contact or of an existing one.
type contactPage struct {
	Layout
	FamilyID     int64
	Name         string
	Contact      care.Contact // as the form shows it
	Current      *care.Contact
	Kinds        []care.ContactKind
	Outcomes     []care.ContactOutcome
	CareTeam     []berceau.User
	Members      []care.HouseholdMember
	Goals        []care.Goal
	Compartments []care.Compartment // those the person may write in
	Hidden       bool               // a sensitive note exists the person may not read
	Errors       formErrors
	Notice       string
}

// Has reports whether ids holds id, for checkboxes.
func (p *contactPage) Has(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// WorkerName names a worker of the care team.
func (p *contactPage) WorkerName(id int64) string {
	for _, u := range p.CareTeam {
		if u.ID == id {
			return u.DisplayName
		}
	}
	return ""
}

func (s *Server) contactPage(r *http.Request, id int64, c care.Contact) (*contactPage, error) {
	// The form needs the file's team, members and goals, not its contacts.
	fu, err := s.app.Care.OpenFollowUpRecent(r.Context(), state(r).actor, id, s.civilToday(), 1)
	if err != nil {
		return nil, err
	}
	return s.contactPageOf(r, fu, c), nil
}

// contactPageOf is the contact form of a file whose follow-up was read.
func (s *Server) contactPageOf(r *http.Request, fu app.FollowUp, c care.Contact) *contactPage {
	id := fu.Family.ID
	title := "care.contact_title"
	if c.ID != 0 {
		title = "care.contact_edit_title"
	}
	p := &contactPage{Layout: s.newLayout(r, "families", title), FamilyID: id, Name: householdNames(fu.Family), Contact: c,
		Kinds: care.ContactKinds, Outcomes: []care.ContactOutcome{care.ContactPlanned, care.ContactDone, care.ContactMissed, care.ContactCancelled},
		CareTeam: fu.CareTeam, Members: fu.Family.Members, Goals: fu.Goals}
	p.setFamilyHeader(fu.Summary)
	for _, comp := range care.Compartments {
		if fu.Granted[comp] {
			p.Compartments = append(p.Compartments, comp)
		}
	}
	return p
}

func (s *Server) handleContactNew(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	c := care.Contact{Kind: care.ContactHomeVisit, On: s.civilToday(), Minutes: 60, Outcome: care.ContactPlanned,
		WorkerIDs: []int64{state(r).actor.User.ID}}
	if o := care.ContactOutcome(r.URL.Query().Get("outcome")); care.ValidContactOutcome(o) {
		c.Outcome = o
	}
	p, err := s.contactPage(r, id, c)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care_contact", p)
}

// contactFromForm reads a contact form; fields holds what could not be
// read.
func contactFromForm(form url.Values, familyID int64, fields map[string]string) care.Contact {
	c := care.Contact{FamilyID: familyID, Kind: care.ContactKind(form.Get("kind")), Outcome: care.ContactOutcome(form.Get("outcome")),
		Notes: strings.TrimSpace(form.Get("notes")), Compartment: care.Compartment(form.Get("compartment")),
		SensitiveNotes: form.Get("sensitive_notes"), WorkerIDs: formIDs(form["workers"]), MemberIDs: formIDs(form["members"]),
		GoalIDs: formIDs(form["goals"])}
	c.On = parseCivil(form.Get("on"), "on", fields)
	c.Time = strings.TrimSpace(form.Get("time"))
	if len(c.Time) == len("15:04:05") && strings.HasSuffix(c.Time, ":00") {
		c.Time = c.Time[:5] // a browser may add the seconds
	}
	if m := strings.TrimSpace(form.Get("minutes")); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil {
			fields["minutes"] = "contact.minutes_range"
		}
		c.Minutes = n
	}
	c.Version, _ = strconv.Atoi(form.Get("version"))
	return c
}

func (s *Server) handleContactCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	fields := map[string]string{}
	c := contactFromForm(r.PostForm, id, fields)
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.RecordContact(r.Context(), state(r).actor, c)
	}
	if err != nil {
		s.rerenderContact(w, r, id, c, nil, err)
		return
	}
	http.Redirect(w, r, familyPath(id, "/follow-up?done=contact"), http.StatusSeeOther)
}

func (s *Server) rerenderContact(w http.ResponseWriter, r *http.Request, id int64, c care.Contact, current *care.Contact, err error) {
	fe, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	p, perr := s.contactPage(r, id, c)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	p.Errors, p.Current = fe, current
	s.render(w, r, statusForForm(err), "care_contact", p)
}

func (s *Server) handleContactEdit(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	cid, ok2 := pathValueID(r, "cid")
	if !ok || !ok2 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	v, err := s.app.Care.OpenContact(r.Context(), state(r).actor, id, cid, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	c := v.Contact
	p := s.contactPageOf(r, v.FollowUp, c)
	p.Hidden = c.Compartment != "" && c.SensitiveNotes == ""
	if r.URL.Query().Get("done") == "saved" {
		p.Notice = "care.done_contact"
	}
	s.render(w, r, http.StatusOK, "care_contact", p)
}

func (s *Server) handleContactUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	cid, ok2 := pathValueID(r, "cid")
	if !ok || !ok2 || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	fields := map[string]string{}
	c := contactFromForm(r.PostForm, id, fields)
	c.ID = cid
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.EditContact(r.Context(), state(r).actor, c)
	}
	if err != nil {
		var current *care.Contact
		if berceau.KindOf(err) == berceau.KindConflict {
			// Show the other person's version beside the form.
			if now, rerr := s.app.Care.Contact(r.Context(), state(r).actor, id, cid); rerr == nil {
				current = &now
				c.Version = now.Version
			}
		}
		s.rerenderContact(w, r, id, c, current, err)
		return
	}
	http.Redirect(w, r, familyPath(id, "/follow-up?done=contact"), http.StatusSeeOther)
}
