package web

import (
	"net/url"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// suggesters are the roles that may suggest changes; moderators, those
// that decide them (network administrators and content editors).
func suggesters(code int) map[string]int {
	return map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": code, "practitioner": code, "trainee": code,
		"content_editor": code, "network_member": code}
}

func moderators(code int) map[string]int {
	return map[string]int{"anonymous": 303, "signed_in": 403, "content_editor": code, "network_admin": code}
}

// demoServiceID is a demo directory service's id.
func demoServiceID(org, service string) string {
	return directory.NameUUID("demo-service:" + org + ":" + service)
}

// directoryAccess are the access-table rows of directoryRoutes: the
// directory's pages are public.
func directoryAccess(users map[string]int64) []access {
	return append([]access{
		{"GET /directory", "GET", "/directory", nil, everyone(200)},
		{"GET /directory", "GET", "/directory?q=p%C3%A9diatr&need=child-health&free=1&near=H1W+3B5", nil, everyone(200)},
		{"GET /directory/services/{id}", "GET", "/directory/services/" + demoServiceID("nid-hochelaga", "eval"), nil, everyone(200)},
		{"GET /directory/services/{id}", "GET", "/directory/services/" + berceau.NewUUID(), nil, everyone(404)},
		{"GET /directory/services/{id}", "GET", "/directory/services/nope", nil, everyone(404)},
		{"GET /directory/organizations/map", "GET", "/directory/organizations/map", nil, everyone(200)},
		{"GET /directory/organizations/map", "GET", "/directory/organizations/map?type=social-pediatrics", nil, everyone(200)},
		{"GET /directory/organizations/map", "GET", "/directory/organizations/map?type=nope", nil, everyone(404)},
		// Refused by validation: nothing is suggested, confirmed or decided.
		{"POST /directory/services/{id}/suggestions", "POST", "/directory/services/" + demoServiceID("nid-hochelaga", "eval") + "/suggestions",
			url.Values{"field": {"email"}, "value": {""}}, suggesters(422)},
		{"POST /directory/services/{id}/confirm", "POST", "/directory/services/" + demoServiceID("nid-hochelaga", "eval") + "/confirm",
			url.Values{"outcome": {"maybe"}}, moderators(422)},
		{"GET /directory/moderation", "GET", "/directory/moderation", nil, moderators(200)},
		{"GET /directory/suggestions/mine", "GET", "/directory/suggestions/mine", nil, suggesters(200)},
		{"POST /directory/services/{id}/capacity", "POST", "/directory/services/" + demoServiceID("nid-hochelaga", "eval") + "/capacity",
			url.Values{"capacity": {"maybe"}}, moderators(422)},
		{"POST /directory/services/{id}/new-service", "POST", "/directory/services/" + demoServiceID("nid-hochelaga", "eval") + "/new-service",
			url.Values{"new_name_fr": {""}}, moderators(422)},
		{"POST /directory/services/{id}/hours", "POST", "/directory/services/" + demoServiceID("nid-hochelaga", "eval") + "/hours",
			url.Values{"days": {"XX"}}, moderators(422)},
		{"POST /directory/suggestions/{id}/accept", "POST", "/directory/suggestions/999999/accept", nil, moderators(404)},
		{"POST /directory/suggestions/{id}/reject", "POST", "/directory/suggestions/999999/reject", nil, moderators(404)},
	}, directoryEditorAccess(users)...)
}
