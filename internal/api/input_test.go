package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestTheAPIRefusesFarDatesAndLongTextsNamingTheField: year 0000 (a 500 on
// PostgreSQL) and 2101 are 422 naming the field on both engines, and so is
// a text past the domain's limit.
func TestTheAPIRefusesFarDatesAndLongTextsNamingTheField(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newFollowUpEnv(t, st)
		fam := "/api/v1/families/" + strconv.FormatInt(e.familyID, 10)
		for _, c := range []struct{ path, body, field string }{
			{fam + "/contacts", `{"kind":"call","date":"0000-01-01","outcome":"done"}`, "body.date"},
			{fam + "/contacts", `{"kind":"call","date":"2101-01-01","outcome":"done"}`, "body.date"},
			{fam + "/referrals", `{"external_resource":"Halte","reason":"Répit","next_follow_up":"0000-01-01"}`, "body.next_follow_up"},
			{fam + "/referrals", `{"external_resource":"Halte","reason":"Répit","partner":"` + strings.Repeat("p", 300) + `"}`, "body.partner"},
		} {
			resp, body := e.send(t, "POST", c.path, e.headersFor(tokenWithPermission), c.body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"`+c.field+`"`) {
				t.Errorf("%s %.60s: %d %s", c.path, c.body, resp.StatusCode, body)
			}
		}
	})
}
