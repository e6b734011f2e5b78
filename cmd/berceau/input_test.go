package main

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
)

// hsdsPackage writes a tabular package holding one services.csv.
func hsdsPackage(t *testing.T, servicesCSV string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "datapackage.json"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "services.csv"), []byte(servicesCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const serviceID = "ac148810-d857-441c-9679-408f346de14b"

// TestImportRefusesBadAddressesAndLongTextsNamingTheField: an HSDS import
// is checked by the domain like a form: a javascript: address, two e-mails
// in one field, a name past its limit are refused, each named with its
// record and field, and nothing is written.
func TestImportRefusesBadAddressesAndLongTextsNamingTheField(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			for _, c := range []struct{ row, want string }{
				{serviceID + ",Halte,active,javascript:alert(1),", "service " + serviceID + ": url: not an absolute http or https address"},
				{serviceID + ",Halte,active,ftp://files.example/x,", "service " + serviceID + ": url: not an absolute http or https address"},
				{serviceID + "," + strings.Repeat("N", 201) + ",active,,", "service " + serviceID + ": name.fr: too long"},
			} {
				dir := hsdsPackage(t, "id,name,status,url,email\n"+c.row+"\n")
				_, errOut, err := runCLI(t, "import", "hsds", "--db", db, dir)
				if err == nil || !strings.Contains(err.Error(), "nothing imported") || !strings.Contains(errOut, c.want) {
					t.Fatalf("%s: %v\n%s", c.row[:60], err, errOut)
				}
			}
			out, _, err := runCLI(t, "export", "hsds", "--db", db, "--format", "json", filepath.Join(t.TempDir(), "s.json"))
			if err != nil || !strings.Contains(out, "0 services") {
				t.Fatalf("something was imported: %v %s", err, out)
			}
		})
	}
}

// TestImportRefusesInvalidUTF8AndNULWithFileRowField: text that no database
// stores as such is refused where it is.
func TestImportRefusesInvalidUTF8AndNULWithFileRowField(t *testing.T) {
	db := testdb.SQLiteDatabase(t)
	for _, c := range []struct{ name, want string }{
		{"Halte \xff", "services.csv, row 1, field name: not valid UTF-8"},
		{"Halte \x00", "services.csv, row 1, field name: holds a NUL character"},
	} {
		dir := hsdsPackage(t, "id,name,status\n"+serviceID+","+c.name+",active\n")
		_, errOut, err := runCLI(t, "import", "hsds", "--db", db, dir)
		if err == nil || !strings.Contains(errOut, c.want) {
			t.Fatalf("%q: %v\n%s", c.name, err, errOut)
		}
	}
	// In a JSON file: \u0000 names its field, raw invalid bytes their line.
	file := filepath.Join(t.TempDir(), "services.json")
	os.WriteFile(file, []byte(`[{"id":"`+serviceID+`","name":"Halte\u0000","status":"active"}]`), 0o644)
	if _, errOut, err := runCLI(t, "import", "hsds", "--db", db, file); err == nil || !strings.Contains(errOut, "services.json, row 1, field name: holds a NUL character") {
		t.Fatalf("JSON NUL: %v\n%s", err, errOut)
	}
	os.WriteFile(file, []byte("[{\"id\":\""+serviceID+"\",\n\"name\":\"Halte \xff\",\"status\":\"active\"}]"), 0o644)
	if _, errOut, err := runCLI(t, "import", "hsds", "--db", db, file); err == nil || !strings.Contains(errOut, "not valid UTF-8 (line 2") {
		t.Fatalf("JSON invalid UTF-8: %v\n%s", err, errOut)
	}
}

// TestImportRefusesAZipBombWhileReading: a zip whose services.csv expands
// 1 000 times (the probe's 432 KB zip used 2.4 GB) is refused after a few
// megabytes, whatever its headers say, with a clear error.
func TestImportRefusesAZipBombWhileReading(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("datapackage.json")
	w.Write([]byte(`{}`))
	w, _ = zw.Create("services.csv")
	w.Write([]byte("id,name,status\n" + serviceID + ","))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for i := 0; i < 200; i++ { // 200 MB of one name
		w.Write(chunk)
	}
	w.Write([]byte(",active\n"))
	zw.Close()
	bomb := filepath.Join(t.TempDir(), "bomb.zip")
	if err := os.WriteFile(bomb, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, err := runCLI(t, "import", "hsds", "--db", testdb.SQLiteDatabase(t), bomb)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "expands more than 100 times its compressed size") {
		t.Fatalf("the bomb: %v", err)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("a %d KB zip expanding to 200 MB: refused in %v after allocating %d MB", buf.Len()>>10, took, allocated>>20)
	if allocated > 300<<20 { // schemas compiled, a 20 MB field read; not the 200 MB
		t.Fatalf("reading the bomb allocated %d MB", allocated>>20)
	}
}

// TestExportLeavesOutLegacyBadValuesAndSaysSo: a javascript: address and a
// broken e-mail stored before the checks existed (written here straight
// into the database) never reach an export, never fail it, and each is
// named on stderr.
func TestExportLeavesOutLegacyBadValuesAndSaysSo(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			if _, _, err := runCLI(t, "import", "hsds", "--db", db, "--lang", "en", "../../testdata/hsds/examples/csv"); err != nil {
				t.Fatal(err)
			}
			driver := map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[engine]
			raw, err := sql.Open(driver, db)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			var id, record string
			if err := raw.QueryRow(`SELECT id, record FROM directory_services`).Scan(&id, &record); err != nil {
				t.Fatal(err)
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(record), &rec); err != nil {
				t.Fatal(err)
			}
			rec["url"], rec["email"] = "javascript:alert(document.cookie)", "a@b.example, c@d.example"
			legacy, _ := json.Marshal(rec)
			if _, err := raw.Exec(`UPDATE directory_services SET record = $1 WHERE id = $2`, string(legacy), id); err != nil {
				t.Fatal(err)
			}
			for _, format := range []string{"csv", "json"} {
				out := filepath.Join(t.TempDir(), "export."+format)
				stdout, stderr, err := runCLI(t, "export", "hsds", "--db", db, "--format", format, out)
				if err != nil || !strings.Contains(stdout, "1 services") {
					t.Fatalf("%s export failed: %v\n%s", format, err, stderr)
				}
				for _, want := range []string{"warning: service " + id + ": url: \"javascript:alert(document.cookie)\" is not valid and was left out",
					"warning: service " + id + ": email: "} {
					if !strings.Contains(stderr, want) {
						t.Errorf("%s: stderr lacks %q:\n%s", format, want, stderr)
					}
				}
				written := readAll(t, out)
				if strings.Contains(written, "javascript:") || strings.Contains(written, "c@d.example") {
					t.Errorf("%s export carries the legacy values", format)
				}
			}
		})
	}
}

// readAll reads a file, or every file of a folder.
func readAll(t *testing.T, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.IsDir() {
		b, _ := os.ReadFile(path)
		return string(b)
	}
	var all strings.Builder
	entries, _ := os.ReadDir(path)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(path, e.Name()))
		all.Write(b)
	}
	return all.String()
}
