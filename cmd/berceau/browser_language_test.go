package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserHeaderLanguageSwitchWhenSignedIn: in Chromium, a coordinator
// whose account is French clicks "English" in the header: the pages turn
// English (they stayed French before), the next page offers to keep
// English for the account, and a click on the offer saves it. French pages
// show French numbers and audit details. With BERCEAU_SCREENSHOTS=DIR, the
// pages are also written there as PNGs, to be looked at.
func TestBrowserHeaderLanguageSwitchWhenSignedIn(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	ctx := testutil.NewBrowser(t, "fr-CA,fr")
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	b := browserSession{t: t, ctx: ctx, url: p.URL}
	shots := os.Getenv("BERCEAU_SCREENSHOTS")
	shoot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lang := func() string { return b.eval("lang", `document.documentElement.lang`) }

	b.signIn("coordination@berceau.example", 0)
	b.do("my day", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(p.URL+"my-day"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := lang(); got != "fr" {
		t.Fatalf("the French account starts in %q", got)
	}
	shoot("my-day-fr")
	b.do("open a file", chromedp.Navigate(p.URL+"families/1/follow-up"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	shoot("follow-up-fr")
	b.do("its access log", chromedp.Navigate(p.URL+"families/1/access-log"), chromedp.WaitVisible(chromedp.CSS("table.audit")))
	if text := b.eval("access log", `document.querySelector('main').innerText`); !strings.Contains(text, "\tsuivi") || strings.Contains(text, "follow-up") {
		t.Fatalf("the French access log: %q", text)
	}
	shoot("access-log-fr")
	b.do("directory", chromedp.Navigate(p.URL+"directory?need=food&near=H1G"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := b.eval("directory", `document.querySelector('main').innerText`); !strings.Contains(text, "à 0,") {
		t.Fatalf("no French distance on the results: %q", text)
	}
	shoot("directory-fr")
	b.do("account", chromedp.Navigate(p.URL+"account"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	shoot("account-fr")

	b.do("switch to English",
		chromedp.Navigate(p.URL+"my-day"),
		chromedp.Click(chromedp.CSS(`.lang-switch button[value=en]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=en] .language-offer`)),
	)
	shoot("my-day-en-offer")
	// Saving comes back to the same page, in English, without the offer.
	b.do("keep English",
		chromedp.Click(chromedp.CSS(`.language-offer button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`.language-offer`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=en] main h1`)),
	)
	b.do("account in English", chromedp.Navigate(p.URL+"account"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := b.eval("account language", `document.querySelector('#locale').value`); got != "en" {
		t.Fatalf("the account's language after saving: %q", got)
	}
	shoot("account-en")
	b.do("directory in English", chromedp.Navigate(p.URL+"directory?need=food&near=H1G"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if text := b.eval("directory", `document.querySelector('main').innerText`); !strings.Contains(text, "0.") || strings.Contains(text, "à 0,") {
		t.Fatalf("English distances: %q", text)
	}
	shoot("directory-en")
	b.do("my day in English", chromedp.Navigate(p.URL+"my-day"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	shoot("my-day-en")
}
