package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

func TestBreakingTheGlassOpensAFileForAnHourAndIsReviewed(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, doctor, coordinator := actor("infirmiere@berceau.example"), actor("medecin@berceau.example"), actor("coordination@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.OpenFamily(ctx, doctor, f.ID); !berceau.IsNotFound(err) {
			t.Fatalf("the Hochelaga physician opened the file before breaking the glass: %v", err)
		}
		if _, err := a.Care.BreakGlass(ctx, doctor, f.ID, "urgent"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a reason too short: %v", err)
		}
		if _, err := a.Care.BreakGlass(ctx, actor("admin@berceau.example"), f.ID, "je veux voir ce dossier"); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the administrator broke the glass: %v", err)
		}
		grant, err := a.Care.BreakGlass(ctx, doctor, f.ID, "Consultation en urgence pour le nourrisson, équipe absente")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := a.Care.OpenFamily(ctx, doctor, f.ID); err != nil || got.ID != f.ID {
			t.Fatalf("after breaking the glass: %v", err)
		}
		list, _ := a.Care.ListFamilies(ctx, doctor)
		listed := false
		for _, other := range list {
			listed = listed || other.ID == f.ID
		}
		if !listed {
			t.Fatal("the granted file is not in the physician's list")
		}
		review, err := a.Care.AccessGrantsToReview(ctx, coordinator)
		if err != nil || len(review) != 1 || review[0].UserName != "Dre Nathalie Pham" || !review[0].ReviewedAt.IsZero() {
			t.Fatalf("coordinator's review list: %+v, %v", review, err)
		}
		if _, err := a.Care.AccessGrantsToReview(ctx, nurse); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner reviews grants: %v", err)
		}
		if err := a.Care.ReviewAccessGrant(ctx, coordinator, grant.ID); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.ReviewAccessGrant(ctx, coordinator, grant.ID); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("reviewed twice: %v", err)
		}
		log, err := a.Care.FileAccessLog(ctx, coordinator, f.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range log.Entries {
			actions[e.Action+"/"+e.ActorEmail]++
		}
		if actions["family.break_glass/medecin@berceau.example"] != 1 || actions["family.read/medecin@berceau.example"] < 2 {
			t.Fatalf("who opened this file: %v", actions)
		}
		if _, err := a.Care.FileAccessLog(ctx, nurse, f.ID, 1); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner reads the access log: %v", err)
		}
		later := time.Now().UTC().Add(61 * time.Minute)
		st.SetClock(func() time.Time { return later })
		if _, err := a.Care.OpenFamily(ctx, doctor, f.ID); !berceau.IsNotFound(err) {
			t.Fatalf("the grant did not expire after 60 minutes: %v", err)
		}
	})
}
