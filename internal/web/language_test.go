package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
)

func TestLanguageChoiceIsRememberedOverAcceptLanguage(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestHeaderLanguageSwitchWorksWhenSignedIn: signed in, the header's switch
// changes this session's language (the account's used to win, so the
// button did nothing), offers once to save it to the account, and saving
// makes it the account's language for the next sessions too.
func TestHeaderLanguageSwitchWorksWhenSignedIn(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example") // a French account
	other := ts.newBrowser(t)
	other.signInAtStep("infirmiere@berceau.example", 1) // the same person, another session

	if _, body := nurse.get("/my-day"); !strings.Contains(body, `<html lang="fr">`) {
		t.Fatal("the French account does not start in French")
	}
	resp, _ := nurse.post("/language", url.Values{"lang": {"en"}, "next": {"/my-day"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/my-day" {
		t.Fatalf("switch: status %d location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := nurse.get("/my-day")
	if !strings.Contains(body, `<html lang="en">`) {
		t.Fatal("the header switch did nothing once signed in: the account's language won")
	}
	offer := `action="/account/locale"`
	if !strings.Contains(body, offer) || !strings.Contains(body, `name="locale" value="en"`) ||
		!strings.Contains(body, "Keep English as my account’s language") {
		t.Fatal("the page after the switch does not offer to save English to the account")
	}
	if _, body = nurse.get("/families"); !strings.Contains(body, `<html lang="en">`) || strings.Contains(body, "Keep English") {
		t.Fatal("the session's language did not hold, or the offer came back on every page")
	}
	if _, body = other.get("/my-day"); !strings.Contains(body, `<html lang="fr">`) {
		t.Fatal("the switch changed another session of the same person: it must hold for this session only")
	}

	resp, _ = nurse.post("/account/locale", url.Values{"locale": {"en"}, "next": {"/families"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/families" {
		t.Fatalf("save: status %d location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var saved berceau.User
	err := ts.store.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		saved, err = tx.UserByEmail(context.Background(), "infirmiere@berceau.example")
		return err
	})
	if err != nil || saved.Locale != "en" {
		t.Fatalf("the account's language after saving: %q, %v", saved.Locale, err)
	}
	if _, body = other.get("/my-day"); !strings.Contains(body, `<html lang="en">`) {
		t.Fatal("the saved language does not reach the person's other session")
	}

	// Back to French from the header: the account says English, this
	// session French; choosing the account's own language offers nothing.
	nurse.post("/language", url.Values{"lang": {"fr"}, "next": {"/my-day"}})
	if _, body = nurse.get("/my-day"); !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "Garder le français") {
		t.Fatal("switching back to French once signed in failed or offered nothing")
	}
	nurse.post("/language", url.Values{"lang": {"en"}, "next": {"/my-day"}})
	if _, body = nurse.get("/my-day"); !strings.Contains(body, `<html lang="en">`) || strings.Contains(body, offer) {
		t.Fatal("choosing the account's own language should show it without an offer")
	}
}

// TestAccountLanguageFormOverridesTheSessionChoice: saving a language on
// the account page wins over an earlier header choice of the session.
func TestAccountLanguageFormOverridesTheSessionChoice(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	b.post("/language", url.Values{"lang": {"en"}, "next": {"/account"}})
	resp, _ := b.post("/account/locale", url.Values{"locale": {"fr"}})
	if resp.Header.Get("Location") != "/account?done=locale" {
		t.Fatalf("location %q", resp.Header.Get("Location"))
	}
	if _, body := b.get("/account"); !strings.Contains(body, `<html lang="fr">`) {
		t.Fatal("the header choice of the session hid the language just saved on the account page")
	}
}

// signInAtStep signs a demo account in with the second-factor code of a
// given step, so one person can hold two sessions (a code serves once).
func (b *browser) signInAtStep(email string, step int) {
	b.t.Helper()
	resp, _ := b.post("/signin", url.Values{"email": {email}, "password": {demo.Password}})
	if resp.Header.Get("Location") == "/signin/code" {
		resp, _ = b.post("/signin/code", url.Values{"code": {demoCode(b.t, step)}})
	}
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || strings.HasPrefix(loc, "/signin") {
		b.t.Fatalf("sign-in of %s: status %d, location %q", email, resp.StatusCode, loc)
	}
}
