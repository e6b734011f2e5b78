package web

import (
	"net/http"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// route is one entry of the route table: the table is the access policy, and
// a test fails when a route has no permission.
type route struct {
	pattern    string
	permission berceau.Permission
	handler    http.HandlerFunc
}

// routes is every HTML route. The family-file areas keep their route lists
// beside their handlers (family_routes.go, followup_routes.go,
// glass_routes.go) and join here.
func (s *Server) routes() []route {
	all := []route{
		{"GET /{$}", berceau.PermPublic, s.handleHome},
		{"POST /language", berceau.PermPublic, s.handleLanguage},

		{"GET /signin", berceau.PermPublic, s.handleSignInForm},
		{"POST /signin", berceau.PermPublic, s.handleSignIn},
		{"GET /signin/code", berceau.PermPublic, s.handleCodeForm},
		{"POST /signin/code", berceau.PermPublic, s.handleCode},
		{"GET /signin/enrol", berceau.PermPublic, s.handleEnrolForm},
		{"POST /signin/enrol", berceau.PermPublic, s.handleEnrol},
		{"POST /signout", berceau.PermSignedIn, s.handleSignOut},
		{"GET /password/forgot", berceau.PermPublic, s.handleForgotForm},
		{"POST /password/forgot", berceau.PermPublic, s.handleForgot},
		{"GET /password/reset/{token}", berceau.PermPublic, s.handleLinkForm(app.PurposePasswordReset)},
		{"POST /password/reset/{token}", berceau.PermPublic, s.handleLink(app.PurposePasswordReset)},
		{"GET /invitation/{token}", berceau.PermPublic, s.handleLinkForm(app.PurposeInvitation)},
		{"POST /invitation/{token}", berceau.PermPublic, s.handleLink(app.PurposeInvitation)},

		{"GET /account", berceau.PermSignedIn, s.handleAccount},
		{"POST /account/locale", berceau.PermSignedIn, s.handleAccountLocale},
		{"POST /account/notifications", berceau.PermSignedIn, s.handleAccountNotifications},
		{"POST /account/password", berceau.PermSignedIn, s.handleAccountPassword},
		{"GET /account/second-factor", berceau.PermSignedIn, s.handleAccountSecondFactorForm},
		{"POST /account/second-factor", berceau.PermSignedIn, s.handleAccountSecondFactor},
		{"POST /account/sessions/{id}/end", berceau.PermSignedIn, s.handleAccountEndSession},
		{"POST /account/tokens", berceau.PermSignedIn, s.handleAccountCreateToken},
		{"POST /account/tokens/{id}/revoke", berceau.PermSignedIn, s.handleAccountRevokeToken},

		{"GET /admin/users", berceau.PermAdminUsers, s.handleAdminUsers},
		{"GET /admin/users/invite", berceau.PermAdminUsers, s.handleAdminInviteForm},
		{"POST /admin/users/invite", berceau.PermAdminUsers, s.handleAdminInvite},
		{"GET /admin/users/{id}", berceau.PermAdminUsers, s.handleAdminUser},
		{"POST /admin/users/{id}/roles", berceau.PermAdminUsers, s.handleAdminUserRoles},
		{"POST /admin/users/{id}/teams", berceau.PermAdminUsers, s.handleAdminUserTeams},
		{"POST /admin/users/{id}/disable", berceau.PermAdminUsers, s.handleAdminUserDisabled(true)},
		{"POST /admin/users/{id}/enable", berceau.PermAdminUsers, s.handleAdminUserDisabled(false)},
		{"POST /admin/users/{id}/second-factor/reset", berceau.PermAdminUsers, s.adminUserAction(s.app.RequestSecondFactorReset, "second_factor_requested")},
		{"POST /admin/users/{id}/second-factor/approve", berceau.PermAdminUsers, s.adminUserAction(s.app.ApproveSecondFactorReset, "second_factor")},
		{"POST /admin/users/{id}/sessions/end", berceau.PermAdminUsers, s.adminUserAction(s.app.EndAllSessions, "sessions")},
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
		{"GET /admin/outbox", berceau.PermAdminOutbox, s.handleAdminOutbox},
		{"GET /admin/audit", berceau.PermAdminAudit, s.handleAdminAudit},

		{"GET /static/", berceau.PermPublic, s.assets.serve},
		{"GET /healthz", berceau.PermPublic, s.handleHealth},
		{"GET /readyz", berceau.PermPublic, s.handleReady},
		{"GET /metrics", berceau.PermMetrics, s.metrics.serve},

		// Anything else is a translated 404.
		{"/", berceau.PermPublic, s.handleNotFound},
	}
	all = append(all, s.familyRoutes()...)
	all = append(all, s.followupRoutes()...)
	all = append(all, s.consentRoutes()...)
	all = append(all, s.careRoutes()...)
	all = append(all, s.dailyDashRoutes()...)
	all = append(all, s.directoryRoutes()...)
	return append(all, s.glassRoutes()...)
}
