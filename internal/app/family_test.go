package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
)

// demoWorld loads the demo network and returns the app with an actor lookup.
func demoWorld(t *testing.T, st *store.Store) (*App, func(email string) berceau.Actor, map[string]int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.LoadPresent(ctx, st, cheapHasher, testBox); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	sites, teams := map[string]int64{}, map[string]int64{}
	_ = st.ReadTx(ctx, func(tx *store.Tx) error {
		ss, _ := tx.ListSites(ctx)
		for _, s := range ss {
			sites[s.Slug] = s.ID
		}
		ts, err := tx.ListTeams(ctx)
		for _, tm := range ts {
			teams[tm.Slug] = tm.ID
		}
		return err
	})
	actor := func(email string) berceau.Actor {
		var u berceau.User
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { u, err = tx.UserByEmail(ctx, email); return err })
		act, err := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		return act
	}
	return a, actor, sites, teams
}

func haddad(site, team int64) care.Family {
	return care.Family{SiteID: site, TeamID: team, Languages: "arabe, français", ProcessingConsent: true, Members: []care.HouseholdMember{
		{Role: care.MemberPregnantPerson, GivenName: "Yasmine", Surname: "Haddad", BirthDate: day("1996-02-29")},
		{Role: care.MemberUnborn, Surname: "Haddad", DueDate: day("2027-05-20")},
	}}
}

func TestAFamilyFileIsSeenByItsTeamAndCoordinatorOnly(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{"infirmiere@berceau.example", "coordination@berceau.example", "stagiaire@berceau.example"} {
			got, err := a.Care.OpenFamily(ctx, actor(email), f.ID)
			if err != nil || got.Members[0].GivenName != "Yasmine" {
				t.Errorf("%s cannot open the file: %v", email, err)
			}
		}
		for _, email := range []string{"sage-femme@berceau.example", "medecin@berceau.example"} {
			if _, err := a.Care.OpenFamily(ctx, actor(email), f.ID); !berceau.IsNotFound(err) {
				t.Errorf("%s opened a file outside their teams: %v", email, err)
			}
		}
		for _, email := range []string{"admin@berceau.example", "evaluation@berceau.example", "membre@berceau.example"} {
			if _, err := a.Care.OpenFamily(ctx, actor(email), f.ID); berceau.KindOf(err) != berceau.KindForbidden {
				t.Errorf("%s without family permission: %v", email, err)
			}
		}
		list, err := a.Care.ListFamilies(ctx, actor("sage-femme@berceau.example"))
		if err != nil {
			t.Fatal(err)
		}
		for _, other := range list {
			if other.ID == f.ID || other.SiteID != sites["mille-jours-saint-gilles"] {
				t.Fatalf("the Brussels midwife lists a file of another site: %+v", other)
			}
		}
		var reads berceau.AuditPage
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			reads, err = tx.ListAudit(ctx, berceau.AuditFilter{Action: "family.read", ObjectType: "family"})
			return err
		})
		success, denied := 0, 0
		for _, e := range reads.Entries {
			if e.Outcome == berceau.OutcomeSuccess {
				success++
			} else if e.Outcome == berceau.OutcomeDenied {
				denied++
			}
		}
		if success != 3 || denied != 5 {
			t.Fatalf("audited reads: %d successes, %d denials; want 3 and 5", success, denied)
		}
	})
}

func TestANewFileWhosePeopleAreKnownIsHeldForChecking(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		first, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		again := haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"])
		again.Members[0].GivenName, again.Members[0].Surname = "yasmine", "Hadad"
		_, dups, err := a.Care.CreateFamily(ctx, nurse, again, false)
		if berceau.KindOf(err) != berceau.KindConflict || len(dups) != 1 || dups[0].FamilyID != first.ID || dups[0].Member.GivenName != "Yasmine" {
			t.Fatalf("duplicate check: %v %+v", err, dups)
		}
		if _, _, err := a.Care.CreateFamily(ctx, nurse, again, true); err != nil {
			t.Fatalf("creating after setting the duplicates aside: %v", err)
		}
		midwife := actor("sage-femme@berceau.example")
		brussels := haddad(sites["mille-jours-saint-gilles"], teams["saint-gilles-1000-jours"])
		_, dups, err = a.Care.CreateFamily(ctx, midwife, brussels, false)
		if berceau.KindOf(err) != berceau.KindConflict || len(dups) == 0 {
			t.Fatalf("duplicate in another site's file not flagged: %v", err)
		}
		for _, d := range dups {
			if d.Member.GivenName != "" || d.Member.Surname != "" {
				t.Fatalf("a duplicate outside the midwife's scope shows a name: %+v", d)
			}
		}
		if _, _, err := a.Care.CreateFamily(ctx, midwife, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("opening a file in another site's team: %v", err)
		}
	})
}
