package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixture = `package store

import (
	"database/sql"
	"fmt"
)

type Tx struct{ tx *sql.Tx }

type User struct{ ID int64 }

func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// exec is a helper: it may hand back the driver's error, its callers wrap.
func (tx *Tx) exec(q string) (sql.Result, error) { return tx.tx.Exec(q) }

func (tx *Tx) run(fn func(*Tx) error) error { return fn(tx) }

func (tx *Tx) DeleteThing(id int64) error {
	_, err := tx.exec("DELETE")
	return err
}

func (tx *Tx) CountThings() (int64, error) {
	var n int64
	err := tx.tx.QueryRow("SELECT").Scan(&n)
	return n, err
}

func (tx *Tx) UserByID() (User, error) {
	var u User
	if err := tx.tx.QueryRow("SELECT").Scan(&u.ID); err != nil {
		return u, err
	}
	return u, nil
}

func (tx *Tx) RowsOf() (sql.Result, error) { return tx.exec("Y") }

func (tx *Tx) Wrapped() error {
	_, err := tx.exec("X")
	return wrapErr("wrap it", err)
}

func (tx *Tx) Delegates() error { return tx.DeleteThing(1) }

func (tx *Tx) Twice() error {
	err := tx.Delegates()
	return wrapErr("twice", err)
}

func (tx *Tx) InCallback() error {
	return tx.run(func(tx *Tx) error {
		_, err := tx.exec("Z")
		return err
	})
}
`

// TestAnalyzeFindsBareErrorsAndFixOnce: on a small store-shaped package,
// the bare returns of exported functions are found (not the helper's, not
// one delegating to an exported function, not one already wrapped), the
// fix wraps them with the function's words, and a second run finds and
// changes nothing. A wrap of an error that had its context is counted.
func TestAnalyzeFindsBareErrorsAndFixOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module fixture\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "store.go")
	if err := os.WriteFile(file, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(dir)
	if err != nil {
		t.Fatal(err)
	}
	var funcs []string
	for _, f := range rep.Findings {
		funcs = append(funcs, f.Func)
	}
	want := "Tx.DeleteThing Tx.CountThings Tx.UserByID Tx.RowsOf Tx.InCallback"
	if got := strings.Join(funcs, " "); got != want {
		t.Fatalf("findings %q, want %q", got, want)
	}
	if rep.Counts.HelperBare != 1 || rep.Counts.Wrapped != 3 || rep.Counts.Double != 1 {
		t.Errorf("counts %s, want one bare helper return, three wrapped (wrapErr itself, Wrapped, Twice) and one twice", rep.Counts)
	}
	if _, err := rep.Fix(); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(file)
	for _, s := range []string{`return wrapErr("delete thing", err)`, `return n, wrapErr("count things", err)`,
		`return u, wrapErr("read user by ID", err)`, "r, err := tx.exec(\"Y\")\n\treturn r, wrapErr(\"read rows of\", err)",
		`return wrapErr("read in callback", err)`, `return tx.DeleteThing(1)`} {
		if !strings.Contains(string(src), s) {
			t.Errorf("fixed source lacks %q:\n%s", s, src)
		}
	}
	again, err := Analyze(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Findings) != 0 || len(again.fixes) != 0 {
		t.Errorf("second run: %v, want nothing left to fix", again.Findings)
	}
}

func TestWords(t *testing.T) {
	for name, want := range map[string]string{"ContactByID": "contact by ID", "TOTPState": "TOTP state",
		"DeleteUserSessions": "delete user sessions", "APITokenByHash": "API token by hash"} {
		if got := words(name); got != want {
			t.Errorf("words(%q) = %q, want %q", name, got, want)
		}
	}
}
