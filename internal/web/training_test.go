package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// demoTrainingID is the id of a demo training by its French title.
func demoTrainingID(t *testing.T, st *store.Store, title string) int64 {
	t.Helper()
	var id int64
	_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
		list, _, err := tx.Trainings(context.Background(), store.TrainingFilter{})
		for _, it := range list {
			if it.Title.Get("fr") == title {
				id = it.ID
			}
		}
		return err
	})
	if id == 0 {
		t.Fatalf("no demo training %q", title)
	}
	return id
}

// pdfText writes a PDF where poppler's pdftotext reads it back, checks it
// with qpdf, and returns its text.
func pdfText(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: install Debian's poppler-utils and qpdf (.ci/run does)", tool)
		}
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(text)
}

// TestTheCatalogueAndATrainingPageWithCourseJSONLD: anyone reads the
// catalogue, filtered by discipline; a training's page carries a
// schema.org Course with its provider and one CourseInstance per session.
func TestTheCatalogueAndATrainingPageWithCourseJSONLD(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		b := ts.newBrowser(t)
		resp, page := b.get("/trainings")
		if resp.StatusCode != 200 || !strings.Contains(page, "Entretien motivationnel") || !strings.Contains(page, "Premiers 1000 jours") {
			t.Fatalf("catalogue %d:\n%s", resp.StatusCode, page)
		}
		// Motivational interviewing is for nurses, social workers, physicians and midwives.
		if _, page := b.get("/trainings?discipline=administration"); strings.Contains(page, "Entretien motivationnel") ||
			!strings.Contains(page, "Périnatalité sociale : les bases") {
			t.Fatalf("the catalogue for administration staff lists a training meant for others:\n%s", page)
		}
		id := demoTrainingID(t, st, "Entretien motivationnel")
		resp, page = b.get("/trainings/" + strconv.FormatInt(id, 10))
		if resp.StatusCode != 200 {
			t.Fatalf("training page %d", resp.StatusCode)
		}
		ld := jsonLD(t, page)
		instances, _ := ld["hasCourseInstance"].([]any)
		provider, _ := ld["provider"].(map[string]any)
		if ld["@type"] != "Course" || ld["name"] != "Entretien motivationnel" || len(instances) != 2 || provider["name"] == nil ||
			ld["timeRequired"] != "PT7H" {
			t.Fatalf("JSON-LD %v", ld)
		}
		if first, _ := instances[0].(map[string]any); first["@type"] != "CourseInstance" || first["courseMode"] != "blended" || first["startDate"] == nil {
			t.Fatalf("CourseInstance %v", instances[0])
		}
		if strings.Contains(page, "/participants") {
			t.Fatal("an anonymous visitor sees the trainers' link")
		}
	})
}

// TestTrainingFormsAnswerTranslatedErrors: an editor's empty training
// comes back with each field's error in their language; a valid one is
// published.
func TestTrainingFormsAnswerTranslatedErrors(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		editor := ts.newBrowser(t)
		editor.signIn("contenu@berceau.example")
		resp, page := editor.post("/trainings", url.Values{"title_fr": {""}, "hours": {"-2"}, "modality": {"in_person"}, "language": {"fr"}})
		if resp.StatusCode != 422 || !strings.Contains(page, "Donnez un titre.") || !strings.Contains(page, "Indiquez un nombre d&#39;heures positif") ||
			!strings.Contains(page, "Choisissez l&#39;organisme qui offre la formation.") {
			t.Fatalf("empty training %d:\n%s", resp.StatusCode, page)
		}
		editor.post("/language", url.Values{"lang": {"en"}, "next": {"/"}})
		if _, page := editor.post("/trainings", url.Values{"title_fr": {""}}); !strings.Contains(page, "Give a title.") {
			t.Fatalf("English errors:\n%s", page)
		}
		_, form := editor.get("/trainings/new")
		org := regexp.MustCompile(`<option value="([0-9a-f-]{36})"`).FindStringSubmatch(form)
		if org == nil {
			t.Fatalf("no organisation offered:\n%s", form)
		}
		resp, _ = editor.post("/trainings", url.Values{"title_fr": {"Portage et peau à peau"}, "hours": {"2,5"}, "modality": {"online"},
			"language": {"fr"}, "organization": {org[1]}, "audience": {"midwife", "nurse"}})
		loc := resp.Header.Get("Location")
		if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/trainings/") {
			t.Fatalf("valid training: %d %s", resp.StatusCode, loc)
		}
		if _, page := editor.get(loc); !strings.Contains(page, "Portage et peau à peau") || !strings.Contains(page, "2.5 h") {
			t.Fatalf("the new training's page:\n%s", page)
		}
	})
}

// TestTheLearningRecordExportsParseAndPrint: the nurse's record as CSV
// (parsed by encoding/csv: every line, hours that sum to the total) and as
// PDF (pdftotext finds her name, the hours and the completion date; qpdf
// passes it).
func TestTheLearningRecordExportsParseAndPrint(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		resp, page := nurse.get("/me/learning-record")
		if resp.StatusCode != 200 || !strings.Contains(page, "Périnatalité sociale : les bases") || !strings.Contains(page, "Entretien motivationnel") ||
			!strings.Contains(page, "En attente d&#39;approbation") {
			t.Fatalf("record %d:\n%s", resp.StatusCode, page)
		}
		resp, body := nurse.get("/me/learning-record.csv")
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(rows) != 3 ||
			strings.Join(rows[0], ",") != "Date,Catégorie,Intitulé,Organisme,Heures,Discipline" {
			t.Fatalf("CSV (%v): %q", err, rows)
		}
		sum, basics := 0.0, []string(nil)
		for _, row := range rows[1:] {
			h, err := strconv.ParseFloat(row[4], 64)
			if err != nil {
				t.Fatalf("hours %q: %v", row[4], err)
			}
			sum += h
			if row[2] == "Périnatalité sociale : les bases" {
				basics = row
			}
		}
		// The basics (6 h, by attendance) and motivational interviewing (7 h, marked by the trainer).
		if sum != 13 || basics == nil || basics[4] != "6.00" || basics[1] != "Formations" || basics[5] != "Infirmière ou infirmier" {
			t.Fatalf("CSV sums %v, basics %q", sum, basics)
		}
		resp, body = nurse.get("/me/learning-record.pdf")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("PDF %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		text := pdfText(t, body)
		completed := basics[0][8:10] + "/" + basics[0][5:7] + "/" + basics[0][0:4]
		for _, want := range []string{"Amina Diallo", "13 h", "Périnatalité sociale : les bases", completed, "Infirmière ou infirmier"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
		// A year with nothing in it: an empty, valid record.
		if resp, body := nurse.get("/me/learning-record.csv?year=2001"); resp.StatusCode != 200 || strings.Count(body, "\n") != 1 {
			t.Fatalf("empty year %d: %q", resp.StatusCode, body)
		}
		if resp, _ := nurse.get("/me/learning-record?year=abc"); resp.StatusCode != 400 {
			t.Fatalf("a year that is none: %d", resp.StatusCode)
		}
	})
}

// TestCertificatesPrintAndVerify: the holder prints her certificate (the
// real completion date, the hours, her name, the code); /verify/{code}
// confirms it showing nothing else; a forged code is a not-found page; the
// coordinator revokes it and the code then says revoked.
func TestCertificatesPrintAndVerify(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		var cert training.Certificate
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
			u, err := tx.UserByEmail(context.Background(), "infirmiere@berceau.example")
			if err != nil {
				return err
			}
			list, err := tx.Certificates(context.Background(), u.ID, 0)
			if len(list) > 0 {
				cert = list[0]
			}
			return err
		})
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		pdfPath := "/certificates/" + strconv.FormatInt(cert.ID, 10) + "/pdf"
		resp, body := nurse.get(pdfPath)
		if resp.StatusCode != 200 {
			t.Fatalf("certificate %d", resp.StatusCode)
		}
		text := pdfText(t, body)
		for _, want := range []string{"Amina Diallo", "Périnatalité sociale : les bases", "6 h", training.GroupCode(cert.Code),
			strconv.Itoa(cert.On.Year()), "/verify/" + cert.Code, "Attestation de formation"} {
			if !strings.Contains(text, want) {
				t.Errorf("the certificate lacks %q:\n%s", want, text)
			}
		}
		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		if resp, _ := member.get(pdfPath); resp.StatusCode != 403 {
			t.Fatalf("someone else prints the nurse's certificate: %d", resp.StatusCode)
		}

		visitor := ts.newBrowser(t)
		resp, page := visitor.get("/verify/" + strings.ToLower(cert.Code))
		if resp.StatusCode != 200 || !strings.Contains(page, "Amina Diallo") || !strings.Contains(page, "authentique et valide") ||
			!strings.Contains(page, "6 h") || strings.Contains(page, "infirmiere@berceau.example") || strings.Contains(page, "Infirmière") {
			t.Fatalf("verify %d:\n%s", resp.StatusCode, page)
		}
		if resp, _ := visitor.get("/verify?code=" + url.QueryEscape(training.GroupCode(cert.Code))); resp.StatusCode != 303 ||
			resp.Header.Get("Location") != "/verify/"+cert.Code {
			t.Fatalf("the verify form: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		forged := training.NewCode()
		resp, page = visitor.get("/verify/" + forged)
		if resp.StatusCode != 404 || !strings.Contains(page, "Aucune attestation ne porte ce code") || strings.Contains(page, "Amina") {
			t.Fatalf("forged code %d:\n%s", resp.StatusCode, page)
		}

		coordinator := ts.newBrowser(t)
		coordinator.signIn("coordination@berceau.example")
		back := "/learning-records/people/" + strconv.FormatInt(cert.UserID, 10)
		if resp, _ := nurse.post("/certificates/"+strconv.FormatInt(cert.ID, 10)+"/revoke", url.Values{"reason": {"x"}}); resp.StatusCode != 403 {
			t.Fatalf("the holder revokes her own certificate: %d", resp.StatusCode)
		}
		resp, _ = coordinator.post("/certificates/"+strconv.FormatInt(cert.ID, 10)+"/revoke", url.Values{"reason": {"Présence contestée"}, "back": {back}})
		if resp.StatusCode != 303 || resp.Header.Get("Location") != back+"?done=revoked" {
			t.Fatalf("revoke %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, page = visitor.get("/verify/" + cert.Code)
		if resp.StatusCode != 200 || !strings.Contains(page, "a été révoquée") || strings.Contains(page, "Présence contestée") {
			t.Fatalf("revoked certificate %d:\n%s", resp.StatusCode, page)
		}
		if _, body := nurse.get(pdfPath); !strings.Contains(pdfText(t, body), "ATTESTATION RÉVOQUÉE") {
			t.Fatal("a revoked certificate prints as valid")
		}
	})
}

// postFile posts a multipart form with one file.
func (b *browser) postFile(path string, fields map[string]string, field, name string, content []byte) (*http.Response, string) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile(field, name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, err := http.NewRequest("POST", b.ts.URL+path, &buf)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp, string(text)
}

// TestExternalTrainingsAreDeclaredWithAProofAndDecidedByTheCoordinator:
// the proof's type is read from its content; the coordinator sees the
// declaration, reads the proof and approves; its hours join the record.
func TestExternalTrainingsAreDeclaredWithAProofAndDecidedByTheCoordinator(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		social := ts.newBrowser(t)
		social.signIn("travail.social@berceau.example")
		fields := map[string]string{"title": "Premiers secours en santé mentale", "provider": "Croix-Rouge (fictif)", "date": "2026-01-15", "hours": "7,5"}
		resp, page := social.postFile("/me/learning-record/declarations", fields, "proof", "preuve.pdf", []byte("<html>not a pdf</html>"))
		if resp.StatusCode != 422 || !strings.Contains(page, "ni un PDF") {
			t.Fatalf("an HTML proof %d:\n%s", resp.StatusCode, page)
		}
		resp, _ = social.postFile("/me/learning-record/declarations", fields, "proof", "preuve.pdf", []byte("%PDF-1.4\n%%EOF\n"))
		if resp.StatusCode != 303 {
			t.Fatalf("declaration %d", resp.StatusCode)
		}
		coordinator := ts.newBrowser(t)
		coordinator.signIn("coordination@berceau.example")
		_, page = coordinator.get("/learning-records")
		if !strings.Contains(page, "Premiers secours en santé mentale") {
			t.Fatalf("the coordinator's pending list:\n%s", page)
		}
		var id string
		for _, m := range regexp.MustCompile(`/learning-records/declarations/(\d+)/decision`).FindAllStringSubmatch(page, -1) {
			id = m[1] // the newest is listed among the others; take its own below
		}
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
			list, err := tx.Declarations(context.Background(), 0, nil, training.Pending)
			for _, d := range list {
				if d.Title == "Premiers secours en santé mentale" {
					id = strconv.FormatInt(d.ID, 10)
				}
			}
			return err
		})
		if resp, body := coordinator.get("/learning-records/declarations/" + id + "/proof"); resp.StatusCode != 200 ||
			resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF") {
			t.Fatalf("proof %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp, _ := social.post("/learning-records/declarations/"+id+"/decision", url.Values{"approve": {"1"}}); resp.StatusCode != 403 {
			t.Fatalf("the declarant approves: %d", resp.StatusCode)
		}
		if resp, page := coordinator.post("/learning-records/declarations/"+id+"/decision", url.Values{"refuse": {"1"}}); resp.StatusCode != 422 ||
			!strings.Contains(page, "Écrivez le motif.") {
			t.Fatalf("a refusal without reason %d:\n%s", resp.StatusCode, page)
		}
		if resp, _ := coordinator.post("/learning-records/declarations/"+id+"/decision", url.Values{"approve": {"1"}}); resp.StatusCode != 303 {
			t.Fatalf("approve %d", resp.StatusCode)
		}
		_, body := social.get("/me/learning-record.csv?year=2026")
		if !strings.Contains(body, "Premiers secours en santé mentale") || !strings.Contains(body, "7.50") {
			t.Fatalf("the approved training is not in the record:\n%s", body)
		}
	})
}
