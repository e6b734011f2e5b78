package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestLanguageChoiceIsRememberedOverAcceptLanguage(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	headers := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "fr-CA"}
	resp, _ := ts.do(t, "POST", "/language", strings.NewReader("lang=en&next=/nowhere"), headers)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/nowhere" {
		t.Fatalf("status %d location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == languageCookie {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != "en" || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookie = %+v", cookie)
	}
	_, body := ts.do(t, "GET", "/", nil, map[string]string{"Accept-Language": "fr-CA", "Cookie": "lang=en"})
	if !strings.Contains(body, `<html lang="en">`) {
		t.Fatal("the remembered English choice lost to Accept-Language")
	}
	_, body = ts.do(t, "GET", "/", nil, map[string]string{"Cookie": "lang=xx"})
	if !strings.Contains(body, `<html lang="fr">`) {
		t.Fatal("an unknown remembered language did not fall back to French")
	}
}

func TestLanguageSwitchNeverRedirectsOffSite(t *testing.T) {
	cases := map[string]string{
		"/":                    "/",
		"/static/x":            "/static/x",
		"//evil.example/":      "/",
		"https://evil.example": "/",
		`/\evil.example`:       "/",
		"":                     "/",
		"relative":             "/",
	}
	for next, want := range cases {
		if got := localPath(next); got != want {
			t.Errorf("localPath(%q) = %q, want %q", next, got, want)
		}
	}
}
