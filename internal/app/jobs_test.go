package app

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
)

// countRuns is a job handler that counts its runs in a setting, inside the
// job's transaction.
func countRuns(ctx context.Context, tx *store.Tx, job store.Job) error {
	n := 0
	if v, err := tx.Setting(ctx, "test_runs_"+job.Key); err == nil {
		n, _ = strconv.Atoi(v)
	} else if !berceau.IsNotFound(err) {
		return err
	}
	return tx.SetSetting(ctx, "test_runs_"+job.Key, strconv.Itoa(n+1))
}

func runsOf(t *testing.T, st *store.Store, key string) int {
	t.Helper()
	n := 0
	if err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		v, err := tx.Setting(context.Background(), "test_runs_"+key)
		if berceau.IsNotFound(err) {
			return nil
		}
		n, _ = strconv.Atoi(v)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestJobsRunWhenTheAppClockReachesThem(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		a.Jobs.handle("test.count", countRuns)
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return a.Jobs.schedule(ctx, tx, "test.count", "a", "", now.Add(time.Hour))
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 0 {
			t.Fatalf("before its time: ran %d, %v", n, err)
		}
		now = now.Add(time.Hour)
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 1 {
			t.Fatalf("at its time: ran %d, %v", n, err)
		}
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 0 {
			t.Fatalf("again: ran %d, %v", n, err)
		}
		if got := runsOf(t, st, "a"); got != 1 {
			t.Fatalf("runs = %d, want 1", got)
		}
		// Scheduling the same (kind, key) again re-arms it: a moved event moves its reminder.
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return a.Jobs.schedule(ctx, tx, "test.count", "a", "", now.Add(2*time.Hour))
		}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(2 * time.Hour)
		if n, _ := a.Jobs.RunDue(ctx); n != 1 || runsOf(t, st, "a") != 2 {
			t.Fatalf("re-armed job ran %d (runs %d)", n, runsOf(t, st, "a"))
		}
	})
}

// TestAJobTickWithNothingDueWritesNothing: the runner's tick, every 15
// s, moved the store's generation even with no job due, so every cache
// keyed by it (the indicators' measures, computed in seconds over a large
// network) was emptied every 15 s.
func TestAJobTickWithNothingDueWritesNothing(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		a.Jobs.handle("test.count", countRuns)
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return a.Jobs.schedule(ctx, tx, "test.count", "b", "", now.Add(time.Hour))
		}); err != nil {
			t.Fatal(err)
		}
		gen := st.Generation()
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 0 {
			t.Fatalf("before its time: ran %d, %v", n, err)
		}
		if st.Generation() != gen {
			t.Fatal("a tick with nothing due moved the store's generation")
		}
		now = now.Add(time.Hour)
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 1 || st.Generation() == gen {
			t.Fatalf("at its time: ran %d, %v; generation %d (was %d)", n, err, st.Generation(), gen)
		}
	})
}

func TestFailedJobIsRolledBackAndTriedAgainLater(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		fail := true
		a.Jobs.handle("test.flaky", func(ctx context.Context, tx *store.Tx, job store.Job) error {
			if err := countRuns(ctx, tx, job); err != nil {
				return err
			}
			if fail {
				return errors.New("SMTP down")
			}
			return nil
		})
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			return a.Jobs.schedule(ctx, tx, "test.flaky", "b", "", now)
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 0 {
			t.Fatalf("failing job: ran %d, %v", n, err)
		}
		if got := runsOf(t, st, "b"); got != 0 {
			t.Fatalf("the failed attempt's write was kept: runs = %d", got)
		}
		var job store.Job
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { job, _, err = tx.PendingJob(ctx, "test.flaky", "b"); return err })
		if job.Attempts != 1 || !job.RunAt.Equal(now.Add(time.Minute)) {
			t.Fatalf("after a failure: attempts %d, run at %v", job.Attempts, job.RunAt)
		}
		fail = false
		now = now.Add(time.Minute)
		if n, err := a.Jobs.RunDue(ctx); err != nil || n != 1 || runsOf(t, st, "b") != 1 {
			t.Fatalf("retry: ran %d, %v, runs %d", n, err, runsOf(t, st, "b"))
		}
	})
}

// TestJobKilledMidWorkRunsOnceAfterRestart starts a second process that
// claims a job, writes part of its work and is killed (SIGKILL) before it
// commits; this process, "restarted" on the same database, runs the job
// once, and none of the killed run's writes remain.
func TestJobKilledMidWorkRunsOnceAfterRestart(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := testdb.NewDatabase(t, engine)
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			start := time.Now().UTC()
			if err := st.WriteTx(ctx, func(tx *store.Tx) error {
				return tx.ScheduleJob(ctx, "test.crash", "c", "", start.Add(-time.Minute))
			}); err != nil {
				t.Fatal(err)
			}
			st.Close()

			child := exec.Command(os.Args[0], "-test.run=^TestJobCrashChild$")
			child.Env = append(os.Environ(), "BERCEAU_JOB_CRASH_DB="+db)
			out, err := child.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			working := false
			for lines.Scan() {
				if lines.Text() == "working" {
					working = true
					break
				}
			}
			if !working {
				_ = child.Process.Kill()
				_ = child.Wait()
				t.Fatal("the child process never started the job")
			}
			if err := child.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			_ = child.Wait()

			st, err = store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher, SecretBox: testBox})
			defer a.Close()
			a.Jobs.handle("test.crash", countRuns)
			ran := 0
			// PostgreSQL ends the killed session's transaction (and its row
			// lock) once it sees the connection gone: allow it a moment.
			for deadline := time.Now().Add(10 * time.Second); ran == 0 && time.Now().Before(deadline); {
				if ran, err = a.Jobs.RunDue(ctx); err != nil {
					t.Fatal(err)
				}
				if ran == 0 {
					time.Sleep(50 * time.Millisecond)
				}
			}
			if ran != 1 {
				t.Fatalf("after the restart the job ran %d times, want 1", ran)
			}
			if n, _ := a.Jobs.RunDue(ctx); n != 0 {
				t.Fatalf("the job ran again: %d", n)
			}
			if got := runsOf(t, st, "c"); got != 1 {
				t.Fatalf("runs = %d, want 1 (the killed run's write must be gone)", got)
			}
			_ = st.ReadTx(ctx, func(tx *store.Tx) error {
				if _, err := tx.Setting(ctx, "test_killed_half_way"); !berceau.IsNotFound(err) {
					t.Errorf("the killed run's partial write survived: %v", err)
				}
				return nil
			})
		})
	}
}

// TestJobCrashChild is the process TestJobKilledMidWorkRunsOnceAfterRestart
// kills; on its own it does nothing.
func TestJobCrashChild(t *testing.T) {
	db := os.Getenv("BERCEAU_JOB_CRASH_DB")
	if db == "" {
		t.Skip("run by TestJobKilledMidWorkRunsOnceAfterRestart")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher, SecretBox: testBox})
	a.Jobs.handle("test.crash", func(ctx context.Context, tx *store.Tx, job store.Job) error {
		if err := tx.SetSetting(ctx, "test_killed_half_way", "yes"); err != nil {
			return err
		}
		os.Stdout.WriteString("working\n")
		select {} // killed here, the transaction open
	})
	_, _ = a.Jobs.RunDue(ctx)
}
