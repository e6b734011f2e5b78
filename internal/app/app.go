// Package app holds Berceau's use cases. Each exported method authorizes its
// actor, runs in one transaction, applies the domain's rules, writes its audit
// entry in that same transaction and returns domain values or domain errors.
// HTML and JSON handlers call only this layer.
package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
)

// Options configure the use cases.
type Options struct {
	Hasher    *auth.Hasher
	SecretBox *auth.SecretBox // encrypts second-factor secrets at rest
	BaseURL   string          // for links in mail, e.g. https://berceau.example.org
	Issuer    string          // name shown in authenticator apps
	I18n      *i18n.Bundle    // for mail, written in the recipient's language
	Mailer    Mailer          // nil: mail stays in the outbox for administrators to read
}

// App is the set of use cases over one store.
type App struct {
	store *store.Store
	log   *slog.Logger
	opts  Options
	// dummyHash is verified when an email is unknown, so that an unknown
	// address and a wrong password take the same time.
	dummyHash string
	now       func() time.Time
}

// New returns the use cases over st.
func New(st *store.Store, log *slog.Logger, opts Options) *App {
	if opts.Hasher == nil {
		opts.Hasher = auth.NewHasher(auth.OWASPMinimum, 4)
	}
	if opts.Issuer == "" {
		opts.Issuer = "Berceau"
	}
	if opts.I18n == nil {
		opts.I18n, _ = i18n.Load(log)
	}
	a := &App{store: st, log: log, opts: opts, now: func() time.Time { return time.Now().UTC() }}
	a.dummyHash, _ = opts.Hasher.Hash(context.Background(), "no such account: dummy password")
	return a
}

// SetClock replaces the clock of the use cases and of the store that stamps
// their rows, so that tests (and the demo) run on a chosen date.
func (a *App) SetClock(now func() time.Time) {
	a.now = now
	a.store.SetClock(now)
}

// Now is the use cases' clock, in UTC.
func (a *App) Now() time.Time { return a.now() }

// Ready reports whether the database answers.
func (a *App) Ready(ctx context.Context) error { return a.store.Ping(ctx) }

// DataGeneration changes whenever this process commits a write; pages cached
// from an older generation are stale.
func (a *App) DataGeneration() uint64 { return a.store.Generation() }

// Unavailable reports whether err means the database cannot answer now
// (down, restarting, busy): handlers answer 503 with Retry-After, not 500.
func Unavailable(err error) bool { return store.Unavailable(err) }
