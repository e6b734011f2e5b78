package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
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
	orgs, err := s.app.ListOrganisations(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	teams, err := s.app.ListTeams(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	users, err := s.app.ListUsers(r.Context(), actor)
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
	if done := r.URL.Query().Get("done"); done == "organisation" || done == "site" || done == "team" {
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
			_, err = s.app.CreateOrganisation(ctx, actor, berceau.Organisation{Slug: form.Slug, Name: form.Name, City: form.City})
		case "site":
			_, err = s.app.CreateSite(ctx, actor, berceau.Site{OrganisationID: orgID, Slug: form.Slug, Name: form.Name, Address: form.Address, City: form.City})
		case "team":
			_, err = s.app.CreateTeam(ctx, actor, berceau.Team{SiteID: siteID, Slug: form.Slug, Name: form.Name})
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
