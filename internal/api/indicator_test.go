package api

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestIndicatorsSayWhenTheirDataWasRead: a site coordinator's token gets
// her site's indicators, with the time their data was read.
func TestIndicatorsSayWhenTheirDataWasRead(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		coordinator, err := e.app.Admin.AddUser(context.Background(), berceau.System("test"), app.NewAccount{Email: "lea@example.org",
			DisplayName: "Léa Roy", Roles: []berceau.RoleGrant{{Role: berceau.RoleSiteCoordinator, OrganisationID: e.org.ID, SiteID: e.site.ID}},
			Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		enrolSecondFactor(t, e.app, coordinator.ID)
		token := e.tokenOf(t, coordinator.ID, berceau.PermNetworkRead, berceau.PermIndicators)
		resp, body := e.do(t, "GET", "/api/v1/indicators?from=2026-01-01&to=2026-12-31&indicator=families_screened", bearer(token))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d: %s", resp.StatusCode, body)
		}
		var got struct {
			AsOf time.Time         `json:"as_of"`
			Rows []json.RawMessage `json:"rows"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if now := e.app.Now(); len(got.Rows) == 0 || got.AsOf.After(now) || now.Sub(got.AsOf) > time.Minute {
			t.Fatalf("%d rows as of %v (now %v): %s", len(got.Rows), got.AsOf, now, body)
		}
	})
}
