package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserPortalVisitorSearchesAndEditorRestoresARevision walks the
// public portal in Chromium: a visitor reads the home page in French (her
// browser's language) and at /en/ in English, searches from the home
// page's box in both languages and gets results grouped by kind; then the
// content editor rewrites the About page in English, publishes it, and
// restores the previous revision from the history, which the visitor
// reads again. Every page keeps its navigation on one row at 1280 px, does
// not scroll sideways at 390 px, shows no raw key, and (in French) has no
// serious axe-core violation.
func TestBrowserPortalVisitorSearchesAndEditorRestoresARevision(t *testing.T) {
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
	url := strings.TrimSuffix(p.URL, "/") + "/"
	visitor := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 5*time.Minute), url: url}
	problems := watchConsole(visitor.ctx)

	check := func(b browserSession, where, lang string) {
		t.Helper()
		checkPageLook(t, b, axe, isKey, where, lang)
	}
	mainText := func(b browserSession) string { return b.eval("main", `document.querySelector('main').textContent`) }

	// The visitor's French home page: the network's pages, upcoming
	// events, the search box; no demo accounts.
	visitor.do("home", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(".portal-intro")))
	check(visitor, "home (fr)", "fr")
	home := mainText(visitor)
	for _, want := range []string{"À propos du réseau", "La périnatalité sociale", "Événements à venir", "Organisations membres du réseau"} {
		if !strings.Contains(home, want) {
			t.Errorf("French home page lacks %q", want)
		}
	}
	if strings.Contains(home, "berceau-demo") {
		t.Error("the home page still lists the demo accounts")
	}
	visitor.do("search (fr)", chromedp.SendKeys(chromedp.CSS("#portal-q"), "périnatalité"),
		chromedp.Click(chromedp.CSS("form.portal-search button")), chromedp.WaitVisible(chromedp.CSS("main [role=status]")))
	check(visitor, "search (fr)", "fr")
	found := mainText(visitor)
	for _, want := range []string{"Pages du réseau", "Services du répertoire", "La périnatalité sociale"} {
		if !strings.Contains(found, want) {
			t.Errorf("French search lacks %q", want)
		}
	}

	// The same visitor at /en/: English, and the search stays in English.
	visitor.do("home (en)", chromedp.Navigate(url+"en/"), chromedp.WaitVisible(chromedp.CSS(".portal-intro")))
	check(visitor, "home (en)", "en")
	if home := mainText(visitor); !strings.Contains(home, "Social perinatal care") || !strings.Contains(home, "Upcoming events") {
		t.Errorf("English home page:\n%s", home)
	}
	visitor.do("search (en)", chromedp.SendKeys(chromedp.CSS("#portal-q"), "breastfeeding"),
		chromedp.Click(chromedp.CSS("form.portal-search button")), chromedp.WaitVisible(chromedp.CSS("main [role=status]")))
	check(visitor, "search (en)", "en")
	if got := visitor.eval("search address", `location.pathname`); got != "/en/search" {
		t.Errorf("the English search went to %s", got)
	}
	if found := mainText(visitor); !strings.Contains(found, "results for") && !strings.Contains(found, "result for") {
		t.Errorf("English search results:\n%s", found)
	}

	// The editor rewrites the English About page and publishes it.
	editor := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 5*time.Minute), url: url}
	signInWithoutCode(editor, "contenu@berceau.example")
	editor.do("pages", chromedp.Navigate(url+"portal/pages"), chromedp.WaitVisible(chromedp.CSS("table")))
	check(editor, "pages (fr)", "fr")
	editor.do("about", chromedp.Click(chromedp.CSS(`table a[href^="/portal/pages/"]`)), chromedp.WaitVisible(chromedp.CSS("form.page-form")))
	check(editor, "page form (fr)", "fr")
	editor.eval("fill", `(() => { const f = document.querySelector('form.page-form'); f.elements['body_en'].value = 'Our network, **rewritten**.';
		f.elements['note'].value = 'Plus court'; return '' })()`)
	editor.do("publish", chromedp.Click(chromedp.CSS(`form.page-form button[name=publish]`)), chromedp.WaitVisible(chromedp.CSS("main .notice, main .alert")))
	if got := editor.eval("published", `document.querySelector('main .notice, main .alert').textContent`); !strings.Contains(got, "Page publiée") {
		t.Fatalf("publish: %s\n%s", got, mainText(editor))
	}
	visitor.do("about (en)", chromedp.Navigate(url+"en/pages/about"), chromedp.WaitVisible(chromedp.CSS(".prose")))
	if got := visitor.eval("about", `document.querySelector('.prose').innerHTML`); !strings.Contains(got, "<strong>rewritten</strong>") {
		t.Errorf("the published text is not shown: %s", got)
	}
	check(visitor, "page (en)", "en")

	// It restores revision 2 (the demo's) from the history.
	editor.eval("forget the last notice", `(() => { document.querySelector('main .notice').remove(); return '' })()`)
	editor.do("restore", chromedp.Click(chromedp.CSS(`form[action$="/revisions/2/restore"] button`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	if history := mainText(editor); !strings.Contains(history, "Restaure la révision 2") || !strings.Contains(history, "Révision 4") {
		t.Errorf("history after the restore:\n%s", history)
	}
	visitor.do("about again", chromedp.Navigate(url+"en/pages/about"), chromedp.WaitVisible(chromedp.CSS(".prose")))
	if got := mainText(visitor); !strings.Contains(got, "Who is it for?") || strings.Contains(got, "rewritten") {
		t.Errorf("the restored text is not shown:\n%s", got)
	}
	if found := problems(); len(found) > 0 {
		t.Errorf("console: %v", found)
	}
}
