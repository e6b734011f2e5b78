package web

import "github.com/berceau/berceau"

// directoryRoutes are the resource directory's pages: public search and
// service pages, suggestions and their moderation, organisation editors.
func (s *Server) directoryRoutes() []route {
	return []route{
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

		// Organisation editors: moderators grant and remove them; the app lets
		// through the service's maintainers only (app/directory_editors.go).
		{"GET /directory/organizations/{id}/editors", berceau.PermDirectoryModerate, s.handleDirectoryEditors},
		{"POST /directory/organizations/{id}/editors", berceau.PermDirectoryModerate, s.handleDirectoryEditorGrant},
		{"POST /directory/organizations/{id}/editors/{user}/remove", berceau.PermDirectoryModerate, s.handleDirectoryEditorRemove},
		{"POST /directory/services/{id}/edit", berceau.PermSignedIn, s.handleDirectoryServiceEdit},
		{"POST /directory/services/{id}/capacity", berceau.PermSignedIn, s.handleDirectoryCapacity},
		{"POST /directory/services/{id}/hours", berceau.PermSignedIn, s.handleDirectoryHours},
		{"POST /directory/services/{id}/new-service", berceau.PermSignedIn, s.handleDirectoryAddService},
	}
}
