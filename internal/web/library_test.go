package web

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/internal/store"
)

// libraryUpload posts the publication form with a file, as a browser does.
func (b *browser) libraryUpload(path string, fields url.Values, fileName, fileType string, content []byte) (*http.Response, string) {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+strings.NewReplacer(`"`, "%22", "\r", "%0D", "\n", "%0A").Replace(fileName)+`"`)
	h.Set("Content-Type", fileType)
	part, err := w.CreatePart(h)
	if err != nil {
		b.t.Fatal(err)
	}
	_, _ = part.Write(content)
	_ = w.Close()
	req, err := http.NewRequest("POST", b.ts.URL+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp, string(text)
}

func libraryFields(title, summary, audience string) url.Values {
	return url.Values{"form": {"document"}, "title_fr": {title}, "summary_fr": {summary}, "kind": {"guide"}, "themes": {"breastfeeding"},
		"languages": {"fr"}, "audience": {audience}, "organization": {directory.NameUUID("demo-org:lucioles")}, "licence": {"cc-by"}}
}

func libraryPDF(t *testing.T, text string) []byte {
	t.Helper()
	d := pdfdoc.New("Test", "Berceau", "fr")
	d.Paragraph(text)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var publishedRe = regexp.MustCompile(`^/library/(\d+)\?done=published$`)

// publish posts a document and returns its page's path.
func (b *browser) publish(fields url.Values, fileName, fileType string, content []byte) string {
	b.t.Helper()
	resp, body := b.libraryUpload("/library", fields, fileName, fileType, content)
	m := publishedRe.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		b.t.Fatalf("publish: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	return "/library/" + m[1]
}

// xssPayloads are known script injections.
var xssPayloads = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(2)>`, `<svg onload=alert(3)>`, `javascript:alert(4)`}

// TestLibraryPagesNeverShowXSSPayloadsUnescaped: payloads in the title,
// the summary and the FILE NAME reach neither the library's pages nor the
// Content-Disposition header unescaped.
func TestLibraryPagesNeverShowXSSPayloadsUnescaped(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	fileName := `<svg onload=alert(3)>"; filename=evil.html` + "\r\nX-Injected: 1.pdf"
	page := editor.publish(libraryFields(xssPayloads[0]+" Guide", xssPayloads[1]+" "+xssPayloads[3], "public"), fileName, "application/pdf",
		libraryPDF(t, "Texte du guide."))
	visitor := ts.newBrowser(t)
	for _, path := range []string{"/library", "/library?q=alert", "/library?q=script", page} {
		for _, who := range []*browser{editor, visitor} {
			resp, body := who.get(path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			for _, p := range xssPayloads[:3] {
				if strings.Contains(body, p) {
					t.Errorf("%s shows %q unescaped", path, p)
				}
			}
			if strings.Contains(body, `href="javascript:`) {
				t.Errorf("%s links to javascript:", path)
			}
		}
	}
	_, body := visitor.get(page)
	if !strings.Contains(body, html.EscapeString(xssPayloads[0])) && !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the title is not shown escaped:\n%s", body)
	}
	if !strings.Contains(body, "&lt;svg onload=alert(3)&gt;") {
		t.Errorf("the file name is not shown escaped")
	}
	resp, _ := visitor.get(page + "/files/1")
	cd := resp.Header.Get("Content-Disposition")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Injected") != "" {
		t.Fatalf("download: %d, headers %v", resp.StatusCode, resp.Header)
	}
	// One quoted ASCII name without quotes, semicolons or control
	// characters inside, then the exact name percent-encoded.
	want := regexp.MustCompile(`^inline; filename="[^"\\;%/\x00-\x1f\x7f-\xff]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_` + "`" + `|~%]+$`)
	if !want.MatchString(cd) || !strings.Contains(cd, "%3Csvg%20onload%3Dalert%283%29%3E") {
		t.Errorf("Content-Disposition %q", cd)
	}
}

// TestLibraryFilesKeepTheirTypeAndMembersOnlyOnesNeverReachAnonymousVisitors:
// a members' document is "not found" for anonymous visitors — page, file,
// search — and served to members with its checked type, nosniff, inline
// for a PDF; an office file downloads as an attachment.
func TestLibraryFilesKeepTheirTypeAndMembersOnlyOnesNeverReachAnonymousVisitors(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		editor := ts.newBrowser(t)
		editor.signIn("contenu@berceau.example")
		content := libraryPDF(t, "Protocole ornithorynque réservé aux membres.")
		page := editor.publish(libraryFields("Protocole réservé", "Pour les membres.", "members"), "protocole réservé.pdf", "application/pdf", content)
		anonymous := ts.newBrowser(t)
		for _, path := range []string{page, page + "/files/1"} {
			resp, body := anonymous.get(path)
			if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "%PDF") || strings.Contains(body, "Protocole réservé") {
				t.Errorf("anonymous %s: %d", path, resp.StatusCode)
			}
		}
		if _, body := anonymous.get("/library?q=ornithorynque"); strings.Contains(body, "Protocole réservé") {
			t.Error("anonymous search lists the members' document")
		}
		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		if _, body := member.get("/library?q=ornithoryn"); !strings.Contains(body, "Protocole réservé") {
			t.Error("a member does not find the members' document by a word inside it")
		}
		resp, body := member.get(page + "/files/1")
		if resp.StatusCode != http.StatusOK || body != string(content) || resp.Header.Get("Content-Type") != "application/pdf" ||
			resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
			resp.Header.Get("Content-Disposition") != `inline; filename="protocole r_serv_.pdf"; filename*=UTF-8''protocole%20r%C3%A9serv%C3%A9.pdf` {
			t.Errorf("member download: %d %q %q %q (%d bytes)", resp.StatusCode, resp.Header.Get("Content-Type"),
				resp.Header.Get("X-Content-Type-Options"), resp.Header.Get("Content-Disposition"), len(body))
		}
	})
}

// TestAMismatchedUploadIsRefusedWithATranslatedMessage: a PNG named .pdf
// is refused, the form shown again saying why, in the reader's language;
// nothing is published.
func TestAMismatchedUploadIsRefusedWithATranslatedMessage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	resp, body := editor.libraryUpload("/library", libraryFields("Faux PDF", "", "public"), "faux.pdf", "application/pdf", png)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "ne correspond pas à son type annoncé") {
		t.Fatalf("mismatch: %d\n%s", resp.StatusCode, body)
	}
	if _, body := editor.get("/library?q=faux"); strings.Contains(body, "Faux PDF") {
		t.Fatal("the refused upload was published")
	}
}

// TestContentDispositionQuotesNothingUnsafe: quotes, backslashes, control
// characters and non-ASCII letters never reach the quoted name; the exact
// name travels percent-encoded (RFC 6266, RFC 5987).
func TestContentDispositionQuotesNothingUnsafe(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		`guide.pdf`:          `inline; filename="guide.pdf"; filename*=UTF-8''guide.pdf`,
		"a\"b\\c\r\nd;e.pdf": `inline; filename="a_b_c__d_e.pdf"; filename*=UTF-8''a%22b%5Cc%0D%0Ad%3Be.pdf`,
		`Sécurité.pdf`:       `inline; filename="S_curit_.pdf"; filename*=UTF-8''S%C3%A9curit%C3%A9.pdf`,
	} {
		if got := contentDisposition(true, name); got != want {
			t.Errorf("%q: %s, want %s", name, got, want)
		}
	}
	if got := contentDisposition(false, "été"); got != `attachment; filename="_t_"; filename*=UTF-8''%C3%A9t%C3%A9` {
		t.Errorf("attachment: %s", got)
	}
}

// TestALinkIsPublishedOnlyWithAWebAddress: a javascript: link is refused
// with its message; an https one is published and opens in a new context
// without the library as referrer.
func TestALinkIsPublishedOnlyWithAWebAddress(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	fields := libraryFields("Lien utile", "Un site de référence.", "public")
	fields.Set("form", "link")
	fields.Set("link", "javascript:alert(1)")
	resp, body := editor.post("/library", fields)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "https://") {
		t.Fatalf("javascript: link: %d\n%s", resp.StatusCode, body)
	}
	fields.Set("link", "https://naitreetgrandir.com/fr/")
	resp, _ = editor.post("/library", fields)
	m := publishedRe.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("https link: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page := ts.newBrowser(t).get("/library/" + m[1])
	if !strings.Contains(page, `href="https://naitreetgrandir.com/fr/" rel="noopener noreferrer external"`) {
		t.Errorf("the link's page:\n%s", page)
	}
}
