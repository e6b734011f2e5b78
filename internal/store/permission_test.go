package store_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestSeededRolePermissionsAreTheDomainDefaults(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		var table map[berceau.Role][]berceau.Permission
		err := st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
			table, err = tx.RolePermissions(context.Background())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		want := map[berceau.Role][]berceau.Permission{}
		for role, perms := range berceau.DefaultRolePermissions {
			sorted := append([]berceau.Permission(nil), perms...)
			sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
			want[role] = sorted
		}
		if !reflect.DeepEqual(table, want) {
			t.Fatalf("role_permissions = %v\nwant %v", table, want)
		}
		if len(table[berceau.RoleNetworkAdmin]) == 0 {
			t.Fatal("the administrator has no permission")
		}
		for _, p := range table[berceau.RoleNetworkAdmin] {
			if p == berceau.PermFamiliesRead {
				t.Fatal("the network administrator can read family files by default")
			}
		}
	})
}

func TestPermissionsOfAUserUniteTheirRoles(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var perms berceau.Permissions
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			org := berceau.Organisation{Slug: "o", Name: "O"}
			if err := tx.CreateOrganisation(ctx, &org); err != nil {
				return err
			}
			u := berceau.User{Email: "lea@berceau.example", DisplayName: "Léa", Roles: []berceau.RoleGrant{
				{Role: berceau.RoleContentEditor, OrganisationID: org.ID}, {Role: berceau.RoleEvaluator, OrganisationID: org.ID}}}
			if err := tx.CreateUser(ctx, &u, ""); err != nil {
				return err
			}
			var err error
			perms, err = tx.PermissionsOf(ctx, u.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !perms.Has(berceau.PermKnowledgeEdit) || !perms.Has(berceau.PermIndicatorsDeidentified) || perms.Has(berceau.PermFamiliesRead) {
			t.Fatalf("permissions = %v", perms)
		}
	})
}
