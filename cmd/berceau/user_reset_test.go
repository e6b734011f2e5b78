package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// TestTheOperatorApprovesASecondFactorRemovalAnAdministratorAskedFor: a
// network with one administrator still has a second person, the operator.
func TestTheOperatorApprovesASecondFactorRemovalAnAdministratorAskedFor(t *testing.T) {
	db := testdb.SQLiteDatabase(t)
	ctx := context.Background()
	if err := run(ctx, []string{"migrate", "--db", db}, testEnv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 1)
	box, _ := auth.NewSecretBox(auth.DeriveKey("a test secret key, long enough"))
	if _, err := demo.Load(ctx, st, hasher, box); err != nil {
		t.Fatal(err)
	}
	a := app.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{Hasher: hasher, SecretBox: box})
	user := func(email string) berceau.User {
		var u berceau.User
		if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) { u, err = tx.UserByEmail(ctx, email); return err }); err != nil {
			t.Fatal(err)
		}
		return u
	}
	approve := func() (string, error) {
		var out bytes.Buffer
		err := run(ctx, []string{"user", "approve-second-factor-reset", "--db", db, "infirmiere@berceau.example"}, testEnv, strings.NewReader(""), &out, io.Discard)
		return out.String(), err
	}
	if _, err := approve(); err == nil || !strings.Contains(err.Error(), "no administrator has asked") {
		t.Fatalf("approving without a request: %v", err)
	}
	admin, err := a.Accounts.ActorFor(ctx, user("admin@berceau.example").ID, "192.0.2.9")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Admin.RequestSecondFactorReset(ctx, admin, user("infirmiere@berceau.example").ID); err != nil {
		t.Fatal(err)
	}
	if out, err := approve(); err != nil || !strings.Contains(out, "second factor of infirmiere@berceau.example removed") {
		t.Fatalf("the operator's approval: %q, %v", out, err)
	}
	if user("infirmiere@berceau.example").TOTPEnabled {
		t.Fatal("the nurse still has her second factor")
	}
}
