package web

import "github.com/berceau/berceau"

// directoryRoutes are the resource directory's pages: public search and
// service pages, suggestions and their moderation.
func (s *Server) directoryRoutes() []route {
	return append([]route{
		{"GET /directory", berceau.PermPublic, s.handleDirectorySearch},
		{"GET /directory/services/{id}", berceau.PermPublic, s.handleDirectoryService},
		{"GET /directory/organizations/map", berceau.PermPublic, s.handleDirectoryOrgMap},
		{"POST /directory/services/{id}/suggestions", berceau.PermDirectorySuggest, s.handleDirectorySuggest},
		{"GET /directory/suggestions/mine", berceau.PermDirectorySuggest, s.handleMySuggestions},
		// Signed in: the app lets through network moderators and the
		// service's organisation's editors (app/directory_editors.go).
		{"POST /directory/services/{id}/confirm", berceau.PermSignedIn, s.handleDirectoryConfirm},
		{"GET /directory/moderation", berceau.PermSignedIn, s.handleDirectoryModeration},
		{"POST /directory/suggestions/{id}/accept", berceau.PermSignedIn, s.handleDirectoryDecide(true)},
		{"POST /directory/suggestions/{id}/reject", berceau.PermSignedIn, s.handleDirectoryDecide(false)},
	}, s.directoryEditorRoutes()...)
}
