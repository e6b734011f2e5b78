package web

import (
	"net/http"
	"strconv"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// compartmentsPage lets a coordinator grant the compartments of sensitive
// notes to the members of their care teams.
type compartmentsPage struct {
	Layout
	Members      []app.CompartmentMember
	Compartments []care.Compartment
	Errors       formErrors
	Notice       string
}

func (s *Server) compartmentsPage(r *http.Request) (*compartmentsPage, error) {
	members, err := s.app.Care.CompartmentMembers(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	return &compartmentsPage{Layout: s.newLayout(r, "coordination", "care.compartments_title"), Members: members,
		Compartments: care.Compartments}, nil
}

func (s *Server) handleCompartments(w http.ResponseWriter, r *http.Request) {
	p, err := s.compartmentsPage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "saved" {
		p.Notice = "care.done_compartment"
	}
	s.render(w, r, http.StatusOK, "compartments", p)
}

func (s *Server) handleCompartmentSet(w http.ResponseWriter, r *http.Request) {
	if r.ParseForm() != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	user, _ := strconv.ParseInt(r.PostForm.Get("user"), 10, 64)
	c := care.Compartment(r.PostForm.Get("compartment"))
	err := s.app.Care.SetCompartment(r.Context(), state(r).actor, user, c, r.PostForm.Get("granted") == "1")
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.compartmentsPage(r)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Errors = fe
		s.render(w, r, statusForForm(err), "compartments", p)
		return
	}
	http.Redirect(w, r, "/coordination/compartments?done=saved", http.StatusSeeOther)
}
