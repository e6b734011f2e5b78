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

func (s *Server) routes() []route {
	return []route{
		{"GET /{$}", berceau.PermPublic, s.handleHome},
		{"POST /language", berceau.PermPublic, s.handleLanguage},

		{"GET /static/", berceau.PermPublic, s.assets.serve},
		{"GET /healthz", berceau.PermPublic, s.handleHealth},
		{"GET /readyz", berceau.PermPublic, s.handleReady},
		{"GET /metrics", berceau.PermMetrics, s.metrics.serve},

		// Anything else is a translated 404.
		{"/", berceau.PermPublic, s.handleNotFound},
	}
}
