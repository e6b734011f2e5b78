package web

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/demo"
)

// TestTheAPIIsServedThroughTheSameServer checks the mount: the OpenAPI
// document, a problem document for an unknown API path, and a token made on
// the account page reading the network.
func TestTheAPIIsServedThroughTheSameServer(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	resp, body := ts.do(t, "GET", "/api/v1/openapi.json", nil, nil)
	var doc struct {
		OpenAPI string `json:"openapi"`
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &doc) != nil || !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi: %d %q", resp.StatusCode, body[:min(len(body), 200)])
	}
	resp, _ = ts.do(t, "GET", "/api/nothing-here", nil, nil)
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("unknown API path: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	b := ts.newBrowser(t)
	b.signIn("membre@berceau.example")
	_, page := b.post("/account/tokens", url.Values{"name": {"script"}, "scopes": {"network.read"}, "days": {"30"}, "current_password": {demo.Password}})
	i := strings.Index(page, `id="new-token">`)
	if i < 0 {
		t.Fatalf("no token shown:\n%s", page)
	}
	token := page[i+len(`id="new-token">`):]
	token = token[:strings.Index(token, "<")]
	resp, body = ts.do(t, "GET", "/api/v1/organisations", nil, map[string]string{"Authorization": "Bearer " + token})
	if resp.StatusCode != 200 || !strings.Contains(body, "Maison des Mille Jours de Saint-Gilles") {
		t.Fatalf("organisations with the token: %d %s", resp.StatusCode, body)
	}
	_, metrics := ts.do(t, "GET", "/metrics", nil, nil)
	if !strings.Contains(metrics, `route="GET /api/v1/organisations"`) {
		t.Error("API requests are not labelled by their route in the metrics")
	}
}
