package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

func TestConsentsAreRecordedWithdrawnAndKeptInTheFile(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, err := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		if err != nil {
			t.Fatal(err)
		}
		today := time.Now().UTC()
		if _, err := a.Care.RecordConsent(ctx, nurse, care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: today}); err != nil {
			t.Fatal(err)
		}
		share, err := a.Care.RecordConsent(ctx, nurse, care.Consent{FamilyID: f.ID, Kind: care.ConsentSharing,
			Partner: "CLSC de Parc-Extension", GivenOn: today, ExpiresOn: today.AddDate(1, 0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Care.RecordConsent(ctx, actor("sage-femme@berceau.example"), care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: today}); err == nil {
			t.Fatal("a midwife of another site recorded a consent in this file")
		}
		list, _ := a.Care.Consents(ctx, nurse, f.ID)
		if !care.SharingAllowed(list, "CLSC de Parc-Extension", today) {
			t.Fatal("the recorded sharing consent does not allow sharing")
		}
		if err := a.Care.WithdrawConsent(ctx, nurse, f.ID, share.ID); err != nil {
			t.Fatal(err)
		}
		if err := a.Care.WithdrawConsent(ctx, nurse, f.ID, share.ID); !berceau.IsNotFound(err) {
			t.Fatalf("withdrawn twice: %v", err)
		}
		list, _ = a.Care.Consents(ctx, nurse, f.ID)
		if len(list) != 3 || care.SharingAllowed(list, "CLSC de Parc-Extension", today) { // with the one given at intake
			t.Fatalf("after withdrawal: %+v", list)
		}
	})
}
