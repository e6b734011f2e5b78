package web

import (
	"net/http"
	"net/url"
)

// publishers: anonymous people are sent to sign in; signed-in people who
// publish for no organisation are refused by the app; content editors
// (knowledge.edit) get code.
func publishers(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "content_editor": code}
}

// libraryAccess are the access-table rows of libraryRoutes. What each
// reader sees of the library is the app's decision (app/library_test.go,
// web/library_test.go).
func libraryAccess() []access {
	empty := url.Values{"title_fr": {""}}
	return []access{
		{"GET /library", "GET", "/library", nil, everyone(200)},
		{"GET /library", "GET", "/library?q=s%C3%A9curit%C3%A9&kind=guide&lang=fr", nil, everyone(200)},
		{"GET /library", "GET", "/library?kind=picnic", nil, everyone(400)},
		{"GET /library", "GET", "/library?theme=nowhere", nil, everyone(400)},
		{"GET /library/{id}", "GET", "/library/999999", nil, everyone(404)},
		{"GET /library/{id}/files/{version}", "GET", "/library/999999/files/1", nil, everyone(404)},
		{"GET /library/{id}/files/{version}", "GET", "/library/999999/files/0", nil, everyone(404)},

		{"GET /library/new", "GET", "/library/new", nil, publishers(200)},
		// Refused by validation or absent: nothing is written.
		{"POST /library", "POST", "/library", empty, publishers(422)},
		{"GET /library/{id}/edit", "GET", "/library/999999/edit", nil, signedIn(404)},
		{"POST /library/{id}", "POST", "/library/999999", empty, publishers(422)},
		{"POST /library/{id}/versions", "POST", "/library/999999/versions", nil, publishers(404)},
		{"POST /library/{id}/delete", "POST", "/library/999999/delete", nil, publishers(404)},
	}
}
