package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// BenchmarkNews renders, for an anonymous visitor, the news list, an
// article, the RSS and Atom feeds (30 articles, Markdown rendered and
// sanitised for each), the outreach register and its BibTeX export, over
// the demo plus 300 public articles of a few paragraphs. docs/PERFORMANCE.md.
func BenchmarkNews(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	ctx := context.Background()
	editor := berceau.System("benchmark")
	body := "Un **paragraphe** avec un [lien](https://example.org) et une liste :\n\n- un\n- deux\n\n" +
		"Suite du texte, assez longue pour ressembler à un article du réseau, avec des *accents* et des chiffres 2026."
	now := ts.web.app.Now()
	for i := range 300 {
		n := knowledge.NewsItem{Title: berceau.TextOf("fr", fmt.Sprintf("Nouvelle %d du réseau", i), "en", fmt.Sprintf("Network news %d", i)),
			Summary: berceau.TextOf("fr", "Un résumé d'une ligne ou deux.", "en", "A summary of a line or two."),
			Body:    berceau.TextOf("fr", body+"\n\n"+body, "en", body), OrganizationID: directory.NameUUID("demo-org:nid-hochelaga"),
			Audience: knowledge.AudiencePublic, Status: knowledge.NewsPublished, PublishedAt: now.Add(-time.Duration(i+1) * time.Hour)}
		if _, err := ts.web.app.News.SaveNews(ctx, editor, app.NewsChange{Item: n}); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct{ name, path string }{
		{"list", "/news"}, {"article", "/news/nouvelle-0-du-reseau"}, {"rss", "/news/feed.rss?lang=fr"}, {"atom", "/news/feed.atom?lang=en"},
		{"outreach", "/outreach"}, {"outreach-bibtex", "/outreach/export.bib"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				ts.web.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
