package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// TestIndicatorsCommand prints the demo network's indicators as CSV and
// JSON, for one site, and refuses malformed periods and unknown sites.
func TestIndicatorsCommand(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := testdb.NewDatabase(t, engine)
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			box, _ := auth.NewSecretBox(auth.DeriveKey("indicators command test"))
			if _, err := demo.Load(ctx, st, auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 1), box); err != nil {
				t.Fatal(err)
			}
			st.Close()
			from, to := "2021-01-01", "2030-12-31"
			out, _, err := runCLI(t, "indicators", "--db", db, "--from", from, "--to", to, "--site", "premiers-pas-parc-ex", "--by", "programme")
			if err != nil {
				t.Fatal(err)
			}
			records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(records[0][:4], ",") != "indicator,unit,from,to" || len(records) < 30 {
				t.Fatalf("csv: %d records, header %v", len(records), records[0])
			}
			followed := ""
			for _, r := range records[1:] {
				if r[0] == "families_followed" && r[10] == "true" {
					followed = r[11]
				}
			}
			if followed == "" || followed == "0" {
				t.Errorf("families followed at Parc-Extension: %q", followed)
			}
			out, _, err = runCLI(t, "indicators", "--db", db, "--from", from, "--to", to, "--format", "json", "--indicator", "home_visit_share", "--deidentified")
			if err != nil {
				t.Fatal(err)
			}
			var rows []map[string]any
			if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 || rows[0]["code"] != "home_visit_share" {
				t.Fatalf("json: %v %s", err, out)
			}
			var usage usageError
			for _, args := range [][]string{
				{"indicators", "--db", db, "--from", "2026-13-01", "--to", to},
				{"indicators", "--db", db, "--from", to, "--to", from},
				{"indicators", "--db", db, "--from", from, "--to", to, "--format", "xml"},
				{"indicators", "--db", db, "--from", from, "--to", to, "--by", "colour"},
			} {
				if _, _, err := runCLI(t, args...); !errors.As(err, &usage) {
					t.Errorf("%v: %v, want a usage error", args, err)
				}
			}
			if _, _, err := runCLI(t, "indicators", "--db", db, "--from", from, "--to", to, "--site", "nowhere"); err == nil {
				t.Error("an unknown site was accepted")
			}
		})
	}
}
