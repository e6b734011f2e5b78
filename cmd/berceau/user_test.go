package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/testdb"
)

// TestUserAddCreatesTheFirstAdministratorFromStandardInput is the README's
// way to open a new network: the administrator can then sign in.
func TestUserAddCreatesTheFirstAdministratorFromStandardInput(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			var out bytes.Buffer
			err := run(context.Background(), []string{"user", "add", "--db", db, "--admin", "--name", "Martine Lefebvre", "Martine@Reseau.example"},
				testEnv, strings.NewReader("une phrase de passe solide\n"), &out, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "martine@reseau.example created (network administrator)") {
				t.Fatalf("output %q", out.String())
			}
			again := run(context.Background(), []string{"user", "add", "--db", db, "--admin", "martine@reseau.example"},
				testEnv, strings.NewReader("une phrase de passe solide\n"), io.Discard, io.Discard)
			if again == nil || !strings.Contains(again.Error(), "already exists") {
				t.Fatalf("adding the same address twice: %v", again)
			}
			short := run(context.Background(), []string{"user", "add", "--db", db, "other@reseau.example"},
				testEnv, strings.NewReader("court\n"), io.Discard, io.Discard)
			if short == nil || !strings.Contains(short.Error(), "too short") {
				t.Fatalf("a short password: %v", short)
			}

			p := startProgram(t, "serve", "--db", db)
			resp, body := postForm(t, p.URL+"signin", "email=martine%40reseau.example&password=une+phrase+de+passe+solide")
			if resp != 303 {
				t.Fatalf("the new administrator cannot sign in: %d\n%s", resp, body)
			}
		})
	}
}

func TestUserCommandMistakesAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"user"}, {"user", "remove", "x"}, {"user", "add"}, {"user", "add", "--locale", "de", "a@b.example"}} {
		err := run(context.Background(), args, testEnv, strings.NewReader("x\n"), io.Discard, io.Discard)
		if _, ok := err.(usageError); !ok {
			t.Errorf("berceau %v: %v, want a usage error", args, err)
		}
	}
}
