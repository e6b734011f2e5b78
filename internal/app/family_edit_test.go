package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

func TestRecordingTheBirthTurnsThePregnancyIntoTheChild(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		// A due date a month away, so the test does not depend on today's date.
		fam := haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"])
		fam.Members[1].DueDate = a.now().AddDate(0, 0, 30)
		f, _, err := a.Care.CreateFamily(ctx, nurse, fam, true)
		if err != nil {
			t.Fatal(err)
		}
		unborn := f.Members[1]
		if err := a.Care.RecordBirth(ctx, nurse, f.ID, unborn.ID, a.now().AddDate(0, 0, 3), "Yara"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a birth in the future: %v", err)
		}
		if err := a.Care.RecordBirth(ctx, nurse, f.ID, unborn.ID, a.now().AddDate(0, 0, -200), "Yara"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a birth 230 days before the due date: %v, want invalid", err)
		}
		born := a.now().AddDate(0, 0, -1)
		if err := a.Care.RecordBirth(ctx, nurse, f.ID, unborn.ID, born, "Yara"); err != nil {
			t.Fatal(err)
		}
		got, _ := a.Care.OpenFamily(ctx, nurse, f.ID)
		child := got.Members[1]
		if child.ID != unborn.ID || child.Role != care.MemberChild || child.GivenName != "Yara" || child.DueDate.IsZero() {
			t.Fatalf("child = %+v", child)
		}
		if mother := got.Members[0]; mother.Role != care.MemberParent {
			t.Fatalf("after the birth the mother is %q, want parent", mother.Role)
		}
		if err := a.Care.RecordBirth(ctx, nurse, f.ID, unborn.ID, born, "Yara"); err == nil {
			t.Fatal("a birth recorded twice")
		}
	})
}

func TestContactDetailsAreUpdatedAndAudited(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, _ := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		f.Phone, f.Languages, f.InterpreterNeeded, f.Email = "514 555-0199", "arabe", false, "pas une adresse"
		if err := a.Care.UpdateContact(ctx, nurse, f); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a bad email: %v", err)
		}
		f.Email = "yasmine.haddad@courriel.example"
		if err := a.Care.UpdateContact(ctx, nurse, f); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.UpdateContact(ctx, actor("sage-femme@berceau.example"), f); !berceau.IsNotFound(err) {
			t.Fatalf("another site's midwife: %v", err)
		}
		got, _ := a.Care.OpenFamily(ctx, nurse, f.ID)
		if got.Phone != "514 555-0199" || got.Languages != "arabe" || got.InterpreterNeeded || got.Email != "yasmine.haddad@courriel.example" {
			t.Fatalf("contact = %+v", got)
		}
	})
}

func TestTwinsKeepTheMotherPregnantUntilTheLastBirth(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		fam := haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"])
		fam.Members[1].DueDate = a.now().AddDate(0, 0, 10)
		fam.Members = append(fam.Members, care.HouseholdMember{Role: care.MemberUnborn, Surname: "Haddad", DueDate: a.now().AddDate(0, 0, 10)})
		f, _, err := a.Care.CreateFamily(ctx, nurse, fam, true)
		if err != nil {
			t.Fatal(err)
		}
		born := a.now().AddDate(0, 0, -1)
		if err := a.Care.RecordBirth(ctx, nurse, f.ID, f.Members[1].ID, born, "Yara"); err != nil {
			t.Fatal(err)
		}
		got, _ := a.Care.OpenFamily(ctx, nurse, f.ID)
		if got.Members[0].Role != care.MemberPregnantPerson {
			t.Fatalf("one twin born, the other not yet: mother is %q", got.Members[0].Role)
		}
		if err := a.Care.RecordBirth(ctx, nurse, f.ID, f.Members[2].ID, born, "Lina"); err != nil {
			t.Fatal(err)
		}
		got, _ = a.Care.OpenFamily(ctx, nurse, f.ID)
		if got.Members[0].Role != care.MemberParent {
			t.Fatalf("both twins born: mother is %q", got.Members[0].Role)
		}
	})
}
