package store

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds one source per migration for both engines
// (migrate_source.go renders it for the engine at hand).
//
//go:embed migrations
var migrations embed.FS

// migrationSources is the folder of migration sources.
func migrationSources() (fs.FS, error) { return fs.Sub(migrations, "migrations") }

// renderedFor is the migrations folder rendered for engine.
func renderedFor(engine string) (fs.FS, error) {
	src, err := migrationSources()
	if err != nil {
		return nil, err
	}
	return renderedMigrations(src, engine)
}

// Migration is one applied migration, for the migrate command's report.
type Migration struct {
	Version int64
	Name    string
}

func (s *Store) migrationProvider() (*goose.Provider, error) {
	fsys, err := renderedFor(s.dialect.name)
	if err != nil {
		return nil, err
	}
	// Areas developed side by side reserve migration numbers (the follow-up
	// 00012–00019, the directory 00020 on), so a database may have applied
	// a higher number before a lower one landed: apply the missing ones.
	opts := []goose.ProviderOption{goose.WithAllowOutofOrder(true), goose.WithGoMigrations(partnerMigration())}
	if s.dialect == postgresDialect {
		// Several instances may start at once in front of one PostgreSQL.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(s.dialect.goose, s.writer, fsys, opts...)
}

// Migrate applies every pending migration and returns those it applied.
func (s *Store) Migrate(ctx context.Context) ([]Migration, error) {
	p, err := s.migrationProvider()
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	applied := make([]Migration, 0, len(results))
	for _, r := range results {
		applied = append(applied, Migration{Version: r.Source.Version, Name: r.Source.Path})
	}
	return applied, nil
}

// SchemaVersion is the version of the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := s.migrationProvider()
	if err != nil {
		return 0, fmt.Errorf("store: migrations: %w", err)
	}
	return p.GetDBVersion(ctx)
}

// MigrationsDigest names the embedded migrations of engine, as rendered for
// it, by their content, so that a migrated database kept as a template
// (tests clone one instead of migrating each new database) is never reused
// across a changed set.
func MigrationsDigest(engine string) (string, error) {
	h := sha256.New()
	fsys, err := renderedFor(engine)
	if err == nil {
		err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s/%s %d\n", engine, path, len(b))
			h.Write(b)
			return nil
		})
	}
	if err != nil {
		return "", fmt.Errorf("store: migrations of %s: %w", engine, err)
	}
	// Migrations written in Go count too (their version: their code is not
	// embedded as text).
	fmt.Fprintf(h, "go %d\n", partnerMigration().Version)
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
