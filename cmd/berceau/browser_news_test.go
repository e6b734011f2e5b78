package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserNewsFeedAndOutreach walks the news and the outreach register
// in Chromium: an editor publishes an article through the form; a visitor
// (signed out) finds it in the list, reads it and finds it in the RSS
// feed; the visitor filters the register by kind and downloads the
// filtered list as BibTeX. Each page, in French and English, keeps its
// navigation on one row at 1280 px, does not scroll sideways at 390 px,
// shows no raw translation key and (in French) has no serious axe-core
// violation.
func TestBrowserNewsFeedAndOutreach(t *testing.T) {
	if underRace {
		t.Skip("a page walk: the plain pass runs it")
	}
	if testing.Short() {
		t.Skip("browser walk")
	}
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	isKey := rawKeyDetector(t)
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	b := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 5*time.Minute), url: strings.TrimSuffix(p.URL, "/") + "/"}
	problems := watchConsole(b.ctx)
	fetchText := func(step, path string) string {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q, {credentials: 'omit'}).then(r => r.ok ? r.text() : 'status ' + r.status)`, path), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	check := func(where, lang string) {
		t.Helper()
		checkPageLook(t, b, axe, isKey, where, lang)
	}
	visit := func(lang, name, path, wait string) {
		t.Helper()
		b.do(lang+" "+name, chromedp.Navigate(b.url+strings.TrimPrefix(path, "/")), chromedp.WaitVisible(chromedp.CSS(wait)))
		check(fmt.Sprintf("%s (%s)", name, lang), lang)
	}

	// An editor publishes.
	b.switchLanguage(false, "fr")
	signInWithoutCode(b, "contenu@berceau.example")
	visit("fr", "new article", "/news/manage/new", "form.news-form")
	b.submit("publish", "form.news-form", map[string]string{
		"title_fr": "Portes ouvertes à Verdun", "title_en": "Open house in Verdun",
		"summary_fr": "Venez découvrir l'Escale.", "summary_en": "Come and see l'Escale.",
		"body_fr": "Une **journée portes ouvertes** pour les familles.", "body_en": "An **open day** for families.",
		"organization": b.eval("an organisation", `document.querySelector('#organization option[value]:not([value=""])').value`),
		"category":     b.eval("a category", `document.querySelector('#category option[value]:not([value=""])').value`),
		"audience":     "public", "status": "published",
	}, nil, ".notice")
	if main := b.eval("published", `document.querySelector('main').textContent`); !strings.Contains(main, "Portes ouvertes à Verdun") || !strings.Contains(main, "journée portes ouvertes") {
		t.Errorf("the published article:\n%s", main)
	}
	visit("fr", "manage", "/news/manage", ".news-list")
	signOut(b)

	// A visitor reads it and finds it in the feed.
	for _, lang := range []string{"fr", "en"} {
		b.switchLanguage(false, lang)
		visit(lang, "news", "/news", ".news-list")
		want := map[string]string{"fr": "Portes ouvertes à Verdun", "en": "Open house in Verdun"}[lang]
		b.do(lang+" open the article", chromedp.Click(chromedp.CSS(".news-list li:first-child h2 a")), chromedp.WaitVisible(chromedp.CSS(".news-body")))
		if title := b.eval("article title", `document.querySelector('h1').textContent`); !strings.Contains(title, want) {
			t.Errorf("%s: the newest article is %q, want %q", lang, title, want)
		}
		check("article ("+lang+")", lang)
		if b.eval("feed link", `document.querySelector('link[rel=alternate][type="application/rss+xml"]').getAttribute('href')`) != "/news/feed.rss?lang="+lang {
			t.Errorf("%s: the page does not announce its language's feed", lang)
		}
		if feed := fetchText("feed", "/news/feed.rss?lang="+lang); !strings.Contains(feed, "<title>"+want+"</title>") || strings.Contains(feed, "webinaire") {
			t.Errorf("%s feed:\n%s", lang, feed)
		}
		visit(lang, "category", "/news/category/reseau", ".news-list")
		visit(lang, "subscribe", "/news/subscribe", "form[action='/news/subscribe']")
		visit(lang, "outreach", "/outreach", ".outreach-list")
		href := b.eval("first entry", `document.querySelector('.outreach-list h2 a').getAttribute('href')`)
		visit(lang, "outreach entry", href, ".outreach-facts")
	}

	// The visitor filters the register and downloads the list as BibTeX.
	b.switchLanguage(false, "fr")
	visit("fr", "outreach", "/outreach", ".outreach-list")
	b.submit("filter", "form.outreach-filters", map[string]string{"kind": "publication"}, nil, ".outreach-list")
	kinds := b.eval("kinds", `[...new Set([...document.querySelectorAll('.outreach-item .badges .badge:first-child')].map(e => e.textContent))].join('|')`)
	if kinds != "Publication" {
		t.Errorf("filtered by kind, the list shows %q", kinds)
	}
	exportURL := b.eval("export link", `document.querySelector('a[href^="/outreach/export.bib"]').getAttribute('href')`)
	if exportURL != "/outreach/export.bib?kind=publication" {
		t.Errorf("export link %q", exportURL)
	}
	bib := fetchText("BibTeX", exportURL)
	if strings.Count(bib, "@article{") != 3 || strings.Contains(bib, "@misc{") || !strings.Contains(bib, "doi = {10.48291/") {
		t.Errorf("the filtered BibTeX:\n%s", bib)
	}
	if found := problems(); len(found) > 0 {
		t.Errorf("console: %v", found)
	}
}
