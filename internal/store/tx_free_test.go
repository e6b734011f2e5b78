package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
)

// TestAReadTxIfFreeBoundsOnlyItsWait: with every read connection held, it
// gives up with ErrNoReadConnection after its wait; with one free, its
// transaction runs past the wait, its statements and commit unharmed (a
// context cancelled mid-transaction closed the connection, and failed a
// later request on PostgreSQL).
func TestAReadTxIfFreeBoundsOnlyItsWait(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, testdb.NewDatabase(t, engine))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			const wait = 30 * time.Millisecond
			ran := func() error {
				return s.ReadTxIfFree(ctx, wait, func(tx *Tx) error {
					time.Sleep(3 * wait)
					var one int
					return tx.queryRow(ctx, `SELECT 1`).Scan(&one)
				})
			}
			if err := ran(); err != nil {
				t.Fatalf("a transaction running past its wait: %v", err)
			}
			held, release := sync.WaitGroup{}, make(chan struct{})
			for range s.ReadConnections() {
				held.Add(1)
				go func() {
					_ = s.ReadTx(ctx, func(tx *Tx) error {
						var one int
						if err := tx.queryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
							return err
						}
						held.Done()
						<-release
						return nil
					})
				}()
			}
			held.Wait()
			start := time.Now()
			err = ran()
			close(release)
			if !errors.Is(err, ErrNoReadConnection) || time.Since(start) > 5*time.Second {
				t.Fatalf("every connection held: %v after %v, want ErrNoReadConnection after %v", err, time.Since(start), wait)
			}
			for range 3 {
				if err := ran(); err != nil {
					t.Fatalf("once they are free again: %v", err)
				}
			}
		})
	}
}
