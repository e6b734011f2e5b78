package main

import (
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserDutchVisitorReadsDutchPages: in Chromium set to Belgian
// Dutch, a visitor of the demo network (which offers Dutch for its Brussels
// partners) reads the public pages in Dutch, with no raw translation key;
// a service named in Dutch shows its Dutch name, one with no Dutch shows
// its French name marked "vertaling ontbreekt", in a lang="fr" span; and
// the header offers French and English.
func TestBrowserDutchVisitorReadsDutchPages(t *testing.T) {
	if underRace {
		t.Skip("a page walk: the plain pass runs it; the race pass checks concurrency")
	}
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	b := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "nl-BE,nl", 3*time.Minute), url: p.URL}
	isKey := rawKeyDetector(t)
	visit := func(name, path, wait string, wants ...string) string {
		t.Helper()
		b.do(name, chromedp.Navigate(b.url+strings.TrimPrefix(path, "/")), chromedp.WaitVisible(chromedp.CSS(wait)))
		if lang := b.eval(name, `document.documentElement.lang`); lang != "nl" {
			t.Errorf("%s: the page is in %q", name, lang)
		}
		text := b.eval(name, `(() => { const c = document.body.cloneNode(true); c.querySelectorAll('code, script, style').forEach(e => e.remove()); return document.title + '\n' + c.textContent })()`)
		if keys := isKey(text); len(keys) > 0 {
			t.Errorf("%s shows raw keys: %v", name, keys)
		}
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		return text
	}
	b.do("wide", chromedp.EmulateViewport(1280, 900))
	visit("home", "/", "main h1", "Aanmelden", "Sociale kaart", "Agenda")
	if other := b.eval("switcher", `[...document.querySelectorAll('.lang-switch button')].map(x => x.value).join(',')`); other != "fr,en" {
		t.Errorf("the switcher offers %q", other)
	}
	visit("directory", "/directory?q=vroedvrouw", "main h1", "Sociale kaart van de perinatale voorzieningen", "Raadplegingen bij de vroedvrouw")
	visit("a service in Dutch", "/directory/services/"+directory.NameUUID("demo-service:parvis:sagefemme"), "main h1",
		"Raadplegingen bij de vroedvrouw", "Openingsuren")
	visit("a service without Dutch", "/directory/services/"+directory.NameUUID("demo-service:parvis:psy"), "main h1", "vertaling ontbreekt")
	if got := b.eval("the fallback", `(document.querySelector('main h1 span[lang]') || {lang: ''}).lang + ':' + (document.querySelector('main h1 span[lang]') || {textContent: ''}).textContent`); got != "fr:Psychologue périnatale" {
		t.Errorf("the French fallback is marked %q", got)
	}
	visit("agenda", "/events", "main h1", "Agenda van het netwerk", "Ontmoeting 2 — De eerste 1000 dagen in het Bassin Sud")
	href := b.eval("an event", `([...document.querySelectorAll('main a[href^="/events/"]')].find(a => a.textContent.includes('Ontmoeting 2')) || {getAttribute: () => ''}).getAttribute('href')`)
	if href == "" {
		t.Fatal("no link to the Dutch session")
	}
	visit("event", href, "main h1", "Ontmoeting 2", "tijd in Brussel")
	visit("sign-in", "/signin", "#email", "E-mailadres", "Wachtwoord")
	b.do("phone", chromedp.EmulateViewport(390, 844))
	visit("directory on a phone", "/directory", "main h1")
	if wide := b.eval("390 px", `String(document.documentElement.scrollWidth > document.documentElement.clientWidth)`); wide != "false" {
		t.Error("the Dutch directory scrolls sideways at 390 px")
	}
}
