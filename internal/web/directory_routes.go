package web

import "github.com/berceau/berceau"

// directoryRoutes are the resource directory's pages: public search and
// service pages.
func (s *Server) directoryRoutes() []route {
	return []route{
		{"GET /directory", berceau.PermPublic, s.handleDirectorySearch},
		{"GET /directory/services/{id}", berceau.PermPublic, s.handleDirectoryService},
	}
}
