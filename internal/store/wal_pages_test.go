package store

import (
	"context"
	"encoding/binary"
	"os"
	"testing"
)

// walPagesOf counts the pages fn writes to SQLite's write-ahead log, by
// the b-tree each belongs to (SQLite's dbstat names them: a table, an
// index, sqlite_schema for the file's header): the log is emptied first,
// so every frame in it afterwards is fn's. Page counts do not depend on how
// busy the machine is, where timings do. In a benchmark only fn is timed.
func walPagesOf(tb testing.TB, s *Store, fn func()) map[string]int {
	tb.Helper()
	if b, ok := tb.(*testing.B); ok {
		b.StopTimer()
		defer b.StartTimer()
	}
	ctx := context.Background()
	if s.path == "" {
		tb.Fatal("walPagesOf: SQLite only")
	}
	if _, err := s.writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatal(err)
	}
	if b, ok := tb.(*testing.B); ok {
		b.StartTimer()
		fn()
		b.StopTimer()
	} else {
		fn()
	}
	wal, err := os.ReadFile(s.path + "-wal")
	if err != nil {
		tb.Fatal(err)
	}
	pages := map[string]int{}
	if len(wal) < 32 {
		return pages
	}
	// A 32-byte header, then frames: a 24-byte header (the page's number
	// first) and the page.
	size := int(binary.BigEndian.Uint32(wal[8:12]))
	for off := 32; off+24+size <= len(wal); off += 24 + size {
		var name string
		if err := s.writer.QueryRowContext(ctx, "SELECT name FROM dbstat WHERE pageno = ?", binary.BigEndian.Uint32(wal[off:])).Scan(&name); err != nil {
			name = "(free)"
		}
		pages[name]++
	}
	return pages
}
