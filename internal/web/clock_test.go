package web

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// TestFormsProposeTheAppsToday: the dates a form proposes (a screening's,
// a consent's, an enrollment's start) are today on the app's clock, the
// one the use cases and the demo run on, not the machine's.
func TestFormsProposeTheAppsToday(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		// A past day (the session, signed in now, stays fresh), a leap day.
		fixed, started := time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC), time.Now()
		ts.web.app.SetClock(func() time.Time { return fixed.Add(time.Since(started)) })
		haddad := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		for _, path := range []string{haddad + "/screenings/new", haddad + "/consents"} {
			resp, page := nurse.get(path)
			if resp.StatusCode != 200 || !strings.Contains(page, `value="2024-02-29"`) {
				t.Errorf("%s %d proposes no 2024-02-29:\n%s", path, resp.StatusCode, page)
			}
		}
	})
}
