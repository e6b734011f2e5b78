package hsds

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const examples = "../../testdata/hsds/examples/"

// TestOfficialExamplesRoundTrip reads HSDS's official examples (the CSV
// package and the JSON services), writes them out as CSV and JSON (both
// validated against the schemas on the way out), and reads them back.
func TestOfficialExamplesRoundTrip(t *testing.T) {
	for _, in := range []string{examples + "csv", examples + "service_full.json", examples + "service_list.json"} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			ds, err := Read(in, Options{Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Services) == 0 || len(ds.Organizations) == 0 || (len(ds.Locations) == 0 && !strings.Contains(in, "list")) {
				t.Fatalf("read %d services, %d organisations, %d locations", len(ds.Services), len(ds.Organizations), len(ds.Locations))
			}
			s := ds.Services[0]
			if s.Name.Get("en") == "" || s.Name.Get("fr") != "" || (len(s.Details.Schedules) == 0 || len(s.Details.Phones) == 0) && !strings.Contains(in, "list") {
				t.Errorf("service lost fields: %+v", s)
			}
			dir := t.TempDir()
			if err := WriteCSV(dir, ds, Professionals); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteJSON(&buf, ds, Professionals); err != nil {
				t.Fatal(err)
			}
			jsonFile := filepath.Join(t.TempDir(), "services.json")
			if err := os.WriteFile(jsonFile, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, out := range []string{dir, jsonFile} {
				again, err := Read(out, Options{Lang: "fr"}) // the language comes from Berceau's attributes now
				if err != nil {
					t.Fatalf("%s: %v", out, err)
				}
				if len(again.Services) != len(ds.Services) || len(again.Locations) != len(ds.Locations) {
					t.Errorf("%s: %d services, %d locations after the round trip", out, len(again.Services), len(again.Locations))
				}
				if !again.Services[0].Name.Equal(ds.Services[0].Name) || len(again.Services[0].Details.Schedules) != len(ds.Services[0].Details.Schedules) {
					t.Errorf("%s: %+v became %+v", out, ds.Services[0].Name, again.Services[0].Name)
				}
			}
		})
	}
}

func TestInvalidRowsAreReportedWithFileRowAndField(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "datapackage.json"), []byte(`{}`), 0o644)
	os.WriteFile(filepath.Join(dir, "services.csv"), []byte("id,name,status,minimum_age\n"+
		"ac148810-d857-441c-9679-408f346de14b,Ok,active,3\n"+
		"not-a-uuid,Bad,sleeping,three\n"), 0o644)
	_, err := Read(dir, Options{})
	var problems Problems
	if !errors.As(err, &problems) {
		t.Fatalf("got %v", err)
	}
	text := problems.Error()
	for _, want := range []string{"services.csv, row 2, field minimum_age", "services.csv, row 2, field /id", "services.csv, row 2, field /status"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "row 1") {
		t.Errorf("the valid row was reported:\n%s", text)
	}
}
