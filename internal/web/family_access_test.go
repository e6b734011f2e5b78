package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// familyRoles: the roles that read and write family files get code; the
// others are refused, and anonymous people are sent to sign in.
func familyRoles(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"site_coordinator": code, "practitioner": code, "trainee": code}
}

// familyAccess are the access-table rows of familyRoutes.
func familyAccess(users, families map[string]int64) []access {
	haddad := "/families/" + strconv.FormatInt(families["Haddad"], 10)
	return []access{
		{"GET /families", "GET", "/families", nil, familyRoles(http.StatusOK)},
		{"GET /families/new", "GET", "/families/new", nil, familyRoles(http.StatusOK)},
		// No place and nobody named: refused by validation, nothing created.
		{"POST /families", "POST", "/families", url.Values{"place": {""}, "pregnant_given_name": {""}}, familyRoles(http.StatusUnprocessableEntity)},
		{"POST /families", "POST", "/families", url.Values{"place": {"1:1"}, "pregnant_birth_date": {"not a date"}}, familyRoles(http.StatusUnprocessableEntity)},
		// The whole Parc-Extension team sees the Haddad file.
		{"GET /families/{id}", "GET", haddad, nil, familyRoles(http.StatusOK)},
		// Absent and out of scope look the same.
		{"GET /families/{id}", "GET", "/families/999999", nil, familyRoles(http.StatusNotFound)},
		{"GET /families/{id}", "GET", "/families/nope", nil, familyRoles(http.StatusNotFound)},
		{"GET /families/{id}/contact", "GET", haddad + "/contact", nil, familyRoles(http.StatusOK)},
		{"POST /families/{id}/contact", "POST", haddad + "/contact", url.Values{"email": {"pas une adresse"}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /families/{id}/members/{mid}/birth", "GET", haddad + "/members/999999/birth", nil, familyRoles(http.StatusNotFound)},
		{"POST /families/{id}/members/{mid}/birth", "POST", haddad + "/members/999999/birth", url.Values{"birth_date": {"hier"}}, familyRoles(http.StatusUnprocessableEntity)},
	}
}
