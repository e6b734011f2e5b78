package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestOrganisationsAreListedWithTheirSites(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		stamp := time.Date(2026, 11, 23, 14, 5, 6, 0, time.UTC)
		s.SetClock(func() time.Time { return stamp })
		err := s.WriteTx(ctx, func(tx *store.Tx) error {
			org := berceau.Organisation{Slug: "cisss-sud", Name: "CISSS du Sud", City: "Montréal"}
			if err := tx.CreateOrganisation(ctx, &org); err != nil {
				return err
			}
			for _, name := range []string{"Site Verdun", "Site Ahuntsic"} {
				site := berceau.Site{OrganisationID: org.ID, Slug: strings.ToLower("s-" + name[5:6]), Name: name}
				if err := tx.CreateSite(ctx, &site); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var orgs []berceau.Organisation
		err = s.ReadTx(ctx, func(tx *store.Tx) (err error) {
			orgs, err = tx.ListOrganisations(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(orgs) != 1 || len(orgs[0].Sites) != 2 || orgs[0].Sites[0].Name != "Site Ahuntsic" {
			t.Fatalf("organisations = %+v", orgs)
		}
		if !orgs[0].CreatedAt.Equal(stamp) {
			t.Errorf("created_at = %v, want %v", orgs[0].CreatedAt, stamp)
		}
	})
}

func TestDuplicateSlugIsAConflictAndRollsBackTheTransaction(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		err := s.WriteTx(ctx, func(tx *store.Tx) error {
			a := berceau.Organisation{Slug: "dup", Name: "A"}
			if err := tx.CreateOrganisation(ctx, &a); err != nil {
				return err
			}
			b := berceau.Organisation{Slug: "other", Name: "B"}
			if err := tx.CreateOrganisation(ctx, &b); err != nil {
				return err
			}
			c := berceau.Organisation{Slug: "dup", Name: "C"}
			return tx.CreateOrganisation(ctx, &c)
		})
		if berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("err = %v, want a conflict", err)
		}
		var n int
		_ = s.ReadTx(ctx, func(tx *store.Tx) error {
			orgs, err := tx.ListOrganisations(ctx)
			n = len(orgs)
			return err
		})
		if n != 0 {
			t.Fatalf("%d organisations saved, want 0: the failed transaction must leave nothing", n)
		}
	})
}

func TestReadTransactionsCannotWrite(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		err := s.ReadTx(ctx, func(tx *store.Tx) error {
			return tx.SetSetting(ctx, "network_name", "x")
		})
		if err == nil {
			t.Fatal("a write inside a read transaction succeeded")
		}
	})
}

func TestUserWithRolesRoundTrips(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		err := s.WriteTx(ctx, func(tx *store.Tx) error {
			org := berceau.Organisation{Slug: "o", Name: "O"}
			if err := tx.CreateOrganisation(ctx, &org); err != nil {
				return err
			}
			site := berceau.Site{OrganisationID: org.ID, Slug: "s", Name: "S"}
			if err := tx.CreateSite(ctx, &site); err != nil {
				return err
			}
			u := berceau.User{Email: " Nadia.Benali@Example.org ", DisplayName: "Nadia Benali", Discipline: berceau.DisciplineNurse,
				Roles: []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: org.ID, SiteID: site.ID},
					{Role: berceau.RoleNetworkMember, OrganisationID: org.ID}}}
			return tx.CreateUser(ctx, &u, "hash")
		})
		if err != nil {
			t.Fatal(err)
		}
		var u berceau.User
		err = s.ReadTx(ctx, func(tx *store.Tx) (err error) {
			u, err = tx.UserByEmail(ctx, "NADIA.BENALI@example.org")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "nadia.benali@example.org" || len(u.Roles) != 2 || u.Roles[0].SiteID == 0 || u.Roles[1].SiteID != 0 {
			t.Fatalf("user = %+v", u)
		}
		err = s.ReadTx(ctx, func(tx *store.Tx) error {
			_, err := tx.UserByEmail(ctx, "nobody@example.org")
			return err
		})
		if !berceau.IsNotFound(err) {
			t.Fatalf("unknown email: err = %v, want not found", err)
		}
		var de *berceau.Error
		if !errors.As(err, &de) || de.Key == "" {
			t.Fatalf("not-found error carries no translation key: %v", err)
		}
	})
}
