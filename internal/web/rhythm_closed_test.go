package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// TestAClosedFileShowsNoRhythmAndNoLateness: once the Haddad file is
// closed, its follow-up says it has no rhythm any more (in French and in
// English), and neither its header nor its rhythm shows it late; while it
// was followed, the page showed its level.
func TestAClosedFileShowsNoRhythmAndNoLateness(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		rhythm := regexp.MustCompile(`(?s)<section class="card" aria-labelledby="rhythm-title">.*?</section>`)

		_, page := nurse.get(haddad + "/follow-up")
		mustContain(t, "the followed file's rhythm", rhythm.FindString(page), "Niveau d’intensité", "Retard sur le rythme")

		resp, _ := nurse.post(haddad+"/status", url.Values{"to": {"closed"}, "reason": {"Déménagement hors du territoire"}, "closure_reason": {"family_moved"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("closing the file: status %d", resp.StatusCode)
		}
		_, page = nurse.get(haddad + "/follow-up")
		section := rhythm.FindString(page)
		mustContain(t, "the closed file's rhythm", section, "Le dossier est fermé : il n’a plus de rythme de suivi")
		mustNotContain(t, "the closed file's rhythm", section, "Retard sur le rythme", "Aucun niveau d’intensité n’est encore fixé", "se fixe après l’inscription")
		mustNotContain(t, "the closed file's page", page, "chip--late")
		_, file := nurse.get(haddad)
		mustNotContain(t, "the closed file's header", file, "de retard sur le rythme")

		if resp, _ := nurse.post("/account/locale", url.Values{"locale": {"en"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("language: status %d", resp.StatusCode)
		}
		_, page = nurse.get(haddad + "/follow-up")
		mustContain(t, "the closed file's rhythm in English", rhythm.FindString(page), "The file is closed: it no longer has a follow-up rhythm")
	})
}
