package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// coordinators: the site coordinator gets code; practitioners and trainees
// are refused, like every other role.
func coordinators(code int) map[string]int {
	return map[string]int{"anonymous": http.StatusSeeOther, "signed_in": http.StatusForbidden, "site_coordinator": code}
}

// careAccess are the access-table rows of careRoutes. Writes are sent
// invalid or aimed at records that do not exist, so the table changes
// nothing; what they may do when valid is tested in care_test.go.
func careAccess(users, families map[string]int64) []access {
	haddad := "/families/" + strconv.FormatInt(families["Haddad"], 10)
	validContact := url.Values{"kind": {"home_visit"}, "on": {"2026-11-01"}, "outcome": {"done"}, "minutes": {"30"}, "version": {"1"}}
	validGoal := url.Values{"words": {"Allaiter"}, "sub": {"child_development/breastfeeding"}, "status": {"in_progress"}, "progress": {"1"}, "version": {"1"}}
	return []access{
		{"GET /families/{id}/follow-up", "GET", haddad + "/follow-up", nil, familyRoles(http.StatusOK)},
		{"GET /families/{id}/follow-up", "GET", "/families/999999/follow-up", nil, familyRoles(http.StatusNotFound)},
		{"POST /families/{id}/level", "POST", haddad + "/level", url.Values{"level": {"9"}, "on": {"hier"}, "reason": {""}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /families/{id}/contacts/new", "GET", haddad + "/contacts/new", nil, familyRoles(http.StatusOK)},
		{"POST /families/{id}/contacts", "POST", haddad + "/contacts", url.Values{"kind": {"telepathy"}, "on": {"2026-11-01"}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /families/{id}/contacts/{cid}", "GET", haddad + "/contacts/999999", nil, familyRoles(http.StatusNotFound)},
		{"POST /families/{id}/contacts/{cid}", "POST", haddad + "/contacts/999999", validContact, familyRoles(http.StatusNotFound)},
		{"GET /families/{id}/plan", "GET", haddad + "/plan", nil, familyRoles(http.StatusOK)},
		{"GET /families/{id}/plan/print", "GET", haddad + "/plan/print?lang=en", nil, familyRoles(http.StatusOK)},
		{"POST /families/{id}/plan/goals", "POST", haddad + "/plan/goals", url.Values{"words": {" "}}, familyRoles(http.StatusUnprocessableEntity)},
		{"POST /families/{id}/plan/goals/{gid}", "POST", haddad + "/plan/goals/999999", validGoal, familyRoles(http.StatusNotFound)},
		{"POST /families/{id}/plan/goals/{gid}/notes", "POST", haddad + "/plan/goals/999999/notes", url.Values{"text": {" "}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /families/{id}/referrals/new", "GET", haddad + "/referrals/new", nil, familyRoles(http.StatusOK)},
		{"POST /families/{id}/referrals", "POST", haddad + "/referrals", url.Values{"reason": {""}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /families/{id}/referrals/{rid}", "GET", haddad + "/referrals/999999", nil, familyRoles(http.StatusNotFound)},
		{"POST /families/{id}/referrals/{rid}/move", "POST", haddad + "/referrals/999999/move", url.Values{"to": {"sent"}, "version": {"1"}}, familyRoles(http.StatusNotFound)},
		{"GET /families/{id}/reassessments/new", "GET", haddad + "/reassessments/new", nil, familyRoles(http.StatusOK)},
		{"POST /families/{id}/reassessments", "POST", haddad + "/reassessments", url.Values{"summary": {" "}, "on": {"2026-11-01"}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /my-day", "GET", "/my-day", nil, familyRoles(http.StatusOK)},
		{"GET /groups/new", "GET", "/groups/new", nil, familyRoles(http.StatusOK)},
		{"POST /groups", "POST", "/groups", url.Values{"title": {""}}, familyRoles(http.StatusUnprocessableEntity)},
		{"GET /coordination/caseloads", "GET", "/coordination/caseloads?days=30", nil, coordinators(http.StatusOK)},
		{"GET /coordination/compartments", "GET", "/coordination/compartments", nil, coordinators(http.StatusOK)},
		{"POST /coordination/compartments", "POST", "/coordination/compartments",
			url.Values{"user": {"999999"}, "compartment": {"mental_health"}, "granted": {"1"}}, coordinators(http.StatusNotFound)},
	}
}

// TestSensitiveNotesByRole is the compartment part of the route × role
// table: on the Haddad follow-up page, the conjugal-violence note is read by
// the nurse it was granted to and by nobody else of the care team (the
// coordinator and the trainee see that a note exists, not what it says);
// it never reaches the plan printed for the family.
func TestSensitiveNotesByRole(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		const secret = "contrôle l’argent du ménage"
		cases := []struct {
			email string
			reads bool
		}{
			{"infirmiere@berceau.example", true},
			{"coordination@berceau.example", false},
			{"stagiaire@berceau.example", false},
			{"travail.social@berceau.example", false},
		}
		for _, c := range cases {
			b := ts.newBrowser(t)
			b.signIn(c.email)
			resp, body := b.do("GET", haddad+"/follow-up", nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d", c.email, resp.StatusCode)
			}
			html := strings.ReplaceAll(body, "&rsquo;", "’")
			if got := strings.Contains(html, secret) || strings.Contains(body, "contrôle l&#39;argent"); got != c.reads {
				t.Errorf("%s reads the conjugal-violence note: %v, want %v", c.email, got, c.reads)
			}
			if !c.reads && !strings.Contains(body, "Note sensible") {
				t.Errorf("%s is not told a sensitive note exists", c.email)
			}
			_, plan := b.do("GET", haddad+"/plan", nil)
			if !strings.Contains(plan, "menace d’expulsion") {
				t.Errorf("%s: the plan page does not show the internal note", c.email)
			}
			for _, lang := range []string{"fr", "en"} {
				_, printed := b.do("GET", haddad+"/plan/print?lang="+lang, nil)
				if strings.Contains(printed, "contrôle") || strings.Contains(printed, "menace d’expulsion") || !strings.Contains(printed, "allaiter") {
					t.Errorf("%s: the plan printed in %s shows a sensitive or internal note, or not the goals", c.email, lang)
				}
			}
		}
	})
}
