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
	"strings"
	"time"

	"github.com/berceau/berceau/internal/app"
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
	cfg, fs, err := parseFlags(name, args, getenv, stderr)
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

	box, err := secretBox(cfg)
	if err != nil {
		return err
	}
	accessOut := newFlushingWriter(stderr, 250*time.Millisecond)
	defer accessOut.Close()
	opts := web.Options{
		Version: version, MetricsToken: cfg.MetricsToken, AccessLog: newLogger(cfg, accessOut),
		SessionIdleTimeout: cfg.SessionIdle, SessionLifetime: cfg.SessionLifetime,
		SecureCookies: strings.HasPrefix(cfg.BaseURL, "https://"),
	}
	if withDemo {
		accounts, err := demo.Load(ctx, st, newHasher(cfg), box)
		if err != nil {
			return err
		}
		opts.DemoAccounts, opts.DemoPassword = accounts, demo.Password
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
	appOpts := app.Options{Hasher: newHasher(cfg), SecretBox: box, BaseURL: baseURL, I18n: bundle}
	housekeeping := 5 * time.Minute
	if cfg.SMTPAddr != "" {
		appOpts.Mailer = mail.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom, User: cfg.SMTPUser, Password: cfg.SMTPPassword}
		housekeeping = 30 * time.Second // mail should not wait minutes
	}
	uc := app.New(st, log, appOpts)
	go uc.Housekeeping(ctx, housekeeping)
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
