package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserMyDaySearchAndFileSummary is the start of a nurse's day in
// Chromium: signing in lands her on "my day", which lists today's visit
// with its time and a status chip and counts each section; she finds a
// family from the header's search box by a name typed without accents and
// with a slip ("yasmyne hadad"), opens the file, and its summary header
// names the family, its programme and level, key worker and next contact,
// also in the tab's title.
//
// With BERCEAU_DASH_SHOTS set to a folder, it also saves my day, the search
// results and the file at 1280 and 390 px wide, in French and in English.
func TestBrowserMyDaySearchAndFileSummary(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	langs := []string{"fr-CA,fr"}
	shots := os.Getenv("BERCEAU_DASH_SHOTS")
	if shots != "" {
		langs = append(langs, "en-CA,en")
	}
	for i, lang := range langs {
		nurse := browserSession{t: t, ctx: testutil.NewBrowser(t, lang), url: p.URL}
		nurse.signIn("infirmiere@berceau.example", i)
		text := func(step string) string { return nurse.eval(step, `document.querySelector('main').innerText`) }
		if strings.HasPrefix(lang, "en") {
			// The account's language wins over the browser's: set it to
			// English, then come back to the landing page.
			nurse.do("account", chromedp.Navigate(p.URL+"account"), chromedp.WaitVisible(chromedp.CSS("#locale")))
			nurse.submit("english", "form[action='/account/locale']", map[string]string{"locale": "en"}, nil, "main")
			nurse.do("my day", chromedp.Navigate(p.URL+"my-day"), chromedp.WaitVisible(chromedp.CSS("#today-title")))
		}

		// Landing: my day, not the home page.
		if got := nurse.eval("landing", `location.pathname`); got != "/my-day" {
			t.Fatalf("%s: signing in landed on %q, want /my-day", lang, got)
		}
		today := nurse.eval("today's list", `document.querySelector('#today-title').closest('section').innerText`)
		if !regexp.MustCompile(`\b10:30\b`).MatchString(today) || !strings.Contains(today, "Haddad") {
			t.Fatalf("%s: today's visits show no time:\n%s", lang, today)
		}
		if chip := nurse.eval("chip", `document.querySelector('#today-title').closest('section').querySelector('.chip').textContent.trim()`); chip == "" {
			t.Fatalf("%s: today's visit has a chip without words", lang)
		}
		if count := nurse.eval("count", `document.querySelector('#today-title .count').textContent.trim()`); count == "" || count == "0" {
			t.Fatalf("%s: today's header counts %q visits", lang, count)
		}
		if day := text("my day"); strings.Contains(day, "daily_dash.") {
			t.Fatalf("%s: a raw key on my day:\n%s", lang, day)
		}
		shoot(t, nurse, shots, "my-day", lang, true)

		// Find the family from the header: no accents, one slip per word.
		nurse.submit("search", "form.family-search", map[string]string{"q": "yasmyne hadad"}, nil, ".family-results")
		results := text("results")
		if !strings.Contains(results, "Yasmine Haddad") || strings.Contains(results, "Gagné") {
			t.Fatalf("%s: the search did not find the Haddad file alone:\n%s", lang, results)
		}
		shoot(t, nurse, shots, "search", lang, true)
		nurse.do("open the file", chromedp.Click(chromedp.CSS(".family-results h2 a")), chromedp.WaitVisible(chromedp.CSS(".family-summary")))
		summary := nurse.eval("summary", `document.querySelector('.family-summary').innerText`)
		if strings.Contains(summary+results, "daily_dash.") {
			t.Fatalf("%s: a raw key in the summary:\n%s\n%s", lang, summary, results)
		}
		for _, want := range []string{"Yasmine Haddad", "Amina Diallo", "SIPPE", "10:30"} {
			if !strings.Contains(summary, want) {
				t.Fatalf("%s: the file's summary lacks %q:\n%s", lang, want, summary)
			}
		}
		if title := nurse.eval("title", `document.title`); !strings.HasPrefix(title, "Yasmine Haddad") {
			t.Fatalf("%s: the tab's title %q does not name the family", lang, title)
		}
		shoot(t, nurse, shots, "file", lang, true)
		// The same header on the follow-up page.
		nurse.do("follow-up", chromedp.Click(chromedp.CSS("a[href$='/follow-up']")), chromedp.WaitVisible(chromedp.CSS("#rhythm-title")))
		if got := nurse.eval("follow-up summary", `document.querySelector('.family-summary').innerText`); !strings.Contains(got, "Yasmine Haddad") {
			t.Fatalf("%s: the follow-up page has no summary header:\n%s", lang, got)
		}
		// Its table still scrolls sideways on a phone: the layout (issue 12,
		// item 12) is another area's; only the header is checked here.
		shoot(t, nurse, shots, "follow-up", lang, false)
	}
}

// shoot saves the page at 1280 and 390 px wide when dir is set and, with
// flat, fails when the page scrolls sideways at either width.
func shoot(t *testing.T, b browserSession, dir, name, lang string, flat bool) {
	t.Helper()
	if dir == "" {
		return
	}
	for _, width := range []int64{1280, 390} {
		b.do("viewport", chromedp.EmulateViewport(width, 900))
		png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		file := filepath.Join(dir, name+"-"+lang[:2]+"-"+map[int64]string{1280: "1280", 390: "390"}[width]+".png")
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		if wide := b.eval("overflow", `String(document.documentElement.scrollWidth > window.innerWidth)`); flat && wide == "true" {
			t.Errorf("%s (%s) scrolls sideways at %d px", name, lang, width)
		}
	}
	b.do("viewport back", chromedp.EmulateViewport(1280, 900))
}
