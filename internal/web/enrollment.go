package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

type enrollForm struct{ Programme, StartDate string }

type statusForm struct{ To, Reason, Closure string }

type keyWorkerForm struct{ UserID, Reason string }

type transferForm struct{ Site, Team, Reason string }

type enrollmentPage struct {
	Layout
	File           followupFile
	KeyWorkerID    int64
	KeyWorkerName  string
	Timeline       app.FamilyTimeline
	Screenings     []care.StoredScreening
	Programmes     []care.Programme
	Candidates     []berceau.User // possible key workers
	Sites          []berceau.Site
	Teams          []berceau.Team
	SiteNames      map[int64]string
	TeamNames      map[int64]string
	Statuses       []care.FamilyStatus // what a plain change of status may lead to
	ClosureReasons []care.ClosureReason
	Notice         string

	Enroll         enrollForm
	Status         statusForm
	KeyWorker      keyWorkerForm
	Transfer       transferForm
	AdmitErrors    formErrors
	EnrollErrors   formErrors
	StatusErrors   formErrors
	KeyWorkerError formErrors
	TransferErrors formErrors
}

func (s *Server) enrollmentPage(r *http.Request, familyID int64) (*enrollmentPage, error) {
	ctx, actor := r.Context(), state(r).actor
	v, err := s.app.Care.OpenEnrollment(ctx, actor, familyID, s.civilToday())
	if err != nil {
		return nil, err
	}
	sum := v.Summary
	f := sum.Family
	p := &enrollmentPage{Layout: s.newLayout(r, "families", "enrollment.title"), File: followupFileOf(f),
		KeyWorkerID: f.KeyWorkerID, ClosureReasons: care.ClosureReasons, SiteNames: map[int64]string{}, TeamNames: map[int64]string{},
		Statuses: []care.FamilyStatus{care.FamilyActive, care.FamilyOnHold, care.FamilyClosed},
		Enroll:   enrollForm{StartDate: s.app.Now().Format(followupDateLayout)}}
	p.setFamilyHeader(sum)
	p.Timeline, p.Screenings, p.Programmes, p.Candidates, p.Sites, p.Teams = v.Timeline, v.Screenings, v.Programmes, v.Candidates, v.Sites, v.Teams
	for _, k := range p.Timeline.KeyWorkers {
		if k.UserID == f.KeyWorkerID && k.UserID != 0 {
			p.KeyWorkerName = k.Name
		}
	}
	for _, site := range p.Sites {
		p.SiteNames[site.ID] = site.Name
	}
	for _, t := range p.Teams {
		p.TeamNames[t.ID] = t.Name
	}
	return p, nil
}

func (s *Server) handleEnrollment(w http.ResponseWriter, r *http.Request) {
	id, ok := pathValueID(r, "id")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.enrollmentPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	switch done := r.URL.Query().Get("done"); done {
	case "admitted", "enrolled", "status", "key_worker", "transferred":
		p.Notice = "enrollment.done_" + done
	}
	s.render(w, r, http.StatusOK, "enrollment", p)
}

// enrollmentAction is one form of the enrollment page: it reads the file
// (out of scope is not found, whatever was typed), reads the form into the
// page, runs the use case, and either redirects with a notice or shows the
// page again with what was typed and the error beside that form. A refused
// change changes nothing, so the page read before it is still true.
func (s *Server) enrollmentAction(done string, act func(r *http.Request, p *enrollmentPage, familyID int64) (*formErrors, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathValueID(r, "id")
		if !ok {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		if err := r.ParseForm(); err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		p, err := s.enrollmentPage(r, id)
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		slot, err := act(r, p, id)
		if err == nil && done == "transferred" {
			// The file may have left the coordinator's reach: its own page
			// would be a 404, so she lands on one that says where it went.
			http.Redirect(w, r, "/families/"+itoa64(id)+"/transferred", http.StatusSeeOther)
			return
		}
		if err == nil {
			http.Redirect(w, r, "/families/"+itoa64(id)+"/enrollment?done="+done, http.StatusSeeOther)
			return
		}
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		*slot = fe
		s.render(w, r, statusForForm(err), "enrollment", p)
	}
}

func followupInvalid(field, key string) error {
	return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{field: key}}
}

func (s *Server) handleAdmit(r *http.Request, p *enrollmentPage, familyID int64) (*formErrors, error) {
	_, err := s.app.Care.Admit(r.Context(), state(r).actor, familyID, care.BasisCriteriaMet)
	return &p.AdmitErrors, err
}

func (s *Server) handleEnroll(r *http.Request, p *enrollmentPage, familyID int64) (*formErrors, error) {
	p.Enroll = enrollForm{Programme: r.PostForm.Get("programme"), StartDate: r.PostForm.Get("start_date")}
	var start time.Time
	if v := strings.TrimSpace(p.Enroll.StartDate); v != "" {
		var err error
		if start, err = berceau.ParseDate(v); err != nil {
			return &p.EnrollErrors, followupInvalid("start_date", "screening.invalid.date")
		}
	}
	_, err := s.app.Care.Enroll(r.Context(), state(r).actor, familyID, p.Enroll.Programme, start)
	return &p.EnrollErrors, err
}

func (s *Server) handleStatusChange(r *http.Request, p *enrollmentPage, familyID int64) (*formErrors, error) {
	p.Status = statusForm{To: r.PostForm.Get("to"), Reason: r.PostForm.Get("reason"), Closure: r.PostForm.Get("closure_reason")}
	_, err := s.app.Care.ChangeStatus(r.Context(), state(r).actor, familyID, care.FamilyStatus(p.Status.To), p.Status.Reason,
		care.ClosureReason(p.Status.Closure))
	return &p.StatusErrors, err
}

func (s *Server) handleKeyWorker(r *http.Request, p *enrollmentPage, familyID int64) (*formErrors, error) {
	p.KeyWorker = keyWorkerForm{UserID: r.PostForm.Get("key_worker"), Reason: r.PostForm.Get("reason")}
	var userID int64
	if v := strings.TrimSpace(p.KeyWorker.UserID); v != "" {
		var err error
		if userID, err = strconv.ParseInt(v, 10, 64); err != nil || userID < 0 {
			return &p.KeyWorkerError, followupInvalid("key_worker", "enrollment.key_worker_not_allowed")
		}
	}
	_, err := s.app.Care.AssignKeyWorker(r.Context(), state(r).actor, familyID, userID, p.KeyWorker.Reason)
	return &p.KeyWorkerError, err
}

func (s *Server) handleTransfer(r *http.Request, p *enrollmentPage, familyID int64) (*formErrors, error) {
	p.Transfer = transferForm{Site: r.PostForm.Get("site"), Team: r.PostForm.Get("team"), Reason: r.PostForm.Get("reason")}
	siteID, _ := strconv.ParseInt(p.Transfer.Site, 10, 64)
	teamID, _ := strconv.ParseInt(p.Transfer.Team, 10, 64)
	_, err := s.app.Care.TransferFamily(r.Context(), state(r).actor, familyID, max(siteID, 0), max(teamID, 0), p.Transfer.Reason)
	return &p.TransferErrors, err
}

type transferredPage struct {
	Layout
	Receipt app.TransferReceipt
}

// handleTransferred tells the coordinator who transferred a file where it
// went and when, whether or not she can still open it.
func (s *Server) handleTransferred(w http.ResponseWriter, r *http.Request) {
	id, ok := pathValueID(r, "id")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	receipt, err := s.app.Care.LastTransferBy(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "family_transferred", &transferredPage{Layout: s.newLayout(r, "families", "daily_flows.transferred_title"), Receipt: receipt})
}
