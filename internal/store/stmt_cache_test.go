package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestSQLiteConnectionsKeepTheirPreparedStatements: the writer connection
// prepares a query text once and reuses it; the same text run again while
// its first rows are still open gets a statement of its own and both read
// right; a failed run leaves the cache usable.
func TestSQLiteConnectionsKeepTheirPreparedStatements(t *testing.T) {
	t.Parallel()
	s := openMigrated(t, "sqlite")
	ctx := context.Background()
	const query = "SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2 UNION ALL SELECT 3) WHERE value >= $1 ORDER BY value"
	cached := func() (n int, has bool) {
		conn, err := s.writer.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if err := conn.Raw(func(dc any) error {
			c := dc.(*stmtCacheConn)
			_, has = c.stmts[query]
			n = len(c.stmts)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return n, has
	}
	read := func(rows *sql.Rows) []int {
		t.Helper()
		var got []int
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	err := s.WriteTx(ctx, func(tx *Tx) error {
		outer, err := tx.query(ctx, query, 2)
		if err != nil {
			return err
		}
		if !outer.Next() { // the cached statement is now in use
			t.Fatal("no first row")
		}
		inner, err := tx.query(ctx, query, 1)
		if err != nil {
			return err
		}
		if got := read(inner); len(got) != 3 || got[0] != 1 || got[2] != 3 {
			t.Errorf("the same text run while its rows are open: %v, want [1 2 3]", got)
		}
		var rest []int
		var v int
		if err := outer.Scan(&v); err != nil {
			return err
		}
		rest = append(rest, v)
		rest = append(rest, read(outer)...)
		if len(rest) != 2 || rest[0] != 2 || rest[1] != 3 {
			t.Errorf("the first rows: %v, want [2 3]", rest)
		}
		// Reused, with other arguments.
		again, err := tx.query(ctx, query, 3)
		if err != nil {
			return err
		}
		if got := read(again); len(got) != 1 || got[0] != 3 {
			t.Errorf("the statement reused: %v, want [3]", got)
		}
		// A run that fails does not break the next one.
		if _, err := tx.exec(ctx, "INSERT INTO no_such_table VALUES ($1)", 1); err == nil {
			t.Error("an insert into a missing table succeeded")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, has := cached(); !has {
		t.Fatal("the writer connection did not keep the statement")
	}
	if err := s.WriteTx(ctx, func(tx *Tx) error {
		var n int
		return tx.queryRow(ctx, query+" LIMIT 1", 2).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	if n, _ := cached(); n < 2 || n > maxCachedStatements {
		t.Errorf("%d statements cached, want 2 to %d", n, maxCachedStatements)
	}
}
