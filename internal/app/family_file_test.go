package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestOpeningAWholeFileIsOneAuditedRead(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, sites, teams := demoWorld(t, st)
		nurse := actor("infirmiere@berceau.example")
		f, _, _ := a.CreateFamily(ctx, nurse, haddad(sites["premiers-pas-parc-ex"], teams["parc-ex-perinatalite"]), true)
		before := familyAuditTotal(t, st, f.ID)
		file, err := a.OpenFamilyFile(ctx, nurse, f.ID, time.Now())
		if err != nil || len(file.Family.Members) != 2 || len(file.CareTeam) == 0 {
			t.Fatalf("file = %+v, %v", file, err)
		}
		if got := familyAuditTotal(t, st, f.ID) - before; got != 1 {
			t.Fatalf("%d audit entries for one read of the file, want 1", got)
		}
		if _, err := a.OpenFamilyFile(ctx, actor("sage-femme@berceau.example"), f.ID, time.Now()); !berceau.IsNotFound(err) {
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
