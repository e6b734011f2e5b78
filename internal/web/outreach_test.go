package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// bibtexCheck has the export read by python3-bibtexparser and by bibtool
// (both required: the test fails when one is missing) and returns the keys
// bibtexparser read.
func bibtexCheck(t *testing.T, bib string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.bib")
	if err := os.WriteFile(path, []byte(bib), 0o600); err != nil {
		t.Fatal(err)
	}
	script := `
import bibtexparser, json, sys
from bibtexparser.bparser import BibTexParser
db = bibtexparser.load(open(sys.argv[1], encoding="utf-8"), parser=BibTexParser(common_strings=True))
print(json.dumps([e["ID"] for e in db.entries]))
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("bibtexparser (python3-bibtexparser is required): %v\n%s", err, out)
	}
	var keys []string
	if err := json.Unmarshal(out, &keys); err != nil {
		t.Fatalf("bibtexparser: %s", out)
	}
	cmd := exec.Command("bibtool", "-q", "-r", "", path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if _, err := cmd.Output(); err != nil || strings.TrimSpace(stderr.String()) != "" {
		t.Fatalf("bibtool (Debian's bibtool is required): %v %s\n%s", err, stderr.String(), bib)
	}
	return keys
}

var risLine = regexp.MustCompile(`^[A-Z][A-Z0-9]  - .*$`)

// TestOutreachPagesFiltersExportsAndImportRoundTrip: the register filters
// by kind, year and person; each entry and the filtered list export as
// BibTeX (read by bibtexparser and bibtool), RIS (tag lines) and CSL-JSON
// (id, type, title, issued); entry pages carry schema.org JSON-LD; the
// exported BibTeX, imported through the editor's preview and import,
// gives the same entries again.
func TestOutreachPagesFiltersExportsAndImportRoundTrip(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		a := ts.web.app
		editor := contentEditor(ctx, t, ts)
		nurse := "Amina Diallo"
		entries := []knowledge.OutreachEntry{
			{Kind: knowledge.OutreachPublication, Title: "Suivi {prénatal} & précarité: 100% des cas_étudiés", Authors: []knowledge.OutreachAuthor{{Name: nurse}, {Name: "Jan van der Berg"}},
				Year: 2033, Month: 4, Day: 2, Outlet: "Revue de périnatalité", DOI: "10.48291/rp.2033.17", Language: "fr", Abstract: "Un résumé # avec $ et ~."},
			{Kind: knowledge.OutreachMedia, Title: "Une maison pour les tout-petits", Authors: []knowledge.OutreachAuthor{{Name: "Luc Gagnon"}}, Year: 2033, Month: 9, Outlet: "La Presse", URL: "https://example.org/presse"},
			{Kind: knowledge.OutreachTalk, Title: "Perinatal networks", Authors: []knowledge.OutreachAuthor{{Name: "Sofie Claes"}}, Year: 2032, Outlet: "Congress"},
		}
		for i := range entries {
			saved, err := a.Outreach.SaveEntry(ctx, editor, entries[i])
			if err != nil {
				t.Fatal(err)
			}
			entries[i] = saved
		}
		nurseID := entries[0].Authors[0].UserID
		if nurseID == 0 {
			t.Fatal("the nurse was not linked to her account")
		}
		_, page := ts.do(t, "GET", "/outreach?year=2033", nil, map[string]string{"Accept-Language": "en"})
		if !strings.Contains(page, "Une maison pour les tout-petits") || strings.Contains(page, "Perinatal networks") ||
			!strings.Contains(page, `href="/outreach/export.bib?year=2033"`) {
			t.Fatalf("the year filter:\n%s\n%s", page, ts.logs.String())
		}
		_, page = ts.do(t, "GET", "/outreach?person="+itoa(nurseID), nil, nil)
		if !strings.Contains(page, "cas_étudiés") || strings.Contains(page, "tout-petits") {
			t.Fatal("the person filter")
		}
		_, page = ts.do(t, "GET", "/outreach?kind=talk&year=2032", nil, nil)
		if !strings.Contains(page, "Perinatal networks") || strings.Contains(page, "tout-petits") {
			t.Fatal("the kind filter")
		}

		resp, bib := ts.do(t, "GET", "/outreach/export.bib?year=2033", nil, nil)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/x-bibtex") ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("BibTeX export: %d %v", resp.StatusCode, resp.Header)
		}
		if keys := bibtexCheck(t, bib); len(keys) != 2 || keys[0] != entries[1].Key() && keys[1] != entries[1].Key() {
			t.Fatalf("bibtexparser read %v from\n%s", keys, bib)
		}
		_, one := ts.do(t, "GET", "/outreach/"+itoa(entries[0].ID)+"/cite.bib", nil, nil)
		if keys := bibtexCheck(t, one); len(keys) != 1 || keys[0] != entries[0].Key() {
			t.Fatalf("one entry: %v", keys)
		}
		_, ris := ts.do(t, "GET", "/outreach/export.ris?year=2033", nil, nil)
		if strings.Count(ris, "TY  - ") != 2 || strings.Count(ris, "ER  - ") != 2 {
			t.Fatalf("RIS:\n%s", ris)
		}
		for _, l := range strings.Split(strings.TrimSuffix(ris, "\r\n"), "\r\n") {
			if !risLine.MatchString(l) {
				t.Fatalf("RIS line %q", l)
			}
		}
		_, csl := ts.do(t, "GET", "/outreach/"+itoa(entries[0].ID)+"/cite.json", nil, nil)
		var items []map[string]any
		if err := json.Unmarshal([]byte(csl), &items); err != nil || len(items) != 1 || items[0]["type"] != "article-journal" ||
			items[0]["id"] != entries[0].Key() || items[0]["title"] != entries[0].Title || items[0]["issued"] == nil || items[0]["DOI"] != "10.48291/rp.2033.17" {
			t.Fatalf("CSL-JSON %s: %v", csl, err)
		}

		_, p := ts.do(t, "GET", "/outreach/"+itoa(entries[0].ID), nil, nil)
		if ld := jsonLD(t, p); ld["@type"] != "ScholarlyArticle" || ld["datePublished"] != "2033-04-02" || ld["sameAs"] != "https://doi.org/10.48291/rp.2033.17" {
			t.Fatalf("JSON-LD %v", ld)
		}
		_, p = ts.do(t, "GET", "/outreach/"+itoa(entries[1].ID), nil, nil)
		if ld := jsonLD(t, p); ld["@type"] != "NewsArticle" {
			t.Fatalf("JSON-LD %v", ld)
		}

		// The export imported again gives the same entries, twice over.
		b := ts.newBrowser(t)
		b.signIn("contenu@berceau.example")
		resp, preview := b.post("/outreach/import", url.Values{"bibtex": {bib}, "action": {"preview"}})
		if resp.StatusCode != http.StatusOK || !strings.Contains(preview, `value="import"`) || !strings.Contains(preview, "cas_étudiés") {
			t.Fatalf("preview: %d\n%s", resp.StatusCode, preview)
		}
		broken := bib + "\n@article{broken, title = {Sans année}, author = {A B}}\n"
		if resp, page := b.post("/outreach/import", url.Values{"bibtex": {broken}, "action": {"import"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
			strings.Contains(page, `value="import"`) || !strings.Contains(page, "broken") {
			t.Fatalf("import of a broken list: %d", resp.StatusCode)
		}
		if resp, _ := b.post("/outreach/import", url.Values{"bibtex": {bib}, "action": {"import"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: %d", resp.StatusCode)
		}
		list, err := a.Outreach.Entries(ctx, knowledge.OutreachFilter{Year: 2033})
		if err != nil || list.Total != 4 {
			t.Fatalf("after the import: %d entries, %v", list.Total, err)
		}
		same := 0
		for _, v := range list.Entries {
			if v.Entry.Title == entries[0].Title && v.Entry.DOI == entries[0].DOI && v.Entry.Abstract == entries[0].Abstract &&
				v.Entry.Authors[0].UserID == nurseID && v.Entry.Day == 2 {
				same++
			}
		}
		if same != 2 {
			t.Fatalf("the imported publication differs from the exported one: %+v", list.Entries)
		}
	})
}
