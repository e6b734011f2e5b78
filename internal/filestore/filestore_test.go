package filestore

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestFilesAreNamedByTheirContentAndCopiedIntact(t *testing.T) {
	t.Parallel()
	d, err := Open(filepath.Join(t.TempDir(), "files"))
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("%PDF-1.4 guide d'accueil")
	h1, err := d.Put(content)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := d.Put(append([]byte(nil), content...))
	if err != nil || h1 != h2 || h1 != Hash(content) {
		t.Fatalf("same content: %s and %s (%v), want one hash %s", h1, h2, err, Hash(content))
	}
	if _, err := d.Open("../../etc/passwd"); err != ErrNotFound {
		t.Fatalf("a name that is no hash: %v, want ErrNotFound", err)
	}
	dest := filepath.Join(t.TempDir(), "backup-files")
	if n, err := d.CopyTo(dest); err != nil || n != 1 {
		t.Fatalf("copy: %d files, %v", n, err)
	}
	copied, _ := Open(dest)
	f, err := copied.Open(h1)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got, content) {
		t.Fatalf("copied file %q, want %q", got, content)
	}
	// A damaged file is reported, not copied on.
	if err := os.WriteFile(d.name(h1), []byte("damaged"), 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CopyTo(filepath.Join(t.TempDir(), "other")); err == nil {
		t.Fatal("a damaged file was copied without an error")
	}
	if err := d.Remove(h1); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(h1); err != ErrNotFound {
		t.Fatalf("removed file: %v, want ErrNotFound", err)
	}
}
