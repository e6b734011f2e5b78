package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestBackupWhileWritingIsAConsistentCopy takes a backup while another
// goroutine keeps committing, then checks the copy's integrity and rows.
func TestBackupWhileWritingIsAConsistentCopy(t *testing.T) {
	t.Parallel()
	s := openMigrated(t, "sqlite")
	ctx := context.Background()
	write := func(i int64) error {
		return s.WriteTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, "k"+itoa(i), itoa(i))
			return err
		})
	}
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := int64(1); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := write(i); err != nil {
				t.Error(err)
				return
			}
			written.Store(i)
		}
	}()
	for written.Load() < 50 { // let writes pile up before the copy starts
		time.Sleep(time.Millisecond)
	}
	during := filepath.Join(t.TempDir(), "during.db")
	if err := s.Backup(ctx, during); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	n := rowsIn(t, during)
	if n < 50 || n > written.Load() {
		t.Fatalf("copy taken while writing holds %d rows; %d were written", n, written.Load())
	}
	// Rows are written one per transaction in order: a consistent snapshot
	// holds exactly keys 1..n, no gap.
	if max := maxValue(t, during); max != n {
		t.Fatalf("copy holds %d rows but its highest value is %d: not a snapshot", n, max)
	}

	after := filepath.Join(t.TempDir(), "after.db")
	if err := s.Backup(ctx, after); err != nil {
		t.Fatal(err)
	}
	if got := rowsIn(t, after); got != written.Load() {
		t.Fatalf("copy after writes stopped holds %d rows, want %d", got, written.Load())
	}
	if err := s.Backup(ctx, after); err == nil {
		t.Fatal("backup over an existing file succeeded")
	}
}

func TestBackupOfPostgresPointsToPgDump(t *testing.T) {
	t.Parallel()
	s := &Store{dialect: postgresDialect}
	if err := s.Backup(context.Background(), "x"); !errors.Is(err, ErrBackupPostgres) {
		t.Fatalf("err = %v", err)
	}
}

func rowsIn(t *testing.T, path string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	var n int64
	if err := db.QueryRow("SELECT COUNT(*) FROM settings").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func maxValue(t *testing.T, path string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow("SELECT MAX(CAST(value AS INTEGER)) FROM settings").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
