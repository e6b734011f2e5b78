package web

import "github.com/berceau/berceau"

// siteRoutes are the site's frame: the home page, the language switch,
// static files, health, metrics, and the translated 404 for anything else.
func (s *Server) siteRoutes() []route {
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
