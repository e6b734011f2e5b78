package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, testEnv, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

// TestImportExportHSDSRoundTrip imports HSDS's official examples, exports
// them in both formats (validated on the way out), and imports the exports
// again: the counts never grow.
func TestImportExportHSDSRoundTrip(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			out, _, err := runCLI(t, "import", "hsds", "--db", db, "--lang", "en", "../../testdata/hsds/examples/csv")
			if err != nil || !strings.Contains(out, "imported 1 organisations, 1 locations, 1 services") {
				t.Fatalf("%v\n%s", err, out)
			}
			dir := filepath.Join(t.TempDir(), "package")
			jsonFile := filepath.Join(t.TempDir(), "services.json")
			if out, _, err := runCLI(t, "export", "hsds", "--db", db, "--format", "csv", dir); err != nil || !strings.Contains(out, "valid") {
				t.Fatalf("%v\n%s", err, out)
			}
			if out, _, err := runCLI(t, "export", "hsds", "--db", db, "--format", "json", jsonFile); err != nil || !strings.Contains(out, "1 services") {
				t.Fatalf("%v\n%s", err, out)
			}
			for _, again := range []string{dir, jsonFile, "../../testdata/hsds/examples/service_full.json"} {
				out, _, err := runCLI(t, "import", "hsds", "--db", db, "--lang", "en", again)
				if err != nil || !strings.Contains(out, "1 services") {
					t.Fatalf("%s: %v\n%s", again, err, out)
				}
			}
			out, _, _ = runCLI(t, "export", "hsds", "--db", db, "--format", "json", jsonFile)
			if !strings.Contains(out, "exported 1 organisations, 1 locations, 1 services") {
				t.Errorf("duplicates after re-imports: %s", out)
			}
		})
	}
}

func TestImportReportsInvalidRowsAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "datapackage.json"), []byte(`{}`), 0o644)
	os.WriteFile(filepath.Join(dir, "services.csv"), []byte("id,name,status\nac148810-d857-441c-9679-408f346de14b,,closed\n"), 0o644)
	db := testdb.SQLiteDatabase(t)
	_, errOut, err := runCLI(t, "import", "hsds", "--db", db, dir)
	if err == nil || !strings.Contains(err.Error(), "nothing imported") || !strings.Contains(errOut, "services.csv, row 1, field /status") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, _, err := runCLI(t, "import", "nope"); err == nil {
		t.Error("a wrong subcommand was accepted")
	}
	_ = io.Discard
}

// TestExportAndImportAcceptFlagsAfterThePath runs the commands as the README
// shows them, flags after the path, and with "--" before a path that looks
// like a flag.
func TestExportAndImportAcceptFlagsAfterThePath(t *testing.T) {
	db := testdb.SQLiteDatabase(t)
	if out, _, err := runCLI(t, "import", "hsds", "../../testdata/hsds/examples/csv", "--db", db, "--lang", "en"); err != nil || !strings.Contains(out, "1 services") {
		t.Fatalf("import with flags after the path: %v\n%s", err, out)
	}
	jsonFile := filepath.Join(t.TempDir(), "services.json")
	out, _, err := runCLI(t, "export", "hsds", "--format", "json", jsonFile, "--public", "--db", db)
	if err != nil || !strings.Contains(out, "1 services") || !strings.Contains(out, "json") {
		t.Fatalf("export with flags after the path: %v\n%s", err, out)
	}
	if _, err := os.Stat(jsonFile); err != nil {
		t.Fatal(err)
	}
	// The flags after the path are the ones used: the data went to db, not
	// to the default database.
	if _, err := os.Stat("data/berceau.db"); err == nil {
		t.Fatal("the default database was used: --db after the path was ignored")
	}
	if out, _, err := runCLI(t, "export", "hsds", "--db", testdb.SQLiteDatabase(t), "--format", "json", jsonFile); err != nil || !strings.Contains(out, "0 services") {
		t.Fatalf("an empty database exports: %v\n%s", err, out)
	}
	dashed := filepath.Join(t.TempDir(), "--public")
	if out, _, err := runCLI(t, "export", "hsds", "--db", db, "--format", "json", "--", dashed); err != nil || !strings.Contains(out, dashed) {
		t.Fatalf("export to a path after --: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "export", "hsds", "--db", db, jsonFile, "second-path"); err == nil {
		t.Error("two paths are accepted")
	}
}
