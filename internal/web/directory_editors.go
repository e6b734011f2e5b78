package web

import (
	"net/http"
	"net/url"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// Organisations maintain their own records: moderators grant and remove an
// organisation's editors here; editors decide suggestions, confirm and
// edit their organisation's services through the moderation routes, the
// app deciding what each may touch (app/directory_editors.go).

type directoryEditorsPage struct {
	Layout
	OrganizationID   string
	OrganizationName string
	Editors          []directory.DirectoryEditor
	Candidates       []berceau.User
	Email            string
	Notice           string
	Errors           formErrors
}

func (s *Server) editorsPage(w http.ResponseWriter, r *http.Request, status int, fe formErrors, email string) {
	id := r.PathValue("id")
	ep, err := s.app.Directory.DirectoryEditorsPage(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &directoryEditorsPage{Layout: s.newLayout(r, "directory", "directory_editors.title"), OrganizationID: id,
		Editors: ep.Editors, Candidates: ep.Candidates, Email: email, Errors: fe}
	p.OrganizationName, _ = ep.Organization.Name.In(p.Lang, p.DefaultLang)
	if d := r.URL.Query().Get("done"); d == "granted" || d == "removed" {
		p.Notice = "directory_editors.notice_" + d
	}
	s.render(w, r, status, "directory_editors", p)
}

func (s *Server) handleDirectoryEditors(w http.ResponseWriter, r *http.Request) {
	s.editorsPage(w, r, http.StatusOK, formErrors{}, "")
}

func (s *Server) handleDirectoryEditorGrant(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	id, email := r.PathValue("id"), r.PostForm.Get("email")
	if err := s.app.Directory.GrantDirectoryEditor(r.Context(), state(r).actor, id, email); err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.editorsPage(w, r, statusForForm(err), fe, email)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/directory/organizations/"+url.PathEscape(id)+"/editors?done=granted", http.StatusSeeOther)
}

func (s *Server) handleDirectoryEditorRemove(w http.ResponseWriter, r *http.Request) {
	user, ok := pathValueID(r, "user")
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	id := r.PathValue("id")
	if err := s.app.Directory.RemoveDirectoryEditor(r.Context(), state(r).actor, id, user); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/directory/organizations/"+url.PathEscape(id)+"/editors?done=removed", http.StatusSeeOther)
}

// handleDirectoryServiceEdit applies a change directly: the suggestion
// form's second button, for the service's maintainers.
func (s *Server) handleDirectoryServiceEdit(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	err := s.app.Directory.EditServiceField(r.Context(), state(r).actor, id, r.PostForm.Get("field"), r.PostForm.Get("value"), r.PostForm.Get("version"))
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.renderServiceWithErrors(w, r, id, fe, err)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/directory/services/"+url.PathEscape(id)+"?done=edited", http.StatusSeeOther)
}
