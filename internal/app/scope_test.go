package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestFamilyScopeOfEachDemoRole pins who would see which family files: the
// coordinator her site, practitioners and trainees their teams, and the
// administrator, editor, member and evaluator nothing.
func TestFamilyScopeOfEachDemoRole(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, cheapHasher, testBox); err != nil {
			t.Fatal(err)
		}
		a := newTestApp(t, st)
		var sites []berceau.Site
		var teams []berceau.Team
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			if sites, err = tx.ListSites(ctx); err != nil {
				return err
			}
			teams, err = tx.ListTeams(ctx)
			return err
		})
		siteID := map[string]int64{}
		for _, s := range sites {
			siteID[s.Slug] = s.ID
		}
		teamID := map[string]int64{}
		for _, tm := range teams {
			teamID[tm.Slug] = tm.ID
		}
		cases := []struct {
			email string
			sites []int64
			teams []int64
		}{
			{"coordination@berceau.example", []int64{siteID["premiers-pas-parc-ex"]}, []int64{teamID["parc-ex-perinatalite"]}},
			{"infirmiere@berceau.example", nil, []int64{teamID["parc-ex-perinatalite"]}},
			{"stagiaire@berceau.example", nil, []int64{teamID["parc-ex-perinatalite"]}},
			{"sage-femme@berceau.example", nil, []int64{teamID["saint-gilles-1000-jours"]}},
			{"admin@berceau.example", nil, nil},
			{"contenu@berceau.example", nil, nil},
			{"membre@berceau.example", nil, nil},
			{"evaluation@berceau.example", nil, nil},
		}
		for _, c := range cases {
			var u berceau.User
			_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { u, err = tx.UserByEmail(ctx, c.email); return err })
			actor, err := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
			if err != nil {
				t.Fatal(err)
			}
			scope, err := a.FamilyScope(ctx, actor)
			if err != nil {
				t.Fatal(err)
			}
			if !sameIDs(scope.SiteIDs, c.sites) || !sameIDs(scope.TeamIDs, c.teams) {
				t.Errorf("%s: scope %+v, want sites %v teams %v", c.email, scope, c.sites, c.teams)
			}
		}
	})
}

func sameIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
