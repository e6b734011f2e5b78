package pdfdoc

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestADocumentKeepsItsAccentsForAThirdPartyReader writes a document with
// French and Dutch accents and reads it back with poppler's pdftotext, a
// parser Berceau does not use, and checks its structure with qpdf.
func TestADocumentKeepsItsAccentsForAThirdPartyReader(t *testing.T) {
	d := New("Attestation", "Réseau Berceau", "fr")
	d.Title("Attestation de formation")
	d.Field("Nom :", "Zoé Côté-Lefèvre")
	d.Paragraph("Heures reconnues : 7,5 — « Périnatalité sociale » ; Ruimte voor ouders: één dag.")
	d.Table([]string{"Année", "Heures"}, [][]string{{"2025-2026", "2 412"}}, []float64{60, 40}, []bool{false, true})
	d.Small("Code de vérification : ABCD-EFGH")
	out, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	pdftotext := requireTool(t, "pdftotext")
	text, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Zoé Côté-Lefèvre", "« Périnatalité sociale »", "één dag", "2 412", "ABCD-EFGH"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext does not find %q in:\n%s", want, text)
		}
	}
	qpdf := requireTool(t, "qpdf")
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// requireTool finds a third-party checker. CI installs it (.ci/run), so a
// missing tool fails there; elsewhere the test says what to install.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is missing: install Debian's poppler-utils and qpdf (.ci/run does)", name)
	}
	return path
}
