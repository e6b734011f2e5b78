package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// Jobs runs background work that must happen at a given time whatever the
// traffic: an offer that expires, the reminders of the day before, the
// erasure of guests' data. A job is a row (kind, key, run time) in the
// database, so it survives restarts; it is claimed, done and marked done in
// ONE write transaction, so a process killed half-way leaves nothing of it
// and the job runs again, once, after the restart; on PostgreSQL a claimed
// row is locked (SKIP LOCKED), so two instances never run the same job.
// Time is the App's clock, so tests drive it. Why not River:
// docs/ARCHITECTURE.md, "Background jobs".
type Jobs struct {
	app      *App
	mu       sync.Mutex // guards handlers
	handlers map[string]jobHandler
	periodic map[string]time.Duration // kinds that run every so often
	wake     chan struct{}
}

// jobHandler does the work of one job inside the transaction that claimed
// it; an error rolls the work back and the job is tried again later.
type jobHandler func(ctx context.Context, tx *store.Tx, job store.Job) error

func newJobs(a *App) *Jobs {
	return &Jobs{app: a, handlers: map[string]jobHandler{}, periodic: map[string]time.Duration{},
		wake: make(chan struct{}, 1)}
}

// handle names the work of a kind of job. Services call it from app.New.
func (j *Jobs) handle(kind string, h jobHandler) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.handlers[kind] = h
}

// every names the work of a periodic job: one row (key "periodic") that,
// once done, schedules its next run interval later. Start adds the row if
// no instance has yet.
func (j *Jobs) every(kind string, interval time.Duration, h jobHandler) {
	j.handle(kind, func(ctx context.Context, tx *store.Tx, job store.Job) error {
		if err := h(ctx, tx, job); err != nil {
			return err
		}
		return tx.ScheduleJob(ctx, kind, job.Key, job.Payload, j.app.now().Add(interval))
	})
	j.mu.Lock()
	defer j.mu.Unlock()
	j.periodic[kind] = interval
}

// seedPeriodic adds the row of every periodic job that has none yet.
func (j *Jobs) seedPeriodic(ctx context.Context) error {
	j.mu.Lock()
	kinds := make([]string, 0, len(j.periodic))
	for kind := range j.periodic {
		kinds = append(kinds, kind)
	}
	j.mu.Unlock()
	if len(kinds) == 0 {
		return nil
	}
	return j.app.store.WriteTx(ctx, func(tx *store.Tx) error {
		for _, kind := range kinds {
			if err := tx.ScheduleJobOnce(ctx, kind, "periodic", j.app.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

func (j *Jobs) handler(kind string) jobHandler {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.handlers[kind]
}

// schedule makes the job (kind, key) due at runAt, in the caller's
// transaction: the job exists if and only if the change that needs it
// commits. A job due now wakes the runner.
func (j *Jobs) schedule(ctx context.Context, tx *store.Tx, kind, key, payload string, runAt time.Time) error {
	if err := tx.ScheduleJob(ctx, kind, key, payload, runAt); err != nil {
		return err
	}
	if !runAt.After(j.app.now()) {
		select {
		case j.wake <- struct{}{}:
		default:
		}
	}
	return nil
}

// jobBatch bounds how many jobs one pass runs, so that a backlog does not
// hold the runner (and, on SQLite, the writer) for long.
const jobBatch = 200

// maxJobBackoff bounds the wait before a failed job is tried again.
const maxJobBackoff = time.Hour

// RunDue runs the jobs due by the App's clock, oldest first, and returns
// how many succeeded. Tests call it after moving the clock.
func (j *Jobs) RunDue(ctx context.Context) (int, error) {
	done := 0
	for range jobBatch {
		ran, ok, err := j.runOne(ctx)
		if err != nil {
			return done, err
		}
		if !ran {
			return done, nil
		}
		if ok {
			done++
		}
	}
	return done, nil
}

// runOne claims the oldest due job and runs it. ran is false when nothing
// was due; ok is false when the job failed (and was put back for later).
func (j *Jobs) runOne(ctx context.Context) (ran, ok bool, err error) {
	var claimed store.Job
	var workErr error
	// Nothing due: no write transaction, which would move the store's
	// generation every tick and empty the caches keyed by it (the
	// indicators' measures were computed again every 15 s).
	var due bool
	if err := j.app.store.ReadTx(ctx, func(tx *store.Tx) error {
		due, err = tx.JobDue(ctx, j.app.now())
		return err
	}); err != nil || !due {
		return false, false, err
	}
	err = j.app.store.WriteTx(ctx, func(tx *store.Tx) error {
		job, found, err := tx.ClaimDueJob(ctx, j.app.now())
		if err != nil || !found {
			return err
		}
		ran, claimed = true, job
		h := j.handler(job.Kind)
		if h == nil {
			workErr = fmt.Errorf("no handler for job kind %q", job.Kind)
			return workErr
		}
		if workErr = h(ctx, tx, job); workErr != nil {
			return workErr
		}
		return tx.FinishJob(ctx, job)
	})
	if err == nil {
		return ran, ran, nil
	}
	if workErr == nil || !errors.Is(err, workErr) || ctx.Err() != nil {
		return ran, false, err
	}
	// The work failed and was rolled back: note it and try later.
	backoff := min(time.Minute<<min(claimed.Attempts, 10), maxJobBackoff)
	j.app.log.Warn("job failed; will retry", "kind", claimed.Kind, "key", claimed.Key, "attempt", claimed.Attempts+1, "err", workErr)
	retryErr := j.app.store.WriteUnseenTx(ctx, func(tx *store.Tx) error {
		return tx.RetryJob(ctx, claimed.ID, j.app.now().Add(backoff), truncateJobError(workErr.Error(), 500))
	})
	return true, false, retryErr
}

func truncateJobError(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// Start runs due jobs in the background every interval (and as soon as a
// job due now is scheduled) until Close.
func (j *Jobs) Start(interval time.Duration) {
	j.app.goBackground(func(ctx context.Context) {
		if err := j.seedPeriodic(ctx); err != nil && ctx.Err() == nil {
			j.app.log.Warn("background jobs: periodic jobs not scheduled", "err", err)
		}
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			if _, err := j.RunDue(ctx); err != nil && ctx.Err() == nil {
				j.app.log.Warn("background jobs", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			case <-j.wake:
			}
		}
	})
}
