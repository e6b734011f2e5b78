package demo

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

var cheapHasher = auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)

var testBox, _ = auth.NewSecretBox(auth.DeriveKey("demo test secret key"))

func TestDemoLoadsTwoOrganisationsThreeSitesAndEveryRole(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users, err := Load(ctx, st, cheapHasher, testBox)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[berceau.Role]bool{}
		for _, u := range users {
			for _, g := range u.Roles {
				seen[g.Role] = true
			}
		}
		for _, r := range berceau.Roles {
			if !seen[r] {
				t.Errorf("no demo account has the role %s", r)
			}
		}
		orgs, sites := counts(t, st)
		if orgs != 2 || sites != 3 {
			t.Fatalf("%d organisations and %d sites, want 2 and 3", orgs, sites)
		}
	})
}

func TestLoadingTheDemoTwiceDuplicatesNothing(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		first, err := Load(ctx, st, cheapHasher, testBox)
		if err != nil {
			t.Fatal(err)
		}
		second, err := Load(ctx, st, cheapHasher, testBox)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) != len(second) {
			t.Fatalf("accounts: %d then %d", len(first), len(second))
		}
		var n int
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { n, err = tx.CountUsers(ctx); return err })
		if n != len(accounts)+HistoryWorkers() {
			t.Fatalf("%d users after two loads, want %d", n, len(accounts)+HistoryWorkers())
		}
		if orgs, sites := counts(t, st); orgs != 2 || sites != 3 {
			t.Fatalf("%d organisations and %d sites after two loads", orgs, sites)
		}
	})
}

func TestDemoAccountsCanBeVerifiedWithTheDemoPassword(t *testing.T) {
	st := testutil.OpenStore(t, "sqlite")
	if _, err := Load(context.Background(), st, cheapHasher, testBox); err != nil {
		t.Fatal(err)
	}
	hash, err := passwordHashOf(t, st, accounts[0].email)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cheapHasher.Verify(context.Background(), Password, hash); err != nil {
		t.Fatalf("demo password does not verify: %v", err)
	}
}

func counts(t *testing.T, st *store.Store) (orgs, sites int) {
	t.Helper()
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		list, err := tx.ListOrganisations(context.Background())
		for _, o := range list {
			orgs++
			sites += len(o.Sites)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return orgs, sites
}

func passwordHashOf(t *testing.T, st *store.Store, email string) (hash string, err error) {
	t.Helper()
	err = st.ReadTx(context.Background(), func(tx *store.Tx) error {
		hash, err = tx.PasswordHash(context.Background(), email)
		return err
	})
	return hash, err
}
