package hsds

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf8"
)

// Limits of what an import reads, enforced while reading: a zip's headers
// (sizes) are not trusted, the bytes that come out of it are counted.
const (
	// DefaultMaxInputBytes bounds the total uncompressed size of an input
	// (every file of a package together). 100 000 services with their
	// locations and organisations take about 120 MB as CSV.
	DefaultMaxInputBytes = 512 << 20
	// MaxCompressionRatio bounds how many times a zip member may expand its
	// compressed size. Directory CSV compresses about 5-15 times; a zip
	// bomb, hundreds or a thousand times.
	MaxCompressionRatio = 100
	// ratioSlack lets a small member expand freely (a 200-byte header row
	// compressed to 60 bytes is no bomb).
	ratioSlack = 1 << 20
)

// TooLargeError refuses an input that expands beyond the limits.
type TooLargeError struct {
	File   string
	Reason string
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("hsds: %s: %s: refused, nothing imported", e.File, e.Reason)
}

// inputBudget counts the bytes read from every file of one input.
type inputBudget struct {
	read, max int64
}

func newBudget(max int64) *inputBudget {
	if max <= 0 {
		max = DefaultMaxInputBytes
	}
	return &inputBudget{max: max}
}

// countedReader stops reading a file as soon as it passes its own limit
// (compressed size × ratio, for a zip member) or the input's total.
type countedReader struct {
	r        io.Reader
	name     string
	read     int64
	maxRatio int64 // 0: no ratio limit (a plain file does not expand)
	budget   *inputBudget
}

func (c *countedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += int64(n)
	c.budget.read += int64(n)
	if c.maxRatio > 0 && c.read > c.maxRatio {
		return n, &TooLargeError{File: c.name, Reason: fmt.Sprintf("expands more than %d times its compressed size", MaxCompressionRatio)}
	}
	if c.budget.read > c.budget.max {
		return n, &TooLargeError{File: c.name, Reason: fmt.Sprintf("the input holds more than %d MiB uncompressed", c.budget.max>>20)}
	}
	return n, err
}

// boundedFS opens the files of a package through countedReaders.
type boundedFS struct {
	fs.FS
	budget     *inputBudget
	compressed map[string]int64 // zip member name (relative to fsys) → compressed size
}

type boundedFile struct {
	fs.File
	r *countedReader
}

func (f *boundedFile) Read(p []byte) (int, error) { return f.r.Read(p) }

func (b *boundedFS) Open(name string) (fs.File, error) {
	f, err := b.FS.Open(name)
	if err != nil {
		return nil, err
	}
	cr := &countedReader{r: f, name: name, budget: b.budget}
	if size, ok := b.compressed[name]; ok {
		cr.maxRatio = size*MaxCompressionRatio + ratioSlack
	}
	return &boundedFile{File: f, r: cr}, nil
}

// compressedSizes maps each member of zr under dir to its compressed size.
func compressedSizes(zr *zip.Reader, dir string) map[string]int64 {
	sizes := map[string]int64{}
	prefix := ""
	if dir != "." && dir != "" {
		prefix = dir + "/"
	}
	for _, f := range zr.File {
		if len(f.Name) > len(prefix) && f.Name[:len(prefix)] == prefix {
			sizes[f.Name[len(prefix):]] = int64(f.CompressedSize64)
		}
	}
	return sizes
}

// textProblem says what is wrong with a text value that cannot be stored:
// invalid UTF-8, or a NUL character (PostgreSQL refuses both).
func textProblem(v string) string {
	if !utf8.ValidString(v) {
		return "not valid UTF-8"
	}
	for i := 0; i < len(v); i++ {
		if v[i] == 0 {
			return "holds a NUL character"
		}
	}
	return ""
}
