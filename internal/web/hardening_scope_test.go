package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// Issue 11, item 10: an id a form names that is unknown or out of the
// person's reach (a group meeting's site, a contact's worker, an account's
// role place or team) comes back as the form with the field's message
// (422), not as a 500, on both engines.
func TestFormsNameTheFieldOfAnIDOutOfReach(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
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

// Issue 11, items 11 and 13: every route under /families/{id} answers a file
// of another site exactly like a missing one and, when it refuses, audits a
// denial about the family id that was tried. The nurse of Parc-Extension
// tries the Hochelaga file; the coordinator tries it on her own routes.
func TestEveryFamilyRouteAnswersAnotherSitesFileLikeAMissingOne(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		other := demoFamilyIDs(t, st)["Gagné"]
		nurse, coordinator := ts.newBrowser(t), ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		coordinator.signIn("coordination@berceau.example")
		denials := func(familyID int64) int {
			var page berceau.AuditPage
			_ = st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
				page, err = tx.ListAudit(context.Background(), berceau.AuditFilter{ObjectType: "family", ObjectID: strconv.FormatInt(familyID, 10), PageSize: 200})
				return err
			})
			n := 0
			for _, e := range page.Entries {
				if e.Outcome == berceau.OutcomeDenied {
					n++
				}
			}
			return n
		}
		checked := 0
		for _, rt := range ts.web.routes() {
			method, path, _ := strings.Cut(rt.pattern, " ")
			if !strings.HasPrefix(path, "/families/{id}") {
				continue
			}
			who := nurse
			if rt.permission == berceau.PermAssignments {
				who = coordinator
			}
			for _, name := range []string{"cid", "mid", "gid", "rid", "sid", "did"} {
				path = strings.ReplaceAll(path, "{"+name+"}", "1")
			}
			var statuses []int
			for _, id := range []int64{other, 999999} {
				before := denials(id)
				var form url.Values
				if method == "POST" {
					form = url.Values{"reason": {"Consultation urgente, équipe absente"}}
					if strings.HasSuffix(path, "/break-glass") {
						form = url.Values{} // a reason too short: nothing granted
					}
				}
				resp, body := who.do(method, strings.Replace(path, "{id}", strconv.FormatInt(id, 10), 1), form)
				statuses = append(statuses, resp.StatusCode)
				if strings.Contains(body, "Gagné") {
					t.Errorf("%s with family %d shows the family's name", rt.pattern, id)
				}
				if resp.StatusCode == http.StatusNotFound && denials(id) <= before {
					t.Errorf("%s with family %d: 404 without a denial audited", rt.pattern, id)
				}
			}
			if statuses[0] != statuses[1] {
				t.Errorf("%s: another site's file %d, a missing one %d", rt.pattern, statuses[0], statuses[1])
			}
			t.Logf("%s %v", rt.pattern, statuses)
			checked++
		}
		if checked < 30 {
			t.Fatalf("only %d family routes checked", checked)
		}
	})
}
