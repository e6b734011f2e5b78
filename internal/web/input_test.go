package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// countingReader is a request body that counts what the server made the
// client send.
type countingReader struct {
	r    io.Reader
	read atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// postRaw sends a body of n bytes; chunked hides its length.
func postRaw(t *testing.T, ts *testServer, path, contentType string, n int, chunked bool) (*http.Response, string, int64, time.Duration) {
	t.Helper()
	body := &countingReader{r: io.LimitReader(zeroReader{}, int64(n))}
	req, err := http.NewRequest("POST", ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = int64(n)
	if chunked {
		req.ContentLength = -1
	}
	req.Header.Set("Content-Type", contentType)
	start := time.Now()
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp, string(text), body.read.Load(), time.Since(start)
}

// zeroReader is an endless form value: "aaaa…".
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// TestABigBodyIsRefusedWith413BeforeItIsRead: a 10 MB sign-in (the probe's
// 64 parallel ones took the server to 1.4 GB) is answered 413 at once,
// translated, without the server reading it, declared or chunked; the API
// surfaces answer a problem document.
func TestABigBodyIsRefusedWith413BeforeItIsRead(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	const tenMB = 10 << 20
	for _, chunked := range []bool{false, true} {
		resp, body, sent, took := postRaw(t, ts, "/signin", "application/x-www-form-urlencoded", tenMB, chunked)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Requête trop volumineuse") {
			t.Fatalf("chunked=%v: %d\n%.300s", chunked, resp.StatusCode, body)
		}
		if took > 3*time.Second {
			t.Fatalf("chunked=%v: refused after %v", chunked, took)
		}
		t.Logf("chunked=%v: 413 after %v (%d bytes went into the sockets' buffers)", chunked, took, sent)
		// In process, what the server itself reads is exact: nothing of a
		// body declared too large, no more than the limit of a chunked one.
		in := &countingReader{r: io.LimitReader(zeroReader{}, tenMB)}
		req := httptest.NewRequest("POST", "/signin", in)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.ContentLength = tenMB
		if chunked {
			req.ContentLength = -1
		}
		rec := httptest.NewRecorder()
		ts.web.ServeHTTP(rec, req)
		limit := int64(0)
		if chunked {
			limit = publicFormBody + 1
		}
		if rec.Code != http.StatusRequestEntityTooLarge || in.read.Load() > limit+64<<10 {
			t.Fatalf("chunked=%v: %d after reading %d bytes", chunked, rec.Code, in.read.Load())
		}
	}
	for _, path := range []string{"/api/v1/screenings/evaluate", "/hsds/services"} {
		resp, body, _, _ := postRaw(t, ts, path, "application/json", tenMB, false)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s: %d %s %.200s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
	// A form of ordinary size still goes through.
	resp, _, _, _ := postRaw(t, ts, "/signin", "application/x-www-form-urlencoded", 2<<10, false)
	if resp.StatusCode == http.StatusRequestEntityTooLarge {
		t.Fatal("a 2 KB sign-in was refused")
	}
}

// TestBigBodiesInParallelStayBounded repeats the probe at a smaller scale:
// 32 parallel 10 MB sign-ins leave the heap where it was.
func TestBigBodiesInParallelStayBounded(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	done := make(chan int, 32)
	for i := 0; i < 32; i++ {
		go func() {
			body := io.LimitReader(zeroReader{}, 10<<20)
			req, _ := http.NewRequest("POST", ts.URL+"/signin", body)
			req.ContentLength = -1
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := noRedirects.Do(req)
			if err != nil {
				done <- 0
				return
			}
			resp.Body.Close()
			done <- resp.StatusCode
		}()
	}
	var peak uint64
	for i := 0; i < 32; i++ {
		if status := <-done; status != 0 && status != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d", status)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
	}
	grew := int64(peak) - int64(before.HeapAlloc)
	t.Logf("heap grew by %d KiB during 32 parallel 10 MB sign-ins", grew>>10)
	if grew > 64<<20 {
		t.Fatalf("heap grew by %d MiB", grew>>20)
	}
}

// TestValuesNoDatabaseCanStoreAreRefusedAtTheEdge: a NUL character or
// invalid UTF-8 in any submitted value (the sign-in e-mail included) is a
// field-named 400 on both engines, not PostgreSQL's 500.
func TestValuesNoDatabaseCanStoreAreRefusedAtTheEdge(t *testing.T) {
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		formType := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		for _, raw := range []string{"email=membre%00@berceau.example&password=x", "email=membre%FF@berceau.example&password=x",
			"email=a@b.example&password=x%00y"} {
			resp, body := ts.do(t, "POST", "/signin", strings.NewReader(raw), formType)
			field := "email"
			if strings.Contains(raw, "x%00y") {
				field = "password"
			}
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "« "+field+" »") {
				t.Fatalf("%s: %d\n%.400s", raw, resp.StatusCode, body)
			}
		}
		resp, body := ts.do(t, "GET", "/directory?q=cr%00che", nil, nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "« q »") {
			t.Fatalf("query with NUL: %d", resp.StatusCode)
		}
		// The JSON surfaces: a problem naming the value.
		resp, body = ts.do(t, "GET", "/hsds/services?search=%FF", nil, nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"query.search"`) {
			t.Fatalf("hsds query: %d %s", resp.StatusCode, body)
		}
		jsonType := map[string]string{"Content-Type": "application/json"}
		resp, body = ts.do(t, "POST", "/api/v1/screenings/evaluate", strings.NewReader(`{"date":"2025-01-01","notes":{"x":"a\u0000b"}}`), jsonType)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"body.notes.x"`) {
			t.Fatalf("api NUL: %d %s", resp.StatusCode, body)
		}
		resp, body = ts.do(t, "POST", "/api/v1/screenings/evaluate", bytes.NewReader([]byte("{\"date\":\"\xff\"}")), jsonType)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("api invalid UTF-8: %d %s", resp.StatusCode, body)
		}
		// Year 0000 (PostgreSQL's 500) and a date past 2100 are refused
		// with the field named; a 300-character name is refused too.
		b := ts.newBrowser(t)
		b.signIn("infirmiere@berceau.example")
		place := firstPlace(t, b)
		for _, birth := range []string{"0000-01-01", "2101-01-01"} {
			resp, body := b.post("/families", intake(place, map[string]string{
				"pregnant_given_name": "Nadia", "pregnant_surname": "Benali", "pregnant_birth_date": birth}))
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Cette date n’est pas valide") {
				t.Fatalf("birth %s: %d\n%s", birth, resp.StatusCode, ts.logs.String())
			}
		}
		resp, body = b.post("/families", intake(place, map[string]string{
			"pregnant_given_name": strings.Repeat("N", 201), "pregnant_surname": "Benali"}))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Un nom est trop long") {
			t.Fatalf("long name: %d", resp.StatusCode)
		}
	})
}

// TestPageNumbersAreBoundedOnEveryList: the probe's page values answer a
// translated 400 naming the parameter on every paged list, not a 500.
func TestPageNumbersAreBoundedOnEveryList(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	for _, bad := range []string{"99999999999999999999", "9223372036854775807", "0", "-1", "1e3", "1000001"} {
		for _, path := range []string{"/hsds/services", "/hsds/organizations", "/hsds/taxonomies", "/hsds/taxonomy_terms", "/hsds/service_at_locations"} {
			resp, body := ts.do(t, "GET", path+"?page="+bad, nil, map[string]string{"Accept-Language": "en"})
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"query.page"`) || !strings.Contains(body, "1 to 1,000,000") {
				t.Fatalf("%s?page=%s: %d %s", path, bad, resp.StatusCode, body)
			}
		}
		resp, body := ts.do(t, "GET", "/directory?q=halte&page="+bad, nil, nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "1 à 1 000 000") {
			t.Fatalf("directory page=%s: %d", bad, resp.StatusCode)
		}
		resp, _ = admin.get("/admin/audit?page=" + bad)
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("audit page=%s: %d", bad, resp.StatusCode)
		}
	}
	// The largest page allowed is an empty page, not an error.
	if resp, body := ts.do(t, "GET", "/hsds/services?page=1000000", nil, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("last page: %d %s", resp.StatusCode, body)
	}
	if resp, _ := ts.do(t, "GET", "/directory?q=halte&page=1000000", nil, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("directory last page: %d", resp.StatusCode)
	}
}

// TestAPIEdgesAnswerProblemDocuments: cross-origin POSTs to /api/v1 and
// /hsds get a problem document (not the HTML 403 page), and a list asked
// with DELETE or PUT is 405 with Allow.
func TestAPIEdgesAnswerProblemDocuments(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site", "Content-Type": "application/json"}
	for _, path := range []string{"/api/v1/screenings/evaluate", "/hsds/services"} {
		resp, body := ts.do(t, "POST", path, strings.NewReader(`{}`), crossSite)
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("cross-origin %s: %d %s %.200s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		var doc struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		if json.Unmarshal([]byte(body), &doc) != nil || doc.Status != 403 || doc.Detail == "" {
			t.Fatalf("cross-origin %s: %s", path, body)
		}
	}
	// The site's own forms keep their page.
	resp, body := ts.do(t, "POST", "/signin", strings.NewReader("email=a"), map[string]string{"Sec-Fetch-Site": "cross-site",
		"Content-Type": "application/x-www-form-urlencoded"})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "<html") {
		t.Fatalf("cross-origin form: %d", resp.StatusCode)
	}
	for _, c := range []struct{ method, path, allow string }{
		{"DELETE", "/api/v1/organisations", "GET"}, {"PUT", "/api/v1/sites", "GET"},
		{"DELETE", "/hsds/services", "GET, POST"}, {"PUT", "/hsds/organizations", "GET, POST"},
		{"DELETE", "/hsds/services/" + "00000000-0000-0000-0000-000000000000", "GET"},
	} {
		resp, body := ts.do(t, c.method, c.path, nil, nil)
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != c.allow ||
			resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s %s: %d Allow=%q %s", c.method, c.path, resp.StatusCode, resp.Header.Get("Allow"), body)
		}
	}
	if resp, _ := ts.do(t, "DELETE", "/hsds/nothing", nil, nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown hsds path: %d", resp.StatusCode)
	}
}

// TestTheHSDSAPIAnswers503WhileTheDatabaseIsDown: a read the database
// cannot answer is 503 with Retry-After, not 500.
func TestTheHSDSAPIAnswers503WhileTheDatabaseIsDown(t *testing.T) {
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		st.Close()
		resp, body := ts.do(t, "GET", "/hsds/organizations", nil, nil)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
			resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%d %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
	})
}
