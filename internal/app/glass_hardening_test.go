package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

const glassReason = "Consultation en urgence pour le nourrisson, équipe absente"

func TestBreakingTheGlassGivesReadOnlyAccess(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse, doctor := actor("infirmiere@berceau.example"), actor("medecin@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.BreakGlass(ctx, doctor, f.ID, glassReason); err != nil {
			t.Fatal(err)
		}
		opened, err := a.Care.OpenFamily(ctx, doctor, f.ID)
		if err != nil {
			t.Fatalf("reading after breaking the glass: %v", err)
		}
		opened.Languages = "arabe"
		if err := a.Care.UpdateContact(ctx, doctor, opened); !berceau.IsNotFound(err) {
			t.Fatalf("changing a file opened by breaking the glass: %v, want a refusal", err)
		}
		if _, err := a.Care.ChangeStatus(ctx, doctor, f.ID, care.FamilyOnHold, "en pause", care.ClosureReason("")); err == nil {
			t.Fatal("a status change on a file opened by breaking the glass")
		}
		if err := a.Care.UpdateContact(ctx, nurse, opened); err != nil {
			t.Fatalf("the file's own team changes it: %v", err)
		}
	})
}

func TestTraineesAndOtherOrganisationsCannotBreakTheGlass(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		doctor := actor("medecin@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, doctor, haddad(sites["premiers-pas-hochelaga"], teams["hochelaga-pediatrie-sociale"]), false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.BreakGlass(ctx, actor("stagiaire@berceau.example"), f.ID, glassReason); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a trainee broke the glass: %v", err)
		}
		if _, err := a.Care.BreakGlass(ctx, actor("sage-femme@berceau.example"), f.ID, glassReason); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a midwife of another organisation broke the glass: %v", err)
		}
		if got := auditCount(t, st, "family.break_glass", berceau.OutcomeDenied); got != 2 {
			t.Fatalf("%d refusals audited, want 2", got)
		}
		if _, err := a.Care.OpenFamily(ctx, actor("sage-femme@berceau.example"), f.ID); !berceau.IsNotFound(err) {
			t.Fatalf("the refused midwife reads the file: %v", err)
		}
		if _, err := a.Care.BreakGlass(ctx, actor("infirmiere@berceau.example"), f.ID, glassReason); err != nil {
			t.Fatalf("a nurse of the same organisation: %v", err)
		}
	})
}

func TestOpeningsAtASiteWithoutCoordinatorAreReviewedByTheAdministrators(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		doctor, nurse := actor("medecin@berceau.example"), actor("infirmiere@berceau.example")
		admin, coordinator := actor("admin@berceau.example"), actor("coordination@berceau.example")
		// Hochelaga has no coordinator in the demo network.
		f, _, err := a.Care.CreateFamily(ctx, doctor, haddad(sites["premiers-pas-hochelaga"], teams["hochelaga-pediatrie-sociale"]), false)
		if err != nil {
			t.Fatal(err)
		}
		grant, err := a.Care.BreakGlass(ctx, nurse, f.ID, glassReason)
		if err != nil {
			t.Fatal(err)
		}
		if list, err := a.Care.AccessGrantsToReview(ctx, coordinator); err != nil || len(list) != 0 {
			t.Fatalf("the Parc-Extension coordinator's list: %+v, %v", list, err)
		}
		list, err := a.Care.AccessGrantsToReview(ctx, admin)
		if err != nil || len(list) != 1 || list[0].ID != grant.ID || list[0].UserName != "Amina Diallo" {
			t.Fatalf("the administrator's review list: %+v, %v; want the opening at the site without coordinator", list, err)
		}
		if err := a.Care.ReviewAccessGrant(ctx, admin, grant.ID); err != nil {
			t.Fatalf("the administrator reviews it: %v", err)
		}
		// An opening at a coordinated site stays the coordinator's.
		g, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		other, err := a.Care.BreakGlass(ctx, doctor, g.ID, glassReason)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Care.ReviewAccessGrant(ctx, admin, other.ID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the administrator reviewed a coordinated site's opening: %v", err)
		}
	})
}
