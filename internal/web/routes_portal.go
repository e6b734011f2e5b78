package web

import "github.com/berceau/berceau"

// portalRoutes are the public portal's: the search over everything public,
// the editable pages and their editors' pages, the sitemap, robots.txt and
// the favicon, and one route per language that serves any page at that
// language's own address (/en/…, portal_language.go). The home page is
// siteRoutes' "GET /{$}".
func (s *Server) portalRoutes() []route {
	routes := []route{
		{"GET /search", berceau.PermPublic, s.handlePortalSearch},
		{"GET /pages/{slug}", berceau.PermPublic, s.handlePage},
		{"GET /sitemap.xml", berceau.PermPublic, s.handleSitemap},
		{"GET /robots.txt", berceau.PermPublic, s.handleRobots},
		{"GET /favicon.ico", berceau.PermPublic, s.handleFavicon},

		{"GET /portal/pages", berceau.PermKnowledgeEdit, s.handlePageList},
		{"GET /portal/pages/new", berceau.PermKnowledgeEdit, s.handlePageNew},
		{"POST /portal/pages", berceau.PermKnowledgeEdit, s.handlePageCreate},
		{"GET /portal/pages/{id}", berceau.PermKnowledgeEdit, s.handlePageEdit},
		{"POST /portal/pages/{id}", berceau.PermKnowledgeEdit, s.handlePageSave},
		{"POST /portal/pages/{id}/revisions/{n}/restore", berceau.PermKnowledgeEdit, s.handlePageRestore},
		{"POST /portal/pages/{id}/unpublish", berceau.PermKnowledgeEdit, s.handlePageUnpublish},
		{"POST /portal/pages/{id}/delete", berceau.PermKnowledgeEdit, s.handlePageDelete},
	}
	for _, lang := range portalLanguages() {
		// Public itself: the page under it keeps its own route's policy.
		routes = append(routes, route{"GET /" + lang + "/{path...}", berceau.PermPublic, s.inLanguage(lang)})
	}
	return routes
}
