package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

var cheapHasher = auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)

var testBox, _ = auth.NewSecretBox(auth.DeriveKey("app test secret key"))

// demoDatabase is the present-day demo network, loaded once per process,
// engine and day and copied for each test (see testutil.Filled). A test that
// moves the clock first (onEachCalendarEdge) loads the demo itself.
var demoDatabase = &testutil.Filled{Fill: func(ctx context.Context, st *store.Store) error {
	_, err := demo.LoadPresent(ctx, st, cheapHasher, testBox)
	return err
}}

func TestMain(m *testing.M) {
	code := m.Run()
	demoDatabase.Remove()
	os.Exit(code)
}

func newTestApp(t testing.TB, st *store.Store) *App {
	t.Helper()
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Hasher: cheapHasher, SecretBox: testBox, BaseURL: "https://berceau.example.org"})
	t.Cleanup(a.Close) // before the store closes (cleanups run last first)
	return a
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func itoaApp(n int64) string { return strconv.FormatInt(n, 10) }
