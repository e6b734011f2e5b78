package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
)

// TestOrganisationEditorThroughThePages: a moderator makes a practitioner
// an editor of one organisation on its editors page; the editor then
// decides and edits that organisation's services from the pages, and is
// refused (403, nothing written) on another organisation's.
func TestOrganisationEditorThroughThePages(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		org := directory.NameUUID("demo-org:nid-hochelaga")
		own, other := "/directory/services/"+demoServiceID("nid-hochelaga", "eval"), "/directory/services/"+demoServiceID("clsc-parcex", "sippe")

		moderator := ts.newBrowser(t)
		moderator.signIn("contenu@berceau.example")
		if resp, body := moderator.post("/directory/organizations/"+org+"/editors", url.Values{"email": {"personne@nulle-part.example"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "Aucun compte actif n’a cette adresse.") {
			t.Fatalf("unknown account: %d", resp.StatusCode)
		}
		if resp, _ := moderator.post("/directory/organizations/"+org+"/editors", url.Values{"email": {"infirmiere@berceau.example"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("grant: %d", resp.StatusCode)
		}
		_, body := moderator.get("/directory/organizations/" + org + "/editors")
		if !strings.Contains(body, "infirmiere@berceau.example") || !strings.Contains(body, "<datalist") || !strings.Contains(body, `aria-label="Retirer `) {
			t.Error("the editors page does not list the new editor or offer accounts")
		}

		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		for _, path := range []string{own, other} {
			if resp, _ := member.post(path+"/suggestions", url.Values{"field": {"email"}, "value": {"nouveau@exemple.example"}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("suggest on %s: %d", path, resp.StatusCode)
			}
		}
		_, body = moderator.get("/directory/moderation")
		ids := regexp.MustCompile(`/directory/suggestions/(\d+)/accept`).FindAllStringSubmatch(body, -1)
		if len(ids) != 2 {
			t.Fatalf("the moderator sees %d suggestions", len(ids))
		}

		editor := ts.newBrowser(t)
		editor.signIn("infirmiere@berceau.example")
		resp, body := editor.get("/directory/moderation")
		mine := regexp.MustCompile(`/directory/suggestions/(\d+)/accept`).FindAllStringSubmatch(body, -1)
		if resp.StatusCode != http.StatusOK || len(mine) != 1 {
			t.Fatalf("the editor's moderation page: %d, %d suggestions", resp.StatusCode, len(mine))
		}
		theirs := ids[0][1]
		if theirs == mine[0][1] {
			theirs = ids[1][1]
		}
		for _, path := range []string{"/directory/suggestions/" + theirs + "/accept", "/directory/suggestions/" + theirs + "/reject"} {
			if resp, body := editor.post(path, nil); resp.StatusCode != http.StatusForbidden || strings.Contains(body, "nouveau@exemple.example") {
				t.Errorf("%s by the editor of another organisation: %d", path, resp.StatusCode)
			}
		}
		if resp, _ := editor.post(other+"/confirm", url.Values{"outcome": {"unchanged"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("confirm another organisation's service: %d", resp.StatusCode)
		}
		if resp, _ := editor.post(other+"/edit", url.Values{"field": {"url"}, "value": {"https://pirate.example"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("edit another organisation's service: %d", resp.StatusCode)
		}
		if _, body := moderator.get(other); strings.Contains(body, "https://pirate.example") || !strings.Contains(body, "Tenu à jour par les modérateurs du réseau.") {
			t.Error("another organisation's service changed, or does not say who maintains it")
		}
		if _, body := moderator.get("/directory/moderation"); len(regexp.MustCompile(`/directory/suggestions/(\d+)/accept`).FindAllString(body, -1)) != 2 {
			t.Error("a refused decision closed a suggestion")
		}

		// Their own service: accept, edit directly, confirm.
		if resp, _ := editor.post("/directory/suggestions/"+mine[0][1]+"/accept", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept own: %d", resp.StatusCode)
		}
		_, body = editor.get(own)
		if !strings.Contains(body, "Tenu à jour par son organisme.") || !strings.Contains(body, `formaction="/directory/services/`) {
			t.Fatal("the editor's service page does not offer direct edits")
		}
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body)
		if version == nil {
			t.Fatal("no version in the edit form")
		}
		if resp, _ := editor.post(own+"/edit", url.Values{"field": {"url"}, "value": {"https://nid.example/eval"}, "version": {version[1]}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit own: %d", resp.StatusCode)
		}
		if resp, body := editor.post(own+"/edit", url.Values{"field": {"url"}, "value": {"https://nid.example/autre"}, "version": {version[1]}}); resp.StatusCode != http.StatusConflict ||
			!strings.Contains(body, "Quelqu’un a modifié ce service") {
			t.Errorf("edit with an outdated version: %d", resp.StatusCode)
		}
		if resp, _ := editor.post(own+"/confirm", url.Values{"outcome": {"updated"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("confirm own: %d", resp.StatusCode)
		}
		_, body = editor.get(own)
		if !strings.Contains(body, "https://nid.example/eval") || strings.Contains(body, "https://nid.example/autre") {
			t.Error("the direct edit is not on the page")
		}

		// Removed, the editor is refused.
		uid := demoUserIDs(t, st)["infirmiere@berceau.example"]
		if resp, _ := moderator.post("/directory/organizations/"+org+"/editors/"+itoa(uid)+"/remove", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", resp.StatusCode)
		}
		if resp, _ := editor.get("/directory/moderation"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a removed editor's moderation page: %d", resp.StatusCode)
		}
	})
}

// TestStalePeriodSettingOnTheSettingsPage: the administrator's settings
// page shows and saves the stale period, refusing what is out of 1–60
// with a translated message, and the directory's pages follow it.
func TestStalePeriodSettingOnTheSettingsPage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	if _, body := admin.get("/admin/settings"); !strings.Contains(body, `name="stale_months"`) || !strings.Contains(body, `value="12"`) {
		t.Fatal("the settings page does not show the stale period")
	}
	resp, body := admin.post("/admin/settings", url.Values{"network_name": {"Réseau test"}, "stale_months": {"0"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Indiquez un nombre entier de mois, de 1 à 60.") {
		t.Fatalf("0 months: %d", resp.StatusCode)
	}
	if _, body := admin.get("/directory/moderation"); !strings.Contains(body, "confirmées il y a plus de 12 mois") {
		t.Error("the to-verify list does not say the period")
	}
	search := "/directory?q=p%C3%A9diatr"
	_, before := admin.get(search)
	if resp, _ := admin.post("/admin/settings", url.Values{"network_name": {"Réseau test"}, "stale_months": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("1 month: %d", resp.StatusCode)
	}
	_, after := admin.get(search)
	if _, body := admin.get("/directory/moderation"); !strings.Contains(body, "confirmées il y a plus de 1 mois") {
		t.Error("the to-verify list does not follow the period")
	}
	badge := `class="badge warn"`
	if strings.Count(after, badge) <= strings.Count(before, badge) {
		t.Errorf("with 1 month, %d stale badges; with 12, %d", strings.Count(after, badge), strings.Count(before, badge))
	}
}
