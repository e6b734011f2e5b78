package app

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

func TestOpeningAWholeFileIsOneAuditedRead(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, _ := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		before := familyAuditTotal(t, st, f.ID)
		file, err := a.Care.OpenFamilyFile(ctx, nurse, f.ID, time.Now())
		if err != nil || len(file.Family.Members) != 2 || len(file.CareTeam) == 0 {
			t.Fatalf("file = %+v, %v", file, err)
		}
		if got := familyAuditTotal(t, st, f.ID) - before; got != 1 {
			t.Fatalf("%d audit entries for one read of the file, want 1", got)
		}
		if _, err := a.Care.OpenFamilyFile(ctx, actor("sage-femme@berceau.example"), f.ID, time.Now()); !berceau.IsNotFound(err) {
			t.Fatalf("out of scope: %v", err)
		}
		if got := familyAuditTotal(t, st, f.ID) - before; got != 2 {
			t.Fatalf("the refused read is not audited: %d entries", got)
		}
	})
}

func familyAuditTotal(t *testing.T, st *store.Store, familyID int64) int {
	t.Helper()
	var page berceau.AuditPage
	err := st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		page, err = tx.ListAudit(context.Background(), berceau.AuditFilter{ObjectType: "family", ObjectID: itoaApp(familyID)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// Concurrent reads of files share durable commits of their audit entries
// (store.AppendAuditGrouped); each read still gets its own entry, in an
// unbroken chain, committed before the read returns.
func TestConcurrentAuditedReadsEachCommitTheirEntryBeforeAnswering(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, _ := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		before := familyAuditTotal(t, st, f.ID)
		const readers = 24
		var wg sync.WaitGroup
		errs := make(chan error, readers)
		for range readers {
			wg.Go(func() {
				if _, err := a.Care.OpenFamilyFile(ctx, nurse, f.ID, day("2026-11-30")); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if got := familyAuditTotal(t, st, f.ID) - before; got != readers {
			t.Fatalf("%d audit entries for %d concurrent reads", got, readers)
		}
		if _, brk, err := st.VerifyAudit(ctx); err != nil || brk != nil {
			t.Fatalf("audit chain: break %+v, %v", brk, err)
		}
	})
}

// Reading a file is no change any shared page shows: it must leave the
// store's generation (which empties the shared-page cache) alone.
func TestOpeningAFileLeavesTheSharedPageCacheAlone(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, _ := a.Care.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		before := st.Generation()
		if _, err := a.Care.OpenFamilyFile(ctx, nurse, f.ID, day("2026-11-30")); err != nil {
			t.Fatal(err)
		}
		if got := st.Generation(); got != before {
			t.Fatalf("a read of the file moved the generation from %d to %d", before, got)
		}
	})
}
