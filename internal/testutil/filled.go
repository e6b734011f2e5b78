package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// A Filled is a database a test process fills once per engine and day (the
// demo network, for the tests of pages and use cases) and copies for every
// test that opens it, as OpenStore copies the migrated template. Loading the
// present-day demo costs each test's store 0.08 s on SQLite and 0.6–0.9 s on
// PostgreSQL, about 1 s on either under the race detector; a copy costs what
// OpenStore's does. The day is part of the key because the demo's dates are
// counted from the day it is loaded.
//
// Fill runs on the store's own clock, the wall clock: a test that moves the
// clock before loading its data (the follow-up tests on calendar edges) loads
// it itself. Call Remove from TestMain once the tests have run.
type Filled struct {
	Fill func(ctx context.Context, st *store.Store) error

	mu   sync.Mutex
	made map[string]*filledCopy // engine + " " + civil day → its template
}

type filledCopy struct {
	once sync.Once
	name string // SQLite: a file path; PostgreSQL: a database name
	dir  string // SQLite: the folder holding it
	err  error
}

// Open opens a fresh store on engine holding what Fill wrote, closed when t
// ends.
func (f *Filled) Open(t testing.TB, engine string) *store.Store {
	t.Helper()
	key := engine + " " + time.Now().UTC().Format(time.DateOnly)
	f.mu.Lock()
	if f.made == nil {
		f.made = map[string]*filledCopy{}
	}
	c := f.made[key]
	if c == nil {
		c = &filledCopy{}
		f.made[key] = c
	}
	f.mu.Unlock()
	c.once.Do(func() { c.name, c.dir, c.err = f.build(engine) })
	if c.err != nil {
		t.Fatalf("fill a %s template: %v", engine, c.err)
	}
	var db string
	var err error
	if engine == "sqlite" {
		db = testdb.NewDatabase(t, engine)
		err = copyFile(c.name, db)
	} else {
		db, err = testdb.NewPostgresDatabaseFrom(t, c.name)
	}
	if err != nil {
		t.Fatalf("copy the filled %s template: %v", engine, err)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("open %s store: %v", engine, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ForEachEngine is testutil.ForEachEngine on copies of f.
func (f *Filled) ForEachEngine(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, f.Open(t, engine))
		})
	}
}

// build copies the migrated template, fills the copy and closes it.
func (f *Filled) build(engine string) (name, dir string, err error) {
	ctx := context.Background()
	v, _ := templates.LoadOrStore(engine, &template{})
	tpl := v.(*template)
	tpl.once.Do(func() { tpl.name, tpl.err = buildTemplate(engine) })
	if tpl.err != nil {
		return "", "", tpl.err
	}
	fill := func(db string) error {
		s, err := store.Open(ctx, db)
		if err != nil {
			return err
		}
		defer s.Close()
		return f.Fill(ctx, s)
	}
	if engine == "sqlite" {
		if dir, err = os.MkdirTemp("", "berceau-filled-"); err != nil {
			return "", "", err
		}
		work := filepath.Join(dir, "work.db")
		if err := copyFile(tpl.name, work); err != nil {
			return "", dir, err
		}
		if err := fill(work); err != nil {
			return "", dir, err
		}
		packed := filepath.Join(dir, "filled.db")
		return packed, dir, pack(ctx, work, packed)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name = "berceau_filled_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", os.Getenv("BERCEAU_TEST_POSTGRES"))
	if err != nil {
		return "", "", err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tpl.name); err != nil {
		return "", "", fmt.Errorf("copy the migrated template: %w", err)
	}
	dsn, err := postgresDSN(name)
	if err != nil {
		return name, "", err
	}
	return name, "", fill(dsn)
}

// Remove deletes the templates this process filled.
func (f *Filled) Remove() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for key, c := range f.made {
		switch {
		case c.dir != "":
			os.RemoveAll(c.dir)
		case c.name != "":
			if admin, err := sql.Open("pgx", os.Getenv("BERCEAU_TEST_POSTGRES")); err == nil {
				_, _ = admin.Exec("DROP DATABASE IF EXISTS " + c.name + " WITH (FORCE)")
				admin.Close()
			}
		}
		delete(f.made, key)
	}
}
