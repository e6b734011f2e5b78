package hsds

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTheInputsTotalSizeIsCappedWhileReading: a plain folder cannot expand,
// but its files together are still bounded, counted as they are read.
func TestTheInputsTotalSizeIsCappedWhileReading(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "datapackage.json"), []byte(`{}`), 0o644)
	os.WriteFile(filepath.Join(dir, "services.csv"), []byte("id,name,status\n"+strings.Repeat("x", 2<<20)+"\n"), 0o644)
	_, err := Read(dir, Options{MaxInputBytes: 1 << 20})
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), "more than 1 MiB uncompressed") {
		t.Fatalf("2 MB under a 1 MiB cap: %v", err)
	}
	if _, err := Read(dir, Options{MaxInputBytes: 4 << 20}); errors.As(err, &tooLarge) {
		t.Fatalf("2 MB under a 4 MiB cap: %v", err)
	}
}
