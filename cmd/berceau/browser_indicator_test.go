package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserCoordinatorSiteDashboard: the site coordinator opens the
// indicators, picks her site and a breakdown by site × programme, changes
// the period, then downloads one indicator as CSV (fetched with her
// session, as the download link would). The charts are SVG images with a
// title and a description, each beside its data table; the page works
// without JavaScript (it is a form and links).
func TestBrowserCoordinatorSiteDashboard(t *testing.T) {
	if underRace {
		t.Skip("a page walk: the plain pass runs it")
	}
	if testing.Short() {
		t.Skip("browser walk")
	}
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	b := browserSession{t: t, ctx: testutil.NewBrowserFor(t, "fr-CA,fr", 3*time.Minute), url: strings.TrimSuffix(p.URL, "/") + "/"}
	b.signIn("coordination@berceau.example", 0)
	b.do("dashboard", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(b.url+"indicators"), chromedp.WaitVisible(chromedp.CSS("article.indicator")))
	site := b.eval("first site", `document.querySelector('#f-site option:nth-child(2)').value`)
	if site == "" {
		t.Fatal("the coordinator has no site to choose")
	}
	b.submit("site and breakdown", "form.indicator-filters", map[string]string{"site": site, "by": "month", "by2": ""}, nil, "article.indicator")
	if got := b.eval("site chosen", `new URL(location.href).searchParams.get('site')`); got != site {
		t.Fatalf("site in the address: %q, want %q", got, site)
	}
	charts := b.eval("charts", `String(document.querySelectorAll('svg.indicator-chart[role=img] title + desc').length)`)
	tables := b.eval("tables", `String(document.querySelectorAll('article.indicator table.indicator-table').length)`)
	if charts == "0" || charts != tables {
		t.Errorf("%s charts with title and description, %s data tables: each chart needs its table", charts, tables)
	}
	// A period of its own: the first half of last year.
	year := time.Now().Year() - 1
	from, to := strconv.Itoa(year)+"-01-01", strconv.Itoa(year)+"-06-30"
	b.submit("period", "form.indicator-filters", map[string]string{"from": from, "to": to}, nil, "article.indicator")
	if lead := b.eval("period shown", `document.querySelector('main .lead').textContent`); !strings.Contains(lead, "30/06/"+strconv.Itoa(year)) {
		t.Errorf("the period shown: %q", lead)
	}
	if got := b.eval("period kept", `new URL(location.href).searchParams.get('from') + ' ' + new URL(location.href).searchParams.get('site')`); got != from+" "+site {
		t.Errorf("after the period change: %q", got)
	}
	href := b.eval("csv link", `document.querySelector('#ind-families_followed .indicator-export a').getAttribute('href')`)
	if !strings.Contains(href, "code=families_followed") || !strings.Contains(href, "from="+from) {
		t.Fatalf("csv link %q", href)
	}
	csv, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(async () => {
		const a = document.querySelector('#ind-families_followed .indicator-export a');
		const r = await fetch(a.href);
		return r.headers.get('content-disposition') + '\n' + await r.text() })()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if !strings.Contains(lines[0], "attachment") || !strings.Contains(lines[0], "families_followed") || !strings.HasPrefix(lines[1], "indicateur,") || len(lines) < 3 {
		t.Fatalf("downloaded csv: %q", csv)
	}
	for _, l := range lines[2:] {
		if !strings.HasPrefix(l, "families_followed,") {
			t.Errorf("csv row of another indicator: %q", l)
		}
	}
}
