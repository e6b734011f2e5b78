package web

import (
	"net/http"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// decisionForm is a proposed team decision as typed.
type decisionForm struct {
	Verdict      string
	Rationale    string
	Orientation  string
	Participants map[int64]bool
}

type decisionNewPage struct {
	Layout
	File       followupFile
	Candidates []berceau.User
	Form       decisionForm
	Errors     formErrors
	// QuorumShort says, translated, which disciplines the proposed
	// participants hold and how many the quorum needs, when too few.
	QuorumShort string
}

// explainQuorumShort names the disciplines the chosen participants hold
// against what a team decision needs.
func (p *decisionNewPage) explainQuorumShort() {
	d := care.AdmissionDecision{Quorum: care.DefaultQuorum}
	for _, c := range p.Candidates {
		if p.Form.Participants[c.ID] {
			d.Participants = append(d.Participants, care.Participant{UserID: c.ID, Discipline: c.Discipline})
		}
	}
	present, _ := d.DisciplinesShort()
	names := ""
	for i, disc := range present {
		if i > 0 {
			names += ", "
		}
		names += p.T("discipline." + string(disc))
	}
	if names == "" {
		names = p.T("daily_flows.quorum_no_discipline")
	}
	p.QuorumShort = p.T("daily_flows.quorum_disciplines_detail", "Present", names, "Need", d.Quorum.Disciplines)
}

func (s *Server) decisionNewPage(r *http.Request, familyID int64) (*decisionNewPage, error) {
	v, err := s.app.Care.OpenDecisionForm(r.Context(), state(r).actor, familyID, s.civilToday())
	if err != nil {
		return nil, err
	}
	p := &decisionNewPage{Layout: s.newLayout(r, "families", "admission.decision.new_title"), File: followupFileOf(v.Summary.Family),
		Candidates: v.Candidates, Form: decisionForm{Participants: map[int64]bool{}}}
	p.setFamilyHeader(v.Summary)
	return p, nil
}

func (s *Server) handleDecisionForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathValueID(r, "id")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.decisionNewPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "decision_new", p)
}

func (s *Server) handleDecisionCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathValueID(r, "id")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	p, err := s.decisionNewPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	pf := r.PostForm
	p.Form = decisionForm{Verdict: pf.Get("verdict"), Rationale: pf.Get("rationale"), Orientation: pf.Get("orientation"), Participants: map[int64]bool{}}
	in := app.DecisionProposal{FamilyID: id, Verdict: care.AdmissionVerdict(p.Form.Verdict), Rationale: p.Form.Rationale, Orientation: p.Form.Orientation}
	badID := false
	for _, v := range pf["participants"] {
		uid, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			badID = true
			continue
		}
		p.Form.Participants[uid] = true
		in.ParticipantIDs = append(in.ParticipantIDs, uid)
	}
	var d care.AdmissionDecision
	if badID {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"participants": "error.participant_not_allowed"}}
	} else {
		d, err = s.app.Care.ProposeDecision(r.Context(), state(r).actor, in)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p.Errors = fe
		if fe.Field("participants") == "daily_flows.quorum_disciplines_short" {
			p.explainQuorumShort()
		}
		s.render(w, r, statusForForm(err), "decision_new", p)
		return
	}
	http.Redirect(w, r, "/families/"+itoa64(id)+"/decisions/"+itoa64(d.ID)+"?done=proposed", http.StatusSeeOther)
}

type decisionPage struct {
	Layout
	File       followupFile
	Decision   care.AdmissionDecision
	Confirmed  int  // participants who confirmed
	CanConfirm bool // the reader is a listed participant who has not confirmed
	Errors     formErrors
	Notice     string
}

func (s *Server) decisionPage(r *http.Request, familyID, decisionID int64) (*decisionPage, error) {
	actor := state(r).actor
	v, err := s.app.Care.OpenDecision(r.Context(), actor, familyID, decisionID, s.civilToday())
	if err != nil {
		return nil, err
	}
	d := v.Decision
	p := &decisionPage{Layout: s.newLayout(r, "families", "admission.decision.title"), File: followupFileOf(v.Summary.Family), Decision: d}
	p.setFamilyHeader(v.Summary)
	for _, pt := range d.Participants {
		if !pt.ConfirmedAt.IsZero() {
			p.Confirmed++
		} else if pt.UserID == actor.User.ID && !d.Complete() && d.SupersededBy == 0 && actor.Can(berceau.PermTeamDecisions) {
			p.CanConfirm = true
		}
	}
	return p, nil
}

func (s *Server) handleDecision(w http.ResponseWriter, r *http.Request) {
	id, ok1 := pathValueID(r, "id")
	did, ok2 := pathValueID(r, "did")
	if !ok1 || !ok2 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.decisionPage(r, id, did)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "proposed":
		p.Notice = "admission.decision.proposed"
	case "confirmed":
		p.Notice = "admission.decision.confirmed"
	}
	s.render(w, r, http.StatusOK, "decision", p)
}

func (s *Server) handleDecisionConfirm(w http.ResponseWriter, r *http.Request) {
	id, ok1 := pathValueID(r, "id")
	did, ok2 := pathValueID(r, "did")
	if !ok1 || !ok2 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	// Reading the decision through the file checks the scope and that the
	// decision is this file's.
	p, err := s.decisionPage(r, id, did)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if _, err := s.app.Care.ConfirmDecision(r.Context(), state(r).actor, did); err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p.Errors, p.CanConfirm = fe, false
		s.render(w, r, statusForForm(err), "decision", p)
		return
	}
	http.Redirect(w, r, "/families/"+itoa64(id)+"/decisions/"+itoa64(did)+"?done=confirmed", http.StatusSeeOther)
}

// Verdicts are the choices of the decision form.
func (p *decisionNewPage) Verdicts() []care.AdmissionVerdict {
	return []care.AdmissionVerdict{care.VerdictAdmit, care.VerdictRefuse}
}
