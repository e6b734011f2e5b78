package web

import "github.com/berceau/berceau"

// adminRoutes are the network's administration: users, organisations,
// settings, income thresholds, outbox and audit trail.
func (s *Server) adminRoutes() []route {
	return []route{
		{"GET /admin/users", berceau.PermAdminUsers, s.handleAdminUsers},
		{"GET /admin/users/invite", berceau.PermAdminUsers, s.handleAdminInviteForm},
		{"POST /admin/users/invite", berceau.PermAdminUsers, s.handleAdminInvite},
		{"GET /admin/users/{id}", berceau.PermAdminUsers, s.handleAdminUser},
		{"POST /admin/users/{id}/roles", berceau.PermAdminUsers, s.handleAdminUserRoles},
		{"POST /admin/users/{id}/teams", berceau.PermAdminUsers, s.handleAdminUserTeams},
		{"POST /admin/users/{id}/disable", berceau.PermAdminUsers, s.handleAdminUserDisabled(true)},
		{"POST /admin/users/{id}/enable", berceau.PermAdminUsers, s.handleAdminUserDisabled(false)},
		{"POST /admin/users/{id}/second-factor/reset", berceau.PermAdminUsers, s.adminUserAction(s.app.Admin.RequestSecondFactorReset, "second_factor_requested")},
		{"POST /admin/users/{id}/second-factor/approve", berceau.PermAdminUsers, s.adminUserAction(s.app.Admin.ApproveSecondFactorReset, "second_factor")},
		{"POST /admin/users/{id}/sessions/end", berceau.PermAdminUsers, s.adminUserAction(s.app.Admin.EndAllSessions, "sessions")},
		{"GET /admin/organisations", berceau.PermAdminOrganisations, s.handleAdminOrganisations},
		{"POST /admin/organisations", berceau.PermAdminOrganisations, s.handleAdminCreate("organisation")},
		{"POST /admin/sites", berceau.PermAdminOrganisations, s.handleAdminCreate("site")},
		{"POST /admin/teams", berceau.PermAdminOrganisations, s.handleAdminCreate("team")},
		{"POST /admin/organisations/{id}", berceau.PermAdminOrganisations, s.handleAdminRename("organisation")},
		{"POST /admin/sites/{id}", berceau.PermAdminOrganisations, s.handleAdminRename("site")},
		{"POST /admin/teams/{id}", berceau.PermAdminOrganisations, s.handleAdminRename("team")},
		{"GET /admin/settings", berceau.PermAdminOrganisations, s.handleAdminSettings},
		{"GET /admin/thresholds", berceau.PermAdminOrganisations, s.handleAdminThresholds},
		{"POST /admin/thresholds", berceau.PermAdminOrganisations, s.handleAdminThresholdsReplace},
		{"POST /admin/settings", berceau.PermAdminOrganisations, s.handleAdminSettingsSave},
		{"POST /admin/settings/languages", berceau.PermAdminOrganisations, s.handleAdminLanguagesSave},
		{"GET /admin/outbox", berceau.PermAdminOutbox, s.handleAdminOutbox},
		{"GET /admin/audit", berceau.PermAdminAudit, s.handleAdminAudit},
	}
}
