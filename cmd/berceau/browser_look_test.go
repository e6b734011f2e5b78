package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

var screenshotsRoles = flag.String("screenshots-roles", "", "TestScreenshots: only these roles of the walk, comma-separated (public,practitioner,…)")

var screenshotsDir = flag.String("screenshots", "", "TestScreenshots: write PNGs of every role's main pages (1280 and 390 px, French and English) into this directory")

// A lookStop is one page of the walk. Its path may name {family} (the demo
// nurse's Haddad family, which has visits and referrals); a stop with link opens the first link matching
// that selector on the page at path instead.
type lookStop struct {
	name, path, link string
}

// A lookRole is a demo account and the main pages it uses.
type lookRole struct {
	slug, email string
	code        bool // signs in with a second factor
	glass       bool // breaks the glass on {family} before the walk
	screen      bool // screens {family} before the walk: {screening} is the result
	stops       []lookStop
}

// lookWalk is the walk of TestBrowserPagesFitPhonesSpeakOneLanguageAndPassAxe
// and TestScreenshots: every role's main pages.
var lookWalk = []lookRole{
	{slug: "public", stops: []lookStop{
		{"home", "/", ""}, {"directory", "/directory?q=allaitement", ""},
		{"service", "/directory?q=allaitement", `a[href^="/directory/services/"]`},
		{"org-map", "/directory/organizations/map", ""}, {"signin", "/signin", ""},
		{"agenda", "/events", ""}, {"agenda-month", "/events?view=month", ""},
		{"event", "/events", `.event-list a[href^="/events/"]`}, {"cycle", "/cycles/1", ""},
		// The portal (issue 16): the search over everything public, an editable page.
		{"search", "/search?q=allaitement", ""}, {"page", "/pages/about", ""},
		{"trainings", "/trainings", ""}, {"training", "/trainings", `.event-list a[href^="/trainings/"]`}, {"verify", "/verify", ""},
		// The resource library (issue 16).
		{"library", "/library", ""}, {"library-search", "/library?q=securite", ""},
		{"library-resource", "/library?q=allaitement", `.library-list a[href^="/library/"]`},
		// News and the outreach register (issue 16).
		{"news", "/news", ""}, {"news-article", "/news", `.news-list a[href^="/news/"]`}, {"news-subscribe", "/news/subscribe", ""},
		{"outreach", "/outreach", ""}, {"outreach-entry", "/outreach", `.outreach-list h2 a`},
	}},
	{slug: "practitioner", email: "infirmiere@berceau.example", code: true, screen: true, stops: []lookStop{
		{"my-day", "/my-day", ""}, {"families", "/families", ""}, {"file", "/families/{family}", ""},
		{"follow-up", "/families/{family}/follow-up", ""}, {"plan", "/families/{family}/plan", ""},
		{"enrollment", "/families/{family}/enrollment", ""},
		{"screening", "{screening}", ""}, {"screening-new", "/families/{family}/screenings/new", ""},
		{"contact-new", "/families/{family}/contacts/new", ""}, {"referral-new", "/families/{family}/referrals/new", ""},
		{"consents", "/families/{family}/consents", ""}, {"intake", "/families/new", ""},
		{"learning-record", "/me/learning-record", ""}, {"learning-declare", "/me/learning-record/declarations/new", ""},
		// The internship register: the trainee she supervises (weeks to countersign).
		{"internships", "/internships", ""}, {"internship", "/internships", `tbody a[href^="/internships/"]`},
		{"voice-offer", "/families/{family}/voice", ""}, {"voice-results", "/voice", ""},
	}},
	{slug: "coordinator", email: "coordination@berceau.example", code: true, stops: []lookStop{
		{"my-day", "/my-day", ""}, {"caseloads", "/coordination/caseloads", ""}, {"access-review", "/coordination/access", ""},
		{"file", "/families/{family}", ""}, {"enrollment", "/families/{family}/enrollment", ""},
		{"decision-new", "/families/{family}/decisions/new", ""},
		{"access-log", "/families/{family}/access-log", ""},
		// Indicators (issue 17).
		{"indicators", "/indicators", ""}, {"indicators-by-site", "/indicators?by=site&by2=programme", ""},
		{"indicators-chart", "/indicators?by=month#ind-home_visit_share", ""},
		{"indicator-catalogue", "/indicators/catalogue", ""}, {"expected-births", "/indicators/expected-births", ""},
		{"learning-records", "/learning-records", ""}, {"learning-person", "/learning-records", `table a[href^="/learning-records/people/"]`},
		// The internship register of her site and its yearly report.
		{"internships", "/internships", ""}, {"internship-new", "/internships/new", ""},
		{"internship-report", "/internships/report?from=2025-04-01&to=2026-03-31", ""},
		{"voice-results", "/voice", ""}, {"voice-moderation", "/voice/moderation", ""},
		{"voice-comments", "/voice/comments", ""}, {"voice-questions", "/voice/questions", ""},
	}},
	{slug: "physician-break-glass", email: "medecin@berceau.example", code: true, glass: true, stops: []lookStop{
		{"file", "/families/{family}", ""}, {"follow-up", "/families/{family}/follow-up", ""},
	}},
	{slug: "trainee", email: "stagiaire@berceau.example", code: true, stops: []lookStop{
		{"my-day", "/my-day", ""}, {"families", "/families", ""},
		// Her internship: the weeks she logs.
		{"internship", "/internships", `tbody a[href^="/internships/"]`},
	}},
	{slug: "content-editor", email: "contenu@berceau.example", stops: []lookStop{
		{"moderation", "/directory/moderation", ""}, {"directory", "/directory", ""}, {"event-new", "/events/new", ""},
		// The demo's first events: Bassin Sud session 1 (past, with attendance and
		// feedback) and session 2 (full, with a waitlist).
		{"event-attendees", "/events/2/attendees", ""}, {"event-checkin", "/events/1/checkin", ""},
		{"event-feedback", "/events/1/feedback", ""},
		// The network's languages: an event's form with a field per language,
		// the translators' filters.
		{"event-edit", "/events/2/edit", ""}, {"moderation-missing-nl", "/directory/moderation?missing=nl", ""},
		{"agenda-missing-nl", "/events?missing=nl", ""},
		// The portal's pages and a page's form with its history (issue 16).
		{"portal-pages", "/portal/pages", ""}, {"page-edit", "/portal/pages", `table a[href^="/portal/pages/"]`},
		{"training-new", "/trainings/new", ""}, {"training-participants", "/trainings/1/participants", ""},
		// The resource library (issue 16): the demo's second resource has two versions.
		{"library-new", "/library/new", ""}, {"library-resource", "/library/2", ""}, {"library-edit", "/library/2/edit", ""},
		// News and the outreach register (issue 16).
		{"news-manage", "/news/manage", ""}, {"news-new", "/news/manage/new", ""},
		{"outreach-new", "/outreach/new", ""}, {"outreach-import", "/outreach/import", ""},
	}},
	{slug: "network-member", email: "membre@berceau.example", stops: []lookStop{
		{"home", "/", ""}, {"account", "/account", ""}, {"registrations", "/me/registrations", ""},
		// The resource library (issue 16): members' resources.
		{"library-members", "/library?audience=members", ""},
	}},
	{slug: "evaluator", email: "evaluation@berceau.example", stops: []lookStop{
		{"home", "/", ""},
		// Indicators, de-identified (issue 17).
		{"evaluation", "/evaluation", ""}, {"evaluation-by-site", "/evaluation?by=site&by2=level", ""},
		{"evaluation-chart", "/evaluation?by=site#ind-contacts_held", ""}, {"evaluation-table", "/evaluation?by=site&by2=kind#ind-home_visit_share", ""},
		{"voice-results", "/voice", ""}, {"voice-comments", "/voice/comments", ""},
	}},
	{slug: "admin", email: "admin@berceau.example", stops: []lookStop{
		{"users", "/admin/users", ""}, {"organisations", "/admin/organisations", ""},
		{"thresholds", "/admin/thresholds", ""}, {"audit", "/admin/audit", ""}, {"outbox", "/admin/outbox", ""},
		// Filtered by an action's prefix and a date, the filters no index
		// serves (migration 00128 dropped the one nothing could use).
		{"audit-filtered", "/admin/audit?action=auth.&from=2026-01-01", ""},
		{"account", "/account", ""},
		{"settings", "/admin/settings", ""}, // the network's languages
		{"learning-network", "/learning-records/network", ""},
		// The newsletter's counts (issue 16).
		{"newsletter", "/admin/newsletter", ""},
		// The network's internship report and the register's lists.
		{"internship-report", "/internships/report?from=2025-04-01&to=2026-03-31", ""}, {"internship-settings", "/internships/settings", ""},
		{"voice-questions", "/voice/questions", ""}, {"voice-question", "/voice/questions/1", ""},
	}},
}

// lookLanguages are the languages the walk sees every page in: the demo
// network offers Dutch beside French and English (its Brussels partners).
var lookLanguages = []string{"fr", "en", "nl"}

// lookVisit is one page as the walk saw it, in one language.
type lookVisit struct {
	role, stop, lang, url string
	first                 bool // the role's first page in this language
}

// walkLook signs every role in, opens its pages in French, English and
// Dutch and calls at on each; at sets the viewport it needs.
func walkLook(t *testing.T, only string, at func(b browserSession, v lookVisit)) {
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	b := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 10*time.Minute), url: strings.TrimSuffix(p.URL, "/") + "/"}
	family, screening := "", ""
	for _, role := range lookWalk {
		if only != "" && !strings.Contains(","+only+",", ","+role.slug+",") {
			continue
		}
		t.Logf("walk: %s", role.slug)
		b.do("wide for "+role.slug, chromedp.EmulateViewport(1280, 900))
		switch {
		case role.email == "":
		case role.code:
			b.signIn(role.email, 0)
		default:
			signInWithoutCode(b, role.email)
		}
		if family == "" && role.code {
			b.do("families", chromedp.Navigate(b.url+"families"), chromedp.WaitVisible(chromedp.CSS("main table")))
			href := b.eval("the Haddad family", `([...document.querySelectorAll('main a[href^="/families/"]')].find(a => /^\/families\/\d+$/.test(a.getAttribute('href')) && a.textContent.includes('Haddad')) || {getAttribute: () => ''}).getAttribute('href')`)
			family = strings.TrimPrefix(href, "/families/")
			if family == "" {
				t.Fatal("the practitioner sees no family file")
			}
		}
		if role.screen {
			b.do("screening form", chromedp.Navigate(b.url+"families/"+family+"/screenings/new"), chromedp.WaitVisible(chromedp.CSS("#household_size")))
			b.submit("screening", "form[action$='/screenings']", map[string]string{
				"programme": "sippe", "pregnancy_due_date": time.Now().AddDate(0, 0, 120).Format("2006-01-02"), "household_size": "3",
				"annual_income": "", "secondary_diploma": "no", "socially_isolated": "yes", "lonely": "unknown",
			}, nil, ".screening-result")
			screening = b.eval("screening", `location.pathname`)
		}
		if role.glass {
			b.do("break the glass", chromedp.Navigate(b.url+"families/"+family+"/break-glass"), chromedp.WaitVisible(chromedp.CSS("main form")))
			b.submit("break the glass", "main form[action$='/break-glass']", map[string]string{"reason": "Urgence : la famille se présente sans son intervenante."}, nil, ".glass-banner")
		}
		for _, lang := range lookLanguages {
			b.switchLanguage(role.email != "", lang)
			for i, s := range role.stops {
				path := strings.ReplaceAll(strings.ReplaceAll(s.path, "{family}", family), "{screening}", screening)
				b.do(role.slug+" "+s.name, chromedp.Navigate(b.url+strings.TrimPrefix(path, "/")), chromedp.WaitReady(chromedp.CSS("body")))
				if s.link != "" {
					href := b.eval(s.name+" link", fmt.Sprintf(`(document.querySelector(%q) || {getAttribute: () => ''}).getAttribute('href')`, "main "+s.link))
					if href == "" {
						t.Errorf("%s %s: no link %s on %s", role.slug, s.name, s.link, path)
						continue
					}
					path = href
					b.do(role.slug+" "+s.name, chromedp.Navigate(b.url+strings.TrimPrefix(path, "/")), chromedp.WaitReady(chromedp.CSS("body")))
				}
				if got := b.eval("lang", `document.documentElement.lang`); got != lang {
					t.Errorf("%s %s: page in %q, want %q", role.slug, s.name, got, lang)
				}
				at(b, lookVisit{role: role.slug, stop: s.name, lang: lang, url: path, first: i == 0})
			}
		}
		if role.email != "" {
			b.switchLanguage(true, "fr")
			b.do("sign out of "+role.email, chromedp.Evaluate[chromedp.Void](`document.querySelector("form[action='/signout']").requestSubmit()`),
				chromedp.WaitReady(chromedp.CSS("a[href='/signin']")))
		} else {
			b.switchLanguage(false, "fr")
		}
	}
}

// switchLanguage changes the page language: a signed-in person's account
// setting, else the header switch. Both are forms, submitted by script so
// that they work whatever the viewport hides.
func (b browserSession) switchLanguage(signedIn bool, lang string) {
	b.t.Helper()
	if signedIn {
		b.do("account", chromedp.Navigate(b.url+"account"), chromedp.WaitReady(chromedp.CSS("#locale")))
		b.submit("language "+lang, "form[action='/account/locale']", map[string]string{"locale": lang}, nil, "html[lang="+lang+"]")
		return
	}
	b.do("home", chromedp.Navigate(b.url), chromedp.WaitReady(chromedp.CSS("body")))
	if b.eval("lang", `document.documentElement.lang`) == lang {
		return
	}
	b.do("language "+lang, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(".lang-switch button[value=%s]").click()`, lang)),
		chromedp.WaitVisible(chromedp.CSS("html[lang="+lang+"] main")))
}

// TestBrowserPagesFitPhonesSpeakOneLanguageAndPassAxe walks every role's main
// pages in French, English and Dutch and fails when a page scrolls sideways at
// 390 px, shows a raw translation key, has a serious or critical axe-core
// violation, or (at 1280 px) wraps its navigation onto a second line.
func TestBrowserPagesFitPhonesSpeakOneLanguageAndPassAxe(t *testing.T) {
	if underRace {
		t.Skip("a page walk: the plain pass runs it; the race pass checks concurrency")
	}
	if testing.Short() {
		t.Skip("browser walk")
	}
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	isKey := rawKeyDetector(t)
	start, pages := time.Now(), 0
	walkLook(t, "", func(b browserSession, v lookVisit) {
		where := fmt.Sprintf("%s %s (%s, %s)", v.role, v.stop, v.lang, v.url)
		pages++
		if v.first {
			b.do(where+": 1280", chromedp.EmulateViewport(1280, 900))
			if rows := b.eval(where, `String(new Set([...document.querySelectorAll('.site-nav > ul > li')].map(li => Math.round(li.getBoundingClientRect().top))).size)`); rows != "1" {
				t.Errorf("%s: at 1280 px the navigation takes %s rows", where, rows)
			}
		}
		b.do(where+": 390", chromedp.EmulateViewport(390, 844))
		if wide := b.eval(where, `document.documentElement.scrollWidth > document.documentElement.clientWidth ? document.documentElement.scrollWidth + ' px: ' + widest() : ''
			function widest() { let w = null; for (const el of document.body.querySelectorAll('*')) { const r = el.getBoundingClientRect(); if (r.right > document.documentElement.clientWidth + 1 && (!w || r.width < w.getBoundingClientRect().width)) w = el } return w ? w.tagName + '.' + w.className : '' }`); wide != "" {
			t.Errorf("%s: scrolls sideways at 390 px (%s)", where, wide)
		}
		if v.first {
			// The phone menu opens without script: a checkbox and its label.
			b.do(where+": open the menu", chromedp.Click(chromedp.CSS(".menu-button")), chromedp.WaitVisible(chromedp.CSS(".site-nav a[href='/directory']")))
			if lang := b.eval(where, `getComputedStyle(document.querySelector('.lang-switch')).display`); lang == "none" {
				t.Errorf("%s: the open menu hides the language switch", where)
			}
			b.do(where+": close the menu", chromedp.Click(chromedp.CSS(".menu-button")), chromedp.WaitNotVisible(chromedp.CSS(".site-nav a[href='/directory']")))
		}
		// Codes shown as codes (an audit action, a token's permission, in
		// <code>) are data, not untranslated text.
		text := b.eval(where, `(() => { const c = document.body.cloneNode(true); c.querySelectorAll('code, script, style').forEach(e => e.remove()); return document.title + '\n' + c.textContent })()`)
		seen := map[string]bool{}
		for _, k := range isKey(text) {
			if !seen[k] {
				t.Errorf("%s: shows the raw translation key %q", where, k)
			}
			seen[k] = true
		}
		if v.lang != "fr" {
			return // axe checks structure, the same in both languages: once is enough
		}
		violations, err := seriousAxeViolations(b.ctx, axe)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, v := range violations {
			t.Errorf("%s: axe %s (%s): %s on %v", where, v.ID, v.Impact, v.Help, v.Nodes)
		}
	})
	if pages < 60 {
		t.Errorf("the walk saw %d pages, want at least 60", pages)
	}
	t.Logf("%d pages checked in %s", pages, time.Since(start).Round(time.Millisecond))
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// seriousAxeViolations injects axe-core (vendored from npm, see
// testdata/axe) into the current page and returns its serious and
// critical violations.
func seriousAxeViolations(ctx context.Context, axe []byte) ([]axeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
		r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	var violations []axeViolation
	if err := json.Unmarshal([]byte(found), &violations); err != nil {
		return nil, fmt.Errorf("axe result %q: %w", found, err)
	}
	return violations, nil
}

// TestAxeCheckFindsAnUnlabelledField proves the accessibility check can
// fail: a page with an unlabelled field and an image without text.
func TestAxeCheckFindsAnUnlabelledField(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := testutil.NewBrowser(t, "fr")
	page := `<!doctype html><html lang="fr"><title>t</title><main><img src="x.png"><input type="text"></main></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html,"+url.PathEscape(page))); err != nil {
		t.Fatal(err)
	}
	violations, err := seriousAxeViolations(ctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, v := range violations {
		ids[v.ID] = true
	}
	if !ids["image-alt"] || !ids["label"] {
		t.Fatalf("axe found %+v, want image-alt and label", violations)
	}
}

// rawKeyDetector returns a function listing the raw translation keys in a
// page's text: dotted lowercase words whose first part is a catalog section
// ("care.my_day_intro"), which an e-mail address or a domain never is, and
// not quoted as an example.
func rawKeyDetector(t *testing.T) func(text string) []string {
	t.Helper()
	files, err := filepath.Glob("../../internal/i18n/locales/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalogs: %v", err)
	}
	sections := map[string]bool{}
	header := regexp.MustCompile(`(?m)^\[([a-z0-9_-]+)`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range header.FindAllStringSubmatch(string(b), -1) {
			sections[m[1]] = true
		}
	}
	token := regexp.MustCompile(`[@/]?\b[a-z][a-z0-9_-]*(?:\.[a-z0-9_]+)+\b`)
	// A code quoted as an example ("for example « admin.user »") is not a key.
	quoted := regexp.MustCompile(`“[^”]*”|«[^»]*»|"[^"]*"`)
	return func(text string) []string {
		text = quoted.ReplaceAllString(text, " ")
		var keys []string
		for _, m := range token.FindAllString(text, -1) {
			if strings.HasPrefix(m, "@") || strings.HasPrefix(m, "/") {
				continue
			}
			if first, _, _ := strings.Cut(m, "."); sections[first] {
				keys = append(keys, m)
			}
		}
		return keys
	}
}

// TestRawKeyDetectorFindsKeysNotAddresses proves the key check can fail.
func TestRawKeyDetectorFindsKeysNotAddresses(t *testing.T) {
	isKey := rawKeyDetector(t)
	got := isKey("Bonjour care.my_day_intro · infirmiere@berceau.example · www.berceau.example · 0,2 km · « admin.user » · family.key_worker_none.")
	if strings.Join(got, " ") != "care.my_day_intro family.key_worker_none" {
		t.Fatalf("keys found: %q", got)
	}
}

// TestScreenshots writes the walk's PNGs (go test ./cmd/berceau -run
// TestScreenshots -screenshots=DIR, or scripts/screenshots.sh): the first
// screen of each page at 1280 px (halved to 640 px wide) and at 390 px.
func TestScreenshots(t *testing.T) {
	if *screenshotsDir == "" {
		t.Skip("no -screenshots=DIR")
	}
	if err := os.MkdirAll(*screenshotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	total := 0
	walkLook(t, *screenshotsRoles, func(b browserSession, v lookVisit) {
		for _, width := range []int64{1280, 390} {
			height := int64(800)
			if width == 390 {
				height = 844
			}
			b.do(v.role+" "+v.stop, chromedp.EmulateViewport(width, height), chromedp.Sleep(150*time.Millisecond))
			shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("%s %s: %v", v.role, v.stop, err)
			}
			if shot, err = compactPNG(shot, width == 1280); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(*screenshotsDir, fmt.Sprintf("%s-%s-%s-%d.png", v.role, v.stop, v.lang, width))
			if err := os.WriteFile(name, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			total += len(shot)
		}
		if v.first && (v.role == "public" || v.role == "coordinator") {
			b.do(v.role+" menu", chromedp.Click(chromedp.CSS(".menu-button")), chromedp.WaitVisible(chromedp.CSS(".site-nav a[href='/directory']")))
			shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
			if err == nil {
				shot, err = compactPNG(shot, false)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(*screenshotsDir, fmt.Sprintf("%s-%s-%s-390-menu.png", v.role, v.stop, v.lang)), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			total += len(shot)
		}
	})
	t.Logf("screenshots: %d KB in %s", total/1024, *screenshotsDir)
}

// compactPNG re-encodes a screenshot with at most 256 colours (its most
// frequent ones, the rest mapped to the nearest) and, when halve is set, at
// half its width and height (2×2 box filter): a few tens of KB per page, so
// that the set stays small enough to keep in the repository.
func compactPNG(pngBytes []byte, halve bool) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		return nil, err
	}
	r := src.Bounds()
	step := 1
	if halve {
		step = 2
	}
	w, h := r.Dx()/step, r.Dy()/step
	pixels := make([]color.NRGBA, 0, w*h)
	counts := map[color.NRGBA]int{}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sr, sg, sb uint32
			for dy := 0; dy < step; dy++ {
				for dx := 0; dx < step; dx++ {
					cr, cg, cb, _ := src.At(r.Min.X+step*x+dx, r.Min.Y+step*y+dy).RGBA()
					sr, sg, sb = sr+cr, sg+cg, sb+cb
				}
			}
			n := uint32(step * step)
			c := color.NRGBA{R: uint8(sr / n >> 8), G: uint8(sg / n >> 8), B: uint8(sb / n >> 8), A: 255}
			pixels = append(pixels, c)
			counts[c]++
		}
	}
	type freq struct {
		c color.NRGBA
		n int
	}
	ranked := make([]freq, 0, len(counts))
	for c, n := range counts {
		ranked = append(ranked, freq{c, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].n != ranked[j].n {
			return ranked[i].n > ranked[j].n
		}
		a, b := ranked[i].c, ranked[j].c
		return uint32(a.R)<<16|uint32(a.G)<<8|uint32(a.B) < uint32(b.R)<<16|uint32(b.G)<<8|uint32(b.B)
	})
	pal := color.Palette{}
	for i := 0; i < len(ranked) && i < 256; i++ {
		pal = append(pal, ranked[i].c)
	}
	dst := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	index := map[color.NRGBA]uint8{}
	for i, c := range pixels {
		k, ok := index[c]
		if !ok {
			k = uint8(pal.Index(c))
			index[c] = k
		}
		dst.Pix[i] = k
	}
	var out bytes.Buffer
	err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, dst)
	return out.Bytes(), err
}
