package web

import "github.com/berceau/berceau"

// libraryRoutes are the resource library: the search, a resource's page
// and its files are public routes, the app showing each reader only what
// their audience lets them see (anything else is "not found"). Publishing
// needs an account: the app then lets through content editors
// (knowledge.edit) and the editors of the publishing organisation only.
func (s *Server) libraryRoutes() []route {
	return []route{
		{"GET /library", berceau.PermPublic, s.handleLibrary},
		{"GET /library/{id}", berceau.PermPublic, s.handleLibraryResource},
		{"GET /library/{id}/files/{version}", berceau.PermPublic, s.handleLibraryFile},

		{"GET /library/new", berceau.PermSignedIn, s.handleLibraryNew},
		{"POST /library", berceau.PermSignedIn, s.handleLibraryCreate},
		{"GET /library/{id}/edit", berceau.PermSignedIn, s.handleLibraryEdit},
		{"POST /library/{id}", berceau.PermSignedIn, s.handleLibraryUpdate},
		{"POST /library/{id}/versions", berceau.PermSignedIn, s.handleLibraryVersion},
		{"POST /library/{id}/delete", berceau.PermSignedIn, s.handleLibraryDelete},
	}
}
