package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func contents(t *testing.T, page map[string]any) []map[string]any {
	t.Helper()
	raw, ok := page["contents"].([]any)
	if !ok {
		t.Fatalf("not a Page: %v", page)
	}
	out := make([]map[string]any, len(raw))
	for i, it := range raw {
		out[i] = it.(map[string]any)
	}
	return out
}

// TestHSDSAPIVariantsValidate (both engines): every endpoint and variant of the API
// description (list and item, minimal, full, full_service, taxonomy
// filters, top_only, parent_id) answers objects that validate against the
// HSDS 3.1 schemas.
func TestHSDSAPIVariantsValidate(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newHSDSServer(t, st)
		nid := directory.NameUUID("demo-org:nid-hochelaga")
		food, _ := directory.NeedByCode("food")
		validate := func(path, schema string, items []map[string]any) {
			t.Helper()
			for i, it := range items {
				if ps := hsds.Validate(schema, it, path, i+1); len(ps) > 0 {
					t.Errorf("%s: item %d invalid: %v", path, i+1, ps)
				}
			}
		}
		get := func(path string) map[string]any {
			t.Helper()
			status, v, body := getJSON(t, ts, path, nil)
			if status != http.StatusOK {
				t.Fatalf("%s: %d %s", path, status, body)
			}
			return v
		}

		plain := get("/hsds/services?per_page=500")
		full := get("/hsds/services?full=true&per_page=10")
		validate("services", "service", contents(t, plain))
		validate("services?full", "service", contents(t, full))
		if _, nested := contents(t, full)[0]["organization"]; !nested {
			t.Error("full=true does not nest the services")
		}
		if _, nested := contents(t, plain)[0]["schedules"]; nested {
			t.Error("the plain list nests sub-objects")
		}
		minimal := get("/hsds/services?minimal=true")
		if minimal["total_items"] != plain["total_items"] || len(contents(t, minimal)) != int(plain["total_items"].(float64)) {
			t.Errorf("minimal: %v of %v in one call", len(contents(t, minimal)), plain["total_items"])
		}
		for _, it := range contents(t, minimal) {
			if len(it) != 2 || it["id"] == nil || it["modified_date"] == nil {
				t.Fatalf("minimal item: %v", it)
			}
		}
		if n := get("/hsds/services?taxonomy_id=" + directory.NeedsTaxonomy.ID)["total_items"].(float64); n == 0 || n > plain["total_items"].(float64) {
			t.Errorf("taxonomy_id of the needs: %v", n)
		}
		if n := get("/hsds/services?taxonomy_id=" + berceau.NewUUID())["total_items"]; n != 0.0 {
			t.Errorf("unknown taxonomy: %v", n)
		}
		if n := get("/hsds/services?modified_after=2000-01-01")["total_items"]; n != plain["total_items"] {
			t.Errorf("modified after 2000: %v", n)
		}

		orgs := contents(t, get("/hsds/organizations"))
		validate("organizations", "organization", orgs)
		if _, has := orgs[0]["services"]; has {
			t.Error("the plain organizations list nests services")
		}
		for _, variant := range []string{"full=true", "full_service=true"} {
			items := contents(t, get("/hsds/organizations?per_page=3&"+variant))
			validate("organizations?"+variant, "organization", items)
			if _, has := items[0]["services"]; !has {
				t.Errorf("%s: no services", variant)
			}
		}
		if items := contents(t, get("/hsds/organizations?search=marmite")); len(items) != 1 {
			t.Errorf("search=marmite: %d organisations", len(items))
		}
		kind := directory.NameUUID("kind:social-pediatrics")
		found := false
		for _, o := range contents(t, get("/hsds/organizations?taxonomy_term_id="+kind)) {
			found = found || o["id"] == nid
		}
		if !found {
			t.Error("taxonomy_term_id of an organisation kind misses Le Nid")
		}
		if items := contents(t, get("/hsds/organizations?taxonomy_term_id="+food.ID)); len(items) == 0 || len(items) == len(orgs) {
			t.Errorf("organisations with a food service: %d of %d", len(items), len(orgs))
		}
		one, full1 := get("/hsds/organizations/"+nid), get("/hsds/organizations/"+nid+"?full_service=true")
		validate("organization", "organization", []map[string]any{one, full1})
		simple, nested := one["services"].([]any)[0].(map[string]any), full1["services"].([]any)[0].(map[string]any)
		if _, has := simple["schedules"]; has {
			t.Error("the organisation's services are full without full_service")
		}
		if _, has := nested["schedules"]; !has {
			t.Error("full_service=true does not give full services")
		}

		taxonomies := contents(t, get("/hsds/taxonomies"))
		validate("taxonomies", "taxonomy", taxonomies)
		validate("taxonomy", "taxonomy", []map[string]any{get("/hsds/taxonomies/" + directory.NeedsTaxonomy.ID)})
		validate("taxonomy_term", "taxonomy_term", []map[string]any{get("/hsds/taxonomy_terms/" + food.ID)})
		terms := contents(t, get("/hsds/taxonomy_terms?per_page=500"))
		validate("taxonomy_terms", "taxonomy_term", terms)
		if items := contents(t, get("/hsds/taxonomy_terms?search=allaitement")); len(items) == 0 || len(items) == len(terms) {
			t.Errorf("search=allaitement: %d terms", len(items))
		}
		for _, it := range contents(t, get("/hsds/taxonomy_terms?top_only=true&per_page=500")) {
			if p, _ := it["parent_id"].(string); p != "" {
				t.Errorf("top_only gave a child term %v", it["id"])
			}
		}
		if items := contents(t, get("/hsds/taxonomy_terms?parent_id="+berceau.NewUUID())); len(items) != 0 {
			t.Errorf("parent_id of nothing: %d terms", len(items))
		}

		sals := contents(t, get("/hsds/service_at_locations?organization_id="+nid))
		validate("service_at_locations", "service_at_location", sals)
		if len(sals) == 0 {
			t.Fatal("no service at location for Le Nid")
		}
		if _, has := sals[0]["location"]; has {
			t.Error("the plain service_at_locations list nests the location")
		}
		validate("service_at_locations?full", "service_at_location", contents(t, get("/hsds/service_at_locations?full=true&organization_id="+nid)))
		one = get("/hsds/service_at_locations/" + sals[0]["id"].(string))
		validate("service_at_location", "service_at_location", []map[string]any{one})
		if _, has := one["location"]; !has {
			t.Error("a service at location is not nested")
		}
		for _, path := range []string{"/hsds/service_at_locations/" + berceau.NewUUID(), "/hsds/taxonomies/" + berceau.NewUUID(),
			"/hsds/taxonomy_terms/nope", "/hsds/nothing"} {
			if status, _, _ := getJSON(t, ts, path, nil); status != http.StatusNotFound {
				t.Errorf("%s: %d", path, status)
			}
		}
	})
}

// TestHSDSAPIBadParametersAreTranslatedProblems: a malformed parameter is
// a 400 RFC 9457 problem naming the parameter, in the reader's language.
func TestHSDSAPIBadParametersAreTranslatedProblems(t *testing.T) {
	t.Parallel()
	ts := newSQLiteHSDSServer(t)
	for _, tc := range []struct{ path, param, fr, en string }{
		{"/hsds/services?page=0", "page", "nombre entier de 1 à 1 000 000", "whole number from 1 to 1,000,000"},
		{"/hsds/services?per_page=abc", "per_page", "nombre entier positif", "positive whole number"},
		{"/hsds/services?full=maybe", "full", "true ou false", "true or false"},
		{"/hsds/services?minimal=2", "minimal", "true ou false", "true or false"},
		{"/hsds/organizations?full_service=oui", "full_service", "true ou false", "true or false"},
		{"/hsds/taxonomy_terms?top_only=yes", "top_only", "true ou false", "true or false"},
		{"/hsds/services?format=xml", "format", "json ou ndjson", "json or ndjson"},
		{"/hsds/service_at_locations?modified_after=yesterday", "modified_after", "date-heure", "date-time"},
		{"/hsds/service_at_locations?proximity=5000", "proximity", "code postal", "postcode"},
		{"/hsds/service_at_locations?postcode=H1G&proximity=-3", "proximity", "code postal", "postcode"},
	} {
		for lang, want := range map[string]string{"fr": tc.fr, "en": tc.en} {
			resp, body := ts.do(t, "GET", tc.path, nil, map[string]string{"Accept-Language": lang})
			var doc struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
				Errors []struct {
					Location string `json:"location"`
				} `json:"errors"`
			}
			_ = json.Unmarshal([]byte(body), &doc)
			if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" ||
				doc.Status != 400 || !strings.Contains(doc.Detail, want) || len(doc.Errors) != 1 || doc.Errors[0].Location != "query."+tc.param {
				t.Errorf("%s (%s): %d %s %s", tc.path, lang, resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
		}
	}
	resp, body := ts.do(t, "GET", "/hsds/services", nil, map[string]string{"Authorization": "Bearer brc_wrong", "Accept-Language": "en"})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "invalid or expired") {
		t.Errorf("a wrong token: %d %s", resp.StatusCode, body)
	}
}

// TestHSDSAPINeverLeaksToThePublic (both engines): every endpoint and variant, asked
// without a token, never shows a professionals-only field nor a redacted
// address; asked with a network member's token, the shelter's direct line
// and address are there.
func TestHSDSAPINeverLeaksToThePublic(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newHSDSServer(t, st)
		token := ts.memberToken(t)
		if token == "" {
			t.Fatal("no token created")
		}
		shelter, escale := demoServiceID("escale", "hebergement"), directory.NameUUID("demo-org:escale")
		_, v, _ := getJSON(t, ts, "/hsds/service_at_locations?organization_id="+escale, nil)
		sal := contents(t, v)[0]["id"].(string)
		secrets := []string{"H4G 1T4", "45.45", "-73.57", "514 555-1560", "Orientation : appeler", "professionals_only", "internal_notes"}
		paths := []string{
			"/hsds/services/" + shelter, "/hsds/services?search=hebergement", "/hsds/services?search=hebergement&full=true",
			"/hsds/services?format=ndjson&full=true", "/hsds/services?minimal=true", "/hsds/services?organization_id=" + escale + "&full=true",
			"/hsds/organizations/" + escale, "/hsds/organizations/" + escale + "?full_service=true",
			"/hsds/organizations?full_service=true&format=ndjson", "/hsds/organizations?search=escale&full=true",
			"/hsds/service_at_locations?format=ndjson&full=true", "/hsds/service_at_locations?postcode=H3S+1Z2&proximity=8000&full=true",
			"/hsds/service_at_locations/" + sal,
		}
		for _, path := range paths {
			for _, withToken := range []bool{false, true} {
				headers := map[string]string{}
				if withToken {
					headers["Authorization"] = "Bearer " + token
				}
				resp, body := ts.do(t, "GET", path, nil, headers)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s (token %v): %d", path, withToken, resp.StatusCode)
					continue
				}
				if withToken {
					continue
				}
				for _, s := range secrets {
					if strings.Contains(body, s) {
						t.Errorf("%s shows %q to the public", path, s)
					}
				}
			}
		}
		for _, path := range []string{"/hsds/services/" + shelter, "/hsds/service_at_locations/" + sal, "/hsds/services?organization_id=" + escale + "&full=true",
			"/hsds/service_at_locations?postcode=H3S+1Z2&proximity=8000&full=true"} {
			_, body := ts.do(t, "GET", path, nil, map[string]string{"Authorization": "Bearer " + token})
			if !strings.Contains(body, "H4G 1T4") {
				t.Errorf("%s: a member's token does not read the shelter's address: %.600s", path, body)
			}
		}
		// Near the shelter: other services for the public, the shelter too
		// for a member (its redacted position is theirs to know).
		_, public, _ := getJSON(t, ts, "/hsds/service_at_locations?postcode=H3S+1Z2&proximity=8000", nil)
		if n, _ := public["total_items"].(float64); n == 0 {
			t.Error("nothing near H3S 1Z2 for the public: the proximity check above proves nothing")
		}
		_, body := ts.do(t, "GET", "/hsds/services/"+shelter, nil, map[string]string{"Authorization": "Bearer " + token})
		if !strings.Contains(body, "514 555-1560") {
			t.Error("a member's token does not read the direct line")
		}
	})
}

// TestHSDSListsAnswerPOSTAsGET: the API description lists POST for each
// list endpoint, with the same query parameters; the answer is the GET's.
func TestHSDSListsAnswerPOSTAsGET(t *testing.T) {
	t.Parallel()
	ts := newSQLiteHSDSServer(t)
	for _, path := range []string{"/hsds/services?search=allaitement", "/hsds/organizations?per_page=5", "/hsds/taxonomies",
		"/hsds/taxonomy_terms?top_only=true", "/hsds/service_at_locations?postcode=H1W+3B5"} {
		getResp, get := ts.do(t, "GET", path, nil, nil)
		postResp, post := ts.do(t, "POST", path, nil, nil)
		if getResp.StatusCode != http.StatusOK || postResp.StatusCode != http.StatusOK || get != post {
			t.Errorf("%s: GET %d, POST %d, same answer %v", path, getResp.StatusCode, postResp.StatusCode, get == post)
		}
	}
}
