package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// TestSearchPageCarriesTheMapWithoutTilesByDefault: the results list holds
// each hit's position for the map script, the map has no tile server
// unless one is configured, and the page loads Leaflet and the script from
// hashed same-origin URLs.
func TestSearchPageCarriesTheMapWithoutTilesByDefault(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	resp, body := ts.do(t, "GET", "/directory?q=p%C3%A9diatr", nil, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{`data-directory-map`, `data-tiles=""`, `data-items=".directory-hit"`, `data-lat="45.54`, `data-label="1"`,
		ts.web.assets.url("vendor/leaflet/leaflet.js"), ts.web.assets.url("vendor/leaflet/leaflet.css"), ts.web.assets.url("js/directory-map.js"),
		`href="/directory/organizations/map"`, "Chercher autour du centre de la carte"} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " onclick=") {
		t.Error("the page has inline script, which the content security policy refuses")
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "img-src 'self' data:;") || !strings.Contains(csp, "script-src 'self';") {
		t.Errorf("CSP without tiles: %s", csp)
	}
}

// TestConfiguredTileServerIsTheOnlyOtherImageOrigin: --map-tiles reaches
// the map and the policy's img-src, and nothing else.
func TestConfiguredTileServerIsTheOnlyOtherImageOrigin(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{MapTiles: "https://{s}.tiles.example.org/{z}/{x}/{y}.png", MapAttribution: "© Exemple <b>contributeurs</b>"})
	resp, body := ts.do(t, "GET", "/directory?q=allaitement", nil, nil)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "img-src 'self' data: https://*.tiles.example.org;") || strings.Count(csp, "tiles.example.org") != 1 {
		t.Errorf("CSP with tiles: %s", csp)
	}
	if !strings.Contains(body, `data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"`) ||
		!strings.Contains(body, `data-attribution="© Exemple &lt;b&gt;contributeurs&lt;/b&gt;"`) {
		t.Error("the map does not carry the tile server and its credit, escaped")
	}
	for tiles, want := range map[string]string{
		"https://tile.openstreetmap.org/{z}/{x}/{y}.png":    "https://tile.openstreetmap.org",
		"http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png":       "http://127.0.0.1:8081",
		"https://tile-{s}.example.org/{z}/{x}/{y}.png":      "https://*.example.org",
		"https://a.example.org;script-src */{z}/{x}/{y}":    "",
		"https://{s}.{t}.example.org/{z}/{x}/{y}.png":       "",
		"javascript:alert(1)//{z}/{x}/{y}":                  "",
		"":                                                  "",
		"https://tiles.example.org/{z}/{x}/{y}.png?key=abc": "https://tiles.example.org",
	} {
		if got := tileOrigin(tiles); got != want {
			t.Errorf("tileOrigin(%q) = %q, want %q", tiles, got, want)
		}
	}
}

// TestSearchAroundTheMapCentre: center=lat,lon orders by distance from
// that point and is kept in the form; a postal code typed in wins; a bad
// centre is a translated message, not an error page.
func TestSearchAroundTheMapCentre(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	_, body := ts.do(t, "GET", "/directory?need=food&center=45.5983,-73.6331", nil, nil)
	for _, want := range []string{"Paniers alimentaires", "à 0,", "Distances depuis le centre de la carte.",
		`name="center" value="45.59830,-73.63310" checked`, `data-center="45.59830,-73.63310"`} {
		if !strings.Contains(body, want) {
			t.Errorf("search around the centre lacks %q", want)
		}
	}
	first := regexp.MustCompile(`(?s)<li class="card directory-hit".*?<a href="[^"]+">([^<]+)</a>`).FindStringSubmatch(body)
	if first == nil || !strings.Contains(first[1], "Paniers alimentaires") && !strings.Contains(first[1], "Consultation en nutrition") &&
		!strings.Contains(first[1], "Cuisines collectives") {
		t.Errorf("the nearest food service to Montréal-Nord is not first: %v", first)
	}
	// Brussels centre: the Brussels food services come first.
	_, body = ts.do(t, "GET", "/directory?need=food&center=50.8371,4.3081", nil, nil)
	if i, j := strings.Index(body, "Épicerie sociale familles"), strings.Index(body, "Paniers alimentaires"); i < 0 || j < 0 || i > j {
		t.Error("around Anderlecht, the Anderlecht grocery is not before the Montréal baskets")
	}
	// A postal code typed in wins over the centre.
	_, body = ts.do(t, "GET", "/directory?need=food&center=50.8371,4.3081&near=H1G", nil, nil)
	if i, j := strings.Index(body, "Épicerie sociale familles"), strings.Index(body, "Paniers alimentaires"); i < 0 || j < 0 || j > i {
		t.Error("the postal code does not win over the map centre")
	}
	for lang, want := range map[string]string{"fr": "Le centre de la carte n’est pas une position valable", "en": "The map centre is not a valid position"} {
		for _, bad := range []string{"91,0", "45.5", "abc,def", "NaN,NaN", "45,-181"} {
			resp, body := ts.do(t, "GET", "/directory?need=food&center="+bad, nil, map[string]string{"Accept-Language": lang})
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, want) || strings.Contains(body, "à 0.") {
				t.Errorf("center=%s (%s): status %d, message or distances wrong", bad, lang, resp.StatusCode)
			}
		}
	}
}

// TestMapOfOrganisationsByType lists the organisations of a kind with
// their addresses and positions, without JavaScript; the shelters' are
// withheld everywhere, on both engines.
func TestMapOfOrganisationsByType(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		_, body := ts.do(t, "GET", "/directory/organizations/map", nil, nil)
		if !strings.Contains(body, `<option value="social-pediatrics">Centre de pédiatrie sociale en communauté</option>`) {
			t.Error("the page without a type does not offer the types")
		}
		_, body = ts.do(t, "GET", "/directory/organizations/map?type=social-pediatrics", nil, nil)
		for _, want := range []string{"Carte : Centre de pédiatrie sociale en communauté", "3 organisations", "Centre de pédiatrie sociale Le Nid",
			"Centre de pédiatrie sociale La Courtepointe (fictif)", "Centre de pédiatrie sociale L&#39;Envol (fictif)",
			"2110, rue Ontario Est", "H1W 3B5 Montréal", `data-lat="45.54`, `href="/directory/services/` + demoServiceID("nid-hochelaga", "clinique"),
			"Évaluation-orientation en pédiatrie sociale", `data-items=".map-place"`} {
			if !strings.Contains(body, want) {
				t.Errorf("social pediatrics map lacks %q", want)
			}
		}
		if list := body[strings.Index(body, `id="orgs-title"`):]; strings.Contains(list, "CLSC") || strings.Contains(list, "Marmite") {
			t.Error("the social pediatrics map lists other kinds")
		}
		_, body = ts.do(t, "GET", "/directory/organizations/map?type=public-health", nil, map[string]string{"Accept-Language": "en"})
		for _, want := range []string{"3 organisations", "Parc-Extension CLSC (fictional)", "Molenbeek child clinic (fictional)", "Parvis medical centre (fictional)"} {
			if !strings.Contains(body, want) {
				t.Errorf("public health map (en) lacks %q", want)
			}
		}
		_, body = ts.do(t, "GET", "/directory/organizations/map?type=shelter", nil, nil)
		if !strings.Contains(body, "Maison d&#39;hébergement L&#39;Escale (fictive)") || !strings.Contains(body, "Refuge Sainte-Aube (fictif)") ||
			strings.Count(body, "Adresse confidentielle</p>") != 2 {
			t.Error("the shelters are not listed with their address withheld")
		}
		for _, secret := range []string{"H4G 1T4", "1190 Bruxelles", "45.46", "-73.57", "50.80", "4.31", "data-lat"} {
			if strings.Contains(body, secret) {
				t.Errorf("the shelters' map shows %q", secret)
			}
		}
		resp, body := ts.do(t, "GET", "/directory/organizations/map?type=nope", nil, map[string]string{"Accept-Language": "en"})
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "This type of organisation does not exist") ||
			!strings.Contains(body, `<option value="shelter">Shelter</option>`) {
			t.Errorf("unknown type: %d", resp.StatusCode)
		}
	})
}

// TestRedactedLocationsNeverReachTheSearchMap: the shelters' hits carry
// no position for the map, while the others do.
func TestRedactedLocationsNeverReachTheSearchMap(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	_, body := ts.do(t, "GET", "/directory?need=conjugal-violence", nil, nil)
	hits := regexp.MustCompile(`<li class="card directory-hit"[^>]*>`).FindAllString(body, -1)
	if len(hits) < 3 {
		t.Fatalf("%d conjugal violence hits", len(hits))
	}
	for _, h := range hits {
		if strings.Contains(h, "data-lat") {
			t.Errorf("a redacted shelter's hit carries a position: %s", h)
		}
	}
	_, body = ts.do(t, "GET", "/directory?q=allaitement", nil, nil)
	if n := strings.Count(body, `data-lat="`); n < 3 {
		t.Errorf("only %d breastfeeding hits carry a position", n)
	}
}

// TestStylesheetsReferToHashedImages: a vendored stylesheet's relative
// images are rewritten to the hashed URLs, which are served.
func TestStylesheetsReferToHashedImages(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	_, css := ts.do(t, "GET", ts.web.assets.url("vendor/leaflet/leaflet.css"), nil, nil)
	refs := regexp.MustCompile(`url\((/static/vendor/leaflet/images/[^)]+)\)`).FindAllStringSubmatch(css, -1)
	if len(refs) != 3 || strings.Contains(css, "url(images/") {
		t.Fatalf("leaflet.css refers to %v", refs)
	}
	for _, r := range refs {
		if resp, _ := ts.do(t, "GET", r[1], nil, nil); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
			t.Errorf("%s: %d %s", r[1], resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}
