package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// pageIDOf finds a page's id on the editors' list by its title.
func pageIDOf(t *testing.T, editor *browser, title string) string {
	t.Helper()
	_, list := editor.get("/portal/pages")
	m := regexp.MustCompile(`href="/portal/pages/(\d+)">` + regexp.QuoteMeta(title) + `<`).FindStringSubmatch(list)
	if m == nil {
		t.Fatalf("no page %q on the editors' list:\n%s", title, list)
	}
	return m[1]
}

// xssIn finds, in a page's markup, what an editor's text must never turn
// into: a script or frame, an event handler, a javascript: or data: link.
// Text and attribute values are escaped, so every "<" opens a real tag and
// a quoted value is data; handlers are looked for outside quotes.
func xssIn(page string) string {
	for _, tag := range tagPattern.FindAllString(page, -1) {
		lower := strings.ToLower(tag)
		if dangerousElement.MatchString(lower) || dangerousURL.MatchString(lower) ||
			eventHandler.MatchString(quotedValue.ReplaceAllString(lower, `""`)) {
			return tag
		}
	}
	return ""
}

var (
	tagPattern       = regexp.MustCompile(`<[^>]*>`)
	quotedValue      = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	dangerousElement = regexp.MustCompile(`^</?(script|iframe|svg|object|embed|math)\b`)
	dangerousURL     = regexp.MustCompile(`\s(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):`)
	eventHandler     = regexp.MustCompile(`\son[a-z]+\s*=`)
)

func TestMarkdownPagesNeverLetAScriptReachVisitors(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		editor := ts.newBrowser(t)
		editor.signIn("contenu@berceau.example")
		body := strings.Join([]string{
			"Texte **sûr**.", `<script>alert("body")</script>`, `<img src=x onerror=alert(1)>`, `[clic](javascript:alert(1))`,
			`[clic](JaVaScRiPt:alert(1))`, `![x](data:text/html;base64,PHNjcmlwdD4=)`, `<iframe src="https://evil.example"></iframe>`,
			`<a href="https://example.org" onclick="alert(1)">lien</a>`, `<svg/onload=alert(1)>`,
		}, "\n\n")
		resp, text := editor.post("/portal/pages", url.Values{"slug": {"xss"}, "title_fr": {`<script>alert("title")</script>Titre`},
			"summary_fr": {`"><img src=x onerror=alert(2)>`}, "body_fr": {body}, "note": {`<b onmouseover=alert(3)>note</b>`},
			"publish": {"1"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", resp.StatusCode, text)
		}
		visitor := ts.newBrowser(t)
		for _, path := range []string{"/pages/xss", "/fr/pages/xss", "/search?q=titre", "/"} {
			resp, page := visitor.get(path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			if m := xssIn(page); m != "" {
				t.Errorf("%s lets through %q", path, m)
			}
		}
		_, page := visitor.get("/pages/xss")
		for _, want := range []string{"<strong>sûr</strong>", "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;Titre"} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		// The editor's own pages (form, history) escape it all too.
		_, edit := editor.get(resp.Header.Get("Location"))
		if m := xssIn(edit); m != "" {
			t.Errorf("the editor's page lets through %q", m)
		}
	})
}

func TestEditorsPublishDraftAndRestoreRevisionsThroughTheForms(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		editor := ts.newBrowser(t)
		editor.signIn("contenu@berceau.example")
		id := pageIDOf(t, editor, "À propos du réseau")
		_, form := editor.get("/portal/pages/" + id)
		rev := regexp.MustCompile(`name="base_rev" value="(\d+)"`).FindStringSubmatch(form)
		if rev == nil || rev[1] != "2" {
			t.Fatalf("the demo About page is not at revision 2: %v", rev)
		}
		fields := url.Values{"base_rev": {"2"}, "title_fr": {"À propos du réseau"}, "title_en": {"About the network"},
			"body_fr": {"Nouveau texte du réseau."}, "body_en": {"The network's new text."}, "note": {"Réécriture"}, "publish": {"1"}}
		if resp, text := editor.post("/portal/pages/"+id, fields); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", resp.StatusCode, text)
		}
		visitor := ts.newBrowser(t)
		if _, page := visitor.get("/en/pages/about"); !strings.Contains(page, "The network&#39;s new text.") {
			t.Fatalf("the published text is not public:\n%s", page)
		}
		// A second save from revision 2 conflicts: nothing is written.
		if resp, _ := editor.post("/portal/pages/"+id, fields); resp.StatusCode != http.StatusConflict {
			t.Fatalf("a save from an old revision: %d", resp.StatusCode)
		}
		// A draft leaves visitors on the published text.
		fields.Set("base_rev", "3")
		fields.Set("body_en", "Unfinished draft.")
		fields.Del("publish")
		fields.Set("draft", "1")
		if resp, _ := editor.post("/portal/pages/"+id, fields); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft: %d", resp.StatusCode)
		}
		if _, page := visitor.get("/en/pages/about"); strings.Contains(page, "Unfinished draft.") {
			t.Fatal("a draft reached visitors")
		}
		// Restoring revision 2 (the demo's text) publishes it as revision 5.
		if resp, _ := editor.post("/portal/pages/"+id+"/revisions/2/restore", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("restore: %d", resp.StatusCode)
		}
		if _, page := visitor.get("/en/pages/about"); !strings.Contains(page, "Who is it for?") {
			t.Fatalf("the restored text is not public:\n%s", page)
		}
		_, history := editor.get("/portal/pages/" + id)
		for _, want := range []string{"Revision 5", "Restores revision 2", "Léa Dubois", "Réécriture", `name="base_rev" value="5"`} {
			if !strings.Contains(history, want) && !strings.Contains(history, strings.Replace(want, "Revision", "Révision", 1)) &&
				!strings.Contains(history, strings.Replace(want, "Restores revision", "Restaure la révision", 1)) {
				t.Errorf("the history lacks %q", want)
			}
		}
		// Members may neither see nor change the editors' pages.
		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		if resp, _ := member.post("/portal/pages/"+id+"/revisions/1/restore", nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a member restored a revision: %d", resp.StatusCode)
		}
	})
}

func TestPublicPagesHaveAnAddressPerLanguageHreflangAndOpenGraph(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	visitor := ts.newBrowser(t)
	english := map[string]string{"Accept-Language": "en"}
	resp, fr := ts.do(t, "GET", "/fr/pages/partners", nil, english)
	if resp.StatusCode != 200 || !strings.Contains(fr, `<html lang="fr">`) || resp.Header.Get("Content-Language") != "fr" {
		t.Fatalf("/fr/ with an English browser: %d %q", resp.StatusCode, resp.Header.Get("Content-Language"))
	}
	for _, want := range []string{
		`<link rel="alternate" hreflang="fr" href="` + ts.URL[:0] + `/fr/pages/partners">`,
		`<link rel="alternate" hreflang="en" href="/en/pages/partners">`,
		`<link rel="alternate" hreflang="x-default" href="/pages/partners">`,
		`<meta property="og:title" content="Partenaires">`, `<meta property="og:type" content="article">`,
		`<meta property="og:url" content="/fr/pages/partners">`, `<meta property="og:locale" content="fr_FR">`,
		`<meta property="og:locale:alternate" content="en_GB">`, `<meta property="og:site_name" content="Berceau">`,
		`<meta property="og:description" content="Les organisations avec lesquelles le réseau travaille à Montréal et à Bruxelles.">`,
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("/fr/pages/partners lacks %s", want)
		}
	}
	// The home page at each language's address links within it.
	_, en := visitor.get("/en/")
	for _, want := range []string{`<html lang="en">`, `href="/en/pages/about"`, `action="/en/search"`, `hreflang="fr" href="/fr/"`,
		`<meta property="og:site_name" content="Réseau`, "Upcoming events", `href="/en/events/`} {
		if !strings.Contains(en, want) {
			t.Errorf("/en/ lacks %s", want)
		}
	}
	// Every public page has them, the directory's and the agenda's too;
	// private pages and errors do not.
	for path, want := range map[string]bool{"/events": true, "/en/directory": true, "/signin": true, "/nowhere": false} {
		_, page := visitor.get(path)
		if got := strings.Contains(page, `hreflang="x-default"`); got != want {
			t.Errorf("%s: hreflang %v, want %v", path, got, want)
		}
	}
	coordinator := ts.newBrowser(t)
	coordinator.signIn("coordination@berceau.example")
	if _, page := coordinator.get("/my-day"); strings.Contains(page, "hreflang") || strings.Contains(page, "og:title") {
		t.Error("a private page announces its languages")
	}
	// The language switch on a language's address leaves it for the
	// chosen language.
	resp, _ = visitor.post("/language", url.Values{"lang": {"fr"}, "next": {"/pages/partners"}})
	if resp.Header.Get("Location") != "/pages/partners" {
		t.Fatalf("switch: %q", resp.Header.Get("Location"))
	}
}

func TestSitemapIsValidAndListsOnlyPublicPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		ctx := context.Background()
		// A members-only event and a draft page: never in the sitemap.
		editor, err := ts.web.app.Accounts.ActorFor(ctx, demoUserIDs(t, st)["contenu@berceau.example"], "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		list, err := ts.web.app.Events.Events(ctx, editor, knowledge.EventFilter{Upcoming: true, Limit: 1})
		if err != nil || len(list.Items) == 0 {
			t.Fatalf("no demo event: %v", err)
		}
		e := list.Items[0].Event
		e.ID, e.UID, e.CycleID, e.Audience = 0, "", 0, knowledge.AudienceMembers
		e.Title = berceau.TextOf("fr", "Supervision réservée", "en", "Members' supervision")
		e.RegistrationOpens, e.RegistrationCloses = time.Time{}, time.Time{}
		e.Place = knowledge.Place{Kind: knowledge.PlaceAddress, Address: "7400, boul. Saint-Laurent, Montréal"}
		members, err := ts.web.app.Events.CreateEvent(ctx, editor, e)
		if err != nil {
			t.Fatal(err)
		}
		b := ts.newBrowser(t)
		b.signIn("contenu@berceau.example")
		if resp, _ := b.post("/portal/pages", url.Values{"slug": {"brouillon"}, "title_fr": {"Brouillon"}, "body_fr": {"Pas prêt."},
			"draft": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft: %d", resp.StatusCode)
		}

		resp, sitemap := ts.do(t, "GET", "/sitemap.xml", nil, nil)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("sitemap: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		xmllintValid(t, sitemap, true)
		for _, want := range []string{"<loc>" + ts.URL + "/fr/</loc>", "<loc>" + ts.URL + "/en/pages/about</loc>",
			`<xhtml:link rel="alternate" hreflang="fr" href="` + ts.URL + `/fr/pages/about"/>`,
			`<xhtml:link rel="alternate" hreflang="x-default" href="` + ts.URL + `/pages/about"/>`,
			ts.URL + "/en/directory/services/", ts.URL + "/fr/events/"} {
			if !strings.Contains(sitemap, want) {
				t.Errorf("the sitemap lacks %s", want)
			}
		}
		for _, secret := range []string{"/events/" + strconv.FormatInt(members.ID, 10) + "<", "/pages/brouillon", "/portal/", "/families", "/admin"} {
			if strings.Contains(sitemap, secret) {
				t.Errorf("the sitemap lists %s", secret)
			}
		}
		// Neither does the search.
		if _, found := ts.do(t, "GET", "/search?q=supervision+r%C3%A9serv%C3%A9e", nil, nil); strings.Contains(found, "Supervision réservée") {
			t.Error("the search finds a members-only event")
		}
		// The knowledge space's public pages are listed, and every page listed
		// opens for a visitor who is not signed in: nothing members-only
		// (the demo has a members-only article and members-only resources).
		for _, area := range []string{"/fr/news/", "/en/library/", "/fr/trainings/", "/en/outreach/"} {
			if !strings.Contains(sitemap, ts.URL+area) {
				t.Errorf("the sitemap lists nothing under %s", area)
			}
		}
		locs := regexp.MustCompile(`<loc>([^<]+)</loc>`).FindAllStringSubmatch(sitemap, -1)
		for _, m := range locs {
			if !strings.Contains(m[1], "/fr/") { // one language is enough: the others are the same pages
				continue
			}
			if resp, _ := ts.do(t, "GET", strings.TrimPrefix(m[1], ts.URL), nil, nil); resp.StatusCode != http.StatusOK {
				t.Errorf("the sitemap lists %s, which answers a visitor %d", m[1], resp.StatusCode)
			}
		}
		// The check itself fails on a sitemap that breaks the schema.
		xmllintValid(t, strings.Replace(sitemap, "<loc>", "<location>", 1), false)
		xmllintValid(t, strings.Replace(sitemap, `hreflang="fr"`, `hreflang="fr" media="print"`, 1), false)
	})
}

// xmllintValid validates a sitemap against the sitemaps.org schema and the
// xhtml:link declaration (testdata/sitemap) with xmllint, which must be
// installed (CI installs it).
func xmllintValid(t *testing.T, doc string, want bool) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Fatal("xmllint is not installed (apt-get install libxml2-utils): the sitemap cannot be checked")
	}
	file := filepath.Join(t.TempDir(), "sitemap.xml")
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", "testdata/sitemap/sitemap-with-alternates.xsd", file).CombinedOutput()
	if got := err == nil; got != want {
		t.Fatalf("xmllint valid = %v, want %v:\n%s", got, want, out)
	}
}

func TestRobotsKeepsPrivateAreasOutAndNamesTheSitemap(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	resp, robots := ts.do(t, "GET", "/robots.txt", nil, nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("robots.txt: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(robots, "\n") {
		lines[l] = true
	}
	for _, want := range []string{"User-agent: *", "Disallow: /families", "Disallow: /admin", "Disallow: /account", "Disallow: /my-day",
		"Disallow: /signin", "Disallow: /api/v1/me", "Disallow: /me", "Disallow: /portal", "Disallow: /events/*/edit",
		"Disallow: /directory/moderation", "Sitemap: " + ts.URL + "/sitemap.xml"} {
		if !lines[want] {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
	for l := range lines {
		if path, ok := strings.CutPrefix(l, "Disallow: "); ok {
			for _, public := range []string{"/", "/events", "/events/12", "/directory", "/directory/services/x", "/pages/about", "/en/", "/search"} {
				if public == path || (strings.HasSuffix(path, "/") && strings.HasPrefix(public, path)) || public+"/" == path {
					t.Errorf("robots.txt keeps out the public %s (%s)", public, l)
				}
			}
		}
	}
}

func TestFaviconIsServed(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	resp, body := ts.do(t, "GET", "/favicon.ico", nil, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/x-icon" || !strings.HasPrefix(body, "\x00\x00\x01\x00") {
		t.Fatalf("favicon: %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), body[:min(8, len(body))])
	}
	_, home := ts.do(t, "GET", "/", nil, nil)
	if !strings.Contains(home, `<link rel="icon" href="/favicon.ico"`) || !strings.Contains(home, `type="image/svg+xml"`) {
		t.Fatal("the head does not link the icons")
	}
}

// newsSource stands for the areas not on this branch (news, the library…).
type newsSource struct {
	kind string
	hits []app.PublicHit
}

func (s newsSource) PublicKind() string { return s.kind }
func (s newsSource) SearchPublic(context.Context, app.PublicQuery) ([]app.PublicHit, error) {
	return s.hits, nil
}
func (s newsSource) FeaturedPublic(context.Context, string, int) ([]app.PublicHit, error) {
	return s.hits, nil
}

func TestHomePageShowsTheFirstThreeSourcesThatHaveItemsInRegistrationOrder(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	ts.web.app.Public.Register(newsSource{kind: "resource"}) // nothing to feature: no section
	ts.web.app.Public.Register(newsSource{kind: "glossary", hits: []app.PublicHit{{Kind: "glossary", Title: "Doula", URL: "/glossary/doula"}}})
	_, home := ts.do(t, "GET", "/en/", nil, nil)
	// The areas' sources (registered at start, after the portal's own) in
	// app.New's order: news, the library's featured resources, trainings,
	// outreach, then the fake glossary. The front door shows the first three
	// with something to feature; trainings and outreach are in the
	// navigation, the glossary is found by the search.
	events, news, featured := strings.Index(home, `id="section-event"`), strings.Index(home, `id="section-news"`),
		strings.Index(home, `id="section-resource"`)
	if events < 0 || news < events || featured < news {
		t.Fatalf("sections out of order or missing: events %d, news %d, resources %d", events, news, featured)
	}
	if strings.Count(home, ">Featured resources</h2>") != 1 || strings.Count(home, ">Latest news</h2>") != 1 ||
		strings.Contains(home, `id="section-training"`) || strings.Contains(home, "Doula") {
		t.Fatal("the home page does not show the first three sources alone")
	}
	// Each section links its whole list, at the page's language address.
	for _, list := range []string{"/en/events", "/en/news", "/en/library"} {
		if !strings.Contains(home, `<p><a href="`+list+`">See all<span class="visually-hidden"> — `) {
			t.Errorf("no link to all of %s", list)
		}
	}
	for _, link := range []string{`href="/en/trainings"`, `href="/en/outreach"`} {
		if !strings.Contains(home, link) {
			t.Errorf("the home page does not link %s", link)
		}
	}
	_, found := ts.do(t, "GET", "/fr/search?q=saint-michel", nil, nil)
	services, news := strings.Index(found, `id="results-service"`), strings.Index(found, `id="results-news"`)
	if services < 0 || news < services || !strings.Contains(found[news:], "Un nouveau site ouvre à Saint-Michel") {
		t.Fatal("the search does not group the directory's and the news' hits by kind")
	}
}
