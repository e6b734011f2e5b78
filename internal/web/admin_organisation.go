package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// organisationsForm keeps what was typed in one of the three forms of the
// page when it comes back with errors.
type organisationsForm struct {
	Which                                         string // organisation, site or team
	Slug, Name, City, Address, Organisation, Site string
	Errors                                        formErrors
}

type adminOrganisationsPage struct {
	Layout
	Organisations []berceau.Organisation
	Teams         map[int64][]berceau.Team // by site
	Users         map[int64]string         // names, for team members
	Form          organisationsForm
	Notice        string
}

// FormFor returns the typed-in values and errors of one form, or nothing.
func (p *adminOrganisationsPage) FormFor(which string) organisationsForm {
	if p.Form.Which == which {
		return p.Form
	}
	return organisationsForm{}
}

func (s *Server) adminOrganisationsPage(r *http.Request) (*adminOrganisationsPage, error) {
	actor := state(r).actor
	orgs, err := s.app.Admin.ListOrganisations(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	teams, err := s.app.Admin.ListTeams(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	users, err := s.app.Admin.ListUsers(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	p := &adminOrganisationsPage{Layout: s.newLayout(r, "admin", "admin.organisations_title"), Organisations: orgs,
		Teams: map[int64][]berceau.Team{}, Users: map[int64]string{}}
	for _, t := range teams {
		p.Teams[t.SiteID] = append(p.Teams[t.SiteID], t)
	}
	for _, u := range users {
		p.Users[u.ID] = u.DisplayName
	}
	return p, nil
}

func (s *Server) handleAdminOrganisations(w http.ResponseWriter, r *http.Request) {
	p, err := s.adminOrganisationsPage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if done := r.URL.Query().Get("done"); done == "organisation" || done == "site" || done == "team" || done == "renamed" {
		p.Notice = "admin.created_" + done
	}
	s.render(w, r, http.StatusOK, "admin_organisations", p)
}

func (s *Server) handleAdminCreate(which string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		f := r.PostForm
		form := organisationsForm{Which: which, Slug: strings.TrimSpace(f.Get("slug")), Name: strings.TrimSpace(f.Get("name")),
			City: strings.TrimSpace(f.Get("city")), Address: strings.TrimSpace(f.Get("address")),
			Organisation: f.Get("organisation"), Site: f.Get("site")}
		actor, ctx := state(r).actor, r.Context()
		orgID, _ := strconv.ParseInt(form.Organisation, 10, 64)
		siteID, _ := strconv.ParseInt(form.Site, 10, 64)
		var err error
		switch which {
		case "organisation":
			_, err = s.app.Admin.CreateOrganisation(ctx, actor, berceau.Organisation{Slug: form.Slug, Name: form.Name, City: form.City})
		case "site":
			_, err = s.app.Admin.CreateSite(ctx, actor, berceau.Site{OrganisationID: orgID, Slug: form.Slug, Name: form.Name, Address: form.Address, City: form.City})
		case "team":
			_, err = s.app.Admin.CreateTeam(ctx, actor, berceau.Team{SiteID: siteID, Slug: form.Slug, Name: form.Name})
		}
		if err != nil {
			fe, ok := formErrorsFrom(err)
			if !ok {
				s.renderDomainError(w, r, err)
				return
			}
			p, perr := s.adminOrganisationsPage(r)
			if perr != nil {
				s.renderDomainError(w, r, perr)
				return
			}
			form.Errors = fe
			p.Form = form
			s.render(w, r, statusForForm(err), "admin_organisations", p)
			return
		}
		http.Redirect(w, r, "/admin/organisations?done="+which, http.StatusSeeOther)
	}
}

// handleAdminRename renames an organisation, a site or a team in place.
func (s *Server) handleAdminRename(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		if err := r.ParseForm(); err != nil {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		f := r.PostForm
		in := app.Rename{Kind: kind, ID: id, Name: f.Get("name"), Address: f.Get("address"), City: f.Get("city")}
		if err := s.app.Admin.RenameUnit(r.Context(), state(r).actor, in); err != nil {
			fe, ok := formErrorsFrom(err)
			if !ok {
				s.renderDomainError(w, r, err)
				return
			}
			p, perr := s.adminOrganisationsPage(r)
			if perr != nil {
				s.renderDomainError(w, r, perr)
				return
			}
			p.Form = organisationsForm{Which: kind + "-" + strconv.FormatInt(id, 10), Name: in.Name, Address: in.Address, City: in.City, Errors: fe}
			s.render(w, r, statusForForm(err), "admin_organisations", p)
			return
		}
		http.Redirect(w, r, "/admin/organisations?done=renamed", http.StatusSeeOther)
	}
}

// EditFormFor returns what was typed in the rename form of one unit, or its
// current values when that form was not the one sent.
func (p *adminOrganisationsPage) EditFormFor(kind string, id int64, name, address, city string) organisationsForm {
	if p.Form.Which == kind+"-"+strconv.FormatInt(id, 10) {
		return p.Form
	}
	return organisationsForm{Name: name, Address: address, City: city}
}

// renameForm is what the rename partial shows for one unit.
type renameForm struct {
	layout *Layout
	Kind   string
	Action string
	Prefix string // unique id prefix for the form's fields
	Form   organisationsForm
}

// T translates in the page's language.
func (f renameForm) T(key string, args ...any) string { return f.layout.T(key, args...) }

// RenameForm prepares the rename partial of one organisation, site or team.
func (p *adminOrganisationsPage) RenameForm(kind string, id int64, name, address, city string) renameForm {
	path := map[string]string{"organisation": "/admin/organisations/", "site": "/admin/sites/", "team": "/admin/teams/"}[kind]
	idText := strconv.FormatInt(id, 10)
	return renameForm{layout: &p.Layout, Kind: kind, Action: path + idText, Prefix: kind + "-" + idText,
		Form: p.EditFormFor(kind, id, name, address, city)}
}
