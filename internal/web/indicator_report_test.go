package web

import (
	"html"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// TestTheAnnualReportIsAReadablePDF: the coordinator follows the dashboard's
// annual-report link of her site; the PDF names the site, the indicators
// and the methods, keeps its accents for poppler's pdftotext, and passes
// qpdf --check. An evaluator cannot have it; a malformed year is refused.
func TestTheAnnualReportIsAReadablePDF(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		b := ts.newBrowser(t)
		b.signIn("coordination@berceau.example")
		resp, page := b.get("/indicators")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("dashboard: %d", resp.StatusCode)
		}
		// The dashboard says when its figures' data was read.
		if !regexp.MustCompile(`Chiffres au \d\d/\d\d/\d{4} \d\d:\d\d\.`).MatchString(page) {
			t.Error("the dashboard does not say when its figures were read")
		}
		link := regexp.MustCompile(`href="(/indicators/report\.pdf\?[^"]+)"`).FindStringSubmatch(page)
		if link == nil {
			t.Fatal("no annual report link on the dashboard")
		}
		resp, body := b.get(html.UnescapeString(link[1]))
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF") {
			t.Fatalf("report: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		pdftotext, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Fatal("pdftotext is missing: install Debian's poppler-utils (.ci/run does)")
		}
		text, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		for _, want := range []string{"Rapport annuel", "Parc-Extension", "Familles dépistées", "Admises avant 20 semaines", "Méthodes",
			"share(families_admitted_before_20_weeks, families_admitted_pregnant)"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("the report lacks %q:\n%s", want, text)
			}
		}
		qpdf, err := exec.LookPath("qpdf")
		if err != nil {
			t.Fatal("qpdf is missing (.ci/run installs it)")
		}
		if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}
		if resp, _ := b.get("/indicators/report.pdf?site=1&year=19"); resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a malformed year: %d", resp.StatusCode)
		}
		e := ts.newBrowser(t)
		e.signIn("evaluation@berceau.example")
		if resp, _ := e.get(html.UnescapeString(link[1])); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the evaluator got the identified report: %d", resp.StatusCode)
		}
	})
}
