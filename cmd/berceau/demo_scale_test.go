package main

import (
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

func TestDemoWithFamiliesLoadsTheScaledDemoOnceOnBothEngines(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			p := startProgram(t, "demo", "--db", db, "--families", "60")
			if out := p.stdout.String(); !strings.Contains(out, "Scaled demo: 60 families") || !strings.Contains(out, "300 contacts") {
				t.Fatalf("demo --families output:\n%s", out)
			}
			if err := p.stop(); err != nil {
				t.Fatal(err)
			}
			again := startProgram(t, "demo", "--db", db, "--families", "60")
			if out := again.stdout.String(); !strings.Contains(out, "Scaled demo: already loaded (60 families)") {
				t.Fatalf("second demo --families run:\n%s", out)
			}
		})
	}
}
