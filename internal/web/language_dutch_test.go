package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// dutchVisitor reads path signed out, with a Dutch browser.
func dutchVisitor(t *testing.T, ts *testServer, path string) (*http.Response, string) {
	t.Helper()
	return ts.do(t, "GET", path, nil, map[string]string{"Accept-Language": "nl-BE,nl;q=0.9"})
}

// TestAcceptLanguageDutchOnlyWhereEnabled: a Dutch browser reads Dutch
// while the network offers it (the demo's Brussels network does), French,
// the default, once the administrator stops offering it; the language
// switcher follows, and a bad choice is refused with its reason.
func TestAcceptLanguageDutchOnlyWhereEnabled(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		resp, body := dutchVisitor(t, ts, "/directory")
		if resp.Header.Get("Content-Language") != "nl" || !strings.Contains(body, `<html lang="nl"`) {
			t.Fatalf("Dutch enabled: Content-Language %q", resp.Header.Get("Content-Language"))
		}
		mustContain(t, "the Dutch directory", body, "Sociale kaart van de perinatale voorzieningen", "Aanmelden")
		if resp, body := ts.newBrowser(t).get("/nl/directory"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `<html lang="nl"`) {
			t.Fatalf("the Dutch address of the directory: %d", resp.StatusCode)
		}
		french := ts.newBrowser(t)
		_, home := french.get("/")
		mustContain(t, "the switcher of a French page", home, `value="nl"`, "Nederlands")

		admin := ts.newBrowser(t)
		admin.signIn("admin@berceau.example")
		_, settings := admin.get("/admin/settings")
		mustContain(t, "the settings page", settings, "Langues du réseau", `name="languages" value="nl" checked`)
		if resp, body := admin.post("/admin/settings/languages", url.Values{"languages": {"fr", "en"}, "default": {"nl"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "La langue par défaut doit être l’une des langues proposées.") {
			t.Fatalf("a default that is not offered: %d", resp.StatusCode)
		}
		if resp, _ := dutchVisitor(t, ts, "/directory"); resp.Header.Get("Content-Language") != "nl" {
			t.Fatal("a refused change took effect")
		}
		if resp, _ := admin.post("/admin/settings/languages", url.Values{"languages": {"fr", "en"}, "default": {"fr"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving fr and en: %d", resp.StatusCode)
		}
		resp, body = dutchVisitor(t, ts, "/directory")
		if resp.Header.Get("Content-Language") != "fr" || strings.Contains(body, "Sociale kaart") {
			t.Fatalf("Dutch disabled: Content-Language %q", resp.Header.Get("Content-Language"))
		}
		if _, home := ts.newBrowser(t).get("/"); strings.Contains(home, `value="nl"`) || strings.Contains(home, `hreflang="nl"`) {
			t.Error("the switcher or the alternates offer a disabled language")
		}
		if resp, _ := ts.newBrowser(t).get("/nl/directory"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the Dutch address answers while Dutch is disabled: %d", resp.StatusCode)
		}
		if resp, _ := french.post("/language", url.Values{"lang": {"nl"}, "next": {"/"}}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("switching to a disabled language: %d", resp.StatusCode)
		}
	})
}

// TestADutchTitleAnEditorSavesIsWhatADutchVisitorReads: an organiser gives
// an event its Dutch title in the field the form has for it, a maintainer
// names a new service in Dutch; a Dutch visitor reads both, and reads a
// text with no Dutch in French, marked, with its language.
func TestADutchTitleAnEditorSavesIsWhatADutchVisitorReads(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		e := demoEvents(t, st)["Portes ouvertes aux Lucioles"]
		path := "/events/" + strconv.FormatInt(e.ID, 10)
		_, before := dutchVisitor(t, ts, path)
		mustContain(t, "an event without Dutch", before, `<span lang="fr">Portes ouvertes aux Lucioles</span>`, "vertaling ontbreekt")

		organiser := ts.newBrowser(t)
		organiser.signIn("contenu@berceau.example")
		_, edit := organiser.get(path + "/edit")
		mustContain(t, "the event form", edit, `name="title_nl"`, `lang="nl"`, "Titre (néerlandais)")
		form := formOf(e)
		form.Title.Set("nl", "Opendeurdag bij Les Lucioles")
		if resp, body := organiser.post(path, eventValues(form)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the Dutch title: %d\n%s", resp.StatusCode, body)
		}
		_, after := dutchVisitor(t, ts, path)
		mustContain(t, "the event in Dutch", after, "<h1>Opendeurdag bij Les Lucioles")
		if strings.Contains(after, `<span lang="fr">Portes ouvertes`) {
			t.Error("the Dutch title is still marked missing")
		}

		service := "/directory/services/" + demoServiceID("parvis", "psy")
		resp, _ := organiser.post(service+"/new-service", url.Values{"new_name_fr": {"Atelier portage"}, "new_name_nl": {"Workshop draagdoek"},
			"new_description_nl": {"Leren om je baby veilig te dragen."}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("adding a service named in Dutch: %d", resp.StatusCode)
		}
		_, page := dutchVisitor(t, ts, resp.Header.Get("Location"))
		mustContain(t, "the new service in Dutch", page, "<h1>Workshop draagdoek", "Leren om je baby veilig te dragen.")
		_, untranslated := dutchVisitor(t, ts, service)
		mustContain(t, "a service without Dutch", untranslated, `<span lang="fr">Psychologue périnatale</span>`, "vertaling ontbreekt")

		// A member suggests the Dutch name; the moderator accepts it.
		_, suggestForm := organiser.get(service)
		mustContain(t, "the suggestion form", suggestForm, `<option value="name.nl"`, "Nom (néerlandais)", "Description (néerlandais)",
			"Comment y accéder (néerlandais)")
		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		if resp, body := member.post(service+"/suggestions", url.Values{"field": {"name.nl"}, "value": {"Perinatale psycholoog"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("suggesting a Dutch name: %d\n%s", resp.StatusCode, body)
		}
		_, moderation := organiser.get("/directory/moderation")
		mustContain(t, "the suggestion to decide", moderation, "Nom (néerlandais)", "Perinatale psycholoog")
		id := regexp.MustCompile(`/directory/suggestions/(\d+)/accept`).FindStringSubmatch(moderation)
		if id == nil {
			t.Fatal("no suggestion to accept")
		}
		if resp, _ := organiser.post("/directory/suggestions/"+id[1]+"/accept", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("accepting: %d", resp.StatusCode)
		}
		_, translated := dutchVisitor(t, ts, service)
		mustContain(t, "the service with its suggested Dutch name", translated, "<h1>Perinatale psycholoog")
		var mails []store.OutboxMessage
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
			mails, err = tx.ListOutbox(context.Background(), 50)
			return err
		})
		told := false
		for _, m := range mails {
			if m.Recipient == "membre@berceau.example" && strings.Contains(m.Body, "Perinatale psycholoog") {
				told = true
				if !strings.Contains(m.Body, "Nom (néerlandais)") || strings.Contains(m.Body, "directory.field") {
					t.Errorf("the suggester's mail names the field wrongly:\n%s", m.Body)
				}
			}
		}
		if !told {
			t.Error("the suggester was not told")
		}
	})
}

// TestTranslationMissingFilters: the directory's maintainers and the events'
// organisers list what lacks Dutch; the agenda ignores the filter for
// visitors, who are not its translators.
func TestTranslationMissingFilters(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		moderator := ts.newBrowser(t)
		moderator.signIn("contenu@berceau.example")
		_, page := moderator.get("/directory/moderation?missing=nl")
		mustContain(t, "the directory's missing Dutch", page, "Traduction manquante en néerlandais", "Psychologue périnatale")
		if strings.Contains(page, `<li><a href="/directory/services/`+demoServiceID("parvis", "sagefemme")) {
			t.Error("a service with its Dutch is listed as missing Dutch")
		}
		_, agenda := moderator.get("/events?missing=nl")
		mustContain(t, "the agenda's missing Dutch", agenda, `<option value="nl" selected>`, "Portes ouvertes aux Lucioles")
		if strings.Contains(agenda, "Les 1000 premiers jours dans le Bassin Sud") {
			t.Error("an event with its Dutch title is listed as missing Dutch")
		}
		_, public := ts.newBrowser(t).get("/events?missing=nl")
		if strings.Contains(public, `id="f-missing"`) || !strings.Contains(public, "Les 1000 premiers jours dans le Bassin Sud") {
			t.Error("a visitor's agenda follows the translators' filter")
		}
	})
}
