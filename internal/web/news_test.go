package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// parsedFeed is what Debian's python3-feedparser reads of a feed.
type parsedFeed struct {
	Bozo      int      `json:"bozo"`
	Exception string   `json:"exception"`
	Version   string   `json:"version"`
	Title     string   `json:"title"`
	Language  string   `json:"language"`
	Entries   []string `json:"entries"`
	Links     []string `json:"links"`
}

// feedparse runs feedparser on a feed: the test fails, never skips, when
// the checker is missing.
func feedparse(t *testing.T, feed string) parsedFeed {
	t.Helper()
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Fatal("/usr/bin/python3 with feedparser (Debian's python3-feedparser) is required: ", err)
	}
	script := `
import feedparser, json, sys
d = feedparser.parse(sys.stdin.read())
print(json.dumps({"bozo": int(d.bozo), "exception": str(d.get("bozo_exception", "")), "version": d.version,
  "title": d.feed.get("title", ""), "language": d.feed.get("language", ""),
  "entries": [e.get("title", "") for e in d.entries], "links": [e.get("link", "") for e in d.entries]}))
`
	cmd := exec.Command("/usr/bin/python3", "-c", script)
	cmd.Stdin = strings.NewReader(feed)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("feedparser: %v\n%s", err, out)
	}
	var p parsedFeed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("feedparser output %s: %v", out, err)
	}
	return p
}

func newsItemFor(title string, audience knowledge.Audience, status knowledge.NewsStatus, at time.Time, category int64) knowledge.NewsItem {
	return knowledge.NewsItem{Title: berceau.TextOf("fr", title+" (fr)", "en", title), Summary: berceau.TextOf("fr", "Résumé & <détails>", "en", "Summary & <details>"),
		Body: berceau.TextOf("fr", "Le **texte**.", "en", "The **text**."), CategoryID: category,
		OrganizationID: directory.NameUUID("demo-org:nid-hochelaga"), Audience: audience, Status: status, PublishedAt: at}
}

// contentEditor is the demo's content editor, a network coordinator.
func contentEditor(ctx context.Context, t *testing.T, ts *testServer) berceau.Actor {
	t.Helper()
	var u berceau.User
	if err := ts.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.UserByEmail(ctx, "contenu@berceau.example")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	actor, err := ts.web.app.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return actor
}

// TestNewsFeedsCarryPublicPublishedNewsOnlyAndParse: every feed (RSS and
// Atom, each language, the whole and one category) is read by
// feedparser without a bozo error, lists the public published articles
// written in its language, and never a draft, a scheduled or a members'
// article; every page announces the feeds in its head.
func TestNewsFeedsCarryPublicPublishedNewsOnlyAndParse(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		a := ts.web.app
		editor := contentEditor(ctx, t, ts)
		cat, err := a.News.SaveCategory(ctx, editor, knowledge.NewsCategory{Name: berceau.TextOf("fr", "Essais & tests", "en", "Trials & tests")})
		if err != nil {
			t.Fatal(err)
		}
		now := a.Now()
		for _, n := range []knowledge.NewsItem{
			newsItemFor("Visible <one> & only", knowledge.AudiencePublic, knowledge.NewsPublished, now.Add(-time.Hour), cat.ID),
			newsItemFor("Hidden draft", knowledge.AudiencePublic, knowledge.NewsDraft, time.Time{}, cat.ID),
			newsItemFor("Hidden future", knowledge.AudiencePublic, knowledge.NewsPublished, now.Add(72*time.Hour), cat.ID),
			newsItemFor("Hidden members", knowledge.AudienceMembers, knowledge.NewsPublished, now.Add(-time.Hour), cat.ID),
		} {
			if _, err := a.News.SaveNews(ctx, editor, app.NewsChange{Item: n}); err != nil {
				t.Fatal(err)
			}
		}
		frOnly := newsItemFor("", knowledge.AudiencePublic, knowledge.NewsPublished, now.Add(-time.Hour), cat.ID)
		frOnly.Title, frOnly.Body = berceau.TextOf("fr", "Seulement en français"), berceau.TextOf("fr", "Texte")
		if _, err := a.News.SaveNews(ctx, editor, app.NewsChange{Item: frOnly}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/news/feed.rss?lang=en", "/news/feed.atom?lang=en", "/news/feed.rss?lang=fr", "/news/feed.atom?lang=fr",
			"/news/category/" + cat.Slug + "/feed.rss?lang=en", "/news/category/" + cat.Slug + "/feed.atom?lang=fr"} {
			resp, body := ts.do(t, "GET", path, nil, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			p := feedparse(t, body)
			if p.Bozo != 0 {
				t.Fatalf("%s: feedparser bozo: %s\n%s", path, p.Exception, body)
			}
			wantVersion := "rss20"
			if strings.Contains(path, ".atom") {
				wantVersion = "atom10"
			}
			if p.Version != wantVersion {
				t.Errorf("%s: version %q", path, p.Version)
			}
			entries := strings.Join(p.Entries, "|")
			if strings.Contains(entries, "Hidden") {
				t.Errorf("%s carries %s", path, entries)
			}
			fr := strings.Contains(path, "lang=fr")
			if fr && (!strings.Contains(entries, "Visible <one> & only (fr)") || !strings.Contains(entries, "Seulement en français")) {
				t.Errorf("%s: entries %q", path, entries)
			}
			if !fr && (!strings.Contains(entries, "Visible <one> & only") || strings.Contains(entries, "(fr)") || strings.Contains(entries, "Seulement")) {
				t.Errorf("%s: entries %q", path, entries)
			}
			if strings.Contains(path, "/category/") && !strings.Contains(p.Title, "&") {
				t.Errorf("%s: title %q", path, p.Title)
			}
		}
		for _, path := range []string{"/news", "/events", "/directory", "/outreach"} {
			_, body := ts.do(t, "GET", path, nil, map[string]string{"Accept-Language": "en"})
			if !strings.Contains(body, `<link rel="alternate" type="application/rss+xml"`) || !strings.Contains(body, `href="/news/feed.rss?lang=en"`) ||
				!strings.Contains(body, `type="application/atom+xml"`) {
				t.Errorf("%s does not announce the feeds", path)
			}
		}
		_, list := ts.do(t, "GET", "/news/category/"+cat.Slug, nil, map[string]string{"Accept-Language": "en"})
		if !strings.Contains(list, "Visible &lt;one&gt; &amp; only") || strings.Contains(list, "Hidden") {
			t.Errorf("the anonymous list:\n%s", list)
		}
	})
}

// newsXSSPayloads are known ways to run a script through a title, a Markdown
// text, a link or an attribute.
var newsXSSPayloads = []string{
	`<script>alert("x1")</script>`,
	`<img src=x onerror=alert("x2")>`,
	`[clique](javascript:alert("x3"))`,
	`<a href="javascript:alert('x4')">a</a>`,
	`"><svg onload=alert("x5")>`,
	`<iframe src="https://evil.example/x6"></iframe>`,
	`[x7](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	"<div style=\"background:url(javascript:alert('x8'))\">x</div>",
}

// markupRisks are the markup that runs script, as it would stand in a page:
// an event handler attribute in a tag, a script that is not JSON-LD, an
// iframe or svg element, a javascript: or data: link. Escaped text
// (&lt;img onerror=…&gt;) is not markup and does not match.
var markupRisks = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`),
	regexp.MustCompile(`(?i)<script(\s[^>]*)?>`),
	regexp.MustCompile(`(?i)<(iframe|svg|object|embed)\b`),
	regexp.MustCompile(`(?i)url\(\s*['"]?javascript:`),
}

// jsonLDBlock is a page's schema.org data: JSON whose < are escaped.
var jsonLDBlock = regexp.MustCompile(`(?s)<script type="application/ld\+json">.*?</script>`)

// linkRisk is a link or source that runs script, in the page as written
// (escaped text writes its quotes &#34;, so it never matches).
var linkRisk = regexp.MustCompile(`(?i)(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):`)

// risksIn lists the risky markup of a page.
func risksIn(page string) []string {
	page = jsonLDBlock.ReplaceAllString(page, "")
	found := linkRisk.FindAllString(page, -1)
	stripped := quotedAttribute.ReplaceAllString(page, `=""`)
	for _, re := range markupRisks {
		found = append(found, re.FindAllString(stripped, -1)...)
	}
	return found
}

// quotedAttribute is an attribute's quoted value: what html/template writes
// there is text (its quotes escaped), never markup.
var quotedAttribute = regexp.MustCompile(`="[^"]*"`)

// feedHTML collects the HTML a feed reader renders: the text of every
// description, summary and content element, CDATA or escaped.
func feedHTML(t *testing.T, feed string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(feed))
	var out strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out.String()
		}
		if err != nil {
			t.Fatalf("feed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth > 0 || tok.Name.Local == "description" || tok.Name.Local == "summary" || tok.Name.Local == "content" || tok.Name.Local == "encoded" {
				depth++
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
				out.WriteString("\n")
			}
		case xml.CharData:
			if depth > 0 {
				out.Write(tok)
			}
		}
	}
}

// TestXSSThroughNewsNeverReachesAPage: payloads in an article's title,
// summary, Markdown text and picture description, posted through the
// editor's form, reach the article page, the list and the feeds escaped or
// removed, never as markup.
func TestXSSThroughNewsNeverReachesAPage(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		b := ts.newBrowser(t)
		b.signIn("contenu@berceau.example")
		payload := strings.Join(newsXSSPayloads, "\n\n")
		form := url.Values{"organization": {directory.NameUUID("demo-org:nid-hochelaga")}, "audience": {"public"}, "status": {"published"},
			"title_fr": {`Titre <script>alert("t")</script>`}, "title_en": {`Title "><svg onload=alert(1)>`},
			"summary_fr": {`<img src=x onerror=alert("s")>`}, "body_fr": {payload}, "body_en": {payload}}
		resp, body := b.post("/news/manage", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", resp.StatusCode, body)
		}
		where := resp.Header.Get("Location")
		slug := strings.TrimPrefix(strings.Split(where, "?")[0], "/news/")
		// A picture whose description carries a payload too.
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
		d, err := ts.web.app.News.NewsItem(ctx, contentEditor(ctx, t, ts), slug)
		if err != nil {
			t.Fatal(err)
		}
		d.Item.ImageAlt = berceau.TextOf("fr", `"><script>alert("alt")</script>`, "en", `" onerror="alert(1)`)
		if _, err := ts.web.app.News.SaveNews(ctx, contentEditor(ctx, t, ts), app.NewsChange{Item: d.Item, Image: &app.NewsUpload{Content: png}}); err != nil {
			t.Fatal(err)
		}
		anon := ts.newBrowser(t)
		pages := map[string]string{}
		for _, path := range []string{"/news/" + slug, "/news", "/news/feed.rss?lang=fr", "/news/feed.atom?lang=en"} {
			for _, lang := range []string{"fr", "en"} {
				req, _ := http.NewRequest("GET", ts.URL+path, nil)
				req.Header.Set("Accept-Language", lang)
				resp, err := anon.client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				raw := new(strings.Builder)
				_, _ = io.Copy(raw, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d", path, resp.StatusCode)
				}
				pages[path+" "+lang] = raw.String()
			}
		}
		for where, page := range pages {
			content := page
			if strings.Contains(where, "feed") {
				// A feed's descriptions, summaries and contents are HTML a
				// reader renders (escaped or in CDATA); titles are text.
				content = feedHTML(t, page)
			}
			if risks := risksIn(content); len(risks) > 0 {
				t.Errorf("%s holds markup that runs script: %q", where, risks)
			}
		}
		// The check itself finds what it must.
		if len(risksIn(`<p>ok</p><img src=x onerror=alert(1)><a href="javascript:x">`)) != 2 || len(risksIn(`<p>&lt;img onerror=x&gt;</p>`)) != 0 {
			t.Fatal("the markup check is broken")
		}
		if !strings.Contains(pages["/news/"+slug+" fr"], `Titre &lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;`) {
			t.Errorf("the French title is not shown escaped")
		}
		if !strings.Contains(pages["/news/"+slug+" fr"], `alt="&#34;&gt;&lt;script&gt;alert(&#34;alt&#34;)&lt;/script&gt;"`) {
			t.Errorf("the picture's description is not escaped in its attribute")
		}
		if !strings.Contains(pages["/news/"+slug+" en"], "<strong>") && !strings.Contains(pages["/news/"+slug+" en"], "<p>") {
			t.Errorf("the Markdown was not rendered at all")
		}
	})
}

// TestNewsletterOverHTTPDoubleOptInAndRFC8058OneClick: a visitor
// subscribes; the confirmation link opens a page with a button (a mail
// scanner opening it confirms nothing); the digest carries the one-click
// headers; a mail client's POST "List-Unsubscribe=One-Click", cross-site
// and without a cookie, unsubscribes at once.
func TestNewsletterOverHTTPDoubleOptInAndRFC8058OneClick(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		a := ts.web.app
		editor := contentEditor(ctx, t, ts)
		cat, err := a.News.SaveCategory(ctx, editor, knowledge.NewsCategory{Name: berceau.TextOf("fr", "Collectes", "en", "Drives")})
		if err != nil {
			t.Fatal(err)
		}
		v := ts.newBrowser(t)
		resp, body := v.post("/news/subscribe", url.Values{"email": {"lea@example.org"}, "categories": {itoa(cat.ID)}})
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `role="status"`) {
			t.Fatalf("subscribe: %d\n%s", resp.StatusCode, body)
		}
		outbox := func(to string) []store.OutboxMessage {
			var out []store.OutboxMessage
			_ = st.ReadTx(ctx, func(tx *store.Tx) error {
				list, err := tx.ListOutbox(ctx, 500)
				for _, m := range list {
					if m.Recipient == to {
						out = append(out, m)
					}
				}
				return err
			})
			return out
		}
		mails := outbox("lea@example.org")
		if len(mails) != 1 {
			t.Fatalf("mails %+v", mails)
		}
		link := mails[0].Body[strings.Index(mails[0].Body, "/news/subscribe/confirm?token="):]
		link = strings.Fields(link)[0]
		token, _ := url.QueryUnescape(strings.TrimPrefix(link, "/news/subscribe/confirm?token="))
		if resp, body := v.get(link); resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="token"`) {
			t.Fatalf("the confirmation page: %d", resp.StatusCode)
		}
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		// Before the confirmation, the address receives nothing.
		if _, err := a.News.SaveNews(ctx, editor, app.NewsChange{Item: newsItemFor("Collecte d'hiver", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		if n, err := a.News.SendDigests(ctx); err != nil || n != 0 || len(outbox("lea@example.org")) != 1 {
			t.Fatalf("an unconfirmed address got a digest: %d %v", n, err)
		}
		if resp, body := v.post("/news/subscribe/confirm", url.Values{"token": {token}}); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Collectes") {
			t.Fatalf("confirm: %d\n%s", resp.StatusCode, body)
		}
		now = now.Add(time.Minute)
		if _, err := a.News.SaveNews(ctx, editor, app.NewsChange{Item: newsItemFor("Winter clothing drive", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		if n, err := a.News.SendDigests(ctx); err != nil || n != 1 {
			t.Fatalf("digest: %d %v", n, err)
		}
		digest := outbox("lea@example.org")[0]
		var unsubscribe, post string
		for _, h := range digest.Headers {
			switch h.Name {
			case "List-Unsubscribe":
				unsubscribe = h.Value
			case "List-Unsubscribe-Post":
				post = h.Value
			}
		}
		if post != "List-Unsubscribe=One-Click" || !strings.HasPrefix(unsubscribe, "<") || !strings.Contains(unsubscribe, "/news/unsubscribe/") {
			t.Fatalf("headers %+v", digest.Headers)
		}
		target := strings.TrimSuffix(strings.TrimPrefix(strings.Split(unsubscribe, ",")[0], "<"), ">")
		path := target[strings.Index(target, "/news/unsubscribe/"):]
		// The article published before the confirmation is not in it; the one after is, in French (the form's language).
		if !strings.Contains(digest.Body, path) || !strings.Contains(digest.Body, "Winter clothing drive (fr)") || strings.Contains(digest.Body, "Collecte d'hiver") {
			t.Fatalf("the digest's body (in French, since the form was):\n%s", digest.Body)
		}
		// GET only shows the button.
		if resp, body := ts.do(t, "GET", path, nil, nil); resp.StatusCode != http.StatusOK || !strings.Contains(body, `method="post"`) {
			t.Fatalf("the unsubscribe page: %d", resp.StatusCode)
		}
		// A mail client's one-click POST, cross-site, no cookie.
		resp, body = ts.do(t, "POST", path, strings.NewReader("List-Unsubscribe=One-Click"), map[string]string{
			"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site", "Origin": "https://mail.example.net"})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("one-click unsubscribe: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ := ts.do(t, "GET", path, nil, nil); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("still subscribed after the one-click POST: %d", resp.StatusCode)
		}
		now = now.Add(time.Minute)
		if _, err := a.News.SaveNews(ctx, editor, app.NewsChange{Item: newsItemFor("After", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		if n, err := a.News.SendDigests(ctx); err != nil || n != 0 {
			t.Fatalf("a digest after unsubscribing: %d %v", n, err)
		}
		// Other protected POSTs stay refused cross-site.
		if resp, _ := ts.do(t, "POST", "/news/subscribe", strings.NewReader("email=x%40example.org"), map[string]string{
			"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a cross-site subscription was accepted: %d", resp.StatusCode)
		}
	})
}

// TestNewsCategoriesAreAddedAndRenamedFromTheEditorsPage: a network
// coordinator adds a category and renames it through the forms of
// /news/manage; its address stays.
func TestNewsCategoriesAreAddedAndRenamedFromTheEditorsPage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("contenu@berceau.example")
	if resp, _ := b.post("/news/categories", url.Values{"name_fr": {"Santé mentale"}, "name_en": {"Mental health"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", resp.StatusCode)
	}
	_, page := b.get("/news/manage")
	m := regexp.MustCompile(`action="/news/categories/(\d+)"[^<]*\s*<div class="field"><label for="cat-(\d+)-fr"`).FindAllStringSubmatch(page, -1)
	if len(m) != 4 || m[3][1] != m[3][2] {
		t.Fatalf("category forms %v", m)
	}
	if resp, _ := b.post("/news/categories/"+m[3][1], url.Values{"name_fr": {"Santé mentale périnatale"}, "name_en": {"Perinatal mental health"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	if resp, page := b.get("/news/category/sante-mentale"); resp.StatusCode != http.StatusOK || !strings.Contains(page, "Santé mentale périnatale") {
		t.Fatalf("the renamed category: %d", resp.StatusCode)
	}
}
