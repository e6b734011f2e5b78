package pdfdoc

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestACertificateReadsBackWithItsFacts: the certificate layout keeps the
// holder, what was completed, the facts and the code for pdftotext, and a
// revoked one says so; qpdf passes both.
func TestACertificateReadsBackWithItsFacts(t *testing.T) {
	for _, revoked := range []string{"", "ATTESTATION RÉVOQUÉE"} {
		out, err := Certificate("Attestation — Zoé", "Centre de pédiatrie sociale Le Nid", "fr", CertificateText{
			Heading: "Attestation de formation", Intro: "Nous attestons que", Holder: "Zoé Côté-Lefèvre",
			Completed: "a complété la formation", What: "Repérage des violences conjugales en période périnatale",
			Fields: [][2]string{{"Date de complétion :", "mardi 11 août 2026"}, {"Heures reconnues :", "7,5 h"}},
			Code:   "Code de vérification : ABCD-EFGH-IJKL-MNOP", VerifyAt: "Vérifier : https://berceau.example.org/verify/ABCDEFGHIJKLMNOP",
			Revoked: revoked,
		})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "certificate.pdf")
		if err := os.WriteFile(path, out, 0o600); err != nil {
			t.Fatal(err)
		}
		text, err := exec.Command(requireTool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		wants := []string{"Zoé Côté-Lefèvre", "mardi 11 août 2026", "7,5 h", "ABCD-EFGH-IJKL-MNOP", "Repérage des violences conjugales"}
		if revoked != "" {
			wants = append(wants, revoked)
		}
		for _, want := range wants {
			if !strings.Contains(string(text), want) {
				t.Errorf("pdftotext does not find %q in:\n%s", want, text)
			}
		}
		if revoked == "" && strings.Contains(string(text), "RÉVOQUÉE") {
			t.Error("a valid certificate prints as revoked")
		}
		if out, err := exec.Command(requireTool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}
	}
}
