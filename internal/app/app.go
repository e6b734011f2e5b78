// Package app holds Berceau's use cases. Each exported method authorizes its
// actor, runs in one transaction, applies the domain's rules, writes its audit
// entry in that same transaction and returns domain values or domain errors.
// HTML and JSON handlers call only this layer.
package app

import (
	"context"
	"log/slog"

	"github.com/berceau/berceau/internal/store"
)

// App is the set of use cases over one store.
type App struct {
	store *store.Store
	log   *slog.Logger
}

// New returns the use cases over st.
func New(st *store.Store, log *slog.Logger) *App {
	return &App{store: st, log: log}
}

// Ready reports whether the database answers.
func (a *App) Ready(ctx context.Context) error { return a.store.Ping(ctx) }

// DataGeneration changes whenever this process commits a write; pages cached
// from an older generation are stale.
func (a *App) DataGeneration() uint64 { return a.store.Generation() }
