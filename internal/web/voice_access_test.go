package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// voiceStaff: the people who read the voice's results (anyone following
// families, the evaluators, the questionnaire's managers) get code; the
// others are refused by the app (403) or sent to sign in.
func voiceStaff(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"site_coordinator": code, "practitioner": code, "trainee": code, "evaluator": code, "network_admin": code}
}

// voiceReaders: shared comments reach the site's staff and the evaluators,
// not the network administrator.
func voiceReaders(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"site_coordinator": code, "practitioner": code, "trainee": code, "evaluator": code}
}

// voiceManagers: voice.manage, the site coordinator and the network
// administrator.
func voiceManagers(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden,
		"site_coordinator": code, "network_admin": code}
}

// voiceAccess are the access-table rows of voiceRoutes. Writes are sent
// invalid or aimed at what does not exist, so the table changes nothing
// (the kiosk's POST, which ends the session when it succeeds, is refused
// before); what they do when valid is tested in voice_test.go.
func voiceAccess(users, families map[string]int64) []access {
	haddad := "/families/" + strconv.FormatInt(families["Haddad"], 10)
	wording := url.Values{"wording_fr": {"Je me suis sentie accueillie."}}
	return []access{
		{"GET /families/{id}/voice", "GET", haddad + "/voice", nil, familyRoles(http.StatusOK)},
		{"GET /families/{id}/voice", "GET", "/families/999999/voice", nil, familyRoles(http.StatusNotFound)},
		{"POST /families/{id}/voice/link", "POST", haddad + "/voice/link", url.Values{"occasion": {"birthday"}}, familyRoles(http.StatusUnprocessableEntity)},
		{"POST /families/{id}/voice/kiosk", "POST", haddad + "/voice/kiosk", url.Values{"occasion": {"birthday"}}, familyRoles(http.StatusUnprocessableEntity)},
		{"POST /families/{id}/voice/kiosk", "POST", "/families/999999/voice/kiosk", url.Values{"occasion": {"closure"}}, familyRoles(http.StatusNotFound)},

		{"GET /voice/{token}", "GET", "/voice/forged-token", nil, everyone(http.StatusNotFound)},
		{"POST /voice/{token}", "POST", "/voice/forged-token", url.Values{"q1": {"5"}}, everyone(http.StatusNotFound)},
		{"GET /voice/thanks", "GET", "/voice/thanks?kiosk=1", nil, everyone(http.StatusOK)},

		{"GET /voice", "GET", "/voice", nil, voiceStaff(http.StatusOK)},
		{"GET /voice/comments", "GET", "/voice/comments", nil, voiceReaders(http.StatusOK)},
		{"GET /voice/moderation", "GET", "/voice/moderation", nil, voiceManagers(http.StatusOK)},
		{"POST /voice/moderation/{id}/{action}", "POST", "/voice/moderation/00000000-0000-4000-8000-000000000000/share", nil, voiceManagers(http.StatusNotFound)},
		{"GET /voice/questions", "GET", "/voice/questions", nil, voiceManagers(http.StatusOK)},
		{"POST /voice/questions", "POST", "/voice/questions", url.Values{"code": {"X y"}, "kind": {"essay"}}, voiceManagers(http.StatusUnprocessableEntity)},
		{"GET /voice/questions/{id}", "GET", "/voice/questions/999999", nil, voiceManagers(http.StatusNotFound)},
		{"POST /voice/questions/{id}", "POST", "/voice/questions/999999", wording, voiceManagers(http.StatusNotFound)},
		{"POST /voice/questions/{id}/{action}", "POST", "/voice/questions/999999/up", nil, voiceManagers(http.StatusNotFound)},
	}
}
