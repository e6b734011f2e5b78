package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// trainingAccess are the access-table rows of trainingRoutes. Which
// trainings a trainer gives, whose record a coordinator reads and who may
// print or revoke a certificate are the app's decisions
// (app/training_test.go); here, each route's permission and its answer to
// an absent object.
func trainingAccess(ids map[string]int64) []access {
	trainers := func(code int) map[string]int {
		m := organisers(code)
		m["site_coordinator"] = code // holds events.manage: the app answers
		return m
	}
	// learners: every role that takes part in the community keeps a record.
	learners := func(code int) map[string]int {
		return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": code,
			"evaluator": http.StatusForbidden, "network_admin": http.StatusForbidden}
	}
	coordinators := func(code int) map[string]int {
		return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "site_coordinator": code}
	}
	nurse := strconv.FormatInt(ids["infirmiere@berceau.example"], 10)
	return []access{
		{"GET /trainings", "GET", "/trainings", nil, everyone(200)},
		{"GET /trainings", "GET", "/trainings?modality=fax", nil, everyone(400)},
		{"GET /trainings/{id}", "GET", "/trainings/999999", nil, everyone(404)},
		{"GET /verify", "GET", "/verify", nil, everyone(200)},
		{"GET /verify/{code}", "GET", "/verify/AAAAAAAAAAAAAAAA", nil, everyone(404)},

		{"GET /trainings/new", "GET", "/trainings/new", nil, organisers(200)},
		// Refused by validation or absent: nothing is written.
		{"POST /trainings", "POST", "/trainings", url.Values{"title_fr": {""}}, trainers(422)},
		{"GET /trainings/{id}/edit", "GET", "/trainings/999999/edit", nil, trainers(404)},
		{"POST /trainings/{id}", "POST", "/trainings/999999", url.Values{"title_fr": {""}}, trainers(404)},
		{"GET /trainings/{id}/participants", "GET", "/trainings/999999/participants", nil, trainers(404)},
		{"POST /trainings/{id}/participants/{user}/complete", "POST", "/trainings/999999/participants/" + nurse + "/complete",
			url.Values{"note": {"Rattrapage"}}, trainers(404)},

		{"GET /me/learning-record", "GET", "/me/learning-record", nil, learners(200)},
		{"GET /me/learning-record.csv", "GET", "/me/learning-record.csv", nil, learners(200)},
		{"GET /me/learning-record.pdf", "GET", "/me/learning-record.pdf", nil, learners(200)},
		{"GET /me/learning-record/declarations/new", "GET", "/me/learning-record/declarations/new", nil, learners(200)},
		{"POST /me/learning-record/declarations", "POST", "/me/learning-record/declarations", url.Values{"title": {""}}, learners(422)},
		{"POST /me/certificates", "POST", "/me/certificates", url.Values{"training": {"999999"}}, learners(409)},

		{"GET /certificates/{id}/pdf", "GET", "/certificates/999999/pdf", nil, signedIn(404)},
		{"POST /certificates/{id}/revoke", "POST", "/certificates/999999/revoke", url.Values{"reason": {"Erreur"}}, signedIn(404)},
		{"GET /learning-records/declarations/{id}/proof", "GET", "/learning-records/declarations/999999/proof", nil, signedIn(404)},

		{"GET /learning-records", "GET", "/learning-records", nil, coordinators(200)},
		{"GET /learning-records/people/{id}", "GET", "/learning-records/people/" + nurse, nil, coordinators(200)},
		{"POST /learning-records/declarations/{id}/decision", "POST", "/learning-records/declarations/999999/decision",
			url.Values{"approve": {"1"}}, coordinators(404)},
		{"GET /learning-records/network", "GET", "/learning-records/network", nil, adminOnly(200)},
	}
}
