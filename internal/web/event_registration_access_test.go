package web

import (
	"net/http"
	"net/url"
)

// organizers: the roles that organise events (events.manage) pass the
// policy and meet the app's check; the others are refused by the policy.
func organizers(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"network_admin": code, "content_editor": code, "site_coordinator": code}
}

// participants: the roles that take part in community life (events
// registration) pass; evaluators and the network administrator do not.
func participants(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": code,
		"evaluator": http.StatusForbidden, "network_admin": http.StatusForbidden}
}

// eventRegistrationAccess are the registration routes' rows, on an event
// that does not exist: what passes the policy then answers 404.
func eventRegistrationAccess() []access {
	const e = "/events/999999"
	guest := url.Values{"name": {"Awa Traoré"}, "email": {"awa@creche.example"}, "organisation": {"Crèche"}, "sector": {"early_childhood"}}
	return []access{
		{"GET /events/{id}/registration", "GET", e + "/registration", nil, everyone(404)},
		{"POST /events/{id}/registration", "POST", e + "/registration", nil, participants(404)},
		{"POST /events/{id}/registration/guest", "POST", e + "/registration/guest", guest, everyone(404)},
		{"POST /events/{id}/registration/{action}", "POST", e + "/registration/cancel", nil, participants(404)},
		{"GET /events/{id}/documents/{doc}/download", "GET", e + "/documents/1/download", nil, everyone(404)},
		{"GET /registrations/{token}", "GET", "/registrations/1.forged", nil, everyone(404)},
		{"POST /registrations/{token}/feedback", "POST", "/registrations/1.forged/feedback", url.Values{"rating": {"5"}}, everyone(404)},
		{"POST /registrations/{token}/{action}", "POST", "/registrations/1.forged/cancel", nil, everyone(404)},
		{"GET /me/registrations", "GET", "/me/registrations", nil, participants(200)},
		{"POST /me/registrations/calendar/reset", "POST", "/me/registrations/calendar/reset", nil, participants(303)},
		{"GET /calendar/me/{token}", "GET", "/calendar/me/1.forged.ics", nil, everyone(404)},
		{"GET /events/{id}/attendees", "GET", e + "/attendees", nil, organizers(404)},
		{"GET /events/{id}/attendees.csv", "GET", e + "/attendees.csv", nil, organizers(404)},
		{"GET /events/{id}/attendees/sheet", "GET", e + "/attendees/sheet", nil, organizers(404)},
		{"POST /events/{id}/attendees/{reg}/{action}", "POST", e + "/attendees/999999/attend", nil, organizers(404)},
		{"GET /events/{id}/attendees/{reg}/history", "GET", e + "/attendees/999999/history", nil, organizers(404)},
		{"GET /events/{id}/checkin", "GET", e + "/checkin", nil, organizers(404)},
		{"POST /events/{id}/checkin/{reg}", "POST", e + "/checkin/999999", url.Values{"mark": {"attend"}}, organizers(404)},
		{"GET /events/{id}/feedback", "GET", e + "/feedback", nil, organizers(404)},
		{"POST /events/{id}/documents", "POST", e + "/documents", url.Values{"kind": {"minutes"}}, organizers(404)},
		{"POST /events/{id}/documents/{doc}/delete", "POST", e + "/documents/1/delete", nil, organizers(404)},
		{"GET /admin/settings/registration", "GET", "/admin/settings/registration", nil, adminOnly(200)},
		{"POST /admin/settings/registration", "POST", "/admin/settings/registration", url.Values{"offer_hours": {"48"}, "retention_months": {"6"}}, adminOnly(303)},
	}
}
