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

// TestBrowserAgendaEventCycleAndOrganiserForm walks the events' pages in
// Chromium, in French then English: the agenda (upcoming, past, month),
// an event page and the cycle page as a visitor, then an organiser's new
// event form, which publishes an event in Brussels' zone. Each page keeps
// its navigation on one row at 1280 px, does not scroll sideways at 390
// px, shows no raw translation key and (in French) has no serious axe-core
// violation; the published event says its time in Brussels time.
func TestBrowserAgendaEventCycleAndOrganiserForm(t *testing.T) {
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

	check := func(where, lang string) {
		t.Helper()
		checkPageLook(t, b, axe, isKey, where, lang)
	}
	visit := func(lang, name, path, wait string) {
		t.Helper()
		b.do(lang+" "+name, chromedp.Navigate(b.url+strings.TrimPrefix(path, "/")), chromedp.WaitVisible(chromedp.CSS(wait)))
		check(fmt.Sprintf("%s (%s)", name, lang), lang)
	}
	zone := map[string]string{"fr": "heure de Bruxelles", "en": "Brussels time"}
	for _, lang := range []string{"fr", "en"} {
		b.switchLanguage(false, lang)
		visit(lang, "agenda", "/events", ".event-list")
		if !strings.Contains(b.eval("zones", `document.querySelector('main').textContent`), zone[lang]) {
			t.Errorf("%s agenda: no %q label", lang, zone[lang])
		}
		visit(lang, "past", "/events?when=past", ".event-list")
		visit(lang, "month", "/events?view=month", ".event-month__grid")
		b.do(lang+" next month", chromedp.Click(chromedp.CSS(".event-month__head a[rel=next]")), chromedp.WaitVisible(chromedp.CSS(".event-month__grid")))
		visit(lang, "event", "/events", ".event-list")
		href := b.eval("first event", `document.querySelector('.event-list a[href^="/events/"]').getAttribute('href')`)
		visit(lang, "event", href, ".event-facts")
		if b.eval("JSON-LD", `String(JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)['@type'])`) != "Event" {
			t.Errorf("%s event: no schema.org Event", lang)
		}
		visit(lang, "cycle", "/cycles/1", ".event-list")
	}

	b.switchLanguage(false, "fr")
	signInWithoutCode(b, "contenu@berceau.example")
	visit("fr", "new event", "/events/new", "form.event-form")
	day := time.Now().AddDate(0, 0, 40).Format("2006-01-02")
	b.submit("publish", "form.event-form", map[string]string{
		"title_fr": "Atelier portage", "title_en": "Babywearing workshop", "kind": "workshop",
		"organizers": b.eval("an organiser", `document.querySelector('#organizers option').value`),
		"time_zone":  "Europe/Brussels", "start_date": day, "start_time": "14:00", "end_date": day, "end_time": "16:00",
		"place_kind": "address", "address": "Rue de la Victoire 96, 1060 Bruxelles", "capacity": "12",
	}, nil, ".notice")
	main := b.eval("published", `document.querySelector('main').textContent`)
	if !strings.Contains(main, "Atelier portage") || !strings.Contains(main, "de 14 h à 16 h") || !strings.Contains(main, "heure de Bruxelles") {
		t.Errorf("the published event:\n%s", main)
	}
	check("published event (fr)", "fr")
	if found := problems(); len(found) > 0 {
		t.Errorf("console: %v", found)
	}
}
