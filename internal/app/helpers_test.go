package app

import (
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
)

var cheapHasher = auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)

var testBox, _ = auth.NewSecretBox(auth.DeriveKey("app test secret key"))

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
