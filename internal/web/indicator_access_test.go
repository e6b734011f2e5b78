package web

import (
	"net/http"
	"net/url"
)

// indicatorAccess are the access-table rows of indicatorRoutes:
// coordinators (indicators.read) reach /indicators, evaluators
// (indicators.deidentified) reach /evaluation and nothing else of it;
// indicators.manage (coordinators, administrators) the catalogue.
func indicatorAccess() []access {
	coordinator := func(code int) map[string]int {
		return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "site_coordinator": code}
	}
	evaluator := func(code int) map[string]int {
		return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "evaluator": code}
	}
	managers := func(code int) map[string]int {
		return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "site_coordinator": code,
			"network_admin": code}
	}
	return []access{
		{"GET /indicators", "GET", "/indicators", nil, coordinator(200)},
		{"GET /indicators", "GET", "/indicators?from=2026-01-01&to=2026-06-30&by=site&by2=programme", nil, coordinator(200)},
		// A site the coordinator does not coordinate: refused by the app.
		{"GET /indicators", "GET", "/indicators?site=999999", nil, coordinator(403)},
		{"GET /indicators/export.csv", "GET", "/indicators/export.csv?code=families_followed&by=month", nil, coordinator(200)},
		{"GET /indicators/export.csv", "GET", "/indicators/export.csv?code=nope", nil, coordinator(404)},
		{"GET /indicators/report.pdf", "GET", "/indicators/report.pdf?site=999999&year=2026", nil, coordinator(403)},
		{"GET /indicators/expected-births", "GET", "/indicators/expected-births", nil, coordinator(200)},
		{"POST /indicators/expected-births", "POST", "/indicators/expected-births", url.Values{"site": {"1"}, "year": {"1200"}, "births": {"3"}},
			coordinator(422)},
		{"GET /indicators/catalogue", "GET", "/indicators/catalogue", nil, managers(200)},
		{"POST /indicators/catalogue", "POST", "/indicators/catalogue", url.Values{"code": {"x y"}, "expression": {"count(nope)"}}, managers(422)},
		{"POST /indicators/settings", "POST", "/indicators/settings", url.Values{"min_families": {"1"}}, managers(422)},
		{"GET /evaluation", "GET", "/evaluation", nil, evaluator(200)},
		{"GET /evaluation", "GET", "/evaluation?by=site&by2=year", nil, evaluator(200)},
		{"GET /evaluation/export.csv", "GET", "/evaluation/export.csv?by=site", nil, evaluator(200)},
	}
}
