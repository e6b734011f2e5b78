package app

import (
	"context"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// StartHousekeeping runs Housekeeping in the background until Close.
func (a *App) StartHousekeeping(interval time.Duration) {
	a.goBackground(func(ctx context.Context) { a.Housekeeping(ctx, interval) })
}

// Housekeeping removes expired sessions, pending sign-ins and old sign-in and
// second-factor failures, and sends
// pending mail, every interval until ctx ends.
func (a *App) Housekeeping(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		a.sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (a *App) sweep(ctx context.Context) {
	err := a.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteExpiredSessions(ctx); err != nil {
			return err
		}
		if err := tx.DeletePendingSignInsBefore(ctx, a.now().Add(-pendingSignInTTL)); err != nil {
			return err
		}
		if err := tx.DeleteSecondFactorFailuresBefore(ctx, a.now().Add(-throttleWindow)); err != nil {
			return err
		}
		return tx.DeleteSignInFailuresBefore(ctx, a.now().Add(-throttleWindow))
	})
	if err != nil && ctx.Err() == nil {
		a.log.Warn("housekeeping", "err", err)
	}
	if _, err := a.SendPendingMail(ctx); err != nil && ctx.Err() == nil {
		a.log.Warn("sending mail", "err", err)
	}
}
