package store

import (
	"context"
	"strconv"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

// BenchmarkDurableWriteTx commits one small write transaction per iteration:
// the ceiling for audited operations on this machine.
func BenchmarkDurableWriteTx(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			s, err := Open(context.Background(), testdb.NewDatabase(b, engine))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			if _, err := s.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				err := s.WriteTx(ctx, func(tx *Tx) error { return tx.SetSetting(ctx, "k"+strconv.Itoa(i), "v") })
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadTx lists organisations with their sites in a read transaction.
func BenchmarkReadTx(b *testing.B) {
	for _, engine := range testdb.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			s, err := Open(context.Background(), testdb.NewDatabase(b, engine))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			if _, err := s.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				err := s.ReadTx(ctx, func(tx *Tx) error { _, err := tx.ListOrganisations(ctx); return err })
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
