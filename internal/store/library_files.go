package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/berceau/berceau/internal/filestore"
)

// The files of the resource library live in a folder beside the database
// (filestore: named by their content's SHA-256). The folder is part of the
// store's data: the server names it (--files), else it is <database
// folder>/files for SQLite. A PostgreSQL store that was given none (tests,
// one-off commands) uses a private temporary folder, removed on Close.
type filesFolder struct {
	mu        sync.Mutex
	dir       *filestore.Dir
	path      string // set by SetFilesDir; empty: the default
	temporary string // the temporary folder to remove on Close
}

// DefaultFilesDir is the files folder of a database: <database folder>/files
// for a SQLite file; for PostgreSQL ./data/files.
func DefaultFilesDir(db string) string {
	if IsPostgres(db) || db == "" {
		return filepath.Join("data", "files")
	}
	return filepath.Join(filepath.Dir(db), "files")
}

// SetFilesDir names the files folder, before any file is stored or read.
func (s *Store) SetFilesDir(path string) {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	s.files.path, s.files.dir = path, nil
}

// Files is the files folder, opened (and created) on first use.
func (s *Store) Files() (*filestore.Dir, error) {
	f := &s.files
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dir != nil {
		return f.dir, nil
	}
	path := f.path
	switch {
	case path == "" && s.path != "":
		path = DefaultFilesDir(s.path)
	case path == "":
		tmp, err := os.MkdirTemp("", "berceau-files-")
		if err != nil {
			return nil, fmt.Errorf("store: files folder: %w", err)
		}
		path, f.temporary = tmp, tmp
	}
	dir, err := filestore.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store: files folder: %w", err)
	}
	f.dir = dir
	return dir, nil
}

// closeFiles removes a temporary files folder.
func (s *Store) closeFiles() error {
	s.files.mu.Lock()
	defer s.files.mu.Unlock()
	if s.files.temporary == "" {
		return nil
	}
	err := os.RemoveAll(s.files.temporary)
	s.files.temporary, s.files.dir = "", nil
	return err
}
