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

// TestReportInternshipsPrintsTheDemoYear runs `berceau report internships`
// on the demo, on both engines: the text names the sentence's figures, the
// CSV (read back with encoding/csv) and the JSON carry them, and bad dates
// are refused with a clear message.
func TestReportInternshipsPrintsTheDemoYear(t *testing.T) {
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
			hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 1)
			box, _ := auth.NewSecretBox(auth.DeriveKey("report test key, long enough"))
			if _, err := demo.Load(ctx, st, hasher, box); err != nil {
				t.Fatal(err)
			}
			st.Close()

			out, _, err := runCLI(t, "report", "internships", "--db", db, "--from", "2025-04-01", "--to", "2026-03-31", "--lang", "en")
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"In 2025-2026, interns contributed more than 2,400 hours: 17 professional internships including nursing",
				"14 internships in social medicine; 32 medical externs; 62 medical residents.", "2454 countersigned hours, 125 internships"} {
				if !strings.Contains(out, want) {
					t.Errorf("the text report lacks %q:\n%s", want, out)
				}
			}

			out, _, err = runCLI(t, "report", "internships", "--db", db, "--from", "2025-04-01", "--to", "2026-03-31", "--format", "csv")
			if err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatalf("the CSV does not parse: %v\n%s", err, out)
			}
			kinds := map[string]string{}
			total := []string{}
			for _, r := range rows[1:] {
				if r[0] == "kind" {
					kinds[r[1]] = r[2]
				}
				if r[0] == "total" {
					total = r
				}
			}
			want := map[string]string{"Stage professionnel": "17", "Stage en médecine sociale": "14", "Externat en médecine": "32", "Résidence en médecine": "62"}
			for name, n := range want {
				if kinds[name] != n {
					t.Errorf("CSV: %s has %q internships, want %s (%v)", name, kinds[name], n, kinds)
				}
			}
			if len(total) != 5 || total[2] != "125" || total[4] != "2454" {
				t.Errorf("CSV total row %v, want 125 internships and 2454 hours", total)
			}

			out, _, err = runCLI(t, "report", "internships", "--db", db, "--from", "2025-04-01", "--to", "2026-03-31", "--format", "json")
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Hours       float64 `json:"countersigned_hours"`
				Internships int     `json:"internships"`
				Sentence    string  `json:"sentence"`
				ByKind      []struct {
					Code        string   `json:"code"`
					Internships int      `json:"internships"`
					Fields      []string `json:"fields"`
				} `json:"by_kind"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("the JSON does not parse: %v\n%s", err, out)
			}
			if doc.Hours != 2454 || doc.Internships != 125 || len(doc.ByKind) != 4 || doc.ByKind[0].Code != "professional" ||
				doc.ByKind[0].Internships != 17 || len(doc.ByKind[0].Fields) != 6 || !strings.HasPrefix(doc.Sentence, "En 2025-2026, les stagiaires") {
				t.Errorf("JSON report: %+v", doc)
			}

			for _, bad := range [][]string{{"--from", "2025-13-01", "--to", "2026-03-31"}, {"--from", "01/04/2025", "--to", "2026-03-31"},
				{"--from", "2026-03-31", "--to", "2025-04-01"}, {"--from", "2025-04-01"}, {"--from", "2025-04-01", "--to", "2026-03-31", "--format", "xml"}} {
				args := append([]string{"report", "internships", "--db", db}, bad...)
				_, _, err := runCLI(t, args...)
				var usage usageError
				if err == nil || !errors.As(err, &usage) || usage.msg == "" {
					t.Errorf("%v: %v, want a clear usage error", bad, err)
				}
			}
			_, _, err = runCLI(t, "report", "internships", "--db", db, "--from", "2025-13-01", "--to", "2026-03-31")
			if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Errorf("a 13th month: %v, want the date's expected form", err)
			}
		})
	}
}
