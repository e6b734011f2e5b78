package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// testEnv gives the program cheap password hashing: tests start it often.
func testEnv(key string) string {
	switch key {
	case "BERCEAU_ARGON2_MEMORY_KIB":
		return "64"
	case "BERCEAU_ARGON2_ITERATIONS":
		return "1"
	case "BERCEAU_SECRET_KEY":
		return "a test secret key, long enough"
	}
	return ""
}

// program is the real berceau program started by a test.
type program struct {
	URL    string
	stdout *lockedBuffer
	stop   func() error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startProgram runs `berceau ARGS --addr 127.0.0.1:0` and waits until it
// prints the address it listens on.
func startProgram(t *testing.T, args ...string) *program {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	out := &lockedBuffer{}
	done := make(chan error, 1)
	args = withTestFiles(t, args)
	go func() {
		err := run(ctx, append(args, "--addr", "127.0.0.1:0"), testEnv, strings.NewReader(""), io.MultiWriter(pw, out), io.Discard)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.Index(line, "http://"); i >= 0 && strings.HasPrefix(line, "Berceau is running at") {
				urls <- strings.Fields(line[i:])[0]
			}
		}
	}()
	p := &program{stdout: out}
	var once sync.Once
	var stopErr error
	p.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(15 * time.Second):
				stopErr = context.DeadlineExceeded
			}
		})
		return stopErr
	}
	t.Cleanup(func() { _ = p.stop() })
	select {
	case p.URL = <-urls:
	case err := <-done:
		t.Fatalf("berceau %v stopped before serving: %v\n%s", args, err, out.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("berceau %v did not start in 60 s\n%s", args, out.String())
	}
	return p
}

func get(t *testing.T, url, acceptLanguage string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestDemoServesTheFrenchHomePageAndDemoLoginsOnBothEngines(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			db := testdb.NewDatabase(t, engine)
			p := startProgram(t, "demo", "--db", db)
			for _, want := range []string{"admin@berceau.example", "berceau-demo", "evaluator"} {
				if !strings.Contains(p.stdout.String(), want) {
					t.Errorf("demo output lacks %q:\n%s", want, p.stdout.String())
				}
			}
			status, home := get(t, p.URL, "")
			if status != 200 || !strings.Contains(home, `<html lang="fr">`) || !strings.Contains(home, "La périnatalité sociale") {
				t.Fatalf("home: %d\n%s", status, home)
			}
			// The demo's accounts are shown where one signs in.
			status, body := get(t, p.URL+"signin", "")
			if status != 200 || !strings.Contains(body, "Comptes de démonstration") || !strings.Contains(body, "coordination@berceau.example") {
				t.Fatalf("sign-in: %d\n%s", status, body)
			}
			if status, _ := get(t, p.URL+"readyz", ""); status != 200 {
				t.Fatalf("readyz = %d", status)
			}
			if err := p.stop(); err != nil {
				t.Fatalf("stop: %v", err)
			}
			if strings.Contains(p.stdout.String(), "s3cret") {
				t.Fatal("a secret reached the output")
			}
			// A second demo run on the same database adds nothing and
			// still serves the same accounts.
			again := startProgram(t, "demo", "--db", db)
			_, body2 := get(t, again.URL+"signin", "")
			if strings.Count(body2, "@berceau.example") != strings.Count(body, "@berceau.example") {
				t.Fatal("the second demo run changed the demo accounts")
			}
		})
	}
}

func TestServeStartsOnAnEmptyDatabaseAndSaysSo(t *testing.T) {
	db := testdb.SQLiteDatabase(t)
	p := startProgram(t, "serve", "--db", db)
	status, body := get(t, p.URL, "en")
	if status != 200 || !strings.Contains(body, "No organisation has joined this network yet.") || strings.Contains(body, "Demo accounts") {
		t.Fatalf("home on an empty database: %d\n%s", status, body)
	}
}

func TestCommandLineMistakesAreUsageErrors(t *testing.T) {
	cases := [][]string{
		nil,
		{"frobnicate"},
		{"serve", "--log-format", "xml"},
		{"serve", "--no-such-flag"},
		{"backup"},
		{"backup", "a", "b"},
		{"migrate", "extra"},
	}
	for _, args := range cases {
		var stderr bytes.Buffer
		err := run(context.Background(), args, testEnv, strings.NewReader(""), io.Discard, &stderr)
		if _, ok := err.(usageError); !ok {
			t.Errorf("berceau %v: err = %v, want a usage error", args, err)
		}
	}
}

func TestVersionPrintsTheProgramAndSchemaVersions(t *testing.T) {
	missing := testdb.SQLiteDatabase(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version", "--db", missing}, testEnv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "berceau ") || strings.Contains(out.String(), "schema") {
		t.Fatalf("version output %q", out.String())
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("version created a database")
	}
	if err := run(context.Background(), []string{"migrate", "--db", missing}, testEnv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"version", "--db", missing}, testEnv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "schema version ") || strings.Contains(out.String(), "schema version 0") {
		t.Fatalf("version output %q", out.String())
	}
}

// postForm posts a form without following the redirect it answers with.
func postForm(t *testing.T, url, form string) (int, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Post(url, "application/x-www-form-urlencoded", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// withTestFiles gives a program on PostgreSQL a files folder of the test's
// own: the default, ./data/files, would be the package's source folder.
func withTestFiles(t *testing.T, args []string) []string {
	if slices.Contains(args, "--files") {
		return args
	}
	for i, a := range args {
		if a == "--db" && i+1 < len(args) && store.IsPostgres(args[i+1]) {
			return append(args, "--files", t.TempDir())
		}
	}
	return args
}

// TestMain fails the run when a test left a data folder in the package's
// source folder (a program started without a folder of its test's own).
func TestMain(m *testing.M) {
	_, before := os.Stat("data")
	code := m.Run()
	if _, after := os.Stat("data"); code == 0 && before != nil && after == nil {
		fmt.Fprintln(os.Stderr, "a test left files in cmd/berceau/data: give the program a folder of the test's own (--db, --files)")
		code = 1
	}
	os.Exit(code)
}
