package app

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

var linkRe = regexp.MustCompile(`https://berceau\.example\.org/(invitation|password/reset)/([A-Za-z0-9_-]+)`)

// lastLink returns the token of the newest link mailed to recipient, read
// from the mail as it leaves (the person's mailbox), and checks that the
// administrators' outbox page shows that mail without its link.
func lastLink(t *testing.T, a *App, admin berceau.Actor, recipient string) (string, store.OutboxMessage) {
	t.Helper()
	ctx := context.Background()
	var queued []store.OutboxMessage
	if err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		queued, err = tx.ListOutbox(ctx, 100)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	shown, err := a.Admin.Outbox(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range queued {
		if m.Recipient != recipient {
			continue
		}
		match := linkRe.FindStringSubmatch(m.Body)
		if match == nil {
			t.Fatalf("no link in %q", m.Body)
		}
		if shown[i].ID != m.ID || shown[i].Recipient != recipient || shown[i].Subject != m.Subject ||
			strings.Contains(shown[i].Body, match[2]) || !strings.Contains(shown[i].Body, LinkRedacted) {
			t.Fatalf("the outbox shows %+v; want the mail to %s, its subject, and its link hidden", shown[i], recipient)
		}
		return match[2], m
	}
	t.Fatalf("no mail to %s", recipient)
	return "", store.OutboxMessage{}
}

func TestInvitationLinkSetsThePasswordOnceAndExpires(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		adminUser := newPerson(t, a, "admin@berceau.example", berceau.RoleNetworkAdmin)
		admin, _ := a.Accounts.ActorFor(ctx, adminUser.ID, "192.0.2.9")
		invited, err := a.Accounts.Invite(ctx, admin, Invitation{Email: "Rosalie@Berceau.example", DisplayName: "Rosalie Nkemba", Locale: "en",
			Discipline: berceau.DisciplineMidwife, Roles: []berceau.RoleGrant{{Role: berceau.RoleNetworkMember}}})
		if err != nil {
			t.Fatal(err)
		}
		token, mail := lastLink(t, a, admin, "rosalie@berceau.example")
		if !strings.HasPrefix(mail.Subject, "Invitation to join Berceau") || !strings.Contains(mail.Body, "Hello Rosalie Nkemba") {
			t.Fatalf("the invitation is not in the invited person's language: %q", mail.Subject)
		}
		if _, err := a.Accounts.SignIn(ctx, "rosalie@berceau.example", "anything at all", "192.0.2.1"); err == nil {
			t.Fatal("an invited account signed in before choosing a password")
		}
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposeInvitation, token, "short", "short", "192.0.2.1"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("short password: %v", err)
		}
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposeInvitation, token, testPassword, testPassword+"!", "192.0.2.1"); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("mismatched confirmation: %v", err)
		}
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposeInvitation, token, testPassword, testPassword, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposeInvitation, token, testPassword, testPassword, "192.0.2.1"); !berceau.IsNotFound(err) {
			t.Fatalf("second use of the link: %v, want not found", err)
		}
		if _, err := a.Accounts.SignIn(ctx, "rosalie@berceau.example", testPassword, "192.0.2.1"); err != nil {
			t.Fatalf("sign-in after accepting the invitation: %v", err)
		}
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposePasswordReset, token, testPassword, testPassword, "192.0.2.1"); !berceau.IsNotFound(err) {
			t.Fatal("an invitation link worked as a reset link")
		}
		_ = invited

		if _, err := a.Accounts.Invite(ctx, admin, Invitation{Email: "late@berceau.example", DisplayName: "Late"}); err != nil {
			t.Fatal(err)
		}
		late, _ := lastLink(t, a, admin, "late@berceau.example")
		later := time.Now().UTC().Add(invitationTTL + time.Hour)
		st.SetClock(func() time.Time { return later })
		if _, err := a.Accounts.LinkAccount(ctx, store.PurposeInvitation, late); !berceau.IsNotFound(err) {
			t.Fatalf("an expired invitation: %v, want not found", err)
		}
		if _, err := a.Accounts.Invite(ctx, admin, Invitation{Email: "rosalie@berceau.example", DisplayName: "Again"}); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("inviting an existing address: %v, want a conflict", err)
		}
	})
}

func TestPasswordResetRevealsNothingAndWorksOnce(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		adminUser := newPerson(t, a, "admin@berceau.example", berceau.RoleNetworkAdmin)
		admin, _ := a.Accounts.ActorFor(ctx, adminUser.ID, "192.0.2.9")
		u := newPerson(t, a, "sophie@berceau.example", berceau.RoleNetworkMember)
		if err := a.Accounts.RequestPasswordReset(ctx, "nobody@berceau.example", "192.0.2.1"); err != nil {
			t.Fatalf("unknown address: %v, want the same answer as a known one", err)
		}
		msgs, _ := a.Admin.Outbox(ctx, admin)
		if len(msgs) != 0 {
			t.Fatalf("%d messages for an unknown address", len(msgs))
		}
		openSession(t, st, "old-laptop", u.ID)
		if err := a.Accounts.RequestPasswordReset(ctx, "Sophie@berceau.example", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		token, _ := lastLink(t, a, admin, "sophie@berceau.example")
		newPassword := "a brand new passphrase"
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposePasswordReset, token, newPassword, newPassword, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.SignIn(ctx, "sophie@berceau.example", newPassword, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if n := sessionCount(t, a, u); n != 0 {
			t.Fatalf("%d sessions survived the reset", n)
		}
		if _, err := a.Accounts.SetPasswordWithLink(ctx, store.PurposePasswordReset, token, testPassword, testPassword, "192.0.2.1"); !berceau.IsNotFound(err) {
			t.Fatal("a reset link worked twice")
		}
	})
}

func TestTokensAreScopedExpiringAndRevocable(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		a := newTestApp(t, st)
		ctx := context.Background()
		u := newPerson(t, a, "lea@berceau.example", berceau.RoleContentEditor)
		actor, _ := a.Accounts.ActorFor(ctx, u.ID, "192.0.2.1")
		if _, _, err := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "x", Scopes: []berceau.Permission{berceau.PermAdminUsers}}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a scope the person lacks: %v", err)
		}
		if _, _, err := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "x", Scopes: []berceau.Permission{berceau.PermNetworkRead}, Expiry: 400 * 24 * time.Hour}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("a token for over a year: %v", err)
		}
		token, tk, err := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "agenda script", Scopes: []berceau.Permission{berceau.PermNetworkRead}, CurrentPassword: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(token, "brc_") || len(token) < 40 {
			t.Fatalf("token %q", token)
		}
		got, err := a.Accounts.ActorForToken(ctx, token, "192.0.2.5")
		if err != nil || got.User.ID != u.ID || !got.Can(berceau.PermNetworkRead) || got.Can(berceau.PermKnowledgeEdit) {
			t.Fatalf("token actor = %+v, %v: want the owner with only the token's scope", got.Permissions, err)
		}
		if _, err := a.Accounts.ActorForToken(ctx, token+"x", "192.0.2.5"); err == nil {
			t.Fatal("a wrong token was accepted")
		}
		if err := a.Accounts.RevokeToken(ctx, actor, tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Accounts.ActorForToken(ctx, token, "192.0.2.5"); err == nil {
			t.Fatal("a revoked token was accepted")
		}
		token2, _, _ := a.Accounts.CreateToken(ctx, actor, NewToken{Name: "short", Scopes: []berceau.Permission{berceau.PermNetworkRead}, Expiry: time.Hour, CurrentPassword: testPassword})
		later := time.Now().UTC().Add(2 * time.Hour)
		st.SetClock(func() time.Time { return later })
		if _, err := a.Accounts.ActorForToken(ctx, token2, "192.0.2.5"); err == nil {
			t.Fatal("an expired token was accepted")
		}
	})
}

type fakeMailer struct{ sent []string }

func (f *fakeMailer) Send(_ context.Context, to, subject, _ string) error {
	f.sent = append(f.sent, to+": "+subject)
	return nil
}

func TestPendingMailIsSentOnceThroughTheMailer(t *testing.T) {
	t.Parallel()
	st := testutil.OpenStore(t, "sqlite")
	a := newTestApp(t, st)
	ctx := context.Background()
	adminUser := newPerson(t, a, "admin@berceau.example", berceau.RoleNetworkAdmin)
	admin, _ := a.Accounts.ActorFor(ctx, adminUser.ID, "192.0.2.9")
	if _, err := a.Accounts.Invite(ctx, admin, Invitation{Email: "camille@berceau.example", DisplayName: "Camille"}); err != nil {
		t.Fatal(err)
	}
	mailer := &fakeMailer{}
	a.opts.Mailer = mailer
	if n, err := a.SendPendingMail(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d, %v", n, err)
	}
	if n, _ := a.SendPendingMail(ctx); n != 0 || len(mailer.sent) != 1 || !strings.HasPrefix(mailer.sent[0], "camille@berceau.example: Invitation") {
		t.Fatalf("second pass sent %d; all sent: %v", n, mailer.sent)
	}
}
