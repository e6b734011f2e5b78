package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/hsds"
)

func getJSON(t *testing.T, ts *testServer, path string, headers map[string]string) (int, map[string]any, string) {
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
	ts := newSQLiteServer(t, Options{})
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
	food, _ := berceau.NeedByCode("food")
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
	_, org, _ := getJSON(t, ts, "/hsds/organizations/"+berceau.NameUUID("demo-org:nid-hochelaga"), nil)
	if ps := hsds.Validate("organization", org, "organization", 1); len(ps) > 0 || len(org["services"].([]any)) != 3 {
		t.Errorf("organization: %v %v", ps, org["services"])
	}
	_, page, _ = getJSON(t, ts, "/hsds/organizations?per_page=5&page=2", nil)
	if page["page_number"].(float64) != 2 || len(page["contents"].([]any)) != 5 {
		t.Errorf("organizations page: %v", page)
	}
	_, page, _ = getJSON(t, ts, "/hsds/taxonomy_terms?taxonomy_id="+berceau.NeedsTaxonomy.ID, nil)
	if page["total_items"].(float64) != float64(len(berceau.PerinatalNeeds)) {
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
	ts := newSQLiteServer(t, Options{})
	shelter := demoServiceID("escale", "hebergement")
	secrets := []string{"H4G 1T4", "45.45", "-73.57", "514 555-1560", "Orientation : appeler", "professionals_only", "internal_notes"}
	for _, path := range []string{"/hsds/services/" + shelter, "/hsds/services?format=ndjson", "/hsds/service_at_locations?format=ndjson",
		"/hsds/service_at_locations?postcode=H3S+1Z2&proximity=8000", "/hsds/organizations/" + berceau.NameUUID("demo-org:escale")} {
		_, body := ts.do(t, "GET", path, nil, nil)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s shows %q to the public", path, s)
			}
		}
	}
	b := ts.newBrowser(t)
	b.signIn("membre@berceau.example")
	_, page := b.post("/account/tokens", url.Values{"name": {"script"}, "scopes": {"network.read"}, "days": {"30"}, "current_password": {demo.Password}})
	token := regexp.MustCompile(`brc_[A-Za-z0-9_\-]+`).FindString(page)
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
