package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/pquerna/otp/totp"
)

const testPassword = "correct horse battery staple"

// newPerson opens an account with a role at a new organisation.
func newPerson(t *testing.T, a *App, email string, role berceau.Role) berceau.User {
	t.Helper()
	ctx := context.Background()
	orgs, _ := a.Admin.ListOrganisations(ctx, berceau.System("test"))
	var orgID int64
	if len(orgs) == 0 {
		org, err := a.Admin.CreateOrganisation(ctx, berceau.System("test"), berceau.Organisation{Slug: "premiers-pas", Name: "Les Premiers Pas"})
		if err != nil {
			t.Fatal(err)
		}
		orgID = org.ID
	} else {
		orgID = orgs[0].ID
	}
	u, err := a.Admin.AddUser(ctx, berceau.System("test"), NewAccount{Email: email, DisplayName: email, Password: testPassword,
		Roles: []berceau.RoleGrant{{Role: role, OrganisationID: orgID}}})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestUnknownEmailAndWrongPasswordGetTheSameAnswer(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		newPerson(t, a, "amina@berceau.example", berceau.RoleNetworkMember)
		ctx := context.Background()
		_, wrong := a.Accounts.SignIn(ctx, "amina@berceau.example", "not the password", "192.0.2.1")
		_, unknown := a.Accounts.SignIn(ctx, "nobody@berceau.example", "not the password", "192.0.2.2")
		if wrong == nil || unknown == nil || wrong.Error() != unknown.Error() {
			t.Fatalf("wrong password: %v; unknown email: %v", wrong, unknown)
		}
		if res, err := a.Accounts.SignIn(ctx, " Amina@Berceau.example ", testPassword, "192.0.2.1"); err != nil || res.Next != SignedIn {
			t.Fatalf("right password: %+v, %v", res, err)
		}
	})
}

func TestSignInIsThrottledAfterRepeatedFailuresThenRecovers(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		newPerson(t, a, "julien@berceau.example", berceau.RoleNetworkMember)
		ctx := context.Background()
		now := time.Now().UTC()
		clock := func() time.Time { return now }
		st.SetClock(clock)
		a.now = clock
		for i := 0; i < maxFailuresAccount; i++ {
			if _, err := a.Accounts.SignIn(ctx, "julien@berceau.example", "wrong", "192.0.2.1"); berceau.KindOf(err) != berceau.KindInvalid {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		_, err := a.Accounts.SignIn(ctx, "julien@berceau.example", testPassword, "192.0.2.1")
		var de *berceau.Error
		if !errors.As(err, &de) || de.Key != "error.sign_in_throttled" {
			t.Fatalf("after %d failures the right password gave %v, want throttling", maxFailuresAccount, err)
		}
		now = now.Add(throttleWindow + time.Minute)
		if _, err := a.Accounts.SignIn(ctx, "julien@berceau.example", testPassword, "192.0.2.1"); err != nil {
			t.Fatalf("after the window: %v, want the throttling lifted", err)
		}
	})
}

func TestSignInRehashesAPasswordMadeWithOlderParameters(t *testing.T) {
	t.Parallel()
	st := testutil.OpenStore(t, "sqlite")
	a := newTestApp(t, st)
	newPerson(t, a, "els@berceau.example", berceau.RoleNetworkMember)
	stronger := auth.NewHasher(auth.Argon2Params{MemoryKiB: 128, Iterations: 1, Parallelism: 1}, 1)
	b := New(st, a.log, Options{Hasher: stronger, SecretBox: testBox})
	ctx := context.Background()
	if _, err := b.Accounts.SignIn(ctx, "els@berceau.example", testPassword, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	var hash string
	_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { hash, err = tx.PasswordHash(ctx, "els@berceau.example"); return err })
	if !strings.Contains(hash, "m=128,") {
		t.Fatalf("hash after sign-in = %q, want the new parameters", hash)
	}
}

// enrol sets up a second factor for u and returns its secret and recovery codes.
func enrol(t *testing.T, a *App, u berceau.User) (string, []string) {
	t.Helper()
	ctx := context.Background()
	e, err := a.Accounts.BeginEnrollment(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := totp.GenerateCode(e.Secret, a.now())
	codes, err := a.Accounts.ConfirmEnrollment(ctx, u.ID, e.Sealed, code, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return e.Secret, codes
}

func TestRolesThatSeeFamilyDataMustSetUpASecondFactor(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		newPerson(t, a, "member@berceau.example", berceau.RoleNetworkMember)
		ctx := context.Background()
		if res, _ := a.Accounts.SignIn(ctx, "nurse@berceau.example", testPassword, "192.0.2.1"); res.Next != NeedsEnrollment {
			t.Fatalf("practitioner without a second factor: next = %v, want enrolment", res.Next)
		}
		if res, _ := a.Accounts.SignIn(ctx, "member@berceau.example", testPassword, "192.0.2.1"); res.Next != SignedIn {
			t.Fatalf("network member: next = %v, want signed in", res.Next)
		}
		enrol(t, a, nurse)
		if res, _ := a.Accounts.SignIn(ctx, "nurse@berceau.example", testPassword, "192.0.2.1"); res.Next != NeedsSecondFactor {
			t.Fatalf("after enrolment: next = %v, want the code step", res.Next)
		}
	})
}

// pendingSignIn gives the right password for email and returns the pending
// sign-in that waits for its second factor.
func pendingSignIn(t *testing.T, a *App, email string) string {
	t.Helper()
	res, err := a.Accounts.SignIn(context.Background(), email, testPassword, "192.0.2.1")
	if err != nil || res.Next != NeedsSecondFactor || res.Pending == "" {
		t.Fatalf("sign-in of %s: %+v, %v; want a pending second factor", email, res, err)
	}
	return res.Pending
}

func TestSecondFactorCodesAndRecoveryCodesWorkOnce(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		secret, recovery := enrol(t, a, nurse)
		if len(recovery) != recoveryCodeCount {
			t.Fatalf("%d recovery codes", len(recovery))
		}
		ctx := context.Background()
		verify := func(code string) error {
			_, err := a.Accounts.VerifySecondFactor(ctx, pendingSignIn(t, a, "nurse@berceau.example"), code, "192.0.2.1")
			return err
		}
		used, _ := totp.GenerateCode(secret, a.now())
		if err := verify(used); err == nil {
			t.Fatal("the code that confirmed the enrolment was accepted again")
		}
		next, _ := totp.GenerateCode(secret, a.now().Add(30*time.Second))
		if err := verify(next); err != nil {
			t.Fatalf("a fresh code: %v", err)
		}
		if err := verify(next); err == nil {
			t.Fatal("a code was accepted twice")
		}
		if err := verify(strings.ToLower(recovery[0])); err != nil {
			t.Fatalf("a recovery code: %v", err)
		}
		if err := verify(recovery[0]); err == nil {
			t.Fatal("a recovery code was accepted twice")
		}
	})
}

// stoppedClock sets the app's and the store's clocks to one instant that
// the test moves by hand.
func stoppedClock(a *App, st *store.Store) *time.Time {
	now := time.Now().UTC()
	clock := func() time.Time { return now }
	st.SetClock(clock)
	a.now = clock
	return &now
}

func TestAPendingSignInIsDestroyedAfterFiveWrongCodes(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		now := stoppedClock(a, st)
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		secret, _ := enrol(t, a, nurse)
		ctx := context.Background()
		pending := pendingSignIn(t, a, "nurse@berceau.example")
		for i := 1; i <= maxCodeFailuresPending; i++ {
			_, err := a.Accounts.VerifySecondFactor(ctx, pending, "000000", "192.0.2.1")
			if err == nil {
				t.Fatalf("wrong code %d accepted", i)
			}
			if restart := SignInMustRestart(err); restart != (i == maxCodeFailuresPending) {
				t.Fatalf("wrong code %d: %v (must restart: %v)", i, err, restart)
			}
		}
		*now = now.Add(30 * time.Second)
		right, _ := totp.GenerateCode(secret, *now)
		if _, err := a.Accounts.VerifySecondFactor(ctx, pending, right, "192.0.2.1"); !SignInMustRestart(err) {
			t.Fatalf("the right code on the 6th try of a locked sign-in: %v, want a refusal", err)
		}
		if got := auditCount(t, st, "auth.second_factor", berceau.OutcomeFailure); got != maxCodeFailuresPending {
			t.Fatalf("%d failures audited, want %d", got, maxCodeFailuresPending)
		}
		if got := auditCount(t, st, "auth.second_factor.locked", berceau.OutcomeDenied); got != 1 {
			t.Fatalf("%d locks audited, want 1", got)
		}
		// Starting over with the password opens a new pending sign-in; the
		// right code works there (the account has not reached its own limit),
		// once the password throttle fed by the wrong codes has passed.
		*now = now.Add(throttleWindow + time.Minute)
		fresh := pendingSignIn(t, a, "nurse@berceau.example")
		right, _ = totp.GenerateCode(secret, *now)
		if id, err := a.Accounts.VerifySecondFactor(ctx, fresh, right, "192.0.2.1"); err != nil || id != nurse.ID {
			t.Fatalf("a new sign-in with the right code: %d, %v", id, err)
		}
	})
}

func TestTheCodeStepOfAnAccountIsThrottledAcrossPendingSignIns(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		now := stoppedClock(a, st)
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		secret, _ := enrol(t, a, nurse)
		ctx := context.Background()
		// The attacker knows the password and opens many pending sign-ins
		// first, before any wrong code feeds the password throttle.
		var pendings []string
		for i := 0; i < 4; i++ {
			pendings = append(pendings, pendingSignIn(t, a, "nurse@berceau.example"))
		}
		wrong := 0
		for _, p := range pendings[:3] {
			for i := 0; i < maxCodeFailuresAccount/3+1 && wrong < maxCodeFailuresAccount; i++ {
				if _, err := a.Accounts.VerifySecondFactor(ctx, p, "000000", "192.0.2.1"); err == nil {
					t.Fatal("a wrong code was accepted")
				}
				wrong++
			}
		}
		if wrong != maxCodeFailuresAccount {
			t.Fatalf("the test made %d wrong codes, want %d", wrong, maxCodeFailuresAccount)
		}
		*now = now.Add(30 * time.Second)
		right, _ := totp.GenerateCode(secret, *now)
		_, err := a.Accounts.VerifySecondFactor(ctx, pendings[3], right, "192.0.2.1")
		var de *berceau.Error
		if !errors.As(err, &de) || de.Key != "account_security.code_throttled" {
			t.Fatalf("the right code on an untouched pending sign-in of a throttled account: %v, want throttling", err)
		}
		if got := auditCount(t, st, "auth.second_factor", berceau.OutcomeDenied); got != 1 {
			t.Fatalf("%d throttled attempts audited, want 1", got)
		}
		// The throttling lifts after its window, by the store's clock.
		*now = now.Add(throttleWindow + time.Minute)
		fresh := pendingSignIn(t, a, "nurse@berceau.example")
		right, _ = totp.GenerateCode(secret, *now)
		if _, err := a.Accounts.VerifySecondFactor(ctx, fresh, right, "192.0.2.1"); err != nil {
			t.Fatalf("after the window: %v, want the right code accepted", err)
		}
	})
}

func TestAPendingSignInExpires(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		now := stoppedClock(a, st)
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		secret, _ := enrol(t, a, nurse)
		pending := pendingSignIn(t, a, "nurse@berceau.example")
		*now = now.Add(pendingSignInTTL + time.Minute)
		right, _ := totp.GenerateCode(secret, *now)
		if _, err := a.Accounts.VerifySecondFactor(context.Background(), pending, right, "192.0.2.1"); !SignInMustRestart(err) {
			t.Fatalf("an old pending sign-in: %v, want the person sent back to the password", err)
		}
		// Housekeeping forgets it.
		ctx := context.Background()
		old := pendingSignIn(t, a, "nurse@berceau.example")
		*now = now.Add(pendingSignInTTL + time.Minute)
		a.sweep(ctx)
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			_, _, err := tx.PendingSignIn(ctx, hashLinkToken(old), time.Time{})
			return err
		})
		if !berceau.IsNotFound(err) {
			t.Fatalf("an expired pending sign-in after housekeeping: %v, want it gone", err)
		}
	})
}

// openSession writes a signed-in session for a user, as scs would.
func openSession(t *testing.T, st *store.Store, token string, userID int64) {
	t.Helper()
	data, err := scs.GobCodec{}.Encode(time.Now().Add(time.Hour), map[string]interface{}{store.SessionUserKey: userID})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Sessions().CommitCtx(context.Background(), token, data, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func sessionCount(t *testing.T, a *App, u berceau.User) int {
	t.Helper()
	list, err := a.Accounts.Sessions(context.Background(), berceau.Actor{User: u}, u.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func TestPasswordChangeSignOutAndDisablingEndSessions(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		u := newPerson(t, a, "pierre@berceau.example", berceau.RoleNetworkMember)
		actor, _ := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
		for _, tok := range []string{"laptop", "phone", "office"} {
			openSession(t, st, tok, u.ID)
		}
		if n := sessionCount(t, a, u); n != 3 {
			t.Fatalf("%d sessions, want 3", n)
		}
		newPassword := "another long passphrase"
		if err := a.Accounts.ChangePassword(ctx, actor, testPassword, newPassword, newPassword, store.HashSessionToken("laptop")); err != nil {
			t.Fatal(err)
		}
		list, _ := a.Accounts.Sessions(ctx, actor, u.ID, store.HashSessionToken("laptop"))
		if len(list) != 1 || !list[0].Current {
			t.Fatalf("after a password change: %+v, want only this session", list)
		}
		if err := a.Accounts.ChangePassword(ctx, actor, "not it", "x", "x", ""); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("wrong current password: %v", err)
		}
		openSession(t, st, "tablet", u.ID)
		if err := a.Accounts.SignOut(ctx, actor); err != nil {
			t.Fatal(err)
		}
		if n := sessionCount(t, a, u); n != 0 {
			t.Fatalf("%d sessions after signing out, want 0", n)
		}
		openSession(t, st, "kiosk", u.ID)
		admin := newPerson(t, a, "admin@berceau.example", berceau.RoleNetworkAdmin)
		adminActor, _ := a.Accounts.ActorFor(ctx, admin.ID, "192.0.2.9")
		if err := a.Admin.SetDisabled(ctx, adminActor, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if n := sessionCount(t, a, u); n != 0 {
			t.Fatalf("%d sessions after disabling, want 0", n)
		}
		if _, err := a.Accounts.SignIn(ctx, "pierre@berceau.example", newPassword, "192.0.2.1"); err == nil {
			t.Fatal("a disabled account signed in")
		}
		if _, err := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1"); err == nil {
			t.Fatal("a disabled account is still an actor")
		}
		if err := a.Admin.SetDisabled(ctx, adminActor, admin.ID, true); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an administrator disabled themself: %v", err)
		}
	})
}

func TestOnlyAdministratorsAdministerAndDenialsAreAudited(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		member := newPerson(t, a, "membre@berceau.example", berceau.RoleNetworkMember)
		actor, _ := a.Accounts.ActorFor(ctx, member.ID, "192.0.2.1")
		checks := map[string]error{}
		_, checks["add"] = a.Admin.AddUser(ctx, actor, NewAccount{Email: "x@berceau.example", Password: testPassword})
		_, checks["invite"] = a.Accounts.Invite(ctx, actor, Invitation{Email: "x@berceau.example", DisplayName: "X"})
		checks["roles"] = a.Admin.SetRoles(ctx, actor, member.ID, []berceau.RoleGrant{{Role: berceau.RoleNetworkAdmin}})
		checks["disable"] = a.Admin.SetDisabled(ctx, actor, member.ID, true)
		_, checks["organisation"] = a.Admin.CreateOrganisation(ctx, actor, berceau.Organisation{Slug: "x", Name: "X"})
		_, checks["outbox"] = a.Admin.Outbox(ctx, actor)
		_, checks["audit"] = a.Admin.AuditTrail(ctx, actor, berceau.AuditFilter{})
		for name, err := range checks {
			if berceau.KindOf(err) != berceau.KindForbidden {
				t.Errorf("%s by a network member: %v, want forbidden", name, err)
			}
		}
		var page berceau.AuditPage
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListAudit(ctx, berceau.AuditFilter{ActorID: member.ID})
			return err
		})
		denied := 0
		for _, e := range page.Entries {
			if e.Outcome == berceau.OutcomeDenied {
				denied++
			}
		}
		if denied != len(checks) {
			t.Fatalf("%d denials audited, want %d", denied, len(checks))
		}
		if _, brk, err := st.VerifyAudit(ctx); err != nil || brk != nil {
			t.Fatalf("audit chain: %v %v", brk, err)
		}
	})
}

func TestParallelWrongCodesAreCountedOneAfterTheOther(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		nurse := newPerson(t, a, "nurse@berceau.example", berceau.RolePractitioner)
		enrol(t, a, nurse)
		pending := pendingSignIn(t, a, "nurse@berceau.example")
		ctx := context.Background()
		const guesses = 24
		errs := make(chan error, guesses)
		for i := 0; i < guesses; i++ {
			go func() {
				_, err := a.Accounts.VerifySecondFactor(ctx, pending, "000000", "192.0.2.1")
				errs <- err
			}()
		}
		for i := 0; i < guesses; i++ {
			if err := <-errs; err == nil || berceau.KindOf(err) == berceau.KindInternal {
				t.Fatalf("a parallel wrong code: %v", err)
			}
		}
		if got := auditCount(t, st, "auth.second_factor", berceau.OutcomeFailure); got != maxCodeFailuresPending {
			t.Fatalf("%d wrong codes checked on one pending sign-in by %d parallel guesses, want %d", got, guesses, maxCodeFailuresPending)
		}
	})
}
