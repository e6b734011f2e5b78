package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkAgenda renders the public agenda for an anonymous visitor: the
// page cache's copy (upcoming, no filter) and a filtered agenda, which is
// built and rendered for each request.
func BenchmarkAgenda(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	for _, bc := range []struct{ name, path string }{{"cached", "/events"}, {"filtered", "/events?lang=fr"}} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bc.path, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				ts.web.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
