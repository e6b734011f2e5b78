package web

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

func TestEveryRouteDeclaresAKnownPermission(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	seen := map[string]bool{}
	for _, rt := range ts.web.routes() {
		if rt.permission == "" || !rt.permission.Known() {
			t.Errorf("route %q has permission %q: every route must name a known permission", rt.pattern, rt.permission)
		}
		if rt.handler == nil {
			t.Errorf("route %q has no handler", rt.pattern)
		}
		if seen[rt.pattern] {
			t.Errorf("route %q is declared twice", rt.pattern)
		}
		seen[rt.pattern] = true
	}
}

func TestUnknownPermissionIsRefused(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	req, _ := http.NewRequest("GET", "/", nil)
	if ts.web.allowed("families.read", req) {
		t.Fatal("a permission the policy does not know was granted")
	}
}

// scenario is one row of the route table test: a request and what its
// answer must and must not hold.
type scenario struct {
	name        string
	method      string
	path        string
	body        string
	headers     map[string]string
	status      int
	contains    []string
	notContains []string
}

func runScenarios(t *testing.T, ts *testServer, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			var body io.Reader
			if sc.body != "" {
				body = strings.NewReader(sc.body)
				if sc.headers == nil {
					sc.headers = map[string]string{}
				}
				sc.headers["Content-Type"] = "application/x-www-form-urlencoded"
			}
			resp, text := ts.do(t, sc.method, sc.path, body, sc.headers)
			if resp.StatusCode != sc.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, sc.status, text)
			}
			for _, s := range sc.contains {
				if !strings.Contains(text, s) {
					t.Errorf("response lacks %q", s)
				}
			}
			for _, s := range sc.notContains {
				if strings.Contains(text, s) {
					t.Errorf("response holds %q", s)
				}
			}
		})
	}
}

func TestPublicRoutesOnBothEngines(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		en := map[string]string{"Accept-Language": "en-CA,en;q=0.9"}
		runScenarios(t, ts, []scenario{
			{name: "home in French by default", method: "GET", path: "/", status: 200,
				contains: []string{`<html lang="fr">`, "Organisations membres du réseau", "Les Premiers Pas — Parc-Extension",
					"Antenne Saint-Gilles", "2 organisations membres, 3 points de service", "La périnatalité sociale"},
				notContains: []string{"admin@berceau.example", "berceau-demo"}},
			{name: "home in English from Accept-Language", method: "GET", path: "/", headers: en, status: 200,
				contains:    []string{`<html lang="en">`, "Member organisations of the network", "Social perinatal care", "Français"},
				notContains: []string{"Organisations membres du réseau"}},
			{name: "the demo's accounts are on the sign-in page", method: "GET", path: "/signin", headers: en, status: 200,
				contains: []string{"admin@berceau.example", "berceau-demo", "Network administrator"}},
			{name: "unknown page is a French 404", method: "GET", path: "/nulle-part", status: 404,
				contains: []string{"Page introuvable", "Retour à l’accueil"}, notContains: []string{"admin@berceau.example"}},
			{name: "unknown page is an English 404", method: "GET", path: "/nowhere", headers: en, status: 404,
				contains: []string{"Page not found"}},
			{name: "POST to the home page is a 404", method: "POST", path: "/", status: 404},
			{name: "health", method: "GET", path: "/healthz", status: 200, contains: []string{"ok"}},
			{name: "ready", method: "GET", path: "/readyz", status: 200, contains: []string{"ready"}},
			{name: "metrics from this machine", method: "GET", path: "/metrics", status: 200,
				contains: []string{"berceau_http_request_duration_seconds", "go_goroutines"}},
			{name: "metrics through a proxy are refused", method: "GET", path: "/metrics", headers: map[string]string{"X-Forwarded-For": "203.0.113.9"},
				status: 403, contains: []string{"Accès refusé"}, notContains: []string{"go_goroutines"}},
			{name: "unknown static file", method: "GET", path: "/static/css/nope.css", status: 404},
			{name: "language switch needs a known language", method: "POST", path: "/language", body: "lang=de&next=/", status: 400,
				contains: []string{"Demande invalide"}},
		})
	})
}

func TestMetricsTokenIsRequiredWhenConfigured(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{MetricsToken: "s3cret-token"})
	runScenarios(t, ts, []scenario{
		{name: "no token", method: "GET", path: "/metrics", status: 403, notContains: []string{"go_goroutines"}},
		{name: "wrong token", method: "GET", path: "/metrics", headers: map[string]string{"Authorization": "Bearer nope"}, status: 403},
		{name: "right token", method: "GET", path: "/metrics", headers: map[string]string{"Authorization": "Bearer s3cret-token"}, status: 200,
			contains: []string{"go_goroutines"}},
	})
}

func TestMetricsAndLogsNameRoutesNotPaths(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	ts.do(t, "GET", "/?famille=Tremblay", nil, nil)
	ts.do(t, "GET", "/dossier/Tremblay-Marie", nil, nil)
	_, metrics := ts.do(t, "GET", "/metrics", nil, nil)
	for _, want := range []string{`route="GET /{$}"`, `route="/"`, `code="404"`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	logs := ts.logs.String()
	if !strings.Contains(logs, `route="GET /{$}"`) {
		t.Errorf("access log lacks the route pattern:\n%s", logs)
	}
	for _, leak := range []string{"Tremblay", "famille"} {
		if strings.Contains(metrics, leak) || strings.Contains(logs, leak) {
			t.Errorf("%q reached the metrics or the logs", leak)
		}
	}
}

func TestReadyzFailsWhenTheDatabaseIsGone(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	ts.store.Close()
	resp, body := ts.do(t, "GET", "/readyz", nil, nil)
	if resp.StatusCode != http.StatusServiceUnavailable || strings.Contains(body, "sql") {
		t.Fatalf("status %d body %q, want 503 without details", resp.StatusCode, body)
	}
	if resp, _ := ts.do(t, "GET", "/healthz", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("healthz = %d, want 200: the process itself is alive", resp.StatusCode)
	}
}
