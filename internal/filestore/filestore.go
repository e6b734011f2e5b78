// Package filestore keeps uploaded files in a folder beside the database,
// each named by the SHA-256 of its content: the same file uploaded twice is
// stored once, a name can never be chosen by whoever uploads, and a copy
// (backup) is checked by hashing it again.
package filestore

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Dir is a folder of content-addressed files: <dir>/<first two hex
// digits>/<the 64 hex digits of the SHA-256>.
type Dir struct {
	path string
}

// ErrNotFound is returned for a hash that names no stored file.
var ErrNotFound = errors.New("filestore: no such file")

// Open returns the folder at path, creating it when missing.
func Open(path string) (*Dir, error) {
	if strings.TrimSpace(path) == "" {
		return nil, errors.New("filestore: empty folder path")
	}
	if err := os.MkdirAll(path, 0o750); err != nil {
		return nil, fmt.Errorf("filestore: create %s: %w", path, err)
	}
	return &Dir{path: path}, nil
}

// Path is the folder's path.
func (d *Dir) Path() string { return d.path }

// Hash is the content address of content: lowercase hex SHA-256.
func Hash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// ValidHash reports whether h is a content address (64 lowercase hex
// digits): nothing else ever reaches the file system.
func ValidHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for _, c := range h {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func (d *Dir) name(hash string) string { return filepath.Join(d.path, hash[:2], hash) }

// Put stores content and returns its hash. A file already there is kept:
// its name is its content. The file is written beside its final name and
// renamed into place once synced, so a reader never sees half of it.
func (d *Dir) Put(content []byte) (string, error) {
	hash := Hash(content)
	final := d.name(hash)
	if _, err := os.Stat(final); err == nil {
		return hash, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return "", fmt.Errorf("filestore: create folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".upload-*")
	if err != nil {
		return "", fmt.Errorf("filestore: create file: %w", err)
	}
	defer os.Remove(tmp.Name()) // once renamed, there is nothing left to remove
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return "", fmt.Errorf("filestore: write file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("filestore: sync file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("filestore: close file: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o640); err != nil {
		return "", fmt.Errorf("filestore: file mode: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", fmt.Errorf("filestore: put file in place: %w", err)
	}
	return hash, nil
}

// Open opens the file of hash for reading.
func (d *Dir) Open(hash string) (*os.File, error) {
	if !ValidHash(hash) {
		return nil, ErrNotFound
	}
	f, err := os.Open(d.name(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("filestore: open file: %w", err)
	}
	return f, nil
}

// Remove deletes the file of hash; a missing file is not an error.
func (d *Dir) Remove(hash string) error {
	if !ValidHash(hash) {
		return nil
	}
	if err := os.Remove(d.name(hash)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("filestore: remove file: %w", err)
	}
	return nil
}

// CopyTo copies every file of d into the folder dest (created when
// missing), checking each copy against its name; files dest already holds
// with the right content are left as they are. It returns how many files
// dest holds from d.
func (d *Dir) CopyTo(dest string) (int, error) {
	out, err := Open(dest)
	if err != nil {
		return 0, err
	}
	n := 0
	err = filepath.WalkDir(d.path, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !ValidHash(e.Name()) {
			return nil
		}
		if sameHash(out.name(e.Name()), e.Name()) {
			n++
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if Hash(content) != e.Name() {
			return fmt.Errorf("%s does not hold the content its name says: the file is damaged", path)
		}
		if _, err := out.Put(content); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("filestore: copy files to %s: %w", dest, err)
	}
	return n, nil
}

// sameHash reports whether the file at path exists with the content hash
// names.
func sameHash(path, hash string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == hash
}
