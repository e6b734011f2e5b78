// Package testutil opens real, migrated stores on both engines and drives
// the real program in tests.
package testutil

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// ForEachEngine runs fn as a subtest on a fresh, migrated store of each
// engine. The engines' subtests run in parallel (each has its own database),
// so fn must not change package-level state nor call t.Setenv, and the
// caller must not rely on the subtests having run when ForEachEngine returns.
func ForEachEngine(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, OpenStore(t, engine))
		})
	}
}

// OpenStore opens a fresh, migrated store on engine, closed when t ends. The
// database is a copy of a template migrated once per set of migrations (a
// file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL): migrating
// every test's database cost most of a short test's time. Migrate still
// runs, and finds nothing to apply.
func OpenStore(t testing.TB, engine string) *store.Store {
	t.Helper()
	ctx := context.Background()
	db, err := clonedDatabase(t, engine)
	if err != nil {
		t.Fatalf("clone a migrated %s database: %v", engine, err)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("open %s store: %v", engine, err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s store: %v", engine, err)
	}
	return s
}

// templates holds, per engine, the migrated template this process clones.
var templates sync.Map // engine → *template

type template struct {
	once sync.Once
	name string // SQLite: a file path; PostgreSQL: a database name
	err  error
}

func clonedDatabase(t testing.TB, engine string) (string, error) {
	v, _ := templates.LoadOrStore(engine, &template{})
	tpl := v.(*template)
	tpl.once.Do(func() { tpl.name, tpl.err = buildTemplate(engine) })
	if tpl.err != nil {
		return "", tpl.err
	}
	if engine == "sqlite" {
		dst := testdb.NewDatabase(t, engine)
		return dst, copyFile(tpl.name, dst)
	}
	return testdb.NewPostgresDatabaseFrom(t, tpl.name)
}

// buildTemplate migrates a template database named by the migrations'
// digest, or finds the one another test process already made. It is made
// under another name and renamed when complete, so a half-made template is
// never cloned.
func buildTemplate(engine string) (string, error) {
	digest, err := store.MigrationsDigest(engine)
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	migrate := func(db string) error {
		s, err := store.Open(ctx, db)
		if err != nil {
			return err
		}
		defer s.Close()
		_, err = s.Migrate(ctx)
		return err
	}
	if engine == "sqlite" {
		final := filepath.Join(os.TempDir(), "berceau-test-template-"+digest+".db")
		if _, err := os.Stat(final); err == nil {
			return final, nil
		}
		dir, err := os.MkdirTemp("", "berceau-template-")
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(dir)
		work := filepath.Join(dir, "work.db")
		if err := migrate(work); err != nil {
			return "", err
		}
		packed := filepath.Join(dir, "packed.db")
		if err := pack(ctx, work, packed); err != nil {
			return "", err
		}
		return final, os.Rename(packed, final)
	}
	name := "berceau_template_" + digest
	admin, err := sql.Open("pgx", os.Getenv("BERCEAU_TEST_POSTGRES"))
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	// Test processes of several packages start at once: one builds.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(727274)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(727274)")
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		return name, err
	}
	work := name + "_making"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+work+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+work); err != nil {
		return "", err
	}
	dsn, err := postgresDSN(work)
	if err != nil {
		return "", err
	}
	if err := migrate(dsn); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+work+" RENAME TO "+name); err != nil {
		return "", fmt.Errorf("rename the template: %w", err)
	}
	return name, nil
}

// pack writes a SQLite database into one self-contained file (no WAL beside
// it) to copy from.
func pack(ctx context.Context, db, packed string) error {
	s, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Backup(ctx, packed)
}

func postgresDSN(name string) (string, error) {
	u, err := url.Parse(os.Getenv("BERCEAU_TEST_POSTGRES"))
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
