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

// The actors of the access scenarios: nobody, then one demo account per role.
var scenarioActors = []struct{ name, email string }{
	{"anonymous", ""},
	{"site_coordinator", "coordination@berceau.example"},
	{"practitioner", "infirmiere@berceau.example"},
	{"trainee", "stagiaire@berceau.example"},
	{"content_editor", "contenu@berceau.example"},
	{"network_member", "membre@berceau.example"},
	{"evaluator", "evaluation@berceau.example"},
	{"network_admin", "admin@berceau.example"}, // last: its scenarios change accounts
}

// access is one row of the route × role table. status maps an actor to the
// expected status; "signed_in" and "*" are defaults for every signed-in
// actor and for everyone.
type access struct {
	route  string // the route pattern it exercises
	method string
	path   string
	form   url.Values
	status map[string]int
}

func everyone(code int) map[string]int { return map[string]int{"*": code} }

// signedIn: anonymous people are sent to sign in; signed-in people get code.
func signedIn(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": code}
}

// adminOnly: anonymous people are sent to sign in, other roles refused.
func adminOnly(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "network_admin": code}
}

func accessTable(ids, families map[string]int64) []access {
	other := "/admin/users/" + strconv.FormatInt(ids["medecin@berceau.example"], 10)
	self := "/admin/users/" + strconv.FormatInt(ids["admin@berceau.example"], 10)
	rows := []access{
		{"GET /{$}", "GET", "/", nil, everyone(200)},
		{"POST /language", "POST", "/language", url.Values{"lang": {"fr"}, "next": {"/"}}, everyone(303)},
		{"GET /static/", "GET", "/static/nope.css", nil, everyone(404)},
		{"GET /healthz", "GET", "/healthz", nil, everyone(200)},
		{"GET /readyz", "GET", "/readyz", nil, everyone(200)},
		{"GET /metrics", "GET", "/metrics", nil, everyone(200)},
		{"/", "GET", "/nowhere", nil, everyone(404)},

		{"GET /signin", "GET", "/signin", nil, map[string]int{"anonymous": 200, "signed_in": 303}},
		{"POST /signin", "POST", "/signin", url.Values{"email": {"nobody@berceau.example"}, "password": {"wrong password!"}}, everyone(422)},
		{"GET /signin/code", "GET", "/signin/code", nil, everyone(303)},
		{"POST /signin/code", "POST", "/signin/code", url.Values{"code": {"000000"}}, everyone(303)},
		{"GET /signin/enrol", "GET", "/signin/enrol", nil, everyone(303)},
		{"POST /signin/enrol", "POST", "/signin/enrol", url.Values{"code": {"000000"}}, everyone(303)},
		{"POST /signout", "POST", "/signout", nil, map[string]int{"anonymous": 303}}, // signed-in: TestSignOutEndsEverySessionOfTheUser
		{"GET /password/forgot", "GET", "/password/forgot", nil, everyone(200)},
		{"POST /password/forgot", "POST", "/password/forgot", url.Values{"email": {"nobody@berceau.example"}}, everyone(200)},
		{"GET /password/reset/{token}", "GET", "/password/reset/bogus", nil, everyone(404)},
		{"POST /password/reset/{token}", "POST", "/password/reset/bogus", url.Values{"password": {"x"}}, everyone(404)},
		{"GET /invitation/{token}", "GET", "/invitation/bogus", nil, everyone(404)},
		{"POST /invitation/{token}", "POST", "/invitation/bogus", url.Values{"password": {"x"}}, everyone(404)},

		{"GET /account", "GET", "/account", nil, signedIn(200)},
		{"POST /account/locale", "POST", "/account/locale", url.Values{"locale": {"xx"}}, signedIn(400)},
		// Ticked: what everyone has by default, so no later actor is affected.
		{"POST /account/notifications", "POST", "/account/notifications", url.Values{"mail_decisions": {"1"}}, signedIn(303)},
		{"POST /account/password", "POST", "/account/password", url.Values{"current_password": {"not it at all"}}, signedIn(422)},
		{"GET /account/second-factor", "GET", "/account/second-factor", nil, signedIn(200)},
		{"POST /account/second-factor", "POST", "/account/second-factor", url.Values{"code": {"000000"}}, signedIn(422)},
		{"POST /account/sessions/{id}/end", "POST", "/account/sessions/999999/end", nil, signedIn(404)},
		{"POST /account/tokens", "POST", "/account/tokens", url.Values{"name": {""}}, signedIn(422)},
		{"POST /account/tokens/{id}/revoke", "POST", "/account/tokens/999999/revoke", nil, signedIn(404)},

		{"GET /admin/users", "GET", "/admin/users", nil, adminOnly(200)},
		{"GET /admin/users/invite", "GET", "/admin/users/invite", nil, adminOnly(200)},
		{"POST /admin/users/invite", "POST", "/admin/users/invite", url.Values{"email": {""}}, adminOnly(422)},
		{"GET /admin/users/{id}", "GET", other, nil, adminOnly(200)},
		// Unknown values: the account page again, naming the field.
		{"POST /admin/users/{id}/roles", "POST", other + "/roles", url.Values{"roles": {"king:0:0"}}, adminOnly(422)},
		{"POST /admin/users/{id}/teams", "POST", other + "/teams", url.Values{"teams": {"abc"}}, adminOnly(422)},
		{"POST /admin/users/{id}/disable", "POST", self + "/disable", nil, adminOnly(422)},
		{"POST /admin/users/{id}/enable", "POST", other + "/enable", nil, adminOnly(303)},
		{"POST /admin/users/{id}/second-factor/reset", "POST", other + "/second-factor/reset", nil, adminOnly(303)},
		// The request above is the network administrator's own: they cannot approve it.
		{"POST /admin/users/{id}/second-factor/approve", "POST", other + "/second-factor/approve", nil, adminOnly(409)},
		{"GET /admin/access-reviews", "GET", "/admin/access-reviews", nil, adminOnly(200)},
		{"POST /admin/access-reviews/{id}/review", "POST", "/admin/access-reviews/999999/review", nil, adminOnly(404)},
		{"POST /admin/users/{id}/sessions/end", "POST", other + "/sessions/end", nil, adminOnly(303)},
		{"GET /admin/organisations", "GET", "/admin/organisations", nil, adminOnly(200)},
		{"POST /admin/organisations", "POST", "/admin/organisations", url.Values{"name": {""}}, adminOnly(422)},
		{"POST /admin/sites", "POST", "/admin/sites", url.Values{"name": {""}}, adminOnly(422)},
		{"POST /admin/teams", "POST", "/admin/teams", url.Values{"name": {""}}, adminOnly(422)},
		{"GET /admin/settings", "GET", "/admin/settings", nil, adminOnly(200)},
		{"GET /admin/thresholds", "GET", "/admin/thresholds", nil, adminOnly(200)},
		{"POST /admin/thresholds", "POST", "/admin/thresholds", url.Values{"year": {"2027"}, "csv": {"household_size,threshold\n1,abc\n"}}, adminOnly(422)},
		{"POST /admin/settings", "POST", "/admin/settings", url.Values{"network_name": {"  "}}, adminOnly(422)},
		{"POST /admin/settings/languages", "POST", "/admin/settings/languages", url.Values{"default": {"fr"}}, adminOnly(422)},
		{"POST /admin/organisations/{id}", "POST", "/admin/organisations/1", url.Values{"name": {" "}}, adminOnly(422)},
		{"POST /admin/sites/{id}", "POST", "/admin/sites/1", url.Values{"name": {" "}}, adminOnly(422)},
		{"POST /admin/teams/{id}", "POST", "/admin/teams/999999", url.Values{"name": {"Équipe"}}, adminOnly(404)},
		{"GET /admin/outbox", "GET", "/admin/outbox", nil, adminOnly(200)},
		{"GET /admin/audit", "GET", "/admin/audit", nil, adminOnly(200)},
	}
	rows = append(rows, familyAccess(ids, families)...)
	rows = append(rows, admissionAccess(ids, families)...)
	rows = append(rows, consentAccess(ids, families)...)
	rows = append(rows, careAccess(ids, families)...)
	rows = append(rows, dailyDashAccess(ids, families)...)
	rows = append(rows, directoryAccess(ids)...)
	rows = append(rows, eventAccess(ids)...)
	rows = append(rows, libraryAccess()...)
	rows = append(rows, eventRegistrationAccess()...)
	rows = append(rows, newsAccess()...)
	rows = append(rows, outreachAccess()...)
	rows = append(rows, internshipAccess()...)
	rows = append(rows, indicatorAccess()...)
	rows = append(rows, portalAccess(ids)...)
	rows = append(rows, trainingAccess(ids)...)
	rows = append(rows, voiceAccess(ids, families)...)
	return append(rows, accessGrantAccess(ids, families)...)
}

// protectedData must never appear on a page that refused someone.
var protectedData = []string{"medecin@berceau.example", "auth.sign_in", "/invitation/", "Nathalie Pham"}

// TestRouteByRoleAccess is the access policy as a table: every route, every
// role, the status each gets, and no protected data in any denial.
func TestRouteByRoleAccess(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		ids := demoUserIDs(t, st)
		table := accessTable(ids, demoFamilyIDs(t, st))
		for _, actor := range scenarioActors {
			b := ts.newBrowser(t)
			if actor.email != "" {
				b.signIn(actor.email)
			}
			for _, a := range table {
				want, ok := a.status[actor.name]
				if !ok && actor.email != "" {
					want, ok = a.status["signed_in"]
				}
				if !ok {
					want, ok = a.status["*"]
				}
				if !ok {
					continue // not exercised for this actor; see the comment in the table
				}
				form := a.form
				if a.route == "POST /signin" {
					// One unknown address per actor, or throttling (5 tries an
					// address) would answer 429 from the sixth actor on.
					form = url.Values{"email": {actor.name + "@nowhere.example"}, "password": {"wrong password!"}}
				}
				resp, body := b.do(a.method, a.path, form)
				if resp.StatusCode != want {
					t.Errorf("%s %s as %s: status %d, want %d", a.method, a.path, actor.name, resp.StatusCode, want)
					continue
				}
				if want == http.StatusForbidden || (actor.email == "" && strings.HasPrefix(resp.Header.Get("Location"), "/signin")) {
					for _, secret := range protectedData {
						if strings.Contains(body, secret) {
							t.Errorf("%s %s as %s: the denial shows %q", a.method, a.path, actor.name, secret)
						}
					}
				}
			}
		}
	})
}

// TestEveryRouteIsInTheAccessTable makes new routes join the table.
func TestEveryRouteIsInTheAccessTable(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	covered := map[string]bool{}
	for _, a := range accessTable(map[string]int64{}, map[string]int64{}) {
		covered[a.route] = true
	}
	for _, rt := range ts.web.routes() {
		if !covered[rt.pattern] {
			t.Errorf("route %q has no row in the access table", rt.pattern)
		}
	}
}

func demoUserIDs(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		users, err := tx.ListUsers(context.Background())
		for _, u := range users {
			ids[u.Email] = u.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestDenialsAreAudited checks that a refused request leaves a trace.
func TestDenialsAreAudited(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("membre@berceau.example")
	if resp, _ := b.get("/admin/audit"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var page berceau.AuditPage
	err := ts.store.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(context.Background(), berceau.AuditFilter{Action: "access.denied"})
		return err
	})
	if err != nil || page.Total != 1 || page.Entries[0].Detail != "GET /admin/audit" || page.Entries[0].ActorEmail != "membre@berceau.example" {
		t.Fatalf("audit = %+v, %v", page, err)
	}
}

// demoFamilyIDs maps the surname of each demo household to its file id.
func demoFamilyIDs(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		list, err := tx.ListFamilies(context.Background(), berceau.FamilyScope{SiteIDs: allSiteIDs(t, tx)})
		for _, f := range list {
			ids[f.Members[0].Surname] = f.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func allSiteIDs(t *testing.T, tx *store.Tx) []int64 {
	sites, err := tx.ListSites(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range sites {
		ids = append(ids, s.ID)
	}
	return ids
}
