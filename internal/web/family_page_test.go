package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// TestFamilyPagesLeaveTheSharedPageCacheAlone: every page that shows a
// family's record (the file, its enrollment, follow-up, plan, consents,
// screenings, decisions, referrals, contacts, the forms that show its
// header, my day, the caseloads) writes exactly one audit row and leaves the
// store's generation alone, so viewing files never empties the shared-page
// cache; a real change still moves the generation.
func TestFamilyPagesLeaveTheSharedPageCacheAlone(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		family := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		nurse, coord := ts.newBrowser(t), ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		coord.signIn("coordination@berceau.example")

		auditRows := func() int {
			n, brk, err := st.VerifyAudit(ctx)
			if err != nil || brk != nil {
				t.Fatalf("audit chain: %v %+v", err, brk)
			}
			return n
		}
		view := func(b *browser, path string) string {
			t.Helper()
			before, rows := st.Generation(), auditRows()
			resp, body := b.do("GET", path, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", path, resp.StatusCode)
			}
			if got := st.Generation(); got != before {
				t.Errorf("GET %s moved the generation from %d to %d", path, before, got)
			}
			if got := auditRows() - rows; got != 1 {
				t.Errorf("GET %s wrote %d audit rows, want 1", path, got)
			}
			return body
		}

		pages := []string{family + "/plan", family + "/plan/print", family + "/consents",
			family + "/screenings/new", family + "/decisions/new", family + "/referrals/new", family + "/reassessments/new",
			family + "/contacts/new", "/my-day"}
		// The records the file links to: each kind's page once.
		linked := regexp.MustCompile(`href="(` + family + `/(?:screenings|decisions|referrals|contacts)/\d+)"`)
		kinds := map[string]bool{}
		for _, page := range []string{family, family + "/follow-up", family + "/enrollment"} {
			for _, m := range linked.FindAllStringSubmatch(view(nurse, page), -1) {
				kind := regexp.MustCompile(`/(screenings|decisions|referrals|contacts)/`).FindString(m[1])
				if !kinds[kind] {
					kinds[kind] = true
					pages = append(pages, m[1])
				}
			}
		}
		if len(kinds) < 2 {
			t.Fatalf("the demo file links to %d kinds of records, want referrals and contacts at least: %v", len(kinds), kinds)
		}
		for _, page := range pages {
			view(nurse, page)
		}
		view(coord, "/coordination/caseloads?days=30")

		before := st.Generation()
		resp, _ := nurse.do("POST", family+"/contacts", url.Values{"kind": {"office_visit"}, "on": {time.Now().Format("2006-01-02")},
			"minutes": {"45"}, "outcome": {"done"}, "notes": {"Visite"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("recording a contact: %d", resp.StatusCode)
		}
		if st.Generation() == before {
			t.Fatal("recording a contact left the generation alone: shared pages would keep showing what changed")
		}
	})
}

// TestTheFamilyFileShowsATeamRenamedAMomentAgo: the network's names are
// kept between requests, and a write empties them: the file shows its care
// team's new name on the next view.
func TestTheFamilyFileShowsATeamRenamedAMomentAgo(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		id := demoFamilyIDs(t, st)["Haddad"]
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		var team berceau.Team
		if err := st.ReadTx(ctx, func(tx *store.Tx) error {
			f, err := tx.FamilyByID(ctx, id)
			if err != nil {
				return err
			}
			teams, err := tx.ListTeams(ctx)
			for _, tm := range teams {
				if tm.ID == f.TeamID {
					team = tm
				}
			}
			return err
		}); err != nil || team.ID == 0 {
			t.Fatalf("the file's team: %+v, %v", team, err)
		}
		page := "/families/" + strconv.FormatInt(id, 10)
		if _, body := nurse.get(page); !strings.Contains(body, team.Name) {
			t.Fatalf("the file does not show its team %q", team.Name)
		}
		team.Name = "Équipe renommée à l’instant"
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.UpdateTeam(ctx, team) }); err != nil {
			t.Fatal(err)
		}
		if _, body := nurse.get(page); !strings.Contains(body, "Équipe renommée à l’instant") {
			t.Fatal("the file still shows the team's old name after the rename")
		}
	})
}
