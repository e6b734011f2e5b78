package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func readExamples(t *testing.T) *hsds.Dataset {
	t.Helper()
	ds, err := hsds.Read("../../testdata/hsds/examples/csv", hsds.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestImportingTwiceUpdatesAndNeverDuplicates: by id, and by external
// identifier when another source gives the same organisation another id.
func TestImportingTwiceUpdatesAndNeverDuplicates(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		cli := berceau.System("cli")
		for i := 0; i < 2; i++ {
			if _, err := a.Directory.ImportDirectory(ctx, cli, readExamples(t), nil); err != nil {
				t.Fatal(err)
			}
		}
		ds := readExamples(t)
		if len(ds.Organizations[0].Identifiers) == 0 {
			t.Fatal("the example organisation has no identifier")
		}
		ds.Organizations[0].ID = berceau.NewUUID() // another source, another id
		sum, err := a.Directory.ImportDirectory(ctx, cli, ds, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Remapped == 0 {
			t.Error("the organisation was not matched by its identifier")
		}
		var orgs, services int
		st.ReadTx(ctx, func(tx *store.Tx) error {
			orgs, _, services, err = tx.CountDirectory(ctx)
			return err
		})
		if orgs != 1 || services != 1 {
			t.Errorf("%d organisations, %d services after three imports", orgs, services)
		}
		// The export of what was imported validates (WriteJSON validates).
		out, err := a.Directory.ExportDirectory(ctx, cli, cli)
		if err != nil {
			t.Fatal(err)
		}
		if err := hsds.WriteCSV(t.TempDir(), out, hsds.Professionals); err != nil {
			t.Fatal(err)
		}
		if len(out.History) == 0 {
			t.Error("the examples' metadata rows were not kept as history")
		}
	})
}

func TestAFailedImportChangesNothing(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		ds := readExamples(t)
		ds.Services = append(ds.Services, directory.DirectoryService{ID: "not-a-uuid", Status: directory.ServiceActive, Name: berceau.TextOf("fr", "x")})
		if _, err := a.Directory.ImportDirectory(ctx, berceau.System("cli"), ds, nil); err == nil {
			t.Fatal("an invalid service was imported")
		}
		var orgs, locs, services int
		st.ReadTx(ctx, func(tx *store.Tx) error {
			var err error
			orgs, locs, services, err = tx.CountDirectory(ctx)
			return err
		})
		if orgs+locs+services != 0 {
			t.Errorf("a failed import left %d organisations, %d locations, %d services", orgs, locs, services)
		}
		if _, err := a.Directory.ImportDirectory(ctx, berceau.Anonymous("1.2.3.4"), ds, nil); berceau.KindOf(err) != berceau.KindForbidden {
			t.Errorf("anonymous import: %v", err)
		}
	})
}
