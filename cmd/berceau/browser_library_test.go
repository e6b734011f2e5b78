package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserEditorUploadsAPDFThatAVisitorFindsByAWordInsideIt: in
// Chromium, a content editor publishes a PDF through the form; an
// anonymous visitor then finds it by typing a word that is only inside the
// PDF (never in its title or summary), with its accents, without them, in
// capitals and by its beginning. The library's pages keep their navigation
// on one row at 1280 px, do not scroll sideways at 390 px, show no raw
// translation key and (in French) have no serious axe-core violation.
func TestBrowserEditorUploadsAPDFThatAVisitorFindsByAWordInsideIt(t *testing.T) {
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
	d := pdfdoc.New("Suivi de grossesse", "Berceau", "fr")
	d.Title("Suivi de grossesse au CLSC")
	d.Paragraph("La première échographie a lieu vers douze semaines ; apportez votre carte d'assurance maladie.")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "suivi-grossesse.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}

	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	url := strings.TrimSuffix(p.URL, "/") + "/"
	editor := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 5*time.Minute), url: url}
	problems := watchConsole(editor.ctx)
	check := func(b browserSession, where, lang string) {
		t.Helper()
		checkPageLook(t, b, axe, isKey, where, lang)
	}

	signInWithoutCode(editor, "contenu@berceau.example")
	editor.do("new document", chromedp.Navigate(url+"library/new"), chromedp.WaitVisible(chromedp.CSS("form.library-form")))
	check(editor, "publication form (fr)", "fr")
	editor.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	editor.submit("publish", "form.library-form", map[string]string{
		"title_fr": "Suivi de grossesse au CLSC", "summary_fr": "Le calendrier des rendez-vous prénatals.",
		"organization": editor.eval("an organisation", `document.querySelector('#organization option[value]:not([value=""])').value`),
	}, []string{`input[name=themes][value="prenatal-care"]`}, ".notice")
	resource := editor.eval("published", `location.pathname`)
	check(editor, "published resource (fr)", "fr")
	if main := editor.eval("published", `document.querySelector('main').textContent`); !strings.Contains(main, "suivi-grossesse.pdf") {
		t.Errorf("the published resource does not name its file:\n%s", main)
	}

	visitor := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 5*time.Minute), url: url}
	for _, words := range []string{"échographie", "echographie", "ÉCHOGRAPHIE", "echogra"} {
		// From a search that finds nothing, so that the results list can
		// only be the new search's.
		visitor.do("search "+words, chromedp.Navigate(url+"library?q=zzzz"), chromedp.WaitVisible(chromedp.CSS("#f-q")),
			chromedp.SetValue(chromedp.CSS("#f-q"), words), chromedp.Click(chromedp.CSS(".library-filters button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#library-results")))
		if got := visitor.eval("words searched", `new URLSearchParams(location.search).get('q')`); got != words {
			t.Errorf("searched %q, the page shows the search for %q", words, got)
		}
		links := visitor.eval("results of "+words, `[...document.querySelectorAll('#library-results h3 a')].map(a => a.getAttribute('href') + ' ' + a.textContent).join('\n')`)
		if !strings.Contains(links, resource+" Suivi de grossesse au CLSC") {
			t.Errorf("searching %q: %q, want %s", words, links, resource)
		}
	}
	check(visitor, "search results (fr)", "fr")
	visitor.do("open the result", chromedp.Click(chromedp.CSS(`#library-results a[href="`+resource+`"]`)), chromedp.WaitVisible(chromedp.CSS(".library-facts")))
	if href := visitor.eval("download link", `document.querySelector('.actions a.primary').getAttribute('href')`); href != resource+"/files/1" {
		t.Errorf("download link %q", href)
	}
	visitor.switchLanguage(false, "en")
	for _, path := range []string{"library?q=echographie", strings.TrimPrefix(resource, "/")} {
		visitor.do("en "+path, chromedp.Navigate(url+path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		check(visitor, fmt.Sprintf("%s (en)", path), "en")
	}
	if found := problems(); len(found) > 0 {
		t.Errorf("console: %v", found)
	}
}
