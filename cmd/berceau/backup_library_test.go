package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

var libraryLinkRe = regexp.MustCompile(`href="/library/(\d+)"`)

// download reads a URL's body, failing the test unless it answers 200.
func download(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return b
}

// TestBackupCopiesTheLibraryFilesAndARestoreServesThemByteForByte: the
// backup of a running demo copies the files folder beside the copied
// database; a server started on the copy serves the same PDF, byte for
// byte, while the original folder is gone.
func TestBackupCopiesTheLibraryFilesAndARestoreServesThemByteForByte(t *testing.T) {
	if underRace {
		t.Skip("a restore on SQLite, one request at a time: the plain pass runs it")
	}
	db := testdb.SQLiteDatabase(t)
	p := startProgram(t, "demo", "--db", db)
	base := strings.TrimRight(p.URL, "/")
	_, page := get(t, base+"/library?q=accueil", "")
	m := libraryLinkRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the demo library has no welcome guide:\n%s", page)
	}
	original := download(t, base+"/library/"+m[1]+"/files/1")
	if !bytes.HasPrefix(original, []byte("%PDF-")) {
		t.Fatalf("the demo guide is no PDF: %q", original[:min(20, len(original))])
	}

	dest := filepath.Join(t.TempDir(), "restore", "berceau.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", "--db", db, dest}, testEnv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "library file(s)") || !strings.Contains(out.String(), filepath.Join(filepath.Dir(dest), "files")) {
		t.Fatalf("the backup does not say where the files went:\n%s", out.String())
	}
	if err := p.stop(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(filepath.Dir(db), "files")); err != nil {
		t.Fatal(err)
	}

	restored := strings.TrimRight(serveWith(t, testEnv, "serve", "--db", dest), "/")
	if got := download(t, restored+"/library/"+m[1]+"/files/1"); !bytes.Equal(got, original) {
		t.Fatalf("the restored file has %d bytes, the original %d: not the same", len(got), len(original))
	}
}
