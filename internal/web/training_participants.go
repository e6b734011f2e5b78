package web

import (
	"net/http"
	"strconv"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/training"
)

// The trainers' page of a training: who registered to its sessions, who
// attended which, who completed it (by attendance or by the trainer's mark
// with its note), the certificates issued and their revocation.

type trainingParticipantsPage struct {
	Layout
	List     app.ParticipantList
	Title    string
	Sessions []trainingSessionView
	Rows     []participantRow
	Errors   formErrors
	ErrorFor int64 // the participant whose form is in error
	Notice   string
	CertList certificateList
}

// certificateList is a list of certificates with, for whoever may, a
// revocation form each (partials/training_certificates.html).
type certificateList struct {
	L     *Layout
	Items []training.Certificate
	Back  string // the page to come back to after a revocation
	// Revoke: the reader may revoke them (a trainer, a coordinator).
	Revoke bool
}

type participantRow struct {
	app.ParticipantStanding
	Attended []bool // by session, in the order of Sessions
}

func (s *Server) trainingParticipants(w http.ResponseWriter, r *http.Request) (*trainingParticipantsPage, bool) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return nil, false
	}
	list, err := s.app.Trainings.Participants(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return nil, false
	}
	p := &trainingParticipantsPage{Layout: s.newLayout(r, "trainings", "training.participants_title"), List: list}
	p.Title = p.local(list.Training.Title).Value
	now := s.app.Now()
	for i, ses := range list.Sessions {
		p.Sessions = append(p.Sessions, trainingSessionView{Number: i + 1, EventID: ses.EventID, Title: p.local(ses.Title).Value, Cancelled: ses.Cancelled,
			Past: !ses.End.After(now), When: eventWhen{Text: p.Day(ses.Day())}})
	}
	for _, st := range list.Participants {
		row := participantRow{ParticipantStanding: st}
		for _, ses := range list.Sessions {
			row.Attended = append(row.Attended, st.Attended[ses.EventID])
		}
		p.Rows = append(p.Rows, row)
	}
	p.CertList = certificateList{L: &p.Layout, Items: list.Certificates, Back: "/trainings/" + strconv.FormatInt(id, 10) + "/participants",
		Revoke: true}
	return p, true
}

func (s *Server) handleTrainingParticipants(w http.ResponseWriter, r *http.Request) {
	p, ok := s.trainingParticipants(w, r)
	if !ok {
		return
	}
	if d := r.URL.Query().Get("done"); d == "completed" || d == "revoked" {
		p.Notice = "training.notice_" + d
	}
	s.render(w, r, http.StatusOK, "training_participants", p)
}

// handleTrainingMarkComplete records the trainer's completion mark.
func (s *Server) handleTrainingMarkComplete(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	user, userOK := pathValueID(r, "user")
	if !ok || !userOK {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Trainings.MarkComplete(r.Context(), state(r).actor, id, user, r.PostFormValue("note")); err != nil {
		fe, isForm := formErrorsFrom(err)
		if !isForm {
			s.renderDomainError(w, r, err)
			return
		}
		p, ok := s.trainingParticipants(w, r)
		if !ok {
			return
		}
		p.Errors, p.ErrorFor = fe, user
		s.render(w, r, statusForForm(err), "training_participants", p)
		return
	}
	http.Redirect(w, r, "/trainings/"+strconv.FormatInt(id, 10)+"/participants?done=completed", http.StatusSeeOther)
}

// Method names how a completion was reached, for the page.
func (l *Layout) Method(m training.Method) string {
	if m == "" {
		return ""
	}
	return l.T("training.method_" + string(m))
}
