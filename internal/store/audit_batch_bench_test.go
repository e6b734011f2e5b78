package store

import (
	"context"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/testdb"
)

// BenchmarkAuditBatchPages counts the pages a group-committed batch of
// seven audited reads writes to SQLite's write-ahead log (seven: the mean
// batch at sixteen connections that never pause, scripts/load.sh): each
// page is a frame written with its own system calls before the commit's
// flush, much of what an audited page costs the server. Page counts do not
// depend on how busy the machine is, so this says what an index on the
// audit trail costs where timings cannot. Run with -benchtime 40x.
func BenchmarkAuditBatchPages(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, testdb.NewDatabase(b, "sqlite"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	batch := func() []*auditWaiter {
		ws := make([]*auditWaiter, 7)
		for i := range ws {
			ws[i] = &auditWaiter{entry: &berceau.AuditEntry{ActorID: 0, ActorEmail: "infirmiere@berceau.example", Action: "family.read",
				ObjectType: "family", ObjectID: "2", Outcome: berceau.OutcomeSuccess, ClientAddress: "127.0.0.1"}, answer: make(chan auditAnswer, 1)}
		}
		return ws
	}
	for range 300 { // a trail of some pages, as in use
		if err := s.commitAuditBatch(ctx, batch()); err != nil {
			b.Fatal(err)
		}
	}
	pages := 0
	b.ResetTimer()
	for range b.N {
		for _, n := range walPagesOf(b, s, func() {
			if err := s.commitAuditBatch(ctx, batch()); err != nil {
				b.Fatal(err)
			}
		}) {
			pages += n
		}
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/batch")
}
