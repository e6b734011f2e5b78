package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestDirectoryServiceRoundTripKeepsProfessionalFieldsApart(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lat, lon := 45.55, -73.54
		org := directory.DirectoryOrganization{ID: berceau.NewUUID(), Name: berceau.TextOf("fr", "Maison Bleue"), Description: berceau.TextOf("fr", "d"),
			Identifiers: []directory.OrganizationIdentifier{{ID: berceau.NewUUID(), IdentifierType: "NEQ", Identifier: "1170000001"}}}
		loc := directory.DirectoryLocation{ID: berceau.NewUUID(), OrganizationID: org.ID, Type: "physical", Latitude: &lat, Longitude: &lon,
			Redacted: true, Details: directory.LocationDetails{Addresses: []directory.DirectoryAddress{{ID: berceau.NewUUID(), Address1: "1 rue",
				City: "Montréal", StateProvince: "QC", PostalCode: "h1w 3b5", Country: "CA", AddressType: "physical"}}}}
		svc := directory.DirectoryService{ID: berceau.NewUUID(), OrganizationID: org.ID, Status: directory.ServiceActive,
			Name: berceau.TextOf("fr", "Suivi prénatal", "en", "Prenatal follow-up"), Profile: directory.PerinatalProfile{DuringPregnancy: true, GestationalWeeksMin: 12},
			ProfessionalPhones: []directory.DirectoryPhone{{ID: berceau.NewUUID(), Number: "514 555-0199"}}, InternalNotes: "ligne directe",
			Confirmation: directory.Confirmation{At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), By: "a@b.example", Outcome: directory.ConfirmUnchanged},
			Locations:    []directory.ServiceAtLocation{{ID: berceau.NewUUID(), LocationID: loc.ID}}}
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.PutOrganization(ctx, org); err != nil {
				return err
			}
			if err := tx.PutLocation(ctx, loc); err != nil {
				return err
			}
			return tx.PutService(ctx, svc)
		})
		if err != nil {
			t.Fatal(err)
		}
		err = st.ReadTx(ctx, func(tx *store.Tx) error {
			pub, err := tx.DirectoryServiceByID(ctx, svc.ID, store.Public)
			if err != nil {
				return err
			}
			if pub.InternalNotes != "" || len(pub.ProfessionalPhones) != 0 {
				t.Errorf("a public read returned professionals-only fields: %+v", pub)
			}
			if !pub.Name.Equal(svc.Name) || !pub.Profile.DuringPregnancy || pub.Profile.GestationalWeeksMin != 12 || len(pub.Locations) != 1 ||
				!pub.Confirmation.At.Equal(svc.Confirmation.At) || pub.Confirmation.Outcome != directory.ConfirmUnchanged {
				t.Errorf("round trip: %+v", pub)
			}
			pro, err := tx.DirectoryServiceByID(ctx, svc.ID, store.Professionals)
			if err != nil {
				return err
			}
			if pro.InternalNotes != "ligne directe" || len(pro.ProfessionalPhones) != 1 {
				t.Errorf("professionals lost their fields: %+v", pro)
			}
			id, ok, err := tx.OrganizationIDByIdentifier(ctx, "NEQ", "1170000001")
			if err != nil || !ok || id != org.ID {
				t.Errorf("by identifier: %q %v %v", id, ok, err)
			}
			l, err := tx.DirectoryLocationByID(ctx, loc.ID)
			if err != nil || !l.Redacted || l.Latitude == nil || *l.Latitude != lat {
				t.Errorf("location: %+v %v", l, err)
			}
			if _, err := tx.DirectoryServiceByID(ctx, berceau.NewUUID(), store.Public); !berceau.IsNotFound(err) {
				t.Errorf("missing service: %v", err)
			}
			list, total, err := tx.DirectoryServices(ctx, store.DirectoryPage{ModifiedAfter: time.Now().Add(time.Hour)}, store.Public)
			if err != nil || total != 0 || len(list) != 0 {
				t.Errorf("modified after the future: %d %v", total, err)
			}
			rev, err := tx.DirectoryRevision(ctx)
			if err != nil || rev != 3 {
				t.Errorf("revision %d %v", rev, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
