package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

// TestBrowserInternLogsSupervisorCountersignsCoordinatorPrints follows a
// week of an internship in Chromium against the real program: the demo
// trainee logs this week's hours; her supervisor countersigns it from the
// internship's page; the site's coordinator opens the yearly report (its
// chart and sentence) and prints it as a PDF.
func TestBrowserInternLogsSupervisorCountersignsCoordinatorPrints(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	db := testdb.SQLiteDatabase(t)
	p := startProgram(t, "demo", "--db", db)
	b := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	problems := watchConsole(b.ctx)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var internship training.Internship
	_ = st.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.Internships(ctx, store.InternshipFilter{AllSites: true})
		for _, i := range list {
			if i.InternUserID != 0 {
				internship = i
			}
		}
		return err
	})
	if internship.ID == 0 {
		t.Fatal("the demo trainee has no internship")
	}
	page := p.URL + "internships/" + strconv.FormatInt(internship.ID, 10)
	week := training.ISOWeekValue(training.WeekStart(st.Now()))

	// The intern logs the week from the register.
	b.signIn("stagiaire@berceau.example", 0)
	b.do("register", chromedp.Navigate(p.URL+"internships"), chromedp.WaitVisible(chromedp.CSS("a[href='/internships/"+strconv.FormatInt(internship.ID, 10)+"']")),
		chromedp.Click(chromedp.CSS("a[href='/internships/"+strconv.FormatInt(internship.ID, 10)+"']")), chromedp.WaitVisible(chromedp.CSS("#week")))
	b.submit("log the week", "form[action$='/weeks']", map[string]string{"week": week, "hours": "7,5", "note": "Halte-allaitement et visites"}, nil, "main .notice")
	if got := b.eval("logged", `document.querySelector('#hours table').innerText`); !strings.Contains(got, "7,5 h") || !strings.Contains(got, "Halte-allaitement") {
		t.Fatalf("after logging, the week reads %q", got)
	}
	signOut(b)

	// The supervisor countersigns it as it is.
	b.signIn("infirmiere@berceau.example", 1)
	b.do("internship page", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("form[action*='/countersign'] button")))
	var weekID int64
	_ = st.ReadTx(ctx, func(tx *store.Tx) error {
		w, err := tx.InternshipWeekOf(ctx, internship.ID, training.WeekStart(st.Now()))
		weekID = w.ID
		return err
	})
	sign := "form[action$='/weeks/" + strconv.FormatInt(weekID, 10) + "/countersign']"
	b.do("countersign", chromedp.Click(chromedp.CSS(sign+" button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	if got := b.eval("signed", `document.querySelector('#week-`+strconv.FormatInt(weekID, 10)+`').innerText`); !strings.Contains(got, "7,5 h contresignées") {
		t.Fatalf("after countersigning, the week reads %q", got)
	}
	signOut(b)

	// The coordinator opens the yearly report and prints it.
	b.signIn("coordination@berceau.example", 0)
	b.do("report", chromedp.Navigate(p.URL+"internships"), chromedp.WaitVisible(chromedp.CSS("a[href='/internships/report']")),
		chromedp.Click(chromedp.CSS("a[href='/internships/report']")), chromedp.WaitVisible(chromedp.CSS("svg.internship-chart")))
	if got := b.eval("sentence", `document.querySelector('#report-sentence').innerText`); !strings.HasPrefix(got, "En 2025-2026, les stagiaires ont contribué") ||
		!strings.Contains(got, "15 stages professionnels, dont soins infirmiers") {
		t.Errorf("the coordinator's report reads %q", got)
	}
	if got := b.eval("bars", `String(document.querySelectorAll('svg.internship-chart rect.chart-bar').length)`); got != "1" {
		t.Errorf("the Parc-Extension chart has %s bars, want 1 (professional internships only)", got)
	}
	pdf := b.eval("print", `(() => { const x = new XMLHttpRequest(); x.open('GET', document.querySelector('a[href*="report.pdf"]').href, false);
		x.overrideMimeType('text/plain; charset=x-user-defined'); x.send(); return x.status + ' ' + x.getResponseHeader('Content-Type') + ' ' + x.responseText.slice(0, 5) })()`)
	if pdf != "200 application/pdf %PDF-" {
		t.Errorf("printing the report: %q", pdf)
	}
	if msgs := problems(); len(msgs) > 0 {
		t.Errorf("console problems: %v", msgs)
	}
}
