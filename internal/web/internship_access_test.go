package web

import (
	"net/http"
	"net/url"
)

// keepers: the roles that keep a site's register (internships.manage).
func internshipKeepers(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"network_admin": code, "site_coordinator": code}
}

// takingPart: the roles that take part in internships (intern,
// supervisor: internships.take_part).
func internshipTakingPart(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"site_coordinator": code, "practitioner": code, "trainee": code}
}

// registerReaders: the routes every staff role passes (network.read), where
// the app refuses whoever neither keeps nor takes part in internships.
func internshipReaders(code int) map[string]int {
	m := internshipTakingPart(code)
	m["network_admin"] = code
	return m
}

// internshipAccess are the register's rows, on an internship that does not
// exist: what passes the policy and the app's check then answers 404.
func internshipAccess() []access {
	const i = "/internships/999999"
	return []access{
		{"GET /internships", "GET", "/internships", nil, internshipReaders(200)},
		{"GET /internships/new", "GET", "/internships/new", nil, internshipKeepers(200)},
		{"POST /internships", "POST", "/internships", url.Values{"school": {"UdeM"}}, internshipKeepers(422)},
		{"GET /internships/{id}", "GET", i, nil, internshipReaders(404)},
		{"GET /internships/{id}/edit", "GET", i + "/edit", nil, internshipKeepers(404)},
		{"POST /internships/{id}", "POST", i, url.Values{"school": {"UdeM"}}, internshipKeepers(404)},
		{"POST /internships/{id}/weeks", "POST", i + "/weeks", url.Values{"week": {"2026-W10"}, "hours": {"7"}}, internshipTakingPart(404)},
		{"POST /internships/{id}/weeks/{week}/countersign", "POST", i + "/weeks/1/countersign", url.Values{"hours": {"7"}}, internshipTakingPart(404)},
		{"POST /internships/{id}/evaluations/{stage}", "POST", i + "/evaluations/mid_term", url.Values{"answer_1": {"4"}}, internshipTakingPart(404)},
		{"POST /internships/{id}/agreement", "POST", i + "/agreement", nil, internshipKeepers(404)},
		{"GET /internships/{id}/agreement", "GET", i + "/agreement", nil, internshipReaders(404)},
		{"GET /internships/report", "GET", "/internships/report", nil, internshipKeepers(200)},
		{"GET /internships/report.csv", "GET", "/internships/report.csv?from=2025-04-01&to=2026-03-31", nil, internshipKeepers(200)},
		{"GET /internships/report.pdf", "GET", "/internships/report.pdf?from=2025-04-01&to=2026-03-31", nil, internshipKeepers(200)},
		{"GET /internships/settings", "GET", "/internships/settings", nil, adminOnly(200)},
		{"POST /internships/settings/fiscal-year", "POST", "/internships/settings/fiscal-year", url.Values{"month": {"4"}}, adminOnly(303)},
		{"POST /internships/settings/kinds", "POST", "/internships/settings/kinds", url.Values{"name_fr": {""}}, adminOnly(422)},
		{"POST /internships/settings/fields", "POST", "/internships/settings/fields", url.Values{"name_fr": {""}}, adminOnly(422)},
		{"POST /internships/settings/evaluation", "POST", "/internships/settings/evaluation", url.Values{"kind": {"scale"}}, adminOnly(422)},
	}
}
