package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func civilDay(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// seedSites creates one organisation with two sites and a team at each.
func seedSites(t *testing.T, st *store.Store) (siteA, siteB, teamA, teamB int64) {
	t.Helper()
	ctx := context.Background()
	err := st.WriteTx(ctx, func(tx *store.Tx) error {
		org := berceau.Organisation{Slug: "o", Name: "O"}
		if err := tx.CreateOrganisation(ctx, &org); err != nil {
			return err
		}
		a, b := berceau.Site{OrganisationID: org.ID, Slug: "a", Name: "A"}, berceau.Site{OrganisationID: org.ID, Slug: "b", Name: "B"}
		if err := tx.CreateSite(ctx, &a); err != nil {
			return err
		}
		if err := tx.CreateSite(ctx, &b); err != nil {
			return err
		}
		ta, tb := berceau.Team{SiteID: a.ID, Slug: "ta", Name: "TA"}, berceau.Team{SiteID: b.ID, Slug: "tb", Name: "TB"}
		if err := tx.CreateTeam(ctx, &ta); err != nil {
			return err
		}
		if err := tx.CreateTeam(ctx, &tb); err != nil {
			return err
		}
		siteA, siteB, teamA, teamB = a.ID, b.ID, ta.ID, tb.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return
}

func TestFamiliesRoundTripWithTheirMembersAndDates(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		siteA, _, teamA, _ := seedSites(t, st)
		f := care.Family{SiteID: siteA, TeamID: teamA, Languages: "arabe, français", InterpreterNeeded: true, Members: []care.HouseholdMember{
			{Role: care.MemberPregnantPerson, GivenName: "Yasmine", Surname: "Haddad", BirthDate: civilDay("1996-02-29")},
			{Role: care.MemberUnborn, Surname: "Haddad", DueDate: civilDay("2027-05-20")},
		}}
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateFamily(ctx, &f) }); err != nil {
			t.Fatal(err)
		}
		var got care.Family
		if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { got, err = tx.FamilyByID(ctx, f.ID); return err }); err != nil {
			t.Fatal(err)
		}
		if got.Status != care.FamilyScreening || !got.InterpreterNeeded || len(got.Members) != 2 ||
			!got.Members[0].BirthDate.Equal(civilDay("1996-02-29")) || !got.Members[1].DueDate.Equal(civilDay("2027-05-20")) {
			t.Fatalf("family = %+v", got)
		}
		var born map[int64][]care.HouseholdMember
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			born, err = tx.MembersBornOn(ctx, []time.Time{civilDay("1996-02-29"), civilDay("2000-01-01")})
			return err
		})
		if len(born[f.ID]) != 1 || born[f.ID][0].GivenName != "Yasmine" {
			t.Fatalf("members born on the date: %+v", born)
		}
	})
}

func TestFamilyListsAreFilteredByScopeInSQL(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		siteA, siteB, teamA, teamB := seedSites(t, st)
		mk := func(site, team int64, name string) {
			f := care.Family{SiteID: site, TeamID: team, Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: name}}}
			if err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateFamily(ctx, &f) }); err != nil {
				t.Fatal(err)
			}
		}
		mk(siteA, teamA, "A-team")
		mk(siteA, 0, "A-none")
		mk(siteB, teamB, "B-team")
		names := func(scope berceau.FamilyScope) []string {
			var list []care.Family
			_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { list, err = tx.ListFamilies(ctx, scope); return err })
			var out []string
			for _, f := range list {
				out = append(out, f.Members[0].GivenName)
			}
			return out
		}
		cases := []struct {
			name  string
			scope berceau.FamilyScope
			want  []string
		}{
			{"coordinator of site A", berceau.FamilyScope{SiteIDs: []int64{siteA}}, []string{"A-none", "A-team"}},
			{"member of team B", berceau.FamilyScope{TeamIDs: []int64{teamB}}, []string{"B-team"}},
			{"both", berceau.FamilyScope{SiteIDs: []int64{siteA}, TeamIDs: []int64{teamB}}, []string{"B-team", "A-none", "A-team"}},
			{"nothing", berceau.FamilyScope{}, nil},
		}
		for _, c := range cases {
			got := names(c.scope)
			if len(got) != len(c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
				continue
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("%s: %v, want %v", c.name, got, c.want)
					break
				}
			}
		}
	})
}

func TestAFamilyWithoutAnAdultIsRefused(t *testing.T) {
	t.Parallel()
	st := testutil.OpenStore(t, "sqlite")
	siteA, _, _, _ := seedSites(t, st)
	ctx := context.Background()
	f := care.Family{SiteID: siteA, Members: []care.HouseholdMember{{Role: care.MemberChild, GivenName: "Léo"}}}
	err := st.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateFamily(ctx, &f) })
	if berceau.KindOf(err) != berceau.KindInvalid {
		t.Fatalf("err = %v", err)
	}
}
