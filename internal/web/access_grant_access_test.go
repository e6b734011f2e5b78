package web

import (
	"net/url"
	"strconv"
)

// accessGrantAccess are the access-table rows of accessRoutes. Breaking the glass
// is exercised with a reason too short (422), which grants nothing.
func accessGrantAccess(users, families map[string]int64) []access {
	gagne := "/families/" + strconv.FormatInt(families["Gagné"], 10)
	readers := map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": 200, "practitioner": 200, "trainee": 200}
	tooShort := map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": 422, "practitioner": 422, "trainee": 422}
	coordinator := func(code int) map[string]int {
		return map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": code}
	}
	return []access{
		{"GET /families/{id}/break-glass", "GET", gagne + "/break-glass", nil, readers},
		{"POST /families/{id}/break-glass", "POST", gagne + "/break-glass", url.Values{"reason": {"vu"}}, tooShort},
		// The Parc-Extension coordinator reads the log of her site's file,
		// not of Hochelaga's.
		{"GET /families/{id}/access-log", "GET", "/families/" + strconv.FormatInt(families["Haddad"], 10) + "/access-log", nil, coordinator(200)},
		// Another site's file answers like a missing one (issue 11).
		{"GET /families/{id}/access-log", "GET", gagne + "/access-log", nil, coordinator(404)},
		{"GET /families/{id}/access-log", "GET", "/families/999999/access-log", nil, coordinator(404)},
		{"GET /coordination/access", "GET", "/coordination/access", nil, coordinator(200)},
		{"POST /coordination/access/{id}/review", "POST", "/coordination/access/999999/review", nil, coordinator(404)},
	}
}
