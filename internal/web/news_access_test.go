package web

import (
	"net/http"
	"net/url"
)

// knowledgeEditors: anonymous people are sent to sign in, other roles
// refused; content editors (knowledge.edit, network coordinators) get code.
// Nobody else in the demo edits a directory organisation, so nobody else
// publishes news.
func knowledgeEditors(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "content_editor": code}
}

// newsAccess are the access-table rows of newsRoutes. What each reader sees
// of the news is the app's decision (app/news_test.go, web/news_test.go).
func newsAccess() []access {
	empty := url.Values{"title_fr": {""}}
	return []access{
		{"GET /news", "GET", "/news", nil, everyone(200)},
		{"GET /news", "GET", "/news?page=0", nil, everyone(400)},
		{"GET /news/category/{slug}", "GET", "/news/category/no-such-category", nil, everyone(404)},
		{"GET /news/feed.rss", "GET", "/news/feed.rss?lang=en", nil, everyone(200)},
		{"GET /news/feed.rss", "GET", "/news/feed.rss?lang=xx", nil, everyone(400)},
		{"GET /news/feed.atom", "GET", "/news/feed.atom", nil, everyone(200)},
		{"GET /news/category/{slug}/feed.rss", "GET", "/news/category/no-such-category/feed.rss", nil, everyone(404)},
		{"GET /news/category/{slug}/feed.atom", "GET", "/news/category/no-such-category/feed.atom", nil, everyone(404)},
		{"GET /news/{ref}", "GET", "/news/no-such-article", nil, everyone(404)},
		{"GET /news/image/{id}", "GET", "/news/image/999999", nil, everyone(404)},

		{"GET /news/subscribe", "GET", "/news/subscribe", nil, everyone(200)},
		{"POST /news/subscribe", "POST", "/news/subscribe", url.Values{"email": {"not an address"}}, everyone(422)},
		{"GET /news/subscribe/confirm", "GET", "/news/subscribe/confirm?token=abc", nil, everyone(200)},
		{"POST /news/subscribe/confirm", "POST", "/news/subscribe/confirm", url.Values{"token": {"abc"}}, everyone(404)},
		{"GET /news/unsubscribe/{token}", "GET", "/news/unsubscribe/abc", nil, everyone(404)},
		{"POST /news/unsubscribe/{token}", "POST", "/news/unsubscribe/abc", url.Values{"List-Unsubscribe": {"One-Click"}}, everyone(404)},

		{"GET /news/manage", "GET", "/news/manage", nil, knowledgeEditors(200)},
		{"GET /news/manage/new", "GET", "/news/manage/new", nil, knowledgeEditors(200)},
		// Refused by validation or absent: nothing is written.
		{"POST /news/manage", "POST", "/news/manage", empty, knowledgeEditors(422)},
		{"GET /news/manage/{id}/edit", "GET", "/news/manage/999999/edit", nil, signedIn(404)},
		{"POST /news/manage/{id}", "POST", "/news/manage/999999", empty, knowledgeEditors(404)},
		{"POST /news/manage/{id}/delete", "POST", "/news/manage/999999/delete", nil, knowledgeEditors(404)},
		{"POST /news/categories", "POST", "/news/categories", url.Values{"name_fr": {""}}, knowledgeEditors(400)},
		{"POST /news/categories/{id}", "POST", "/news/categories/999999", url.Values{"name_fr": {"Nom"}}, knowledgeEditors(404)},

		{"GET /admin/newsletter", "GET", "/admin/newsletter", nil, adminOnly(200)},
	}
}

// outreachAccess are the access-table rows of outreachRoutes.
func outreachAccess() []access {
	empty := url.Values{"title": {""}}
	return []access{
		{"GET /outreach", "GET", "/outreach", nil, everyone(200)},
		{"GET /outreach", "GET", "/outreach?kind=poem", nil, everyone(400)},
		{"GET /outreach/export.bib", "GET", "/outreach/export.bib?kind=publication", nil, everyone(200)},
		{"GET /outreach/export.ris", "GET", "/outreach/export.ris", nil, everyone(200)},
		{"GET /outreach/export.json", "GET", "/outreach/export.json", nil, everyone(200)},
		{"GET /outreach/{id}", "GET", "/outreach/999999", nil, everyone(404)},
		{"GET /outreach/{id}/cite.bib", "GET", "/outreach/999999/cite.bib", nil, everyone(404)},
		{"GET /outreach/{id}/cite.ris", "GET", "/outreach/999999/cite.ris", nil, everyone(404)},
		{"GET /outreach/{id}/cite.json", "GET", "/outreach/999999/cite.json", nil, everyone(404)},

		{"GET /outreach/new", "GET", "/outreach/new", nil, knowledgeEditors(200)},
		{"POST /outreach", "POST", "/outreach", empty, knowledgeEditors(422)},
		{"GET /outreach/{id}/edit", "GET", "/outreach/999999/edit", nil, knowledgeEditors(404)},
		{"POST /outreach/{id}", "POST", "/outreach/999999", empty, knowledgeEditors(422)},
		{"POST /outreach/{id}/delete", "POST", "/outreach/999999/delete", nil, knowledgeEditors(404)},
		{"GET /outreach/import", "GET", "/outreach/import", nil, knowledgeEditors(200)},
		{"POST /outreach/import", "POST", "/outreach/import", url.Values{"bibtex": {""}}, knowledgeEditors(422)},
	}
}
