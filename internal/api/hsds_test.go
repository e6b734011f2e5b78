package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/hsds"
)

func getJSON(t *testing.T, ts *hsdsServer, path string, headers map[string]string) (int, map[string]any, string) {
	t.Helper()
	resp, body := ts.do(t, "GET", path, nil, headers)
	var v map[string]any
	if resp.StatusCode == http.StatusOK && !strings.Contains(path, "ndjson") {
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, body)
		}
	}
	return resp.StatusCode, v, body
}

// TestHSDSReadAPI: the endpoints answer HSDS Page objects and objects that
// validate against the HSDS schemas; filters combine.
func TestHSDSReadAPI(t *testing.T) {
	t.Parallel()
	ts := newSQLiteHSDSServer(t)
	if _, root, _ := getJSON(t, ts, "/hsds/", nil); root["version"] != "3.1" {
		t.Errorf("root: %v", root)
	}
	_, page, _ := getJSON(t, ts, "/hsds/services?search=pediatr&per_page=2", nil)
	if page["total_items"].(float64) < 3 || len(page["contents"].([]any)) != 2 || page["first_page"] != true {
		t.Fatalf("services page: %v", page)
	}
	for i, item := range page["contents"].([]any) {
		if ps := hsds.Validate("service", item, "page", i+1); len(ps) > 0 {
			t.Errorf("list item invalid: %v", ps)
		}
	}
	id := demoServiceID("nid-hochelaga", "eval")
	status, svc, _ := getJSON(t, ts, "/hsds/services/"+id, nil)
	if status != 200 || svc["name"] != "Évaluation-orientation en pédiatrie sociale" {
		t.Fatalf("service: %d %v", status, svc["name"])
	}
	if ps := hsds.Validate("service", svc, "service", 1); len(ps) > 0 {
		t.Errorf("service invalid: %v", ps)
	}
	if status, _, _ := getJSON(t, ts, "/hsds/services/"+berceau.NewUUID(), nil); status != 404 {
		t.Errorf("missing service: %d", status)
	}
	food, _ := directory.NeedByCode("food")
	_, page, _ = getJSON(t, ts, "/hsds/services?taxonomy_term_id="+food.ID+"&search=panier", nil)
	if page["total_items"].(float64) != 2 { // La Marmite's baskets and Le Panier's grocery
		t.Errorf("taxonomy term and search: %v", page["total_items"])
	}
	_, page, _ = getJSON(t, ts, "/hsds/services?modified_after=2099-01-01T00:00:00Z", nil)
	if page["total_items"].(float64) != 0 || page["empty"] != true {
		t.Errorf("modified after the future: %v", page["total_items"])
	}
	_, _, body := getJSON(t, ts, "/hsds/services?format=ndjson", nil)
	if lines := strings.Count(strings.TrimSpace(body), "\n") + 1; lines < 40 {
		t.Errorf("ndjson gave %d lines", lines)
	}
	_, org, _ := getJSON(t, ts, "/hsds/organizations/"+directory.NameUUID("demo-org:nid-hochelaga"), nil)
	if ps := hsds.Validate("organization", org, "organization", 1); len(ps) > 0 || len(org["services"].([]any)) != 3 {
		t.Errorf("organization: %v %v", ps, org["services"])
	}
	_, page, _ = getJSON(t, ts, "/hsds/organizations?per_page=5&page=2", nil)
	if page["page_number"].(float64) != 2 || len(page["contents"].([]any)) != 5 {
		t.Errorf("organizations page: %v", page)
	}
	_, page, _ = getJSON(t, ts, "/hsds/taxonomy_terms?taxonomy_id="+directory.NeedsTaxonomy.ID, nil)
	if page["total_items"].(float64) != float64(len(directory.PerinatalNeeds)) {
		t.Errorf("needs terms: %v", page["total_items"])
	}
	_, page, _ = getJSON(t, ts, "/hsds/taxonomies", nil)
	if page["total_items"].(float64) < 3 {
		t.Errorf("taxonomies: %v", page["total_items"])
	}
	_, page, _ = getJSON(t, ts, "/hsds/service_at_locations?postcode=H1G+3K3&proximity=1500&full=true", nil)
	items := page["contents"].([]any)
	if len(items) == 0 {
		t.Fatal("nothing near H1G 3K3")
	}
	for _, it := range items {
		loc := it.(map[string]any)["location"].(map[string]any)
		if !strings.Contains(loc["name"].(string), "Nord") && !strings.Contains(loc["name"].(string), "Marmite") {
			t.Errorf("far location within 1.5 km: %v", loc["name"])
		}
	}
}

// TestHSDSPublicAPIHidesProfessionalFieldsAndRedactedAddresses: without a
// token nothing professionals-only nor redacted goes out; a member's token
// reads the direct lines.
func TestHSDSPublicAPIHidesProfessionalFieldsAndRedactedAddresses(t *testing.T) {
	t.Parallel()
	ts := newSQLiteHSDSServer(t)
	shelter := demoServiceID("escale", "hebergement")
	secrets := []string{"H4G 1T4", "45.45", "-73.57", "514 555-1560", "Orientation : appeler", "professionals_only", "internal_notes"}
	for _, path := range []string{"/hsds/services/" + shelter, "/hsds/services?format=ndjson", "/hsds/service_at_locations?format=ndjson",
		"/hsds/service_at_locations?postcode=H3S+1Z2&proximity=8000", "/hsds/organizations/" + directory.NameUUID("demo-org:escale")} {
		_, body := ts.do(t, "GET", path, nil, nil)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s shows %q to the public", path, s)
			}
		}
	}
	token := ts.memberToken(t)
	if token == "" {
		t.Fatal("no token created")
	}
	_, body := ts.do(t, "GET", "/hsds/services/"+shelter, nil, map[string]string{"Authorization": "Bearer " + token})
	if !strings.Contains(body, "514 555-1560") || !strings.Contains(body, "H4G 1T4") {
		t.Errorf("a member's token does not read professionals-only fields:\n%s", body)
	}
	if resp, _ := ts.do(t, "GET", "/hsds/services", nil, map[string]string{"Authorization": "Bearer brc_wrong"}); resp.StatusCode != 401 {
		t.Errorf("a wrong token: %d", resp.StatusCode)
	}
}

// TestEveryHSDSRouteAnswersAccordingToItsReader crosses every HSDS route of
// the route table with the ways of asking: without a token and with a
// member's token each answers; a bad token is refused (401) by the routes
// that read as a reader and ignored by the taxonomy routes, which hold
// nothing professionals-only. A route added without a scenario fails.
func TestEveryHSDSRouteAnswersAccordingToItsReader(t *testing.T) {
	t.Parallel()
	ts := newSQLiteHSDSServer(t)
	token := ts.memberToken(t)
	_, v, _ := getJSON(t, ts, "/hsds/service_at_locations?per_page=1", nil)
	sal := v["contents"].([]any)[0].(map[string]any)["id"].(string)
	_, v, _ = getJSON(t, ts, "/hsds/taxonomy_terms?per_page=1", nil)
	term := v["contents"].([]any)[0].(map[string]any)["id"].(string)
	paths := map[string]string{
		"/hsds/{$}": "/hsds/", "/hsds/services": "/hsds/services", "/hsds/services/{id}": "/hsds/services/" + demoServiceID("nid-hochelaga", "eval"),
		"/hsds/organizations": "/hsds/organizations", "/hsds/organizations/{id}": "/hsds/organizations/" + directory.NameUUID("demo-org:nid-hochelaga"),
		"/hsds/service_at_locations": "/hsds/service_at_locations", "/hsds/service_at_locations/{id}": "/hsds/service_at_locations/" + sal,
		"/hsds/taxonomies": "/hsds/taxonomies", "/hsds/taxonomies/{id}": "/hsds/taxonomies/" + directory.NeedsTaxonomy.ID,
		"/hsds/taxonomy_terms": "/hsds/taxonomy_terms", "/hsds/taxonomy_terms/{id}": "/hsds/taxonomy_terms/" + term,
	}
	readers := map[string]bool{"/hsds/services": true, "/hsds/services/{id}": true, "/hsds/organizations": true,
		"/hsds/organizations/{id}": true, "/hsds/service_at_locations": true, "/hsds/service_at_locations/{id}": true}
	s := &server{}
	for _, rt := range s.hsdsRoutes() {
		path, ok := paths[rt.Path]
		if !ok {
			t.Errorf("route %s %s has no scenario", rt.Method, rt.Path)
			continue
		}
		if rt.reader != readers[rt.Path] {
			t.Errorf("route %s %s: reads as a reader %v, want %v", rt.Method, rt.Path, rt.reader, readers[rt.Path])
		}
		for _, c := range []struct {
			name    string
			headers map[string]string
			want    int
		}{
			{"without a token", nil, 200},
			{"with a member's token", map[string]string{"Authorization": "Bearer " + token}, 200},
			{"with a bad token", map[string]string{"Authorization": "Bearer brc_wrong"}, map[bool]int{true: 401, false: 200}[rt.reader]},
		} {
			resp, body := ts.do(t, rt.Method, path, nil, c.headers)
			if resp.StatusCode != c.want {
				t.Errorf("%s %s %s: %d, want %d\n%.300s", rt.Method, path, c.name, resp.StatusCode, c.want, body)
			}
			if c.want == 401 && resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s %s %s: Content-Type %q", rt.Method, path, c.name, resp.Header.Get("Content-Type"))
			}
		}
	}
}
