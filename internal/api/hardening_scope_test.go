package api

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// Issue 11, item 11: every API route that takes a family id answers a file
// of another site exactly like a missing one, and audits both attempts as
// denials with the family id that was tried.
func TestAnotherSitesFamilyAnswersLikeAMissingOneOnTheAPI(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newFollowUpEnv(t, st)
		ctx := context.Background()
		system := berceau.System("test")
		elsewhere, err := e.app.Admin.CreateSite(ctx, system, berceau.Site{OrganisationID: e.org.ID, Slug: "saint-michel", Name: "Point de service Saint-Michel"})
		if err != nil {
			t.Fatal(err)
		}
		team, err := e.app.Admin.CreateTeam(ctx, system, berceau.Team{SiteID: elsewhere.ID, Slug: "equipe-b", Name: "Équipe Saint-Michel"})
		if err != nil {
			t.Fatal(err)
		}
		other := care.Family{SiteID: elsewhere.ID, TeamID: team.ID, Languages: "créole, français",
			Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: "Nadège", Surname: "Fictive-Joseph"}}}
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateFamily(ctx, &other) }); err != nil {
			t.Fatal(err)
		}
		c, r := e.contactFixture(t), e.referralFixture(t, "Halte fictive")
		routes := []struct{ method, path, body, action string }{
			{"POST", "/api/v1/families/%d/contacts", `{"kind":"call","date":"2026-11-09","outcome":"done"}`, "family.contact"},
			{"PATCH", "/api/v1/families/%d/contacts/" + strconv.FormatInt(c.ID, 10), `{"version":1,"minutes":30}`, "family.contact.read"},
			{"POST", "/api/v1/families/%d/referrals", `{"external_resource":"Banque alimentaire fictive","reason":"Fin de mois"}`, "family.referral"},
			{"POST", "/api/v1/families/%d/referrals/" + strconv.FormatInt(r.ID, 10) + "/moves", `{"version":1,"status":"accepted"}`, "family.referral.move"},
		}
		denials := func(action string, familyID int64) int {
			var page berceau.AuditPage
			_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
				page, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: action, ObjectType: "family", ObjectID: strconv.FormatInt(familyID, 10)})
				return err
			})
			n := 0
			for _, en := range page.Entries {
				if en.Action == action && en.Outcome == berceau.OutcomeDenied {
					n++
				}
			}
			return n
		}
		for _, rt := range routes {
			var answers []string
			for _, id := range []int64{other.ID, 999999} {
				before := denials(rt.action, id)
				resp, body := e.send(t, rt.method, fmt.Sprintf(rt.path, id), e.headersFor(tokenWithPermission), rt.body)
				if resp.StatusCode != 404 {
					t.Errorf("%s %s with family %d: %d\n%s", rt.method, rt.path, id, resp.StatusCode, body)
				}
				if denials(rt.action, id) != before+1 {
					t.Errorf("%s %s with family %d: no %s denial audited", rt.method, rt.path, id, rt.action)
				}
				answers = append(answers, fmt.Sprint(resp.StatusCode, len(body)))
			}
			if answers[0] != answers[1] {
				t.Errorf("%s %s: another site's file %s, a missing one %s", rt.method, rt.path, answers[0], answers[1])
			}
		}
	})
}
