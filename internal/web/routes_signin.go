package web

import (
	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// signinRoutes are signing in and out, the second factor, forgotten
// passwords and invitations.
func (s *Server) signinRoutes() []route {
	return []route{
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
	}
}
