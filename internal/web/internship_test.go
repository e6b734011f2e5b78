package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/training"
)

// internshipServer is the test server with the demo trainee's internship
// id and the app's clock's now (the demo's current internship is set
// around it; the past fiscal year is fixed). The clock is the real one
// here: the second factor's codes are computed from it.
func internshipServer(t *testing.T, st *store.Store) (*testServer, int64, time.Time) {
	t.Helper()
	ts := newTestServer(t, st, Options{})
	now := ts.web.app.Now()
	ctx := context.Background()
	var id int64
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.Internships(ctx, store.InternshipFilter{AllSites: true})
		for _, i := range list {
			if i.InternUserID != 0 {
				id = i.ID
			}
		}
		return err
	})
	if err != nil || id == 0 {
		t.Fatalf("the demo trainee's internship: %v", err)
	}
	return ts, id, now
}

// TestInternsLogAndSupervisorsCountersignOverHTTP: the trainee logs this
// week through the form, the supervisor sees it on the page and
// countersigns with a correction and a note; the intern sees both figures.
func TestInternsLogAndSupervisorsCountersignOverHTTP(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts, id, now := internshipServer(t, st)
		page := "/internships/" + itoa(id)
		trainee := ts.newBrowser(t)
		trainee.signIn("stagiaire@berceau.example")
		week := training.ISOWeekValue(training.WeekStart(now))
		if resp, body := trainee.post(page+"/weeks", url.Values{"week": {week}, "hours": {"abc"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "Un nombre d") {
			t.Fatalf("hours that are not a number: %d", resp.StatusCode)
		}
		if resp, _ := trainee.post(page+"/weeks", url.Values{"week": {week}, "hours": {"7,5"}, "note": {"Halte-allaitement"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logging a week: %d", resp.StatusCode)
		}
		var weekID int64
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
			w, err := tx.InternshipWeekOf(context.Background(), id, training.WeekStart(now))
			weekID = w.ID
			if err == nil && w.LoggedMinutes != 7*60+30 {
				t.Errorf("7,5 h logged as %d minutes", w.LoggedMinutes)
			}
			return err
		})
		if resp, _ := trainee.post(page+"/weeks/"+itoa(weekID)+"/countersign", url.Values{"hours": {"7,5"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the intern countersigned their own week: %d", resp.StatusCode)
		}
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		if _, body := nurse.get("/my-day"); !strings.Contains(body, "Heures de stagiaires à contresigner") || strings.Count(body, `href="`+page+`#week-`) != 3 {
			t.Error("the supervisor's day does not list the demo trainee's three weeks waiting over 14 days")
		}
		if _, body := nurse.get(page); !strings.Contains(body, `action="`+page+`/weeks/`+itoa(weekID)+`/countersign"`) {
			t.Fatal("the supervisor's page has no countersignature form for the week")
		}
		if resp, _ := nurse.post(page+"/weeks/"+itoa(weekID)+"/countersign", url.Values{"hours": {"7"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a correction without a note: %d", resp.StatusCode)
		}
		if resp, _ := nurse.post(page+"/weeks/"+itoa(weekID)+"/countersign", url.Values{"hours": {"7"}, "sign_note": {"Pause du midi"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("countersigning: %d", resp.StatusCode)
		}
		_, body := trainee.get(page)
		if !strings.Contains(body, `class="week-corrected"`) || !strings.Contains(body, "7,5") || !strings.Contains(body, "7 h contresignées") ||
			!strings.Contains(body, "Pause du midi") {
			t.Error("the intern's page does not show their figure beside the corrected one and its note")
		}
		if resp, _ := ts.internBrowser(t, "medecin@berceau.example").get(page); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a physician of another site opened the internship: %d", resp.StatusCode)
		}
	})
}

func (ts *testServer) internBrowser(t *testing.T, email string) *browser {
	b := ts.newBrowser(t)
	b.signIn(email)
	return b
}

// TestTheYearlyReportPageExportsAndPrints: the report page draws its chart
// in SVG beside the data table, works without script; its CSV reads back
// with encoding/csv; its PDF reads back with poppler's pdftotext (the
// sentence and its numbers) and passes qpdf --check; a bad date is refused
// with a message.
func TestTheYearlyReportPageExportsAndPrints(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts, _, _ := internshipServer(t, st)
		admin := ts.internBrowser(t, "admin@berceau.example")
		const period = "?from=2025-04-01&to=2026-03-31"
		resp, body := admin.get("/internships/report" + period)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("report page: %d", resp.StatusCode)
		}
		for _, want := range []string{"<svg", `class="chart-bar"`, "plus de 2", "400 heures", "62 résidents en médecine", "Résidence en médecine",
			"<caption>", "report.pdf?from=2025-04-01&to=2026-03-31"} {
			if !strings.Contains(body, want) {
				t.Errorf("the report page lacks %q", want)
			}
		}
		if strings.Contains(body, "<script") {
			t.Error("the report page needs a script")
		}
		if resp, body := admin.get("/internships/report?from=2025-13-01&to=2026-03-31"); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "field-error") {
			t.Errorf("a 13th month: %d", resp.StatusCode)
		}

		resp, body = admin.get("/internships/report.csv" + period)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("CSV: %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("the CSV does not parse: %v", err)
		}
		found := map[string][]string{}
		for _, r := range rows {
			found[r[0]+"/"+r[1]] = r
		}
		if r := found["total/2025-2026"]; len(r) != 5 || r[2] != "125" || r[4] != "2454" {
			t.Errorf("CSV total %v", r)
		}
		if r := found["type/Externat en médecine"]; len(r) != 5 || r[2] != "32" {
			t.Errorf("CSV externs %v", r)
		}

		resp, body = admin.get("/internships/report.pdf" + period)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("PDF: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		pdftotext := requireInternshipPDFTool(t, "pdftotext")
		text, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		flat := strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(text))), " ")
		for _, want := range []string{"En 2025-2026, les stagiaires ont contribué plus de 2 400 heures : 17 stages professionnels, dont soins infirmiers",
			"14 stages en médecine sociale; 32 externes en médecine; 62 résidents en médecine.", "Résidence en médecine 62", "2 454"} {
			if !strings.Contains(flat, want) {
				t.Errorf("pdftotext does not find %q in:\n%s", want, flat)
			}
		}
		qpdf := requireInternshipPDFTool(t, "qpdf")
		if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}

		nurse := ts.internBrowser(t, "infirmiere@berceau.example")
		if resp, _ := nurse.get("/internships/report" + period); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a practitioner opened the report: %d", resp.StatusCode)
		}
	})
}

// requirePDFTool finds a third-party checker: CI installs it (.ci/run), so
// a missing tool fails the test.
func requireInternshipPDFTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is missing: install Debian's poppler-utils and qpdf (.ci/run does)", name)
	}
	return path
}

// TestTheAgreementIsServedToTheInternshipsPeopleOnly: the coordinator
// attaches a PDF; the intern downloads it as an attachment that browsers do
// not sniff; a text file is refused; a physician of another site gets 404.
func TestTheAgreementIsServedToTheInternshipsPeopleOnly(t *testing.T) {
	t.Parallel()
	ts, id, _ := internshipServer(t, testutil.OpenStore(t, "sqlite"))
	page := "/internships/" + itoa(id)
	coordinator := ts.internBrowser(t, "coordination@berceau.example")
	upload := func(name string, content []byte) int {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("agreement", name)
		fw.Write(content)
		mw.Close()
		req, _ := http.NewRequest("POST", ts.URL+page+"/agreement", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := coordinator.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := upload("convention.pdf", []byte("<html><script>alert(1)</script></html>")); code != http.StatusUnprocessableEntity {
		t.Errorf("an HTML page as agreement: %d", code)
	}
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	if code := upload("Convention Nguyen.pdf", pdf); code != http.StatusSeeOther {
		t.Fatalf("attaching the agreement: %d", code)
	}
	trainee := ts.internBrowser(t, "stagiaire@berceau.example")
	resp, body := trainee.get(page + "/agreement")
	if resp.StatusCode != http.StatusOK || body != string(pdf) || resp.Header.Get("Content-Type") != "application/pdf" ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "Convention Nguyen.pdf") {
		t.Errorf("the intern's download: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := ts.internBrowser(t, "medecin@berceau.example").get(page + "/agreement"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a physician of another site downloaded the agreement: %d", resp.StatusCode)
	}
	if resp, _ := ts.internBrowser(t, "contenu@berceau.example").get(page + "/agreement"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a content editor downloaded the agreement: %d", resp.StatusCode)
	}
}

// TestATraineesAccessEndsWithTheInternshipOverHTTP: the day after the
// internship's end (app clock), the trainee's open session ends at its next
// request and signing in again is refused with a message saying why;
// extending the internship lets them in again.
func TestATraineesAccessEndsWithTheInternshipOverHTTP(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts, id, now := internshipServer(t, st)
		ctx := context.Background()
		trainee := ts.internBrowser(t, "stagiaire@berceau.example")
		if resp, _ := trainee.get("/families"); resp.StatusCode != http.StatusOK {
			t.Fatalf("the trainee's families during the internship: %d", resp.StatusCode)
		}
		setEnd := func(end time.Time) {
			t.Helper()
			err := st.WriteTx(ctx, func(tx *store.Tx) error {
				i, err := tx.InternshipByID(ctx, id)
				if err != nil {
					return err
				}
				i.EndsOn = end
				return tx.UpdateInternship(ctx, i)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		setEnd(training.Civil(now).AddDate(0, 0, -1))
		if resp, _ := trainee.get("/families"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
			t.Errorf("the trainee's session the day after the internship: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		again := ts.newBrowser(t)
		resp, body := again.post("/signin", url.Values{"email": {"stagiaire@berceau.example"}, "password": {"berceau-demo"}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Votre stage est terminé") {
			t.Errorf("signing in after the internship: %d", resp.StatusCode)
		}
		setEnd(training.Civil(now).AddDate(0, 1, 0))
		renewed := ts.newBrowser(t)
		renewed.signInAtStep("stagiaire@berceau.example", 1) // the first sign-in used this step's code
		if resp, _ := renewed.get("/families"); resp.StatusCode != http.StatusOK {
			t.Errorf("the renewed trainee's families: %d", resp.StatusCode)
		}
	})
}
