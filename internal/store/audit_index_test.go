package store

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
)

// TestEveryAuditLogIndexServesAQuery plans every query the application
// makes of the audit trail (each filter of the audit page, the chain's end,
// the verification) on SQLite, and fails when an index of audit_log is used
// by none of them: every audited page writes an entry in each index, so an
// index nothing reads only slows every page down (migration 00128 dropped
// one). The planner has no statistics here, as in use: Berceau never runs
// ANALYZE.
func TestEveryAuditLogIndexServesAQuery(t *testing.T) {
	s := openMigrated(t, "sqlite")
	ctx := context.Background()
	appendAudit(t, s, auditEntries(50)...)
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	filters := []berceau.AuditFilter{
		{ActorID: 1},
		{ActorID: 1, From: day, To: day.AddDate(0, 1, 0)},
		{Action: "family."},
		{Action: "family.read", From: day},
		{ObjectType: "family", ObjectID: "2"},
		{ObjectType: "family", ObjectID: "2", Action: "family.read"},
		{From: day, To: day.AddDate(0, 0, 7)},
	}
	var queries []string
	var args [][]any
	for _, f := range filters {
		where, a := auditWhere(f)
		queries = append(queries, `SELECT COUNT(*) FROM audit_log`+where,
			`SELECT `+auditColumns+` FROM audit_log`+where+` ORDER BY id DESC LIMIT 50 OFFSET 0`)
		args = append(args, a, a)
	}
	queries = append(queries, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`, `SELECT `+auditColumns+` FROM audit_log ORDER BY id`)
	args = append(args, nil, nil)

	used := map[string]bool{}
	for i, q := range queries {
		rows, err := s.reader.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args[i]...)
		if err != nil {
			t.Fatalf("plan %s: %v", q, err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			// A search through an index, not a scan of a narrower copy of
			// the table (which a covering index also offers).
			if !strings.HasPrefix(detail, "SEARCH ") {
				continue
			}
			for _, word := range strings.Fields(detail) {
				if strings.HasPrefix(word, "audit_log_") {
					used[word] = true
				}
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	var indexes []string
	rows, err := s.reader.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		indexes = append(indexes, name)
	}
	rows.Close()
	if len(indexes) == 0 {
		t.Fatal("no index on audit_log: the audit page's filters would read the whole trail")
	}
	for _, name := range indexes {
		if !used[name] {
			t.Errorf("index %s of audit_log serves no query of the application (used: %v): every audited page pays for it", name, slices.Sorted(maps.Keys(used)))
		}
	}
}
