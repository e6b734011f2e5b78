package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// TestDirectorySearchPageInBothLanguages searches the demo directory as an
// anonymous visitor: accents and prefixes in French and English, filters,
// distance, and the "translation missing" marker.
func TestDirectorySearchPageInBothLanguages(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	for _, tc := range []struct {
		lang, query string
		want        []string
		not         []string
	}{
		{"fr", "/directory?q=p%C3%A9diatr", []string{"Centre de pédiatrie sociale Le Nid", "Évaluation-orientation en pédiatrie sociale", "Clinique pédiatrique de quartier"}, nil},
		{"en", "/directory?q=pediatr", []string{"Social pediatrics assessment", "Clinique pédiatrique de quartier", "translation missing"}, nil},
		{"en", "/directory?q=breastfeeding", []string{"Breastfeeding support", "Thursday breastfeeding drop-in"}, []string{"Food baskets"}},
		{"fr", "/directory?q=hebergement", []string{"Hébergement d&#39;urgence mère-enfant"}, []string{"Halte-répit"}},
		{"fr", "/directory?need=food&near=H1G", []string{"Paniers alimentaires", "à 0,"}, []string{"Soutien à l&#39;allaitement"}},
		{"fr", "/directory?week=20&free=1&lang=nl", []string{"Consultation prénatale"}, []string{"Vaccination des nourrissons", "Halte-accueil"}},
		{"fr", "/directory?q=zzzzzz", []string{"Aucun service ne correspond"}, nil},
		{"fr", "/directory?near=Z9Z", []string{"Ce code postal n’est pas connu"}, nil},
	} {
		resp, body := ts.do(t, "GET", tc.query, nil, map[string]string{"Accept-Language": tc.lang})
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tc.query, resp.StatusCode)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s (%s): %q missing", tc.query, tc.lang, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(body, n) {
				t.Errorf("%s (%s): %q shown", tc.query, tc.lang, n)
			}
		}
	}
}

// TestProfessionalsOnlyFieldsAndRedactedAddressesStayOffPublicPages: the
// shelter's address, postal code and position, and every service's direct
// line and internal notes, never reach anonymous visitors; a signed-in
// member of the network sees the direct line and the notes.
func TestProfessionalsOnlyFieldsAndRedactedAddressesStayOffPublicPages(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		shelter := "/directory/services/" + demoServiceID("escale", "hebergement")
		secrets := []string{"H4G 1T4", "45.45", "-73.57", "514 555-1560", "Orientation : appeler la ligne directe"}
		for _, path := range []string{shelter, "/directory?q=hebergement", "/directory?q=escale&view=map", "/directory?need=conjugal-violence"} {
			_, body := ts.do(t, "GET", path, nil, nil)
			for _, s := range secrets {
				if strings.Contains(body, s) {
					t.Errorf("%s shows %q to the public", path, s)
				}
			}
		}
		_, body := ts.do(t, "GET", shelter, nil, nil)
		if !strings.Contains(body, "Adresse confidentielle : elle n’est communiquée que par téléphone.") {
			t.Error("the shelter's page does not say its address is withheld")
		}
		b := ts.newBrowser(t)
		b.signIn("membre@berceau.example")
		_, body = b.get(shelter)
		if !strings.Contains(body, "514 555-1560") || !strings.Contains(body, "Orientation : appeler la ligne directe") {
			t.Error("a network member does not see the professionals-only fields")
		}
	})
}

// TestSuggestAndAcceptAChange: a network member suggests a new email for a
// service, a content editor accepts it from the moderation page; the
// public page shows it and the history names who changed what.
func TestSuggestAndAcceptAChange(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	service := "/directory/services/" + demoServiceID("marraines", "halte")
	member := ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	resp, _ := member.post(service+"/suggestions", url.Values{"field": {"email"}, "value": {"jeudi@marraines.example"}, "note": {"vu sur place"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("suggest: %d", resp.StatusCode)
	}
	if _, body := member.get(resp.Header.Get("Location")); !strings.Contains(body, "votre proposition a été transmise") {
		t.Fatal("no thanks after suggesting")
	}
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	_, body := editor.get("/directory/moderation")
	id := regexp.MustCompile(`/directory/suggestions/(\d+)/accept`).FindStringSubmatch(body)
	if id == nil || !strings.Contains(body, "jeudi@marraines.example") {
		t.Fatal("the suggestion is not on the moderation page")
	}
	resp, _ = editor.post("/directory/suggestions/"+id[1]+"/accept", nil)
	if _, body = editor.get(resp.Header.Get("Location")); !strings.Contains(body, "La modification est acceptée") {
		t.Fatal("no acceptance notice")
	}
	_, body = ts.do(t, "GET", service, nil, nil)
	if !strings.Contains(body, "jeudi@marraines.example") {
		t.Error("the accepted change is not public")
	}
	_, body = editor.get(service)
	if !strings.Contains(body, "accueil@marraines.example") || !strings.Contains(body, "contenu@berceau.example") {
		t.Error("the history does not show the old value and who changed it")
	}
}

// TestAcceptingAnOutdatedSuggestionSaysWhy: after one suggestion on a field
// is accepted, accepting another made against the old value changes
// nothing, and the moderation page says why.
func TestAcceptingAnOutdatedSuggestionSaysWhy(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	service := "/directory/services/" + demoServiceID("nid-hochelaga", "eval")
	member, moderator := ts.newBrowser(t), ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	moderator.signIn("contenu@berceau.example")
	for _, email := range []string{"evaluation@nid.example", "accueil.eval@nid.example"} {
		if resp, _ := member.post(service+"/suggestions", url.Values{"field": {"email"}, "value": {email}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("suggesting %s: %d", email, resp.StatusCode)
		}
	}
	_, list := moderator.get("/directory/moderation")
	ids := regexp.MustCompile(`action="/directory/suggestions/(\d+)/accept"`).FindAllStringSubmatch(list, -1)
	if len(ids) != 2 {
		t.Fatalf("%d suggestions to moderate, want 2", len(ids))
	}
	for i, id := range ids {
		resp, _ := moderator.post("/directory/suggestions/"+id[1]+"/accept", nil)
		want := []string{"/directory/moderation?done=accepted", "/directory/moderation?done=outdated"}[i]
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Fatalf("accepting suggestion %d: %d → %s, want %s", i+1, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	if _, page := moderator.get("/directory/moderation?done=outdated"); !strings.Contains(page, "Ce champ a changé depuis la suggestion") {
		t.Error("the moderation page does not say why nothing changed")
	}
	if _, page := ts.do(t, "GET", service, nil, nil); !strings.Contains(page, "evaluation@nid.example") || strings.Contains(page, "accueil.eval@nid.example") {
		t.Error("the outdated suggestion was applied")
	}
}
