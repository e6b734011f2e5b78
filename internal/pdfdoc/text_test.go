package pdfdoc

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// handWrittenPDF is a PDF of another producer than fpdf: written object by
// object, with a standard Type 1 font (Helvetica) in WinAnsiEncoding, no
// embedded font, the text of one page in a content stream — as many
// office suites and scanners write them.
func handWrittenPDF(lines ...string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) '\n", l)
	}
	content.WriteString("ET\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// TestTextReadsPDFsOfTwoProducers: the text of a PDF written by this
// package (fpdf, embedded DejaVu Sans) and of a hand-written one (standard
// Helvetica, WinAnsi accents) comes back with its accents, bounded by the
// limit; a file that is no PDF gives no text.
func TestTextReadsPDFsOfTwoProducers(t *testing.T) {
	t.Parallel()
	d := New("Sécurité", "Berceau", "fr")
	d.Title("Fiche : la sécurité du nourrisson")
	d.Paragraph("Allaitement et retour au travail : conservez le lait au réfrigérateur.")
	ours, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	// \351 is é in WinAnsiEncoding.
	theirs := handWrittenPDF(`Rep\351rer la d\351pression post-partum`, `Postpartum depression screening`)
	// The hand-written file is a valid PDF for poppler too.
	path := filepath.Join(t.TempDir(), "theirs.pdf")
	if err := os.WriteFile(path, theirs, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(requireTool(t, "pdftotext"), path, "-").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Repérer la dépression") {
		t.Fatalf("pdftotext on the hand-written PDF: %v\n%s", err, out)
	}
	for name, c := range map[string]struct {
		pdf  []byte
		want []string
	}{
		"fpdf":         {ours, []string{"sécurité", "nourrisson", "réfrigérateur"}},
		"hand-written": {theirs, []string{"Repérer", "dépression", "Postpartum"}},
	} {
		text := Text(c.pdf, 1<<20)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the text %q lacks %q", name, text, w)
			}
		}
	}
	if got := Text(ours, 10); len(got) > 10 {
		t.Errorf("bounded to 10 bytes, got %d", len(got))
	}
	if got := Text([]byte("<html>not a pdf</html>"), 1<<20); got != "" {
		t.Errorf("a file that is no PDF: %q", got)
	}
}
