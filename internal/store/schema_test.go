package store

import (
	"context"
	"os"
	"reflect"
	"testing"
)

// TestBothEnginesHaveTheSameTablesAndColumns: the migrations rendered for
// each engine give the same tables and columns once applied (an
// {{if sqlite}} block cannot leave one engine without a column).
func TestBothEnginesHaveTheSameTablesAndColumns(t *testing.T) {
	t.Parallel()
	dsn := os.Getenv("BERCEAU_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("BERCEAU_TEST_POSTGRES is not set under CI")
		}
		t.Skip("BERCEAU_TEST_POSTGRES is not set")
	}
	lite := openMigrated(t, "sqlite")
	pg := openMigrated(t, "postgres")
	want, got := lite.columns(t), pg.columns(t)
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("schemas differ:\nsqlite:   %v\npostgres: %v", want, got)
	}
	if len(want) < 4 {
		t.Fatalf("only %d tables found: %v", len(want), want)
	}
}

// columns maps each table (but goose's own) to its column names, sorted.
func (s *Store) columns(t *testing.T) map[string][]string {
	t.Helper()
	query := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'
		ORDER BY m.name, p.name`
	if s.dialect == postgresDialect {
		query = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'
			ORDER BY table_name, column_name`
	}
	rows, err := s.reader.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tables := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		tables[table] = append(tables[table], column)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}
