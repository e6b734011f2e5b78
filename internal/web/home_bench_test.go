package web

import (
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
