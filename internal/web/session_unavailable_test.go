package web

import (
	"net/http"
	"testing"
)

// TestASignedInPageAnswers503WhileTheDatabaseIsDown: the session is loaded
// before any handler runs; a database that cannot answer then is a 503 with
// Retry-After, like every other read, not a 500.
func TestASignedInPageAnswers503WhileTheDatabaseIsDown(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	if resp, _ := nurse.get("/my-day"); resp.StatusCode != http.StatusOK {
		t.Fatalf("my day before the outage: %d", resp.StatusCode)
	}
	ts.store.Close()
	resp, _ := nurse.get("/my-day")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("my day with the database down: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
