package web

import (
	"net/http"

	"github.com/berceau/berceau"
)

// route is one entry of the route table: the table is the access policy, and
// a test fails when a route has no permission.
type route struct {
	pattern    string
	permission berceau.Permission
	handler    http.HandlerFunc
}

// routes is every HTML route: one table per surface, each in its
// routes_<surface>.go file and in the same shape.
func (s *Server) routes() []route {
	var all []route
	for _, table := range [][]route{
		s.siteRoutes(),
		s.signinRoutes(),
		s.accountRoutes(),
		s.adminRoutes(),
		s.familyRoutes(),
		s.admissionRoutes(),
		s.careRoutes(),
		s.accessRoutes(),
		s.directoryRoutes(),
		s.eventRoutes(),
		s.eventRegistrationRoutes(),
		s.newsRoutes(),
		s.outreachRoutes(),
		s.internshipRoutes(),
		s.libraryRoutes(),
		s.indicatorRoutes(),
		s.portalRoutes(),
		s.trainingRoutes(),
		s.voiceRoutes(),
	} {
		all = append(all, table...)
	}
	return all
}
