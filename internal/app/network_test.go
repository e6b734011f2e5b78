package app

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestNetworkOverviewOfAnEmptyNetwork(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher})
		o, err := a.Admin.NetworkOverview(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if o.Name != "" || len(o.Organisations) != 0 || o.SiteCount() != 0 {
			t.Fatalf("overview = %+v", o)
		}
	})
}

func TestNetworkOverviewNamesTheNetworkAndCountsSites(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetSetting(ctx, berceau.SettingNetworkName, "Réseau Sud-Ouest"); err != nil {
				return err
			}
			org := berceau.Organisation{Slug: "o", Name: "O"}
			if err := tx.CreateOrganisation(ctx, &org); err != nil {
				return err
			}
			for _, slug := range []string{"a", "b"} {
				if err := tx.CreateSite(ctx, &berceau.Site{OrganisationID: org.ID, Slug: slug, Name: slug}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		o, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher}).Admin.NetworkOverview(ctx)
		if err != nil || o.Name != "Réseau Sud-Ouest" || o.SiteCount() != 2 {
			t.Fatalf("overview = %+v, %v", o, err)
		}
	})
}

func TestNetworkOverviewFailureIsAnInternalError(t *testing.T) {
	t.Parallel()
	st := testutil.OpenStore(t, "sqlite")
	st.Close()
	_, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher}).Admin.NetworkOverview(context.Background())
	if berceau.KindOf(err) != berceau.KindInternal {
		t.Fatalf("err = %v, want an internal domain error", err)
	}
}
