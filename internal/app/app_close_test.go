package app

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
)

// goroutinesRunning reports whether a goroutine of this process is inside fn
// (a function name as a stack trace prints it).
func goroutinesRunning(fn string) bool {
	buf := make([]byte, 1<<20)
	return strings.Contains(string(buf[:runtime.Stack(buf, true)]), fn)
}

// TestCloseEndsTheBackgroundWork: Close cancels the App's background work
// (an index build, housekeeping that would otherwise tick for an hour) and
// returns once it ended; work asked afterwards does not start.
func TestCloseEndsTheBackgroundWork(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newTestApp(t, st)
		importExtraService(t, a, "Zanzibarque")
		a.StartHousekeeping(time.Hour)
		a.Directory.BuildDirectoryIndex()
		if a.running.Load() == 0 {
			t.Fatal("no background work started")
		}
		closed := make(chan struct{})
		go func() { a.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
			t.Fatal("Close did not return: the background work ignores its context")
		}
		if n := a.running.Load(); n != 0 {
			t.Fatalf("%d background goroutines still running after Close", n)
		}
		// Only this test starts housekeeping in this package.
		if goroutinesRunning("(*App).Housekeeping") {
			t.Error("a housekeeping goroutine outlived Close")
		}

		// After Close: nothing starts, and a wait says why.
		a.Directory.BuildDirectoryIndex()
		a.StartHousekeeping(time.Hour)
		if n := a.running.Load(); n != 0 {
			t.Fatalf("%d background goroutines started after Close", n)
		}
		if err := a.Directory.WaitDirectoryIndex(ctx); !errors.Is(err, ErrClosed) {
			t.Fatalf("WaitDirectoryIndex after Close: %v, want ErrClosed", err)
		}
		a.Close() // twice is harmless
	})
}

// TestTwoAppsKeepTheirOwnCaches: the search index and the stale period are
// the App's, so two Apps over two stores each see their own directory and
// setting; and closing one App leaves another over the same store working.
func TestTwoAppsKeepTheirOwnCaches(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			stA, stB := testutil.OpenStore(t, engine), testutil.OpenStore(t, engine)
			a, b := newTestApp(t, stA), newTestApp(t, stB)
			importExtraService(t, a, "Zanzibarque")
			importExtraService(t, b, "Xylophonique")
			if err := stB.WriteTx(ctx, func(tx *store.Tx) error {
				return tx.SetSetting(ctx, directory.SettingDirectoryStaleMonths, "7")
			}); err != nil {
				t.Fatal(err)
			}
			ixA, err := a.Directory.DirectoryIndex(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ixB, err := b.Directory.DirectoryIndex(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if searchTotal(ixA, "zanzibarque") != 1 || searchTotal(ixA, "xylophonique") != 0 {
				t.Error("the first App's index holds the other store's directory")
			}
			if searchTotal(ixB, "xylophonique") != 1 || searchTotal(ixB, "zanzibarque") != 0 {
				t.Error("the second App's index holds the other store's directory")
			}
			if got := a.Directory.DirectoryStaleMonths(ctx); got != directory.DefaultStaleMonths {
				t.Errorf("first store's stale period: %d months, want the default", got)
			}
			if got := b.Directory.DirectoryStaleMonths(ctx); got != 7 {
				t.Errorf("second store's stale period: %d months, want 7", got)
			}

			// A second App over the first store builds its own index,
			// and still serves it after the first App closed.
			a2 := newTestApp(t, stA)
			a.Close()
			ix2, err := a2.Directory.DirectoryIndex(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ix2 == ixA || searchTotal(ix2, "zanzibarque") != 1 {
				t.Error("a second App over the same store shares or lost the index")
			}
		})
	}
}
