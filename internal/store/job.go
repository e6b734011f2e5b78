package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Job is one scheduled piece of background work: what to do (Kind), on what
// (Key, unique per kind) and when (RunAt).
type Job struct {
	ID       int64
	Kind     string
	Key      string
	Payload  string
	RunAt    time.Time
	Attempts int
}

// ScheduleJob makes the job (kind, key) due at runAt: a new row, or the
// existing one moved to runAt and made pending again (a changed event moves
// its reminder; a recurring job schedules its next run).
func (tx *Tx) ScheduleJob(ctx context.Context, kind, key, payload string, runAt time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO jobs (kind, job_key, payload, run_at, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (kind, job_key) DO UPDATE SET payload = excluded.payload, run_at = excluded.run_at,
			done_at = NULL, attempts = 0, last_error = ''`,
		kind, key, payload, runAt.UTC(), tx.now)
	return wrapErr("schedule job", err)
}

// ScheduleJobOnce adds the job (kind, key) unless it exists, done or not:
// what several instances starting together call for a recurring job.
func (tx *Tx) ScheduleJobOnce(ctx context.Context, kind, key string, runAt time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO jobs (kind, job_key, run_at, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (kind, job_key) DO NOTHING`, kind, key, runAt.UTC(), tx.now)
	return wrapErr("schedule job once", err)
}

// CancelJob removes the pending job (kind, key), if any.
func (tx *Tx) CancelJob(ctx context.Context, kind, key string) error {
	_, err := tx.exec(ctx, `DELETE FROM jobs WHERE kind = $1 AND job_key = $2 AND done_at IS NULL`, kind, key)
	return wrapErr("cancel job", err)
}

// ClaimDueJob returns the oldest pending job due at now, locked for this
// transaction: another instance's claim passes it over (PostgreSQL) or waits
// for the single writer (SQLite). ok is false when nothing is due.
func (tx *Tx) ClaimDueJob(ctx context.Context, now time.Time) (job Job, ok bool, err error) {
	err = tx.queryRow(ctx, `SELECT id, kind, job_key, payload, run_at, attempts FROM jobs
		WHERE done_at IS NULL AND run_at <= $1 ORDER BY run_at, id LIMIT 1`+tx.dialect.skipLocked, now.UTC()).
		Scan(&job.ID, &job.Kind, &job.Key, &job.Payload, &job.RunAt, &job.Attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, false, nil
	}
	if err != nil {
		return Job{}, false, wrapErr("claim a due job", err)
	}
	return job, true, nil
}

// JobDue reports whether a pending job is due at now: a read, so that the
// runner's tick writes nothing (and leaves the store's generation, hence
// every cache keyed by it, alone) when nothing is due.
func (tx *Tx) JobDue(ctx context.Context, now time.Time) (bool, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE done_at IS NULL AND run_at <= $1 LIMIT 1) d`, now.UTC()).Scan(&n)
	return n > 0, wrapErr("job due", err)
}

// FinishJob marks a claimed job done, unless its work scheduled it again
// (its run time moved): then the new run stays pending.
func (tx *Tx) FinishJob(ctx context.Context, job Job) error {
	_, err := tx.exec(ctx, `UPDATE jobs SET done_at = $1 WHERE id = $2 AND run_at = $3 AND done_at IS NULL`,
		tx.now, job.ID, job.RunAt.UTC())
	return wrapErr("finish job", err)
}

// RetryJob records a failed attempt and makes the job due again at next.
func (tx *Tx) RetryJob(ctx context.Context, id int64, next time.Time, cause string) error {
	_, err := tx.exec(ctx, `UPDATE jobs SET attempts = attempts + 1, last_error = $1, run_at = $2
		WHERE id = $3 AND done_at IS NULL`, cause, next.UTC(), id)
	return wrapErr("retry job", err)
}

// DeleteJobsDoneBefore removes finished jobs older than before.
func (tx *Tx) DeleteJobsDoneBefore(ctx context.Context, before time.Time) error {
	_, err := tx.exec(ctx, `DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < $1`, before.UTC())
	return wrapErr("delete finished jobs", err)
}

// PendingJob reads the pending job (kind, key); ok is false when there is none.
func (tx *Tx) PendingJob(ctx context.Context, kind, key string) (job Job, ok bool, err error) {
	err = tx.queryRow(ctx, `SELECT id, kind, job_key, payload, run_at, attempts FROM jobs
		WHERE kind = $1 AND job_key = $2 AND done_at IS NULL`, kind, key).
		Scan(&job.ID, &job.Kind, &job.Key, &job.Payload, &job.RunAt, &job.Attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, false, nil
	}
	if err != nil {
		return Job{}, false, wrapErr("read a pending job", err)
	}
	return job, true, nil
}
