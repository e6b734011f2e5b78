package main

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserDirectorySearchMapSuggestAccept is the directory's round trip
// in Chromium against the real program, which has no tile server: an
// anonymous visitor searches "pédiatr", the map shows the results' markers
// (drawn without tiles), a marker's popup leads to the service page; a
// network member suggests a new email there, a content editor accepts it
// from the moderation page, and the service page shows the new value. No
// step breaks the content security policy.
func TestBrowserDirectorySearchMapSuggestAccept(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	start := time.Now()
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	b := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	problems := watchConsole(b.ctx)

	// Search as anyone.
	// (The page before the search lists every service too: its body is
	// marked so that the wait is for the results of the search.)
	b.do("search page", chromedp.Navigate(p.URL+"directory"), chromedp.WaitVisible(chromedp.CSS("#q")))
	b.eval("mark the page", `document.body.dataset.old = '1'; ''`)
	b.do("search", chromedp.SendKeys(chromedp.CSS("#q"), "pédiatr"),
		chromedp.Click(chromedp.CSS("form.directory-search button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("body:not([data-old]) .directory-results")))
	hits, _ := strconv.Atoi(b.eval("hits", `String(document.querySelectorAll('.directory-hit').length)`))
	placed, _ := strconv.Atoi(b.eval("hits with a position", `String(document.querySelectorAll('.directory-hit[data-lat]').length)`))
	places, _ := strconv.Atoi(b.eval("places", `String(new Set([...document.querySelectorAll('.directory-hit[data-lat]')].map(li => li.dataset.lat + ',' + li.dataset.lon)).size)`))
	if hits < 3 || placed < 3 || places < 2 {
		t.Fatalf("pédiatr: %d hits, %d with a position at %d places", hits, placed, places)
	}

	// The map: one marker per place, drawn although no tile loads.
	b.do("map", chromedp.WaitVisible(chromedp.CSS("#directory-map[data-markers]")))
	markers, _ := strconv.Atoi(b.eval("markers", `String(document.querySelectorAll('#directory-map .leaflet-marker-icon.map-marker').length)`))
	onMap, _ := strconv.Atoi(b.eval("items on the map", `document.getElementById('directory-map').dataset.placed`))
	tiles := b.eval("tiles", `String(document.querySelectorAll('#directory-map .leaflet-tile').length)`)
	if markers != places || onMap != placed || tiles != "0" {
		t.Fatalf("map: %d markers for %d places, %d items for %d, %s tiles", markers, places, onMap, placed, tiles)
	}
	if got := b.eval("marker for the keyboard", `(() => { const m = document.querySelector('#directory-map .map-marker'); return m.getAttribute('tabindex') + ' ' + m.getAttribute('role') })()`); got != "0 button" {
		t.Errorf("markers are not reachable by keyboard: %q", got)
	}

	// Search around the map centre: the same search, by distance from there.
	b.do("search around the map centre", chromedp.Click(chromedp.CSS(".map-center-search")), chromedp.WaitVisible(chromedp.CSS("#center-hint")),
		chromedp.WaitVisible(chromedp.CSS("#directory-map[data-markers]")))
	if got := b.eval("around the centre", `[new URL(location.href).searchParams.get('q'), /^-?\d+\.\d{5},-?\d+\.\d{5}$/.test(new URL(location.href).searchParams.get('center')),
		document.querySelectorAll('.directory-hit').length, document.querySelector('main').innerText.includes('Distances depuis le centre de la carte')].join(' ')`); got != "pédiatr true "+strconv.Itoa(hits)+" true" {
		t.Fatalf("search around the map centre: %s", got)
	}

	// A marker's popup links to the service page.
	b.do("open a marker", chromedp.Click(chromedp.CSS(`#directory-map .map-marker`)), chromedp.WaitVisible(chromedp.CSS(".leaflet-popup-content a")))
	service := b.eval("popup link", `document.querySelector('.leaflet-popup-content a').getAttribute('href')`)
	name := b.eval("popup name", `document.querySelector('.leaflet-popup-content a').textContent`)
	if !strings.HasPrefix(service, "/directory/services/") {
		t.Fatalf("popup link %q", service)
	}
	b.do("service page", chromedp.Click(chromedp.CSS(".leaflet-popup-content a")), chromedp.WaitVisible(chromedp.CSS("main .freshness")))
	if h1 := b.eval("service title", `document.querySelector('main h1').textContent`); !strings.Contains(h1, name) {
		t.Fatalf("the popup's %q opened %q", name, h1)
	}

	// A network member (no family data, so no second factor) suggests a new email.
	newEmail := "pediatrie-" + strconv.FormatInt(time.Now().UnixNano()%100000, 10) + "@le-nid.example"
	signInWithoutCode(b, "membre@berceau.example")
	b.do("service page, signed in", chromedp.Navigate(p.URL+strings.TrimPrefix(service, "/")), chromedp.WaitVisible(chromedp.CSS("#suggest-form")))
	b.submit("suggest", "#suggest-form", map[string]string{"field": "email", "value": newEmail, "note": "Vu sur leur affiche"}, nil, ".notice")
	signOut(b)

	// A content editor accepts it from the moderation page.
	signInWithoutCode(b, "contenu@berceau.example")
	b.do("moderation", chromedp.Navigate(p.URL+"directory/moderation"), chromedp.WaitVisible(chromedp.CSS("#open-title")))
	accept := b.eval("the suggestion's accept form", `(() => { const row = [...document.querySelectorAll('main tr')].find(tr => tr.textContent.includes(`+strconv.Quote(newEmail)+`));
		return row ? row.querySelector('form[action$="/accept"]').getAttribute('action') : '' })()`)
	if accept == "" {
		t.Fatalf("the suggestion of %s is not on the moderation page", newEmail)
	}
	b.submit("accept", `form[action="`+accept+`"]`, map[string]string{}, nil, ".notice")

	// The public page shows the new value.
	signOut(b)
	b.do("service page after", chromedp.Navigate(p.URL+strings.TrimPrefix(service, "/")), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := b.eval("service page text", `document.querySelector('main').innerText`); !strings.Contains(text, newEmail) {
		t.Fatalf("the accepted email %s is not on the public service page", newEmail)
	}
	for _, m := range problems() {
		t.Errorf("console: %s", m)
	}
	t.Logf("search → map → service → suggest → accept in %s", time.Since(start).Round(time.Millisecond))
}

// signInWithoutCode signs in an account whose role needs no second factor.
func signInWithoutCode(b browserSession, email string) {
	b.t.Helper()
	b.do("sign-in of "+email,
		chromedp.Navigate(b.url+"signin"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), demo.Password),
		chromedp.Click(chromedp.CSS("form[action='/signin'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".account .who")),
	)
}

func signOut(b browserSession) {
	b.t.Helper()
	b.do("sign out", chromedp.Click(chromedp.CSS(".account form[action='/signout'] button")), chromedp.WaitVisible(chromedp.CSS(".account a[href='/signin']")))
}

// watchConsole collects what breaks a page: uncaught exceptions and
// content security policy refusals.
func watchConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var found []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Refused to") {
				mu.Lock()
				found = append(found, m.String())
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), found...)
	}
}

// TestBrowserMapKeepsItsMarkersWhenTilesFail: with a tile server that
// cannot be reached (a closed port on this machine), the map of public
// health services still shows one marker per organisation, says that the
// background is missing, and the policy lets the tiles be tried.
func TestBrowserMapKeepsItsMarkersWhenTilesFail(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t),
		"--map-tiles", "http://127.0.0.1:9/{z}/{x}/{y}.png", "--map-attribution", "Tuiles de test")
	b := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	problems := watchConsole(b.ctx)
	b.do("map of public health services", chromedp.Navigate(p.URL+"directory/organizations/map?type=public-health"),
		chromedp.WaitVisible(chromedp.CSS("#directory-map[data-markers]")), chromedp.WaitVisible(chromedp.CSS(".map-note")))
	got := b.eval("markers", `[document.querySelectorAll('#directory-map .map-marker').length, document.querySelectorAll('.map-organization').length,
		document.querySelectorAll('#directory-map img.leaflet-tile').length > 0, document.querySelector('.leaflet-control-attribution').textContent.includes('Tuiles de test')].join(' ')`)
	if got != "3 3 true true" {
		t.Fatalf("markers, organisations, tiles tried, credit shown: %s", got)
	}
	for _, m := range problems() {
		if !strings.Contains(m, "net::") { // the refused tiles themselves
			t.Errorf("console: %s", m)
		}
	}
}
