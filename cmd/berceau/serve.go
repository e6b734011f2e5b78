package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/config"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/mail"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/web"
)

// runServe serves Berceau until ctx ends (SIGINT, SIGTERM), then lets
// in-flight requests finish. With withDemo it first loads the demo network.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, withDemo bool) error {
	name := "serve"
	if withDemo {
		name = "demo"
	}
	families := 0
	var extra func(*flag.FlagSet)
	if withDemo {
		extra = func(fs *flag.FlagSet) {
			fs.IntVar(&families, "families", 0, "also generate this many families with five years of follow-up (scaled demo for load tests; 0: the small demo only)")
		}
	}
	cfg, fs, err := parseFlagsWith(name, args, getenv, stderr, extra)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s takes no arguments, got %q", name, fs.Args())}
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()

	box, keySource, err := secretBox(cfg)
	if err != nil {
		return err
	}
	if err := checkSecretKey(ctx, st, box, keySource); err != nil {
		return err
	}
	accessOut := newFlushingWriter(stderr, 250*time.Millisecond)
	defer accessOut.Close()
	opts := web.Options{
		Version: version, MetricsToken: cfg.MetricsToken, AccessLog: newLogger(cfg, accessOut),
		SessionIdleTimeout: cfg.SessionIdle, SessionLifetime: cfg.SessionLifetime,
		SecureCookies: strings.HasPrefix(cfg.BaseURL, "https://"),
		MapTiles:      cfg.MapTiles, MapAttribution: cfg.MapAttribution,
	}
	if withDemo {
		accounts, err := demo.Load(ctx, st, newHasher(cfg), box)
		if err != nil {
			return err
		}
		opts.DemoAccounts, opts.DemoPassword = accounts, demo.Password
		if err := loadScaledDemo(ctx, st, cfg, box, families, stdout); err != nil {
			return err
		}
	}
	bundle, err := i18n.Load(log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	baseURL := cfg.BaseURL
	if baseURL == "" {
		// Links in mail point where this process really listens.
		baseURL = "http://" + ln.Addr().String()
	}
	appOpts := app.Options{Hasher: newHasher(cfg), SecretBox: box, BaseURL: baseURL, I18n: bundle, MailFrom: cfg.SMTPFrom,
		LibraryMaxFileBytes: int64(cfg.LibraryMaxFileMB) << 20}
	housekeeping := 5 * time.Minute
	if cfg.SMTPAddr != "" {
		if _, err := netmail.ParseAddress(cfg.SMTPFrom); err != nil {
			ln.Close()
			return fmt.Errorf("--smtp-from %q is not an address (e.g. berceau@example.org or \"Réseau Berceau <berceau@example.org>\"): %w", cfg.SMTPFrom, err)
		}
		appOpts.Mailer = mail.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom, User: cfg.SMTPUser, Password: cfg.SMTPPassword}
		housekeeping = 30 * time.Second // mail should not wait minutes
	}
	uc := app.New(st, log, appOpts)
	// Deferred after st.Close, so it runs before: the background work ends
	// before the store closes.
	defer uc.Close()
	uc.StartHousekeeping(housekeeping)
	// Offers that expire, reminders, retention (internal/app/jobs.go).
	uc.Jobs.Start(15 * time.Second)
	// The directory's search index is built now rather than by the first
	// search, which would otherwise wait for it (7 s at 100,000 services).
	uc.Directory.BuildDirectoryIndex()
	uc.Library.BuildIndex()
	srv, err := web.New(uc, bundle, log, opts)
	if err != nil {
		ln.Close()
		return err
	}
	if withDemo {
		fmt.Fprintf(stdout, "Demo accounts (password %q; roles that see family data use the second-factor key %s in any authenticator app):\n", demo.Password, demo.TOTPSecret)
		for _, u := range opts.DemoAccounts {
			role := ""
			if len(u.Roles) > 0 {
				role = string(u.Roles[0].Role)
			}
			fmt.Fprintf(stdout, "  %-32s %-18s %s\n", u.Email, role, u.DisplayName)
		}
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "Berceau is running at %s (database: %s)\n", url, describeDB(cfg.DB))
	fmt.Fprintln(stdout, "Press Ctrl+C to stop.")

	if err := serveUntilDone(ctx, ln, srv, cfg.ShutdownTimeout, log); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Berceau stopped.")
	return nil
}

// describeDB names the database without any secret a DSN may hold.
func describeDB(db string) string {
	if store.IsPostgres(db) {
		return store.RedactDSN(db)
	}
	return db
}

// serveUntilDone serves on ln until ctx ends, then stops accepting
// connections and gives in-flight requests up to timeout to finish.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, timeout time.Duration, log *slog.Logger) error {
	httpServer := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", "timeout", timeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// loadScaledDemo adds the scaled demo's generated families (demo --families
// N) and says what it wrote, or that the database already held it.
func loadScaledDemo(ctx context.Context, st *store.Store, cfg config.Config, box *auth.SecretBox, families int, stdout io.Writer) error {
	if families <= 0 {
		return nil
	}
	r, err := demo.Scale(ctx, st, newHasher(cfg), box, families)
	if err != nil {
		return err
	}
	if r.AlreadyLoaded {
		fmt.Fprintf(stdout, "Scaled demo: already loaded (%d families); showcase family %d (%s).\n", families, r.ShowcaseFamilyID, r.ShowcaseWorker)
		return nil
	}
	fmt.Fprintf(stdout, "Scaled demo: %d families, %d key workers, %d contacts (%d planned this week), %d referrals in %s; showcase family %d with %d contacts (%s).\n",
		r.Families, r.Workers, r.Contacts, r.Planned, r.Referrals, r.Elapsed.Round(100*time.Millisecond), r.ShowcaseFamilyID, demo.ShowcaseContacts, r.ShowcaseWorker)
	return nil
}
