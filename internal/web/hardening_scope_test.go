package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// Issue 11, item 10: an id a form names that is unknown or out of the
// person's reach (a group meeting's site, a contact's worker, an account's
// role place or team) comes back as the form with the field's message
// (422), not as a 500, on both engines.
func TestFormsNameTheFieldOfAnIDOutOfReach(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		users, families := demoUserIDs(t, st), demoFamilyIDs(t, st)
		sites := map[string]int64{}
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
			list, err := tx.ListSites(context.Background())
			for _, s := range list {
				sites[s.Slug] = s.ID
			}
			return err
		})
		haddad := strconv.FormatInt(families["Haddad"], 10)
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")

		for _, site := range []int64{sites["mille-jours-saint-gilles"], 999999} {
			resp, body := nurse.post("/groups", url.Values{"title": {"Atelier portage"}, "on": {"2026-11-09"}, "minutes": {"90"},
				"site": {strconv.FormatInt(site, 10)}, "attendance_" + haddad: {"1"}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choisissez un site de votre équipe ou que vous coordonnez.") ||
				!strings.Contains(body, `value="Atelier portage"`) {
				t.Fatalf("a group meeting at site %d: status %d\n%s", site, resp.StatusCode, body)
			}
		}
		for _, worker := range []int64{users["sage-femme@berceau.example"], 999999} {
			resp, body := nurse.post("/families/"+haddad+"/contacts", url.Values{"kind": {"home_visit"}, "on": {"2026-11-09"}, "minutes": {"60"},
				"outcome": {"done"}, "notes": {"Visite à domicile"}, "workers": {strconv.FormatInt(users["infirmiere@berceau.example"], 10), strconv.FormatInt(worker, 10)}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Chaque intervenant doit être un membre actif de l’équipe de la famille") {
				t.Fatalf("worker %d on a contact: status %d\n%s", worker, resp.StatusCode, body)
			}
		}

		admin := ts.newBrowser(t)
		admin.signIn("admin@berceau.example")
		account := "/admin/users/" + strconv.FormatInt(users["membre@berceau.example"], 10)
		resp, body := admin.post(account+"/roles", url.Values{"roles": {"practitioner:1:999999"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Rôle inconnu.") || !strings.Contains(body, `action="`+account+`/roles"`) {
			t.Fatalf("an unknown site in a role grant: status %d\n%s", resp.StatusCode, body)
		}
		for _, team := range []string{"999999", "abc"} {
			resp, body = admin.post(account+"/teams", url.Values{"teams": {team}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Une équipe choisie n’existe pas.") {
				t.Fatalf("team %q: status %d\n%s", team, resp.StatusCode, body)
			}
		}
	})
}
