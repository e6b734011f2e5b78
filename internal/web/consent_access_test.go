package web

import (
	"net/url"
	"strconv"
)

// consentAccess are the access-table rows of the consents (familyRoutes).
func consentAccess(users, families map[string]int64) []access {
	haddad := "/families/" + strconv.FormatInt(families["Haddad"], 10) + "/consents"
	readers := map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": 200, "practitioner": 200, "trainee": 200}
	invalid := map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": 422, "practitioner": 422, "trainee": 422}
	absent := map[string]int{"anonymous": 303, "signed_in": 403, "site_coordinator": 404, "practitioner": 404, "trainee": 404}
	return []access{
		{"GET /families/{id}/consents", "GET", haddad, nil, readers},
		{"POST /families/{id}/consents", "POST", haddad, url.Values{"kind": {"sharing"}, "given_on": {"2026-11-01"}}, invalid},
		{"POST /families/{id}/consents/{cid}/withdraw", "POST", haddad + "/999999/withdraw", nil, absent},
	}
}
