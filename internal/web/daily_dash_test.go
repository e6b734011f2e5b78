package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
)

func TestSigningInLandsWorkersOnMyDay(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		for i, c := range []struct{ email, want string }{
			{"infirmiere@berceau.example", "/my-day"},
			{"coordination@berceau.example", "/my-day"},
			{"admin@berceau.example", "/"},
		} {
			b := ts.newBrowser(t)
			resp, _ := b.post("/signin", url.Values{"email": {c.email}, "password": {demo.Password}})
			if resp.Header.Get("Location") == "/signin/code" {
				resp, _ = b.post("/signin/code", url.Values{"code": {demoCode(t, i%2)}})
			}
			if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != c.want {
				t.Fatalf("%s lands on %q (status %d), want %q", c.email, got, resp.StatusCode, c.want)
			}
		}
		// A page asked for before signing in still wins.
		b := ts.newBrowser(t)
		resp, _ := b.post("/signin", url.Values{"email": {"infirmiere@berceau.example"}, "password": {demo.Password}, "next": {"/families"}})
		resp, _ = b.post("/signin/code", url.Values{"code": {demoCode(t, 1)}})
		if got := resp.Header.Get("Location"); got != "/families" {
			t.Fatalf("with next=/families, landed on %q", got)
		}
	})
}

func TestMyDayShowsTimesChipsAndCounts(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + itoa(demoFamilyIDs(t, st)["Haddad"])
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		today := storeToday(st).Format("2006-01-02")
		// A bad time is refused with its message, nothing written.
		resp, body := nurse.post(haddad+"/contacts", url.Values{"kind": {"office_visit"}, "on": {today}, "time": {"25:00"},
			"outcome": {"planned"}, "minutes": {"30"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Heure invalide") {
			t.Fatalf("a time of 25:00: status %d", resp.StatusCode)
		}
		resp, _ = nurse.post(haddad+"/contacts", url.Values{"kind": {"office_visit"}, "on": {today}, "time": {"08:05"},
			"outcome": {"planned"}, "minutes": {"30"}, "workers": {itoa(userIDByEmail(t, st, "infirmiere@berceau.example"))}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("planning a visit at 08:05: status %d", resp.StatusCode)
		}
		resp, body = nurse.get("/my-day")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("my day: %d", resp.StatusCode)
		}
		today8 := strings.Index(body, "<time>08:05</time>")
		demo1030 := strings.Index(body, "<time>10:30</time>")
		if today8 < 0 || demo1030 < 0 || today8 > demo1030 {
			t.Fatalf("today's visits are not listed by time (08:05 at %d, 10:30 at %d)", today8, demo1030)
		}
		for _, want := range []string{`class="chip chip--due">Aujourd’hui</span>`, `class="chip chip--late">`, `class="chip chip--info">Planifié</span>`,
			`id="decisions-title"`} {
			if !strings.Contains(body, want) {
				t.Errorf("my day lacks %s", want)
			}
		}
		if m := regexp.MustCompile(`id="today-title">[^<]*<span class="count"[^>]*>(\d+)</span>`).FindStringSubmatch(body); m == nil || m[1] != "2" {
			t.Fatalf("today's header count: %v", m)
		}
		// Every chip says its words: none is empty.
		if regexp.MustCompile(`class="chip[^"]*">\s*</span>`).MatchString(body) {
			t.Fatal("a chip without words")
		}
	})
}

func TestEveryPageOfAFileOpensWithItsSummary(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		ids := demoFamilyIDs(t, st)
		haddad := "/families/" + itoa(ids["Haddad"])
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		for _, page := range []string{"", "/follow-up", "/plan", "/consents", "/enrollment", "/contacts/new", "/referrals/new",
			"/reassessments/new", "/decisions/new", "/contact", "/screenings/new"} {
			resp, body := nurse.get(haddad + page)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d", page, resp.StatusCode)
			}
			if strings.Count(body, `class="family-summary"`) != 1 {
				t.Errorf("%s: no summary header", page)
				continue
			}
			for _, want := range []string{"<title>Yasmine Haddad, Karim Haddad · ", "Amina Diallo", "SIPPE", "Prochain contact", "Grossesse :"} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: the summary lacks %q", page, want)
				}
			}
			if strings.Contains(body, "daily_dash.") {
				t.Errorf("%s: a raw translation key", page)
			}
		}
		// A practitioner sees the Kaur file's key worker section say that
		// there is none, not an empty heading.
		_, body := nurse.get("/families/" + itoa(ids["Kaur"]) + "/enrollment")
		section := body[strings.Index(body, `id="key-worker-title"`):]
		section = section[:strings.Index(section, "</section>")]
		if !strings.Contains(section, "Aucune intervenante pivot") {
			t.Fatalf("the key worker section of a practitioner says nothing:\n%s", section)
		}
	})
}

func TestTheHeaderSearchFindsFilesInScopeOnly(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		ids := demoFamilyIDs(t, st)
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		_, home := nurse.get("/my-day")
		if !strings.Contains(home, `action="/families/search"`) {
			t.Fatal("no search box in the header")
		}
		for q, want := range map[string]string{"yasmyne hadad": "Haddad", "GAGNE": "", "555-0142": "Haddad", itoa(ids["Kaur"]): "Kaur"} {
			resp, body := nurse.get("/families/search?q=" + url.QueryEscape(q))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%q: status %d", q, resp.StatusCode)
			}
			results := body[strings.Index(body, "<main"):]
			if want == "" {
				if strings.Contains(results, "family-results") {
					t.Errorf("%q found a file of another site", q)
				}
				continue
			}
			if !strings.Contains(results, want) || !strings.Contains(results, `class="chip chip--info"`) {
				t.Errorf("%q does not list the %s file with its summary", q, want)
			}
		}
		// The Gagné file is Hochelaga's: its own doctor finds it by name, accents set aside.
		doctor := ts.newBrowser(t)
		doctor.signIn("medecin@berceau.example")
		if _, body := doctor.get("/families/search?q=gagne"); !strings.Contains(body, "Jessica Gagné") {
			t.Fatal("the doctor does not find her Gagné file by “gagne”")
		}
		// Administrators read no family file: no box, and the page refuses.
		admin := ts.newBrowser(t)
		admin.signIn("admin@berceau.example")
		if _, body := admin.get("/admin/users"); strings.Contains(body, `action="/families/search"`) {
			t.Fatal("the administrator has a family search box")
		}
		if resp, _ := admin.get("/families/search?q=haddad"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("the administrator's search: status %d", resp.StatusCode)
		}
	})
}

func userIDByEmail(t *testing.T, st *store.Store, email string) int64 {
	t.Helper()
	var id int64
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		u, err := tx.UserByEmail(context.Background(), email)
		id = u.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
