package web

import (
	"net/url"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// directoryEditorAccess are the access-table rows of the organisation editors (directoryRoutes).
// Organisation editors are not a role: what they may do is the app's
// decision, tested in directory_editors_test.go.
func directoryEditorAccess(map[string]int64) []access {
	org := directory.NameUUID("demo-org:nid-hochelaga")
	return []access{
		{"GET /directory/organizations/{id}/editors", "GET", "/directory/organizations/" + org + "/editors", nil, moderators(200)},
		{"GET /directory/organizations/{id}/editors", "GET", "/directory/organizations/" + berceau.NewUUID() + "/editors", nil, moderators(404)},
		// Refused by validation or absent: nothing is granted, removed or edited.
		{"POST /directory/organizations/{id}/editors", "POST", "/directory/organizations/" + org + "/editors",
			url.Values{"email": {"nobody@nowhere.example"}}, moderators(422)},
		{"POST /directory/organizations/{id}/editors/{user}/remove", "POST", "/directory/organizations/" + org + "/editors/999999/remove",
			nil, moderators(404)},
		{"POST /directory/services/{id}/edit", "POST", "/directory/services/" + demoServiceID("nid-hochelaga", "eval") + "/edit",
			url.Values{"field": {"email"}, "value": {""}}, moderators(422)},
	}
}
