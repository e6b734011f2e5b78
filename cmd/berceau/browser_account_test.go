package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// TestBrowserInvitationToSignOut walks the whole life of a new account in
// Chromium: an administrator invites a nurse, the nurse opens the link from
// the outbox, chooses a password, sets up the second factor, signs out and
// signs in again with a code.
func TestBrowserInvitationToSignOut(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	ctx := testutil.NewBrowser(t, "fr-CA,fr")
	db := testdb.SQLiteDatabase(t)
	p := startProgram(t, "demo", "--db", db)
	const email = "nouvelle.infirmiere@berceau.example"
	const password = "une phrase de passe assez longue"

	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	// signInForm fills the sign-in form and waits for what must follow.
	signInForm := func(who, pw, then string) {
		t.Helper()
		step("sign-in form of "+who,
			chromedp.Navigate(p.URL+"signin"),
			chromedp.SendKeys(chromedp.CSS("#email"), who),
			chromedp.SendKeys(chromedp.CSS("#password"), pw),
			chromedp.Click(chromedp.CSS("form[action='/signin'] button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(then)),
		)
	}

	// The administrator (no family data, so no second factor) invites a nurse.
	signInForm("admin@berceau.example", demo.Password, ".account .who")
	step("invitation form",
		chromedp.Navigate(p.URL+"admin/users/invite"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#display_name"), "Rosalie Tremblay-Nkemba"),
	)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const box = [...document.querySelectorAll('input[name=roles]')].find(b => b.value.startsWith('practitioner:') && !b.value.endsWith(':0'));
		box.checked = true; return true })()`)); err != nil {
		t.Fatal(err)
	}
	step("send the invitation",
		chromedp.Click(chromedp.CSS("form[action='/admin/users/invite'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if got := text(".notice"); !strings.Contains(got, "invitation est envoyée") {
		t.Fatalf("after inviting: %q", got)
	}
	// The outbox page says a mail is waiting, with its link hidden; the
	// server's operator reads the link on the command line.
	step("outbox", chromedp.Navigate(p.URL+"admin/outbox"), chromedp.WaitVisible(chromedp.CSS(".mail-body")))
	if shown := text(".mail-body"); strings.Contains(shown, "/invitation/") {
		t.Fatalf("the outbox page shows the invitation link: %q", shown)
	}
	var out, errOut strings.Builder
	if err := run(context.Background(), []string{"user", "outbox", "--db", db, "--to", email}, testEnv, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("user outbox: %v\n%s", err, errOut.String())
	}
	link := regexp.MustCompile(`http\S+/invitation/\S+`).FindString(out.String())
	if link == "" {
		t.Fatalf("no invitation link from berceau user outbox:\n%s", out.String())
	}
	step("admin signs out", chromedp.Click(chromedp.CSS(".account form button")), chromedp.WaitVisible(chromedp.CSS(`.account a[href="/signin"]`)))

	// The nurse opens the link and chooses a password.
	step("invitation link",
		chromedp.Navigate(link),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.SendKeys(chromedp.CSS("#confirm"), password),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if got := text(".notice"); !strings.Contains(got, "mot de passe est enregistré") {
		t.Fatalf("after choosing a password: %q", got)
	}

	// Her role sees family data: the first sign-in sets up the second factor.
	signInForm(email, password, "code.secret")
	secret := text("code.secret")
	code, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	step("second factor set-up",
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.Click(chromedp.CSS("form[action='/signin/enrol'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("ul.codes")),
	)
	codes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('ul.codes li').length`))
	if err != nil || codes != 10 {
		t.Fatalf("%d recovery codes shown (%v), want 10", codes, err)
	}
	step("continue", chromedp.Click(chromedp.CSS("main a.button")), chromedp.WaitVisible(chromedp.CSS(".account .who")))
	// The name links to the account; a hidden "— Mon compte" follows it for screen readers.
	if who := text(".account .who"); !strings.HasPrefix(who, "Rosalie Tremblay-Nkemba") {
		t.Fatalf("signed in as %q", who)
	}
	step("sign out", chromedp.Click(chromedp.CSS(".account form button")), chromedp.WaitVisible(chromedp.CSS(`.account a[href="/signin"]`)))

	// Signing in again asks for a code, and a fresh one lets her in.
	signInForm(email, password, "form[action='/signin/code']")
	if h1 := text("main h1"); h1 != "Deuxième étape de connexion" {
		t.Fatalf("second sign-in shows %q", h1)
	}
	next, _ := totp.GenerateCode(secret, time.Now().Add(30*time.Second))
	step("code",
		chromedp.SendKeys(chromedp.CSS("#code"), next),
		chromedp.Click(chromedp.CSS("form[action='/signin/code'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".account .who")),
	)
	step("final sign out", chromedp.Click(chromedp.CSS(".account form button")), chromedp.WaitVisible(chromedp.CSS(`.account a[href="/signin"]`)))
}
