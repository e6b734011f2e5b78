package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/pquerna/otp/totp"
)

// browser is an HTTP client with its own cookies, as one person's browser.
type browser struct {
	t      testing.TB
	ts     *testServer
	client *http.Client
}

func (ts *testServer) newBrowser(t testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, ts: ts, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	return b.do("GET", path, nil)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	return b.do("POST", path, form)
}

func (b *browser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.ts.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp, string(text)
}

// demoCode is the demo second factor's code for the step after the current
// one: one step of clock skew is accepted, and it cannot collide with a code
// this user already used in this step.
func demoCode(t testing.TB, step int) string {
	code, err := totp.GenerateCode(demo.TOTPSecret, time.Now().Add(time.Duration(step)*30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// signIn signs a demo account in, through the second factor when its role
// has one, and fails the test otherwise.
func (b *browser) signIn(email string) {
	b.t.Helper()
	resp, body := b.post("/signin", url.Values{"email": {email}, "password": {demo.Password}})
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign-in of %s: status %d\n%s", email, resp.StatusCode, b.ts.logs.String())
	}
	if resp.Header.Get("Location") == "/signin/code" {
		resp, body = b.post("/signin/code", url.Values{"code": {demoCode(b.t, 0)}})
		if resp.StatusCode != http.StatusSeeOther {
			b.t.Fatalf("second factor of %s: status %d\n%s", email, resp.StatusCode, body)
		}
	}
	if loc := resp.Header.Get("Location"); strings.HasPrefix(loc, "/signin") {
		b.t.Fatalf("sign-in of %s ended at %s", email, loc)
	}
}
