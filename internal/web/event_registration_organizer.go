package web

import (
	"encoding/csv"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// attendeesPage is an event's attendee list for its organisers.
type attendeesPage struct {
	Layout
	List       app.AttendeeList
	EventTitle string
	Documents  []app.EventDocument
	Notice     string
	Alert      string
	Errors     formErrors
	Query      string // the check-in page's name filter
	Shown      []knowledge.Registration
}

// Actions lists what an organiser may do to a registration in its state.
func (p *attendeesPage) Actions(r knowledge.Registration) []string {
	var out []string
	for _, act := range []knowledge.RegistrationAction{knowledge.ActApprove, knowledge.ActReject, knowledge.ActAttend, knowledge.ActNoShow, knowledge.ActCancel} {
		if _, ok := knowledge.Next(r.State, act, true); ok {
			out = append(out, string(act))
		}
	}
	return out
}

// Hours writes hours the page's way ("1,5" in French).
func (p *attendeesPage) Hours(h float64) string { return p.Decimal(h) }

func (s *Server) attendees(w http.ResponseWriter, r *http.Request, titleKey string) (*attendeesPage, bool) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return nil, false
	}
	list, err := s.app.Events.Attendees(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return nil, false
	}
	p := &attendeesPage{Layout: s.newLayout(r, "events", titleKey), List: list}
	p.EventTitle = p.Local(list.Event.Title)
	return p, true
}

func (s *Server) handleAttendees(w http.ResponseWriter, r *http.Request) {
	p, ok := s.attendees(w, r, "registration.attendees_title")
	if !ok {
		return
	}
	docs, err := s.app.Events.Documents(r.Context(), state(r).actor, p.List.Event.ID)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Documents = docs
	switch d := r.URL.Query().Get("done"); d {
	case "approve", "reject", "cancel", "attend", "no_show", "document", "document_deleted":
		p.Notice = "registration.done_organizer_" + d
	}
	s.render(w, r, http.StatusOK, "registration_attendees", p)
}

// handleAttendeesCSV exports the attendee list, headers in the reader's
// language.
func (s *Server) handleAttendeesCSV(w http.ResponseWriter, r *http.Request) {
	p, ok := s.attendees(w, r, "registration.attendees_title")
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": "attendees-" + strconv.FormatInt(p.List.Event.ID, 10) + ".csv"}))
	w.Header().Set("Cache-Control", "private, no-store")
	writeAttendeesCSV(w, p)
}

func writeAttendeesCSV(out io.Writer, p *attendeesPage) {
	cw := csv.NewWriter(out)
	_ = cw.Write([]string{p.T("registration.csv.name"), p.T("registration.csv.email"), p.T("registration.csv.organisation"),
		p.T("registration.csv.sector"), p.T("registration.csv.kind"), p.T("registration.csv.state"),
		p.T("registration.csv.waiting_position"), p.T("registration.csv.hours"), p.T("registration.csv.registered_at")})
	for _, reg := range p.List.Registrations {
		kind := p.T("registration.member")
		if reg.Guest() {
			kind = p.T("registration.guest")
		}
		pos := ""
		if n := p.List.WaitingPositions[reg.ID]; n > 0 {
			pos = strconv.Itoa(n)
		}
		hours := ""
		if reg.Hours > 0 {
			hours = strconv.FormatFloat(reg.Hours, 'f', 2, 64)
		}
		_ = cw.Write([]string{csvSafe(reg.Name), csvSafe(reg.Email), csvSafe(reg.Organisation),
			p.T("registration.sector." + string(reg.Sector)), kind, p.T("registration.state." + string(reg.State)),
			pos, hours, reg.CreatedAt.UTC().Format("2006-01-02 15:04")})
	}
	cw.Flush()
}

// csvSafe keeps a spreadsheet from reading a cell typed by a guest as a
// formula (=, +, -, @ first).
func csvSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

func (s *Server) handleSignInSheet(w http.ResponseWriter, r *http.Request) {
	p, ok := s.attendees(w, r, "registration.sheet_title")
	if !ok {
		return
	}
	for _, reg := range p.List.Registrations {
		if reg.State.HoldsPlace() {
			p.Shown = append(p.Shown, reg)
		}
	}
	s.render(w, r, http.StatusOK, "registration_sheet", p)
}

var organizerActions = map[string]knowledge.RegistrationAction{
	"approve": knowledge.ActApprove, "reject": knowledge.ActReject, "cancel": knowledge.ActCancel,
	"attend": knowledge.ActAttend, "no_show": knowledge.ActNoShow,
}

func (s *Server) handleOrganizerAction(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	reg, regOK := pathValueID(r, "reg")
	act, known := organizerActions[r.PathValue("action")]
	if !ok || !regOK || !known {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	updated, err := s.app.Events.ActAsOrganizer(r.Context(), state(r).actor, reg, act)
	if err == nil && updated.EventID != id {
		err = berceau.Errorf(berceau.KindNotFound, "registration.error.not_found")
	}
	if err != nil {
		if key, ok := eventAlert(err); ok {
			p, ok := s.attendees(w, r, "registration.attendees_title")
			if !ok {
				return
			}
			p.Alert = key
			s.render(w, r, statusOf(err), "registration_attendees", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"/attendees?done="+string(act), http.StatusSeeOther)
}

// handleCheckIn is the door's page: the people holding a place, filtered
// by name, each with "present" and "absent" buttons; a plain form per
// person, so it works without JavaScript on a phone.
func (s *Server) handleCheckIn(w http.ResponseWriter, r *http.Request) {
	p, ok := s.attendees(w, r, "registration.checkin_title")
	if !ok {
		return
	}
	p.Query = strings.TrimSpace(r.URL.Query().Get("q"))
	folded := strings.ToLower(p.Query)
	for _, reg := range p.List.Registrations {
		if !reg.State.HoldsPlace() || reg.State == knowledge.StateOffered {
			continue
		}
		if folded != "" && !strings.Contains(strings.ToLower(reg.Name+" "+reg.Organisation), folded) {
			continue
		}
		p.Shown = append(p.Shown, reg)
	}
	if d := r.URL.Query().Get("done"); d == "attend" || d == "no_show" {
		p.Notice = "registration.done_organizer_" + d
	}
	s.render(w, r, http.StatusOK, "registration_checkin", p)
}

func (s *Server) handleCheckInMark(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	reg, regOK := pathValueID(r, "reg")
	act, known := map[string]knowledge.RegistrationAction{"attend": knowledge.ActAttend, "no_show": knowledge.ActNoShow}[r.PostForm.Get("mark")]
	if !ok || !regOK || !known {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if _, err := s.app.Events.ActAsOrganizer(r.Context(), state(r).actor, reg, act); err != nil {
		if key, ok := eventAlert(err); ok {
			p, ok := s.attendees(w, r, "registration.checkin_title")
			if !ok {
				return
			}
			p.Alert = key
			s.render(w, r, statusOf(err), "registration_checkin", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	back := "/events/" + strconv.FormatInt(id, 10) + "/checkin?done=" + string(act)
	if q := r.PostForm.Get("q"); q != "" {
		back += "&q=" + url.QueryEscape(q)
	}
	http.Redirect(w, r, back+"#reg-"+strconv.FormatInt(reg, 10), http.StatusSeeOther)
}

// feedbackPage shows an event's feedback to its organisers.
type feedbackPage struct {
	Layout
	Results    app.FeedbackResults
	EventTitle string
}

// Stars lists the ratings from 5 down, with their counts.
func (p *feedbackPage) Stars() []struct{ Rating, Count int } {
	var out []struct{ Rating, Count int }
	for r := 5; r >= 1; r-- {
		out = append(out, struct{ Rating, Count int }{r, p.Results.ByRating[r]})
	}
	return out
}

func (s *Server) handleFeedbackResults(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	res, err := s.app.Events.Feedback(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &feedbackPage{Layout: s.newLayout(r, "events", "registration.feedback_title"), Results: res}
	p.EventTitle = p.Local(res.Event.Title)
	s.render(w, r, http.StatusOK, "registration_feedback", p)
}

func (s *Server) handleAddDocument(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	name, content, err := formFile(r, "file", app.MaxEventDocumentBytes)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if _, err := s.app.Events.AddDocument(r.Context(), state(r).actor, id, r.PostForm.Get("kind"), name, content); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			p, ok := s.attendees(w, r, "registration.attendees_title")
			if !ok {
				return
			}
			p.Errors = fe
			p.Documents, _ = s.app.Events.Documents(r.Context(), state(r).actor, id)
			s.render(w, r, statusForForm(err), "registration_attendees", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"/attendees?done=document#documents", http.StatusSeeOther)
}

func (s *Server) handleDeleteDocument(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	doc, docOK := pathValueID(r, "doc")
	if !ok || !docOK {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Events.DeleteDocument(r.Context(), state(r).actor, id, doc); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+strconv.FormatInt(id, 10)+"/attendees?done=document_deleted#documents", http.StatusSeeOther)
}

// handleEventDocument serves a document of an event the reader may see, as
// a download (never rendered inline: it came from an upload).
func (s *Server) handleEventDocument(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	doc, docOK := pathValueID(r, "doc")
	if !ok || !docOK {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Document(r.Context(), state(r).actor, id, doc)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	_, _ = w.Write(d.Content)
}

// registrationSettingsPage sets the offer duration and the guests' data
// retention.
type registrationSettingsPage struct {
	Layout
	OfferHours, RetentionMonths string
	Notice                      string
	Errors                      formErrors
}

func (s *Server) handleRegistrationSettings(w http.ResponseWriter, r *http.Request) {
	set, err := s.app.Events.RegistrationSettings(r.Context())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &registrationSettingsPage{Layout: s.newLayout(r, "admin", "registration.settings_title"),
		OfferHours: strconv.Itoa(set.OfferHours), RetentionMonths: strconv.Itoa(set.GuestRetentionMonths)}
	if r.URL.Query().Get("done") == "saved" {
		p.Notice = "admin.settings_saved"
	}
	s.render(w, r, http.StatusOK, "registration_settings", p)
}

func (s *Server) handleRegistrationSettingsSave(w http.ResponseWriter, r *http.Request) {
	offer, keep := r.PostForm.Get("offer_hours"), r.PostForm.Get("retention_months")
	if err := s.app.Events.SaveRegistrationSettings(r.Context(), state(r).actor, offer, keep); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			p := &registrationSettingsPage{Layout: s.newLayout(r, "admin", "registration.settings_title"),
				OfferHours: offer, RetentionMonths: keep, Errors: fe}
			s.render(w, r, statusForForm(err), "registration_settings", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/settings/registration?done=saved", http.StatusSeeOther)
}

// SheetBlankRows leaves lines for people who come without registering.
func (p *attendeesPage) SheetBlankRows() []int { return make([]int, 8) }

// ExpectedCount is how many people hold a place (the check-in's total).
func (p *attendeesPage) ExpectedCount() int {
	n := 0
	for state, c := range p.List.Counts {
		if state.HoldsPlace() && state != knowledge.StateOffered {
			n += c
		}
	}
	return n
}

// AttendedCount is how many people were checked in.
func (p *attendeesPage) AttendedCount() int { return p.List.Counts[knowledge.StateAttended] }

// DocumentKinds are the kinds of document an organiser attaches.
func (p *attendeesPage) DocumentKinds() []string {
	return []string{app.DocumentMinutes, app.DocumentOther}
}

// MarkAttend and MarkNoShow are the check-in buttons' values.
func (p *attendeesPage) MarkAttend() string { return string(knowledge.ActAttend) }

// MarkNoShow is the value of the "absent" button.
func (p *attendeesPage) MarkNoShow() string { return string(knowledge.ActNoShow) }

// historyPage is one registration's dated history, for the organisers.
type historyPage struct {
	Layout
	Registration knowledge.Registration
	History      []knowledge.RegistrationChange
}

func (s *Server) handleRegistrationHistory(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	reg, regOK := pathValueID(r, "reg")
	if !ok || !regOK {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	got, history, err := s.app.Events.RegistrationHistory(r.Context(), state(r).actor, reg)
	if err == nil && got.EventID != id {
		err = berceau.Errorf(berceau.KindNotFound, "registration.error.not_found")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "registration_history", &historyPage{Layout: s.newLayout(r, "events", "registration.history_title"),
		Registration: got, History: history})
}
