package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// checkPageLook checks the page b shows as the walks do: its navigation on
// one row at 1280 px, no sideways scrolling at 390 px, the page in lang, no
// raw translation key, and (in French) no serious axe-core violation. It
// leaves the viewport at 1280 px.
func checkPageLook(t *testing.T, b browserSession, axe []byte, isKey func(string) []string, where, lang string) {
	t.Helper()
	b.do(where+": 1280", chromedp.EmulateViewport(1280, 900))
	if rows := b.eval(where, `String(new Set([...document.querySelectorAll('.site-nav > ul > li')].map(li => Math.round(li.getBoundingClientRect().top))).size)`); rows != "1" {
		t.Errorf("%s: at 1280 px the navigation takes %s rows", where, rows)
	}
	b.do(where+": 390", chromedp.EmulateViewport(390, 844))
	if wide := b.eval(where, `document.documentElement.scrollWidth > document.documentElement.clientWidth ? String(document.documentElement.scrollWidth) : ''`); wide != "" {
		t.Errorf("%s: scrolls sideways at 390 px (%s px)", where, wide)
	}
	if got := b.eval(where, `document.documentElement.lang`); got != lang {
		t.Errorf("%s: page in %q, want %q", where, got, lang)
	}
	text := b.eval(where, `(() => { const c = document.body.cloneNode(true); c.querySelectorAll('code, pre, script, style').forEach(e => e.remove()); return document.title + '\n' + c.textContent })()`)
	for _, k := range isKey(text) {
		t.Errorf("%s: shows the raw translation key %q", where, k)
	}
	if lang == "fr" {
		violations, err := seriousAxeViolations(b.ctx, axe)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, v := range violations {
			t.Errorf("%s: axe %s (%s): %s on %v", where, v.ID, v.Impact, v.Help, v.Nodes)
		}
	}
	b.do(where+": back to 1280", chromedp.EmulateViewport(1280, 900))
}
