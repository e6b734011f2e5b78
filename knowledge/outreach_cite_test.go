package knowledge

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// citeEntries are entries whose every field a citation format could break:
// braces (balanced or not), LaTeX's special characters, accents.
func citeEntries() []OutreachEntry {
	return []OutreachEntry{
		{ID: 1, Kind: OutreachPublication, Title: "Suivi prénatal {précoce} & 100% des familles: un_bilan #1 à 5$",
			Authors: []OutreachAuthor{{UserID: 7, Name: "Marie-Ève Tremblay"}, {Name: "Jan van der Berg"}, {Name: "Ngozi Okafor"}},
			Year:    2025, Month: 3, Day: 14, Outlet: "Revue québécoise de périnatalité", DOI: "10.48291/rqp.2025.0142",
			URL: "https://example.org/a?b=1&c=2", Abstract: "Une étude } non équilibrée { avec ~ et ^ et \\.", Language: "fr"},
		{ID: 2, Kind: OutreachTalk, Title: "Perinatal networks in Brussels", Authors: []OutreachAuthor{{Name: "Sofie Claes"}},
			Year: 2026, Month: 5, Outlet: "Congrès européen de santé périnatale", Language: "en"},
		{ID: 3, Kind: OutreachMedia, Title: "Les Maisons Bleues ouvrent un site", Authors: []OutreachAuthor{{Name: "Luc Gagnon"}},
			Year: 2026, Outlet: "Le Devoir", URL: "https://example.org/devoir", Language: "fr"},
		{ID: 4, Kind: OutreachResearch, Title: "PRENAT-Bxl: accès au suivi", Authors: []OutreachAuthor{{Name: "Amina Diallo"}, {Name: "Pierre Dubois"}},
			Year: 2024, Month: 9, Outlet: "Fonds de recherche du Québec", Language: "fr"},
	}
}

func python3(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Fatal("/usr/bin/python3 is required (Debian's python3-bibtexparser): ", err)
	}
	return "/usr/bin/python3"
}

// TestBibTeXExportIsReadByBibtexparserAndBibtool: the export is parsed by
// two third-party readers with the same keys and titles.
func TestBibTeXExportIsReadByBibtexparserAndBibtool(t *testing.T) {
	entries := citeEntries()
	bib := BibTeX(entries)
	path := filepath.Join(t.TempDir(), "export.bib")
	if err := os.WriteFile(path, []byte(bib), 0o600); err != nil {
		t.Fatal(err)
	}
	script := `
import bibtexparser, json, sys
from bibtexparser.bparser import BibTexParser
p = BibTexParser(common_strings=True)
db = bibtexparser.load(open(sys.argv[1], encoding="utf-8"), parser=p)
print(json.dumps([{"ID": e["ID"], "ENTRYTYPE": e["ENTRYTYPE"], "title": e.get("title", ""), "author": e.get("author", "")} for e in db.entries]))
`
	out, err := exec.Command(python3(t), "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("bibtexparser: %v\n%s\n%s", err, out, bib)
	}
	var got []map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("bibtexparser output: %v\n%s", err, out)
	}
	if len(got) != len(entries) {
		t.Fatalf("bibtexparser read %d entries, want %d:\n%s", len(got), len(entries), bib)
	}
	for i, e := range entries {
		if got[i]["ID"] != e.Key() || UnescapeBibTeX(got[i]["title"]) != e.Title {
			t.Errorf("entry %d read as %v, want key %s and title %q", i, got[i], e.Key(), e.Title)
		}
	}
	if !strings.Contains(got[0]["author"], " and ") {
		t.Errorf("authors not a BibTeX list: %q", got[0]["author"])
	}
	if _, err := exec.LookPath("bibtool"); err != nil {
		t.Fatal("bibtool is required (Debian's bibtool): ", err)
	}
	cmd := exec.Command("bibtool", "-q", "-r", "", path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	printed, err := cmd.Output()
	if err != nil || strings.TrimSpace(stderr.String()) != "" {
		t.Fatalf("bibtool: %v\n%s\n%s", err, stderr.String(), bib)
	}
	if n := strings.Count(string(printed), "@"); n != len(entries) {
		t.Errorf("bibtool printed %d entries, want %d:\n%s", n, len(entries), printed)
	}
}

// TestBibTeXRoundTrip: what the export writes, the import reads back as it was.
func TestBibTeXRoundTrip(t *testing.T) {
	entries := citeEntries()
	read, problems := ParseBibTeX(BibTeX(entries))
	if len(problems) > 0 || len(read) != len(entries) {
		t.Fatalf("read %d entries, problems %v", len(read), problems)
	}
	for i, b := range read {
		e, reason := OutreachFromBib(b)
		if reason != "" {
			t.Fatalf("entry %d: %s", i, reason)
		}
		want := entries[i]
		want.ID = 0
		for j := range want.Authors {
			want.Authors[j].UserID = 0
		}
		if err := e.Validate(); err != nil {
			t.Errorf("entry %d invalid: %v", i, err)
		}
		if !reflect.DeepEqual(e, want) {
			t.Errorf("entry %d read back as\n%+v\nwant\n%+v", i, e, want)
		}
	}
}

// TestParseBibTeXReportsEachBrokenEntryAndReadsTheOthers.
func TestParseBibTeXReportsEachBrokenEntryAndReadsTheOthers(t *testing.T) {
	src := `% a list from a reference manager
@string{rqp = "Revue qu{\'e}b{\'e}coise de p{\'e}rinatalit{\'e}"}
@comment{ignored {nested} }
@article{ok1,
  author = {Tremblay, Marie and {\'E}mile Z{\"u}rcher},
  title = "Un {titre} avec \& et \%",
  journal = rqp # ", num{\'e}ro 3",
  year = 2025, month = mar,
}
@article{broken, title = {no closing brace, year = 2024,
}

@book{nocomma title = {x}}
@inproceedings{ok2, title={Fran{\c{c}}ais {\^a} Bruxelles}, author={Claes, Sofie}, booktitle={Congr{\'e}s}, year={2026}}
`
	entries, problems := ParseBibTeX(src)
	if len(entries) != 2 || entries[0].Key != "ok1" || entries[1].Key != "ok2" {
		t.Fatalf("entries %+v", entries)
	}
	if len(problems) != 2 || problems[0].Line != 10 || problems[0].Key != "broken" || problems[1].Line != 13 {
		t.Fatalf("problems %+v", problems)
	}
	e, _ := OutreachFromBib(entries[0])
	if e.Title != "Un titre avec & et %" || e.Outlet != "Revue québécoise de périnatalité, numéro 3" || e.Month != 3 ||
		len(e.Authors) != 2 || e.Authors[0].Name != "Marie Tremblay" || e.Authors[1].Name != "Émile Zürcher" {
		t.Errorf("read %+v", e)
	}
	talk, _ := OutreachFromBib(entries[1])
	if talk.Kind != OutreachTalk || talk.Title != "Français â Bruxelles" || talk.Outlet != "Congrés" {
		t.Errorf("read %+v", talk)
	}
}

// TestRISHasTheTagStructure: every line is "XX  - value", every reference
// opens with TY and closes with ER.
func TestRISHasTheTagStructure(t *testing.T) {
	ris := RIS(citeEntries())
	line := regexp.MustCompile(`^[A-Z][A-Z0-9]  - .*$`)
	if !strings.HasSuffix(ris, "\r\n") {
		t.Fatal("RIS does not end with CRLF")
	}
	open := false
	refs := 0
	for _, l := range strings.Split(strings.TrimSuffix(ris, "\r\n"), "\r\n") {
		if !line.MatchString(l) {
			t.Fatalf("bad RIS line %q", l)
		}
		switch l[:2] {
		case "TY":
			if open {
				t.Fatal("TY inside a reference")
			}
			open = true
		case "ER":
			if !open {
				t.Fatal("ER outside a reference")
			}
			open, refs = false, refs+1
		default:
			if !open {
				t.Fatalf("tag outside a reference: %q", l)
			}
		}
	}
	if refs != 4 || !strings.Contains(ris, "TY  - JOUR\r\n") || !strings.Contains(ris, "AU  - Tremblay, Marie-Ève\r\n") ||
		!strings.Contains(ris, "AU  - van der Berg, Jan\r\n") || !strings.Contains(ris, "DA  - 2025/03/14/\r\n") || !strings.Contains(ris, "DO  - 10.48291/rqp.2025.0142\r\n") {
		t.Errorf("RIS:\n%s", ris)
	}
}

// TestCSLJSONHasTheRequiredFields: id, type (a CSL type), title, issued.
func TestCSLJSONHasTheRequiredFields(t *testing.T) {
	data, err := CSLJSON(citeEntries())
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{"article-journal": true, "speech": true, "article-newspaper": true, "report": true}
	for _, it := range items {
		if it["id"] == "" || !types[it["type"].(string)] || it["title"] == "" {
			t.Errorf("item %v", it)
		}
		issued, _ := it["issued"].(map[string]any)
		parts, _ := issued["date-parts"].([]any)
		if len(parts) != 1 {
			t.Errorf("issued %v", it["issued"])
		}
	}
	if items[0]["DOI"] != "10.48291/rqp.2025.0142" || items[1]["event-title"] == nil {
		t.Errorf("items %v", items)
	}
	authors := items[0]["author"].([]any)
	if first := authors[0].(map[string]any); first["family"] != "Tremblay" || first["given"] != "Marie-Ève" {
		t.Errorf("author %v", first)
	}
}
