package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// TestTwoPeopleEditingTheSameContactOrGoal: the second save is refused with
// the first person's version on the page, and nothing is overwritten.
func TestTwoPeopleEditingTheSameContactOrGoal(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		nurse, social := ts.newBrowser(t), ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		social.signIn("travail.social@berceau.example")

		_, page := nurse.do("GET", haddad+"/follow-up", nil)
		m := regexp.MustCompile(`href="(` + haddad + `/contacts/\d+)">`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no contact on the follow-up page")
		}
		contact := m[1]
		_, form := nurse.do("GET", contact, nil)
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(form)[1]
		edit := func(notes string) url.Values {
			return url.Values{"kind": {"office_visit"}, "on": {time.Now().Format("2006-01-02")}, "minutes": {"45"}, "outcome": {"done"},
				"notes": {notes}, "version": {version}}
		}
		if resp, _ := social.do("POST", contact, edit("Version de Julien")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the first save: %d", resp.StatusCode)
		}
		resp, body := nurse.do("POST", contact, edit("Version d’Amina"))
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Version de Julien") || !strings.Contains(body, "sa version est affichée") {
			t.Fatalf("the second save: %d, their version shown: %v", resp.StatusCode, strings.Contains(body, "Version de Julien"))
		}
		if _, after := nurse.do("GET", contact, nil); !strings.Contains(after, "Version de Julien") || strings.Contains(after, "Version d’Amina") {
			t.Fatal("the refused save was written")
		}

		_, plan := nurse.do("GET", haddad+"/plan", nil)
		g := regexp.MustCompile(`action="(` + haddad + `/plan/goals/\d+)" class="stack narrow">\s*<input type="hidden" name="version" value="(\d+)">\s*<input type="hidden" name="sub" value="([^"]+)">`).FindStringSubmatch(plan)
		if g == nil {
			t.Fatal("no goal form on the plan page")
		}
		goal := func(words string) url.Values {
			return url.Values{"words": {words}, "sub": {g[3]}, "status": {"in_progress"}, "progress": {"2"}, "version": {g[2]}}
		}
		if resp, _ := social.do("POST", g[1], goal("Allaiter au moins six mois")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the first goal save: %d", resp.StatusCode)
		}
		resp, body = nurse.do("POST", g[1], goal("Allaiter deux mois"))
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Allaiter au moins six mois") {
			t.Fatalf("the second goal save: %d", resp.StatusCode)
		}
	})
}

// TestAReferralGoesToADirectoryService: the worker finds a service of the
// directory from the referral form; the referral keeps its name and, with
// no partner named, its organisation as the partner.
func TestAReferralGoesToADirectoryService(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		_, page := nurse.do("GET", haddad+"/referrals/new?q=allaitement", nil)
		m := regexp.MustCompile(`name="service" value="([0-9a-f-]{36})"> ([^<·]+)`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("searching the directory for allaitement offers no service:\n%s", page)
		}
		resp, _ := nurse.do("POST", haddad+"/referrals", url.Values{"service": {m[1]}, "reason": {"Soutien à l’allaitement"}, "follow_up": {"2030-01-15"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("referral to a directory service: %d", resp.StatusCode)
		}
		_, referral := nurse.do("GET", resp.Header.Get("Location"), nil)
		if name := strings.TrimSpace(m[2]); !strings.Contains(referral, name) {
			t.Fatalf("the referral page does not name the service %q", name)
		}
		if resp, _ := nurse.do("POST", haddad+"/referrals", url.Values{"service": {"00000000-0000-4000-8000-000000000000"}, "reason": {"x"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("an unknown service: %d", resp.StatusCode)
		}
	})
}
