package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// TestConsentsTypedBeforeTheDirectoryPickerAreMatchedToAnOrganisation: the
// 00047 migration keeps each consent's text and gives it the directory
// organisation whose name it is, exactly or once folded, and no other.
func TestConsentsTypedBeforeTheDirectoryPickerAreMatchedToAnOrganisation(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		box, _ := auth.NewSecretBox(auth.DeriveKey("store test"))
		if _, err := demo.Load(ctx, st, auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 1), box); err != nil {
			t.Fatal(err)
		}
		typed := map[string]bool{ // as typed → matched to the organisation
			"Les Marraines d'allaitement (fictif)":   true, // exactly
			"  les marraines d’allaitement (FICTIF)": true, // case, apostrophe, spaces
			"Breastfeeding Godmothers (fictional)":   true, // its English name
			"Les Marraines d'allaitement":            false,
			"Une maison absente de l'annuaire":       false,
		}
		ids := map[string]int64{}
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			sites, err := tx.ListSites(ctx)
			if err != nil {
				return err
			}
			var siteIDs []int64
			for _, s := range sites {
				siteIDs = append(siteIDs, s.ID)
			}
			families, err := tx.ListFamilies(ctx, berceau.FamilyScope{SiteIDs: siteIDs})
			if err != nil || len(families) == 0 {
				t.Fatalf("demo families: %v", err)
			}
			nurse, err := tx.UserByEmail(ctx, "infirmiere@berceau.example")
			if err != nil {
				return err
			}
			for name := range typed {
				c := care.Consent{FamilyID: families[0].ID, Kind: care.ConsentSharing, Partner: name,
					GivenOn: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), ExpiresOn: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), RecordedBy: nurse.ID}
				if err := tx.CreateConsent(ctx, &c); err != nil {
					return err
				}
				ids[name] = c.FamilyID
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := store.RematchConsentPartners(ctx, st); err != nil {
			t.Fatal(err)
		}
		var consents []care.Consent
		for _, fid := range ids {
			st.ReadTx(ctx, func(tx *store.Tx) (err error) { consents, err = tx.ConsentsOf(ctx, fid); return err })
			break
		}
		org := ""
		for _, c := range consents {
			want, ok := typed[c.Partner]
			if !ok {
				continue
			}
			if want != (c.PartnerOrgID != "") {
				t.Errorf("%q: organisation %q", c.Partner, c.PartnerOrgID)
			}
			if c.PartnerOrgID != "" {
				if org != "" && org != c.PartnerOrgID {
					t.Errorf("two organisations for one name: %s, %s", org, c.PartnerOrgID)
				}
				org = c.PartnerOrgID
			}
		}
		if org == "" {
			t.Fatal("nothing matched")
		}
	})
}
