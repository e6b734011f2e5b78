package main

import (
	"testing"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserSwitchesLanguageAndRemembersIt opens the real program in
// Chromium: French first, English after the switch, still English after a
// reload, French again after switching back.
func TestBrowserSwitchesLanguageAndRemembersIt(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	ctx := testutil.NewBrowser(t, "fr-CA,fr")
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))

	read := func(step string) (lang, heading, nav string) {
		t.Helper()
		var err error
		if lang, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if heading, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#members-title"))); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if nav, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".site-nav a[aria-current=page]"))); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return lang, heading, nav
	}
	check := func(step, wantLang, wantHeading, wantNav string) {
		t.Helper()
		lang, heading, nav := read(step)
		if lang != wantLang || heading != wantHeading || nav != wantNav {
			t.Fatalf("%s: lang=%q heading=%q nav=%q, want %q %q %q", step, lang, heading, nav, wantLang, wantHeading, wantNav)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(p.URL)); err != nil {
		t.Fatal(err)
	}
	check("first visit", "fr", "Organisations membres du réseau", "Accueil")

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.lang-switch button[value=en]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang=en] #members-title`))); err != nil {
		t.Fatal(err)
	}
	check("after switching to English", "en", "Member organisations of the network", "Home")

	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	check("after a reload", "en", "Member organisations of the network", "Home")

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.lang-switch button[value=fr]`)), chromedp.WaitVisible(chromedp.CSS(`html[lang=fr] #members-title`))); err != nil {
		t.Fatal(err)
	}
	check("after switching back", "fr", "Organisations membres du réseau", "Accueil")

	// The keyboard reaches the skip link first.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err != nil || focused != "skip-link" {
		t.Fatalf("first Tab focuses %q (%v), want the skip link", focused, err)
	}
}
