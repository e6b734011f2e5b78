package web

import "github.com/berceau/berceau"

// accountRoutes are the signed-in person's own account: language,
// notifications, password, second factor, sessions and tokens.
func (s *Server) accountRoutes() []route {
	return []route{
		{"GET /account", berceau.PermSignedIn, s.handleAccount},
		{"POST /account/locale", berceau.PermSignedIn, s.handleAccountLocale},
		{"POST /account/notifications", berceau.PermSignedIn, s.handleAccountNotifications},
		{"POST /account/password", berceau.PermSignedIn, s.handleAccountPassword},
		{"GET /account/second-factor", berceau.PermSignedIn, s.handleAccountSecondFactorForm},
		{"POST /account/second-factor", berceau.PermSignedIn, s.handleAccountSecondFactor},
		{"POST /account/sessions/{id}/end", berceau.PermSignedIn, s.handleAccountEndSession},
		{"POST /account/tokens", berceau.PermSignedIn, s.handleAccountCreateToken},
		{"POST /account/tokens/{id}/revoke", berceau.PermSignedIn, s.handleAccountRevokeToken},
	}
}
