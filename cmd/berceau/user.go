package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"golang.org/x/term"
)

// runUser administers accounts from the server's command line:
// `berceau user add [--admin] [--name NAME] EMAIL`, the way to create the
// first administrator of a new network, and `berceau user outbox [--to EMAIL]`,
// the unsent mail with its links, which the administration pages hide.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "outbox" {
		return runUserOutbox(ctx, args[1:], getenv, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "approve-second-factor-reset" {
		return runUserApproveReset(ctx, args[1:], getenv, stdout, stderr)
	}
	if len(args) == 0 || args[0] != "add" {
		return usageError{"usage: berceau user add [--db ...] [--admin] [--name NAME] [--locale fr|en] EMAIL\n       berceau user outbox [--db ...] [--to EMAIL]\n       berceau user approve-second-factor-reset [--db ...] EMAIL"}
	}
	var admin bool
	var name, locale string
	cfg, fs, err := parseFlagsWith("user add", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&admin, "admin", false, "make the account a network administrator")
		fs.StringVar(&name, "name", "", "the person's name as shown to others (default: the email address)")
		fs.StringVar(&locale, "locale", "fr", "the person's language: "+strings.Join(i18n.Languages, ", ")+" (pages use it where the network offers it)")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"user add needs exactly one email address"}
	}
	if !i18n.Supported(locale) {
		return usageError{fmt.Sprintf("--locale must be one of %s, not %q", strings.Join(i18n.Languages, ", "), locale)}
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	in := app.NewAccount{Email: fs.Arg(0), DisplayName: name, Locale: locale, Password: password}
	if admin {
		in.Roles = []berceau.RoleGrant{{Role: berceau.RoleNetworkAdmin}}
	}
	u, err := app.New(st, log, app.Options{Hasher: newHasher(cfg)}).Admin.AddUser(ctx, berceau.System("cli"), in)
	if err != nil {
		var de *berceau.Error
		if errors.As(err, &de) && de.Kind != berceau.KindInternal {
			return errors.New(cliMessage(de.Key))
		}
		return err
	}
	role := "no role yet"
	if admin {
		role = "network administrator"
	}
	fmt.Fprintf(stdout, "account %s created (%s); sign in at /signin\n", u.Email, role)
	return nil
}

// runUserOutbox prints the mail waiting to be sent, links included, for the
// operator to pass on when no SMTP server is configured. Only someone with
// the server's command line (and so its database) reads the links.
func runUserOutbox(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var to string
	cfg, fs, err := parseFlagsWith("user outbox", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "only the mail to this address")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{"user outbox takes no argument; use --to EMAIL"}
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := app.New(st, log, app.Options{Hasher: newHasher(cfg)}).Admin.OperatorOutbox(ctx, berceau.System("cli"), to)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "no mail waiting")
		return nil
	}
	for _, m := range list {
		fmt.Fprintf(stdout, "To: %s\nSubject: %s\nDate: %s\n\n%s\n----\n", m.Recipient, m.Subject, m.CreatedAt.Format(time.RFC3339), m.Body)
	}
	return nil
}

// runUserApproveReset approves, as the server's operator, an administrator's
// request to remove someone's second factor: the second person a network
// with a single administrator lacks.
func runUserApproveReset(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseFlagsWith("user approve-second-factor-reset", args, getenv, stderr, nil)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"user approve-second-factor-reset needs exactly one email address"}
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	var u berceau.User
	if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.UserByEmail(ctx, berceau.NormalizeEmail(fs.Arg(0)))
		return err
	}); err != nil {
		if berceau.IsNotFound(err) {
			return fmt.Errorf("no account has the address %s", fs.Arg(0))
		}
		return err
	}
	if err := app.New(st, log, app.Options{Hasher: newHasher(cfg)}).Admin.ApproveSecondFactorReset(ctx, berceau.System("cli"), u.ID); err != nil {
		var de *berceau.Error
		if errors.As(err, &de) && de.Key == "account_security.reset_not_requested" {
			return errors.New("no administrator has asked for this account's second factor to be removed (ask from /admin/users first)")
		}
		return err
	}
	fmt.Fprintf(stdout, "second factor of %s removed, sessions ended, tokens revoked; a new one is set up at the next sign-in\n", u.Email)
	return nil
}

// readPassword reads the new password: from a prompt without echo on a
// terminal, else the first line of standard input (scripts, pipes).
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password (12 characters or more): ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Same password again: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("the two passwords differ")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// cliMessage is the English sentence of a domain error key, for the
// operator's terminal.
func cliMessage(key string) string {
	switch key {
	case "error.password_too_short":
		return "the password is too short: 12 characters or more"
	case "error.password_too_long":
		return "the password is too long: 256 characters at most"
	case "error.email_taken":
		return "an account with this email address already exists"
	case "error.form_invalid", "error.email_invalid":
		return "this email address is not valid"
	}
	return key
}
