package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// TestAPlanShowsItsProgrammesDomains: the Gagné family follows the CSPC
// programme, whose plan has the centre's own domains, named in the page's
// language; a SIPPE sub-objective is refused there with a message.
func TestAPlanShowsItsProgrammesDomains(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		gagne := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Gagné"], 10)
		doctor := ts.newBrowser(t)
		doctor.signIn("medecin@berceau.example")

		resp, plan := doctor.do("GET", gagne+"/plan", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("plan: %d", resp.StatusCode)
		}
		for _, want := range []string{"Milieu de vie et conditions de vie", "Intégration à la garderie et à l’école",
			`value="cspc_rights/cspc_legal_support"`} {
			if !strings.Contains(plan, want) {
				t.Errorf("the CSPC plan lacks %q", want)
			}
		}
		if strings.Contains(plan, `value="child_development/breastfeeding"`) {
			t.Error("the CSPC plan offers SIPPE's sub-objectives")
		}
		resp, body := doctor.do("POST", gagne+"/plan/goals", url.Values{"words": {"Allaiter"}, "sub": {"child_development/breastfeeding"},
			"status": {"not_started"}, "progress": {"0"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choisissez un sous-objectif") {
			t.Fatalf("a SIPPE goal in a CSPC plan: %d", resp.StatusCode)
		}
		_, printed := doctor.do("GET", gagne+"/plan/print?lang=en", nil)
		if !strings.Contains(printed, "Integration into daycare and school") {
			t.Error("the plan printed in English lacks the domain's English name")
		}
	})
}
