package app

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

func TestPasswordChangeAndSignOutRevokeTokens(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		u := newPerson(t, a, "lea@berceau.example", berceau.RoleContentEditor)
		actor, _ := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
		mint := func() string {
			t.Helper()
			token, _, err := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "script", Scopes: []berceau.Permission{berceau.PermNetworkRead}, CurrentPassword: testPassword})
			if err != nil {
				t.Fatal(err)
			}
			return token
		}
		token := mint()
		const newPassword = "another long enough passphrase"
		if err := a.Accounts.ChangePassword(ctx, actor, testPassword, newPassword, newPassword, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.ActorForToken(ctx, token, "192.0.2.5"); err == nil {
			t.Fatal("a token survived a password change")
		}
		token, err := func() (string, error) {
			tk, _, err := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "script", Scopes: []berceau.Permission{berceau.PermNetworkRead}, CurrentPassword: newPassword})
			return tk, err
		}()
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Accounts.SignOut(ctx, actor); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.ActorForToken(ctx, token, "192.0.2.5"); err == nil {
			t.Fatal("a token survived signing out everywhere")
		}
	})
}

func TestFamilyScopesNeedASessionThatPassedASecondFactor(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		enrol(t, a, nurse)
		without, err := a.Accounts.SessionActor(ctx, nurse.ID, false, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		if without.Can(berceau.PermFamiliesRead) || !without.Can(berceau.PermNetworkRead) {
			t.Fatalf("a session without second factor holds %v", without.Permissions)
		}
		if scope, _ := a.FamilyScope(ctx, without); !scope.Empty() {
			t.Fatalf("a session without second factor has a family scope: %+v", scope)
		}
		if _, _, err := a.Accounts.CreateToken(ctx, without, NewToken{Name: "x", Scopes: []berceau.Permission{berceau.PermFamiliesRead}, CurrentPassword: testPassword}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a family token from a session without second factor: %v", err)
		}
		with, _ := a.Accounts.SessionActor(ctx, nurse.ID, true, "192.0.2.1")
		token, _, err := a.Accounts.CreateToken(ctx, with, NewToken{Name: "x", Scopes: []berceau.Permission{berceau.PermFamiliesRead}, CurrentPassword: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := a.Accounts.ActorForToken(ctx, token, "192.0.2.5"); err != nil || !got.Can(berceau.PermFamiliesRead) {
			t.Fatalf("a family token minted after a second factor: %v, %v", got.Permissions, err)
		}
		// A token row that says no second factor (one made before the rule,
		// by an account without one) carries no family scope.
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return tx.CreateAPIToken(ctx, &store.APIToken{UserID: nurse.ID, Name: "old", Scopes: []berceau.Permission{berceau.PermFamiliesRead},
				ExpiresAt: a.now().Add(maxTokenLife)}, hashAPIToken(tokenPrefix+"old-token-without-second-factor"))
		}); err != nil {
			t.Fatal(err)
		}
		if got, err := a.Accounts.ActorForToken(ctx, tokenPrefix+"old-token-without-second-factor", "192.0.2.5"); err != nil || got.Can(berceau.PermFamiliesRead) {
			t.Fatalf("a token minted without a second factor reads families: %v, %v", got.Permissions, err)
		}
	})
}

func TestNobodyGrantsThemselvesARoleAndRoleChangesEndSessionsAndTokens(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		adminUser := newPerson(t, a, "admin@berceau.example", berceau.RoleNetworkAdmin)
		admin, _ := a.Accounts.ActorFor(ctx, adminUser.ID, "192.0.2.9")
		grants := append([]berceau.RoleGrant{}, adminUser.Roles...)
		if err := a.Admin.SetRoles(ctx, admin, adminUser.ID, append(grants, berceau.RoleGrant{Role: berceau.RoleSiteCoordinator, OrganisationID: grants[0].OrganisationID})); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("an administrator granting themselves a coordinator role: %v", err)
		}
		if got := auditCount(t, st, "admin.user.roles", berceau.OutcomeDenied); got != 1 {
			t.Fatalf("%d refusals audited", got)
		}
		evaluator := newPerson(t, a, "eval@berceau.example", berceau.RoleEvaluator)
		openSession(t, st, "evaluator-session", evaluator.ID)
		actor, _ := a.Accounts.ActorFor(ctx, evaluator.ID, "192.0.2.1")
		token, _, err := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "x", Scopes: []berceau.Permission{berceau.PermNetworkRead}, CurrentPassword: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Admin.SetRoles(ctx, admin, evaluator.ID, append(evaluator.Roles, berceau.RoleGrant{Role: berceau.RolePractitioner, OrganisationID: grants[0].OrganisationID})); err != nil {
			t.Fatal(err)
		}
		if n := sessionCount(t, a, evaluator); n != 0 {
			t.Fatalf("%d sessions left after a role change", n)
		}
		if _, err := a.Accounts.ActorForToken(ctx, token, "192.0.2.5"); err == nil {
			t.Fatal("a token survived a role change")
		}
	})
}
