package web

import (
	"net/http"
	"net/url"
)

// editors: anonymous people are sent to sign in, those without
// knowledge.edit refused; content editors get code.
func editors(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "content_editor": code}
}

// portalAccess are the access-table rows of portalRoutes. The language
// routes are public themselves and apply the policy of the page under
// them: an administrator's page asked at /fr/… is still an administrator's.
func portalAccess(map[string]int64) []access {
	empty := url.Values{"title_fr": {""}, "slug": {"x"}}
	rows := []access{
		{"GET /search", "GET", "/search?q=p%C3%A9rinatalit%C3%A9", nil, everyone(200)},
		{"GET /search", "GET", "/search", nil, everyone(200)},
		{"GET /pages/{slug}", "GET", "/pages/about", nil, everyone(200)},
		{"GET /pages/{slug}", "GET", "/pages/nowhere", nil, everyone(404)},
		{"GET /pages/{slug}", "GET", "/pages/..%2Fadmin", nil, everyone(404)},
		{"GET /sitemap.xml", "GET", "/sitemap.xml", nil, everyone(200)},
		{"GET /robots.txt", "GET", "/robots.txt", nil, everyone(200)},
		{"GET /favicon.ico", "GET", "/favicon.ico", nil, everyone(200)},

		{"GET /portal/pages", "GET", "/portal/pages", nil, editors(200)},
		{"GET /portal/pages/new", "GET", "/portal/pages/new", nil, editors(200)},
		// Refused by validation or absent: nothing is written.
		{"POST /portal/pages", "POST", "/portal/pages", empty, editors(422)},
		{"GET /portal/pages/{id}", "GET", "/portal/pages/999999", nil, editors(404)},
		{"POST /portal/pages/{id}", "POST", "/portal/pages/999999", empty, editors(422)},
		{"POST /portal/pages/{id}/revisions/{n}/restore", "POST", "/portal/pages/999999/revisions/1/restore", nil, editors(404)},
		{"POST /portal/pages/{id}/unpublish", "POST", "/portal/pages/999999/unpublish", nil, editors(404)},
		{"POST /portal/pages/{id}/delete", "POST", "/portal/pages/999999/delete", nil, editors(404)},

		{"GET /fr/{path...}", "GET", "/fr/pages/partners", nil, everyone(200)},
		{"GET /fr/{path...}", "GET", "/fr/portal/pages", nil, editors(200)},
		{"GET /fr/{path...}", "GET", "/fr/en/", nil, everyone(404)},
	}
	for _, lang := range portalLanguages() {
		route := "GET /" + lang + "/{path...}"
		rows = append(rows,
			access{route, "GET", "/" + lang + "/", nil, everyone(200)},
			access{route, "GET", "/" + lang + "/events", nil, everyone(200)},
			access{route, "GET", "/" + lang + "/admin/audit", nil, adminOnly(200)})
	}
	return rows
}
