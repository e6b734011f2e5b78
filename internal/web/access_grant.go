package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

type breakGlassPage struct {
	Layout
	FamilyID int64
	Reason   string
	Errors   formErrors
}

// handleBreakGlassForm explains break-the-glass and asks for the reason.
func (s *Server) handleBreakGlassForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.render(w, r, http.StatusOK, "break_glass", &breakGlassPage{Layout: s.newLayout(r, "families", "access_grant.title"), FamilyID: id})
}

func (s *Server) handleBreakGlass(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	reason := r.PostForm.Get("reason")
	if _, err := s.app.Care.BreakGlass(r.Context(), state(r).actor, id, reason); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			p := &breakGlassPage{Layout: s.newLayout(r, "families", "access_grant.title"), FamilyID: id, Reason: reason, Errors: fe}
			s.render(w, r, statusForForm(err), "break_glass", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

type accessLogPage struct {
	Layout
	FamilyID int64
	Page     berceau.AuditPage
}

// handleFileAccessLog answers the coordinator's "who opened this file".
func (s *Server) handleFileAccessLog(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	page, ok := s.queryPage(w, r)
	if !ok {
		return
	}
	log, err := s.app.Care.FileAccessLog(r.Context(), state(r).actor, id, page)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "access_log", &accessLogPage{Layout: s.newLayout(r, "families", "access_grant.log_title"), FamilyID: id, Page: log})
}

type accessReviewPage struct {
	Layout
	Grants []app.AccessGrant
	Notice string
	// Base is where the list lives: the coordinator's page, or the
	// administrators' for sites without a coordinator.
	Base  string
	Admin bool
}

// reviewBase is the review list a request is about.
func reviewBase(r *http.Request) string {
	if strings.HasPrefix(r.URL.Path, "/admin/") {
		return "/admin/access-reviews"
	}
	return "/coordination/access"
}

// handleAccessReview lists the break-the-glass openings of the coordinator's
// sites, unreviewed first.
func (s *Server) handleAccessReview(w http.ResponseWriter, r *http.Request) {
	grants, err := s.app.Care.AccessGrantsToReview(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	base := reviewBase(r)
	nav := "coordination"
	if base != "/coordination/access" {
		nav = "admin"
	}
	p := &accessReviewPage{Layout: s.newLayout(r, nav, "access_grant.review_title"), Grants: grants, Base: base, Admin: nav == "admin"}
	if r.URL.Query().Get("done") == "reviewed" {
		p.Notice = "access_grant.reviewed"
	}
	s.render(w, r, http.StatusOK, "access_review", p)
}

func (s *Server) handleAccessReviewed(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Care.ReviewAccessGrant(r.Context(), state(r).actor, id); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, reviewBase(r)+"?done=reviewed", http.StatusSeeOther)
}
