package web

import (
	"net/http"
	"net/url"
)

// familyWriters: the roles whose scope holds the Parc-Extension files
// (coordinator, practitioner, trainee) get code; anonymous people are sent
// to sign in; every other role is refused by the route's permission.
func familyWriters(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"site_coordinator": code, "practitioner": code, "trainee": code}
}

// teamDeciders: like familyWriters, but trainees do not take part in team
// decisions.
func teamDeciders(code int) map[string]int {
	m := familyWriters(code)
	m["trainee"] = http.StatusForbidden
	return m
}

// assigners: only the site coordinator names key workers and transfers.
func assigners(code int) map[string]int {
	m := familyWriters(code)
	m["practitioner"], m["trainee"] = http.StatusForbidden, http.StatusForbidden
	return m
}

// admissionAccess are the access-table rows of admissionRoutes. Every POST
// fails validation (or finds nothing), so no row changes what later actors
// see.
func admissionAccess(users, families map[string]int64) []access {
	kaur := "/families/" + itoa(families["Kaur"])
	haddad := "/families/" + itoa(families["Haddad"])
	gagne := "/families/" + itoa(families["Gagné"])
	mbuyi := "/families/" + itoa(families["Mbuyi"])
	bad := url.Values{"programme": {"sippe"}, "date": {"hier"}, "secondary_diploma": {"unknown"},
		"socially_isolated": {"unknown"}, "lonely": {"unknown"}}
	return []access{
		{"GET /families/{id}/screenings/new", "GET", kaur + "/screenings/new", nil, familyWriters(200)},
		{"GET /families/{id}/screenings/new", "GET", gagne + "/screenings/new", nil, familyWriters(404)},
		{"POST /families/{id}/screenings", "POST", kaur + "/screenings", bad, familyWriters(422)},
		{"POST /families/{id}/screenings", "POST", mbuyi + "/screenings", bad, familyWriters(404)},
		{"GET /families/{id}/screenings/{sid}", "GET", haddad + "/screenings/999999", nil, familyWriters(404)},
		{"POST /families/{id}/screenings/{sid}/orientation", "POST", haddad + "/screenings/999999/orientation",
			url.Values{"orientation": {""}}, familyWriters(404)},

		{"GET /families/{id}/decisions/new", "GET", kaur + "/decisions/new", nil, teamDeciders(200)},
		{"GET /families/{id}/decisions/new", "GET", gagne + "/decisions/new", nil, teamDeciders(404)},
		{"POST /families/{id}/decisions", "POST", kaur + "/decisions", url.Values{"verdict": {""}, "rationale": {""}}, teamDeciders(422)},
		{"POST /families/{id}/decisions", "POST", gagne + "/decisions", url.Values{"verdict": {""}}, teamDeciders(404)},
		{"GET /families/{id}/decisions/{did}", "GET", kaur + "/decisions/999999", nil, familyWriters(404)},
		{"POST /families/{id}/decisions/{did}/confirm", "POST", kaur + "/decisions/999999/confirm", nil, teamDeciders(404)},

		{"GET /families/{id}/enrollment", "GET", kaur + "/enrollment", nil, familyWriters(200)},
		{"GET /families/{id}/enrollment", "GET", haddad + "/enrollment", nil, familyWriters(200)},
		{"GET /families/{id}/enrollment", "GET", gagne + "/enrollment", nil, familyWriters(404)},
		// Kaur is in screening without an eligible screening: a conflict.
		{"POST /families/{id}/admit", "POST", kaur + "/admit", url.Values{}, familyWriters(409)},
		{"POST /families/{id}/admit", "POST", mbuyi + "/admit", url.Values{}, familyWriters(404)},
		{"POST /families/{id}/enroll", "POST", haddad + "/enroll", url.Values{"programme": {""}, "start_date": {""}}, familyWriters(422)},
		{"POST /families/{id}/status", "POST", haddad + "/status", url.Values{"to": {"nowhere"}}, familyWriters(422)},
		{"POST /families/{id}/status", "POST", gagne + "/status", url.Values{"to": {"nowhere"}}, familyWriters(404)},
		{"POST /families/{id}/key-worker", "POST", haddad + "/key-worker", url.Values{"key_worker": {"999999"}}, assigners(422)},
		{"POST /families/{id}/key-worker", "POST", gagne + "/key-worker", url.Values{"key_worker": {"999999"}}, assigners(404)},
		{"POST /families/{id}/transfer", "POST", haddad + "/transfer", url.Values{"site": {""}, "team": {""}, "reason": {""}}, assigners(422)},
		{"POST /families/{id}/transfer", "POST", mbuyi + "/transfer", url.Values{"site": {""}}, assigners(404)},
		// Nobody has transferred Haddad: the receipt is not found for assigners.
		{"GET /families/{id}/transferred", "GET", haddad + "/transferred", nil, assigners(404)},
	}
}
