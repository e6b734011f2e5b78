package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkHomePage serves the demo home page through the whole middleware
// chain, reading the real SQLite database each time.
func BenchmarkHomePage(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Accept-Language", "fr-CA")
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		ts.web.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkHomePageUncached builds and renders the home page as a cache miss
// does: two queries and a template.
func BenchmarkHomePageUncached(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	req := httptest.NewRequest("GET", "/", nil)
	ctx := context.WithValue(req.Context(), stateKey{}, &requestState{lang: "fr"})
	req = req.WithContext(ctx)
	b.ReportAllocs()
	for b.Loop() {
		p, err := ts.web.buildHome(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ts.web.execute("home", p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignedInAccountPage serves /account to a signed-in person: session
// load and re-commit (idle timeout), actor and permissions, sessions and
// tokens lists, template.
func BenchmarkSignedInAccountPage(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	br := ts.newBrowser(b)
	br.signIn("membre@berceau.example")
	b.ReportAllocs()
	for b.Loop() {
		if resp, _ := br.get("/account"); resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
