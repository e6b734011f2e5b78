package demo

import (
	"context"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestDemoDirectoryLoadsOnceWithFortyToSixtyServices(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		for i := 0; i < 2; i++ {
			if err := LoadDirectory(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
		var orgs, locs, services int
		st.ReadTx(ctx, func(tx *store.Tx) error {
			var err error
			orgs, locs, services, err = tx.CountDirectory(ctx)
			return err
		})
		if services < 40 || services > 60 || orgs != len(directoryOrgs) || locs != orgs {
			t.Errorf("%d organisations, %d locations, %d services", orgs, locs, services)
		}
	})
}
