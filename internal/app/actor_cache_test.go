package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// TestASessionsActorIsKeptOnlyWhileNothingChanged pins the security decision
// of actor_cache.go: a session's actor is kept between requests, but a
// change this instance commits (a removed role, a disabled account) holds
// on the very next request, and a change another instance commits holds
// within ActorCacheTTL.
func TestASessionsActorIsKeptOnlyWhileNothingChanged(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := testdb.NewDatabase(t, engine)
			open := func() *store.Store {
				st, err := store.Open(ctx, db)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				return st
			}
			here := open()
			if _, err := here.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			a := newTestApp(t, here)   // this instance
			b := newTestApp(t, open()) // another instance on the same database
			wall := time.Now()         // the cache's clock, moved by hand
			a.actors.clock = func() time.Time { return wall }
			admin := berceau.System("test")
			nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
			enrol(t, a, nurse)
			grants := nurse.Roles
			canRead := func() (bool, error) {
				t.Helper()
				actor, err := a.Accounts.SessionActor(ctx, nurse.ID, true, "192.0.2.1")
				if actor.ClientAddress != "192.0.2.1" {
					t.Errorf("client address %q", actor.ClientAddress)
				}
				return actor.Can(berceau.PermFamiliesRead), err
			}
			if ok, err := canRead(); !ok || err != nil {
				t.Fatalf("the nurse's session: can read families %v, %v", ok, err)
			}

			// This instance removes her role: the next request knows it.
			if err := a.Admin.SetRoles(ctx, admin, nurse.ID, []berceau.RoleGrant{{Role: berceau.RoleNetworkMember, OrganisationID: grants[0].OrganisationID}}); err != nil {
				t.Fatal(err)
			}
			if ok, err := canRead(); ok || err != nil {
				t.Fatalf("after this instance removed her role: can read families %v, %v", ok, err)
			}
			if err := a.Admin.SetRoles(ctx, admin, nurse.ID, grants); err != nil {
				t.Fatal(err)
			}
			if ok, _ := canRead(); !ok {
				t.Fatal("her role given back: still refused")
			}

			// Another instance removes it: kept for at most ActorCacheTTL.
			if err := b.Admin.SetRoles(ctx, admin, nurse.ID, []berceau.RoleGrant{{Role: berceau.RoleNetworkMember, OrganisationID: grants[0].OrganisationID}}); err != nil {
				t.Fatal(err)
			}
			wall = wall.Add(ActorCacheTTL - time.Second)
			if ok, _ := canRead(); !ok {
				t.Error("within the time limit the cached actor should still be used (the cache did not cache)")
			}
			wall = wall.Add(time.Second)
			if ok, err := canRead(); ok || err != nil {
				t.Fatalf("ActorCacheTTL after another instance removed her role: can read families %v, %v", ok, err)
			}

			// Another instance disables her account: within the limit, refused.
			if err := a.Admin.SetRoles(ctx, admin, nurse.ID, grants); err != nil {
				t.Fatal(err)
			}
			if ok, _ := canRead(); !ok {
				t.Fatal("her role given back: still refused")
			}
			if err := b.Admin.SetDisabled(ctx, admin, nurse.ID, true); err != nil {
				t.Fatal(err)
			}
			wall = wall.Add(ActorCacheTTL)
			if _, err := canRead(); berceau.KindOf(err) != berceau.KindForbidden {
				t.Fatalf("ActorCacheTTL after another instance disabled her account: %v", err)
			}

			// This instance enables and disables it: at once both times.
			if err := a.Admin.SetDisabled(ctx, admin, nurse.ID, false); err != nil {
				t.Fatal(err)
			}
			if ok, err := canRead(); !ok || err != nil {
				t.Fatalf("enabled again: %v, %v", ok, err)
			}
			if err := a.Admin.SetDisabled(ctx, admin, nurse.ID, true); err != nil {
				t.Fatal(err)
			}
			if _, err := canRead(); berceau.KindOf(err) != berceau.KindForbidden {
				t.Fatalf("right after this instance disabled her account: %v", err)
			}
		})
	}
}
