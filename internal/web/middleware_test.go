package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	_, home := ts.do(t, "GET", "/", nil, nil)
	css := ts.web.assets.url("css/berceau.css")
	if !strings.Contains(home, css) {
		t.Fatalf("home page does not link the hashed stylesheet %s", css)
	}
	for _, path := range []string{"/", "/nowhere", "/healthz", css} {
		resp, _ := ts.do(t, "GET", path, nil, nil)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		for _, directive := range []string{"object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"} {
			if !strings.Contains(csp, directive) {
				t.Errorf("%s: CSP %q lacks %s", path, csp, directive)
			}
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	resp, _ := ts.do(t, "GET", "/", nil, nil)
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("page Cache-Control = %q, want no-store", got)
	}
	resp, body := ts.do(t, "GET", css, nil, nil)
	if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "immutable") || resp.StatusCode != 200 {
		t.Errorf("asset: status %d Cache-Control %q", resp.StatusCode, got)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, ":focus-visible") {
		t.Errorf("asset served as %q", resp.Header.Get("Content-Type"))
	}
}

func TestCrossSiteFormPostIsRefusedWithATranslatedPage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	headers := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site", "Accept-Language": "en"}
	resp, body := ts.do(t, "POST", "/language", strings.NewReader("lang=en&next=/"), headers)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Access denied") {
		t.Fatalf("cross-site POST: status %d\n%s", resp.StatusCode, body)
	}
	if len(resp.Cookies()) != 0 {
		t.Fatal("a refused cross-site request still set a cookie")
	}
	headers["Sec-Fetch-Site"] = "same-origin"
	if resp, _ := ts.do(t, "POST", "/language", strings.NewReader("lang=en&next=/"), headers); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("same-origin POST: status %d, want 303", resp.StatusCode)
	}
}

func TestPanicBecomesATranslatedErrorPageAndTheCauseStaysInTheLogs(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	boom := ts.web.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret cause: family 42")
	}))
	for lang, want := range map[string]string{"fr": "Une erreur est survenue", "en": "Something went wrong"} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Language", lang)
		boom.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != 500 || !strings.Contains(body, want) || strings.Contains(body, "secret cause") {
			t.Fatalf("%s: status %d\n%s", lang, rec.Code, body)
		}
		if id := rec.Header().Get("X-Request-Id"); id == "" || !strings.Contains(body, id) {
			t.Errorf("%s: the 500 page does not show the request reference %q", lang, id)
		}
	}
	if !strings.Contains(ts.logs.String(), "secret cause") {
		t.Error("the panic's cause is not in the logs")
	}
}
