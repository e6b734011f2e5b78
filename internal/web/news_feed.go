package web

import (
	"encoding/json"
	"html"
	"html/template"
	"net/http"
	"strings"

	"github.com/gorilla/feeds"
)

// The news feeds, RSS 2.0 and Atom, per language and per category
// (written with github.com/gorilla/feeds): public articles only, whose
// publication time has come, in the asked language. A feed reader carries
// no session, so a feed is the same for everyone.

// handleNewsFeed serves /news/feed.rss|atom and /news/category/{slug}/feed.rss|atom.
func (s *Server) handleNewsFeed(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.feedLang(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	atom := strings.HasSuffix(r.URL.Path, ".atom")
	list, err := s.app.News.Feed(r.Context(), lang, r.PathValue("slug"))
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	loc := s.i18n.Localizer(lang)
	base := s.siteBase(r)
	l := &Layout{Lang: lang, loc: loc}
	page := base + "/news"
	title := loc.T("news.feed_title", "Network", loc.T("app.name"))
	if list.Category != nil {
		page = base + "/news/category/" + list.Category.Slug
		title = loc.T("news.feed_category_title", "Network", loc.T("app.name"), "Category", l.local(list.Category.Name).Value)
	}
	self := base + r.URL.RequestURI()
	f := &feeds.Feed{Title: title, Link: &feeds.Link{Href: page}, Description: loc.T("news.feed_description"), Id: self,
		Author: &feeds.Author{Name: loc.T("app.name")}, Created: s.app.Now()}
	for _, c := range list.Items {
		n := c.Item
		link := base + "/news/" + n.Slug
		item := &feeds.Item{Title: n.Title.Get(lang), Link: &feeds.Link{Href: link}, Id: link,
			// RSS descriptions and Atom's summary type="html" are HTML: the
			// plain-text summary is escaped, never read as markup.
			Description: html.EscapeString(l.local(n.Summary).Value), Created: n.PublishedAt, Updated: n.UpdatedAt}
		body, _ := n.Body.In(lang)
		item.Content = string(renderMarkdown(body))
		if org := l.local(c.OrganizationName).Value; org != "" {
			item.Author = &feeds.Author{Name: org}
		}
		if f.Updated.Before(n.UpdatedAt) {
			f.Updated = n.UpdatedAt
		}
		f.Add(item)
	}
	if f.Updated.IsZero() {
		f.Updated = s.app.Now()
	}
	var out string
	if atom {
		af := (&feeds.Atom{Feed: f}).AtomFeed()
		af.Id = self // one id per language and category; the link stays the page
		out, err = feeds.ToXML(af)
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	} else {
		rf := (&feeds.Rss{Feed: f}).RssFeed()
		rf.Language = lang
		out, err = feeds.ToXML(rf)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write([]byte(out))
}

// newsJSONLDScript writes schema.org data for a <script type="application/ld+json">.
func newsJSONLDScript(ld map[string]any) template.JS {
	b, err := json.Marshal(ld) // escapes <, > and &: safe inside <script>
	if err != nil {
		return ""
	}
	return template.JS(b)
}
