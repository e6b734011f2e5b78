package web

import "github.com/berceau/berceau"

// directoryRoutes are the resource directory's pages: public search and
// service pages, suggestions and their moderation.
func (s *Server) directoryRoutes() []route {
	return []route{
		{"GET /directory", berceau.PermPublic, s.handleDirectorySearch},
		{"GET /directory/services/{id}", berceau.PermPublic, s.handleDirectoryService},
		{"POST /directory/services/{id}/suggestions", berceau.PermDirectorySuggest, s.handleDirectorySuggest},
		{"POST /directory/services/{id}/confirm", berceau.PermDirectoryModerate, s.handleDirectoryConfirm},
		{"GET /directory/moderation", berceau.PermDirectoryModerate, s.handleDirectoryModeration},
		{"POST /directory/suggestions/{id}/accept", berceau.PermDirectoryModerate, s.handleDirectoryDecide(true)},
		{"POST /directory/suggestions/{id}/reject", berceau.PermDirectoryModerate, s.handleDirectoryDecide(false)},
	}
}
