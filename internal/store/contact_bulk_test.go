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

func TestBulkContactsAreReadLikeOthersAndTheLastContactHeldIsFound(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		day := func(d string) time.Time { v, _ := time.Parse(time.DateOnly, d); return v }
		var families [3]int64
		var worker int64
		err := s.WriteTx(ctx, func(tx *store.Tx) error {
			org := berceau.Organisation{Slug: "maison-test", Name: "Maison Test"}
			if err := tx.CreateOrganisation(ctx, &org); err != nil {
				return err
			}
			site := berceau.Site{OrganisationID: org.ID, Slug: "site-test", Name: "Site Test"}
			if err := tx.CreateSite(ctx, &site); err != nil {
				return err
			}
			u := berceau.User{Email: "worker@example.org", DisplayName: "Intervenante Test", Locale: "fr",
				Roles: []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: org.ID, SiteID: site.ID}}}
			if err := tx.CreateUser(ctx, &u, "x"); err != nil {
				return err
			}
			worker = u.ID
			for i := range families {
				f := care.Family{SiteID: site.ID, Status: care.FamilyActive,
					Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: "Test", Surname: "Fictive"}}}
				if err := tx.CreateFamily(ctx, &f); err != nil {
					return err
				}
				families[i] = f.ID
			}
			// One ordinary contact first, so that the bulk ids follow it.
			c := care.Contact{FamilyID: families[0], Kind: care.ContactCall, On: day("2026-01-05"), Outcome: care.ContactDone, WorkerIDs: []int64{worker}}
			if err := tx.CreateContact(ctx, &c, worker); err != nil {
				return err
			}
			var bulk []care.Contact
			for i := 0; i < 450; i++ { // three statements of contacts, and of workers
				f := families[i%2]
				on := day("2025-01-01").AddDate(0, 0, i)
				outcome := care.ContactDone
				if i%2 == 1 && i > 440 {
					outcome = care.ContactMissed // the latest ones of family 1 were missed
				}
				bulk = append(bulk, care.Contact{FamilyID: f, Kind: care.ContactHomeVisit, On: on, Minutes: 30, Outcome: outcome,
					Notes: "généré", WorkerIDs: []int64{worker}})
			}
			if err := tx.BulkContacts(ctx, bulk, worker); err != nil {
				return err
			}
			if bulk[0].ID != c.ID+1 || bulk[449].ID != c.ID+450 || bulk[0].Version != 1 {
				t.Errorf("bulk ids %d…%d after %d", bulk[0].ID, bulk[449].ID, c.ID)
			}
			// Ordinary inserts go on after the bulk ids (PostgreSQL's sequence moved).
			after := care.Contact{FamilyID: families[2], Kind: care.ContactCall, On: day("2026-03-01"), Outcome: care.ContactPlanned, WorkerIDs: []int64{worker}}
			if err := tx.CreateContact(ctx, &after, worker); err != nil {
				return err
			}
			if after.ID != c.ID+451 {
				t.Errorf("next id %d, want %d", after.ID, c.ID+451)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.ReadTx(ctx, func(tx *store.Tx) error {
			list, err := tx.ContactsOfFamily(ctx, families[1])
			if err != nil {
				return err
			}
			if len(list) != 225 || len(list[0].WorkerIDs) != 1 || list[0].WorkerIDs[0] != worker || list[0].Notes != "généré" {
				t.Errorf("family 1: %d contacts, newest %+v", len(list), list[0])
			}
			last, err := tx.LastContactsOf(ctx, families[:], day("2026-12-31"))
			if err != nil {
				return err
			}
			// Family 0: its latest generated contact. Family 1: the last
			// one held, not the missed ones after it. Family 2: none held
			// (only a planned contact), so absent.
			want0, want1 := day("2025-01-01").AddDate(0, 0, 448), day("2025-01-01").AddDate(0, 0, 439)
			if len(last) != 2 || !last[families[0]].Equal(want0) || !last[families[1]].Equal(want1) {
				t.Errorf("last contacts held %v, want %v and %v", last, want0, want1)
			}
			before, err := tx.LastContactsOf(ctx, families[:1], day("2025-06-01"))
			if err != nil {
				return err
			}
			if !before[families[0]].Equal(day("2025-05-31")) {
				t.Errorf("last contact held on or before 2025-06-01: %v", before)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
