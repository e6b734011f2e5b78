package web

import (
	"net/http"
	"net/url"
)

// organisers: anonymous people are sent to sign in, those without
// events.manage refused by the route; the site coordinator holds it but is
// staff of no organisation yet, so the app refuses them; content editors
// and administrators (network coordinators) get code.
func organisers(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"content_editor": code, "network_admin": code}
}

// eventAccess are the access-table rows of eventRoutes. Which events an
// organiser reaches is the app's decision (app/event_test.go).
func eventAccess(map[string]int64) []access {
	absent := func(code int) map[string]int {
		m := organisers(code)
		m["site_coordinator"] = code
		return m
	}
	empty := url.Values{"title_fr": {""}}
	return []access{
		{"GET /events", "GET", "/events", nil, everyone(200)},
		{"GET /events", "GET", "/events?view=month&month=2026-03", nil, everyone(200)},
		{"GET /events", "GET", "/events?kind=picnic", nil, everyone(400)},
		{"GET /events/calendar.ics", "GET", "/events/calendar.ics", nil, everyone(200)},
		{"GET /events/kinds/{kind}/calendar.ics", "GET", "/events/kinds/webinar/calendar.ics", nil, everyone(200)},
		{"GET /events/kinds/{kind}/calendar.ics", "GET", "/events/kinds/picnic/calendar.ics", nil, everyone(404)},
		{"GET /events/{id}", "GET", "/events/999999", nil, everyone(404)},
		{"GET /events/{id}/calendar.ics", "GET", "/events/999999/calendar.ics", nil, everyone(404)},
		{"GET /cycles/{id}", "GET", "/cycles/999999", nil, everyone(404)},
		{"GET /cycles/{id}/calendar.ics", "GET", "/cycles/999999/calendar.ics", nil, everyone(404)},

		{"GET /events/new", "GET", "/events/new", nil, organisers(200)},
		// Refused by validation or absent: nothing is written.
		{"POST /events", "POST", "/events", empty, organisers(422)},
		{"GET /events/{id}/edit", "GET", "/events/999999/edit", nil, absent(404)},
		{"POST /events/{id}", "POST", "/events/999999", empty, organisers(422)},
		{"POST /events/{id}/cancel", "POST", "/events/999999/cancel", nil, organisers(404)},
		{"GET /cycles/new", "GET", "/cycles/new", nil, organisers(200)},
		{"POST /cycles", "POST", "/cycles", empty, organisers(422)},
		{"GET /cycles/{id}/edit", "GET", "/cycles/999999/edit", nil, absent(404)},
		{"POST /cycles/{id}", "POST", "/cycles/999999", empty, organisers(422)},
	}
}
