package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

type adminUsersPage struct {
	Layout
	Users  []berceau.User
	Notice string
}

func (s *Server) handleAdminUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.app.Admin.ListUsers(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &adminUsersPage{Layout: s.newLayout(r, "admin", "admin.users_title"), Users: users}
	if r.URL.Query().Get("done") == "invited" {
		p.Notice = "admin.invited"
	}
	s.render(w, r, http.StatusOK, "admin_users", p)
}

// roleChoice is one option of the role pickers: a role over the network,
// an organisation or a site.
type roleChoice struct {
	Value   string // role:organisation:site
	Role    berceau.Role
	OrgName string
	Site    string
}

type inviteForm struct {
	Email, DisplayName, Discipline, Locale string
	Grants                                 map[string]bool
}

type adminInvitePage struct {
	Layout
	Form        inviteForm
	Choices     []roleChoice
	Disciplines []berceau.Discipline
	Languages   []string
	Errors      formErrors
}

// roleChoices lists every role at every level it can be granted.
func (s *Server) roleChoices(r *http.Request) ([]roleChoice, error) {
	orgs, err := s.app.Admin.ListOrganisations(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	var choices []roleChoice
	for _, role := range berceau.Roles {
		choices = append(choices, roleChoice{Value: grantValue(berceau.RoleGrant{Role: role}), Role: role})
		for _, o := range orgs {
			choices = append(choices, roleChoice{Value: grantValue(berceau.RoleGrant{Role: role, OrganisationID: o.ID}), Role: role, OrgName: o.Name})
			for _, site := range o.Sites {
				choices = append(choices, roleChoice{Value: grantValue(berceau.RoleGrant{Role: role, OrganisationID: o.ID, SiteID: site.ID}),
					Role: role, OrgName: o.Name, Site: site.Name})
			}
		}
	}
	return choices, nil
}

func grantValue(g berceau.RoleGrant) string {
	return string(g.Role) + ":" + strconv.FormatInt(g.OrganisationID, 10) + ":" + strconv.FormatInt(g.SiteID, 10)
}

// parseGrants reads role pickers back; unknown values are an invalid form.
func parseGrants(values []string, choices []roleChoice) ([]berceau.RoleGrant, bool) {
	known := map[string]roleChoice{}
	for _, c := range choices {
		known[c.Value] = c
	}
	var grants []berceau.RoleGrant
	for _, v := range values {
		if _, ok := known[v]; !ok {
			return nil, false
		}
		var g berceau.RoleGrant
		var org, site string
		parts := strings.SplitN(v, ":", 3)
		g.Role, org, site = berceau.Role(parts[0]), parts[1], parts[2]
		g.OrganisationID, _ = strconv.ParseInt(org, 10, 64)
		g.SiteID, _ = strconv.ParseInt(site, 10, 64)
		grants = append(grants, g)
	}
	return grants, true
}

func (s *Server) handleAdminInviteForm(w http.ResponseWriter, r *http.Request) {
	choices, err := s.roleChoices(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &adminInvitePage{Layout: s.newLayout(r, "admin", "admin.invite_title"), Choices: choices, Disciplines: berceau.Disciplines,
		Languages: state(r).langs.Enabled, Form: inviteForm{Locale: state(r).lang}}
	s.render(w, r, http.StatusOK, "admin_invite", p)
}

func (s *Server) handleAdminInvite(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	choices, err := s.roleChoices(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	f := r.PostForm
	form := inviteForm{Email: f.Get("email"), DisplayName: f.Get("display_name"), Discipline: f.Get("discipline"), Locale: f.Get("locale"), Grants: map[string]bool{}}
	for _, v := range f["roles"] {
		form.Grants[v] = true
	}
	grants, ok := parseGrants(f["roles"], choices)
	var invErr error
	if !ok {
		invErr = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"roles": "error.role_unknown"}}
	} else {
		_, invErr = s.app.Accounts.Invite(r.Context(), state(r).actor, app.Invitation{Email: form.Email, DisplayName: form.DisplayName,
			Discipline: berceau.Discipline(form.Discipline), Locale: form.Locale, Roles: grants})
	}
	if invErr != nil {
		fe, ok := formErrorsFrom(invErr)
		if !ok {
			s.renderDomainError(w, r, invErr)
			return
		}
		p := &adminInvitePage{Layout: s.newLayout(r, "admin", "admin.invite_title"), Choices: choices, Disciplines: berceau.Disciplines,
			Languages: state(r).langs.Enabled, Form: form, Errors: fe}
		s.render(w, r, statusForForm(invErr), "admin_invite", p)
		return
	}
	http.Redirect(w, r, "/admin/users?done=invited", http.StatusSeeOther)
}

type adminUserPage struct {
	Layout
	User     berceau.User
	Choices  []roleChoice
	Granted  map[string]bool
	Sessions []app.SessionInfo
	Teams    []teamChoice
	Notice   string
	Errors   formErrors
	// PendingReset is a request to remove the second factor awaiting a
	// second administrator; nil when there is none.
	PendingReset *app.SecondFactorReset
}

// teamChoice is one care team on the account page, with its site's name.
type teamChoice struct {
	ID       int64
	Name     string
	SiteName string
	Member   bool
}

func (s *Server) adminUserPage(r *http.Request, id int64) (*adminUserPage, error) {
	actor := state(r).actor
	u, err := s.app.Admin.User(r.Context(), actor, id)
	if err != nil {
		return nil, err
	}
	choices, err := s.roleChoices(r)
	if err != nil {
		return nil, err
	}
	sessions, err := s.app.Accounts.Sessions(r.Context(), actor, id, s.currentSessionHash(r))
	if err != nil {
		return nil, err
	}
	p := &adminUserPage{Layout: s.newLayout(r, "admin", "admin.user_title"), User: u, Choices: choices, Sessions: sessions, Granted: map[string]bool{}}
	teams, err := s.app.Admin.ListTeams(r.Context(), actor)
	if err != nil {
		return nil, err
	}
	siteNames := map[int64]string{}
	for _, c := range choices {
		if c.Site != "" {
			siteNames[siteIDOf(c.Value)] = c.Site
		}
	}
	for _, t := range teams {
		tc := teamChoice{ID: t.ID, Name: t.Name, SiteName: siteNames[t.SiteID]}
		for _, m := range t.MemberIDs {
			tc.Member = tc.Member || m == id
		}
		p.Teams = append(p.Teams, tc)
	}
	for _, g := range u.Roles {
		p.Granted[grantValue(g)] = true
	}
	if req, ok, err := s.app.Admin.PendingSecondFactorReset(r.Context(), actor, id); err != nil {
		return nil, err
	} else if ok {
		p.PendingReset = &req
	}
	return p, nil
}

func pathID(r *http.Request) (int64, bool) { return pathValueID(r, "id") }

// pathValueID reads a positive id from a named path segment.
func pathValueID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) handleAdminUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.adminUserPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if done := r.URL.Query().Get("done"); done == "roles" || done == "teams" || done == "second_factor" || done == "disabled" || done == "enabled" || done == "sessions" {
		p.Notice = "admin.done_" + done
	} else if done == "second_factor_requested" {
		p.Notice = "account_security.done_reset_requested"
	}
	s.render(w, r, http.StatusOK, "admin_user", p)
}

func (s *Server) handleAdminUserRoles(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	choices, err := s.roleChoices(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	grants, valid := parseGrants(r.PostForm["roles"], choices)
	if !valid {
		s.rerenderAdminUser(w, r, id, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"roles": "error.role_unknown"}})
		return
	}
	if err := s.app.Admin.SetRoles(r.Context(), state(r).actor, id, grants); err != nil {
		s.renderAdminUserRefusal(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"?done=roles", http.StatusSeeOther)
}

func (s *Server) handleAdminUserDisabled(disabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		if err := s.app.Admin.SetDisabled(r.Context(), state(r).actor, id, disabled); err != nil {
			if fe, ok := formErrorsFrom(err); ok {
				p, perr := s.adminUserPage(r, id)
				if perr != nil {
					s.renderDomainError(w, r, perr)
					return
				}
				p.Errors = fe
				s.render(w, r, statusForForm(err), "admin_user", p)
				return
			}
			s.renderDomainError(w, r, err)
			return
		}
		done := "enabled"
		if disabled {
			done = "disabled"
		}
		http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
	}
}

// rolePicker is what the role_choices partial shows: every role at every
// level, with the ones already granted checked.
type rolePicker struct {
	layout  *Layout
	Roles   []berceau.Role
	Choices []roleChoice
	Granted map[string]bool
}

// T translates in the page's language.
func (p rolePicker) T(key string, args ...any) string { return p.layout.T(key, args...) }

// RolePicker feeds the invitation form's role choices.
func (p *adminInvitePage) RolePicker() rolePicker {
	return rolePicker{layout: &p.Layout, Roles: berceau.Roles, Choices: p.Choices, Granted: p.Form.Grants}
}

// RolePicker feeds the account page's role choices.
func (p *adminUserPage) RolePicker() rolePicker {
	return rolePicker{layout: &p.Layout, Roles: berceau.Roles, Choices: p.Choices, Granted: p.Granted}
}

func siteIDOf(grant string) int64 {
	parts := strings.SplitN(grant, ":", 3)
	if len(parts) != 3 {
		return 0
	}
	id, _ := strconv.ParseInt(parts[2], 10, 64)
	return id
}

func (s *Server) handleAdminUserTeams(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	var teamIDs []int64
	for _, v := range r.PostForm["teams"] {
		tid, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.rerenderAdminUser(w, r, id, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
				Fields: map[string]string{"teams": "hardening_scope.team_unknown"}})
			return
		}
		teamIDs = append(teamIDs, tid)
	}
	if err := s.app.Admin.SetTeams(r.Context(), state(r).actor, id, teamIDs); err != nil {
		s.rerenderAdminUser(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"?done=teams", http.StatusSeeOther)
}

// adminUserAction serves the one-button forms of the account page: do
// something to the account in the path, then come back with a notice.
func (s *Server) adminUserAction(do func(ctx context.Context, actor berceau.Actor, userID int64) error, done string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound)
			return
		}
		if err := do(r.Context(), state(r).actor, id); err != nil {
			s.renderAdminUserRefusal(w, r, id, err)
			return
		}
		http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
	}
}

// rerenderAdminUser shows an account's page again with what was wrong in
// the form just sent (an unknown role, place or team: 422), or the error
// page for any other failure.
func (s *Server) rerenderAdminUser(w http.ResponseWriter, r *http.Request, id int64, err error) {
	fe, ok := formErrorsFrom(err)
	if !ok {
		s.renderDomainError(w, r, err)
		return
	}
	p, perr := s.adminUserPage(r, id)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	p.Errors = fe
	s.render(w, r, statusForForm(err), "admin_user", p)
}

// adminUserRefusals are the refusals the account page explains itself.
var adminUserRefusals = map[string]bool{
	"account_security.no_self_grant":             true,
	"account_security.reset_needs_second_person": true,
	"account_security.reset_not_requested":       true,
}

// renderAdminUserRefusal shows a refusal that says why (granting oneself a
// role, approving one's own request) on the account page itself, with 409:
// the rule refuses this change in this state, and a 403 would be a page that
// shows nothing. Anything else goes to rerenderAdminUser.
func (s *Server) renderAdminUserRefusal(w http.ResponseWriter, r *http.Request, id int64, err error) {
	var de *berceau.Error
	if !errors.As(err, &de) || !adminUserRefusals[de.Key] {
		s.rerenderAdminUser(w, r, id, err)
		return
	}
	p, perr := s.adminUserPage(r, id)
	if perr != nil {
		s.renderDomainError(w, r, perr)
		return
	}
	p.Errors = formErrors{FormKey: de.Key}
	s.render(w, r, http.StatusConflict, "admin_user", p)
}
