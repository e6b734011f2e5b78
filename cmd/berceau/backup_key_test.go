package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/demo"
	"github.com/pquerna/otp/totp"
)

// keyFileEnv is testEnv without BERCEAU_SECRET_KEY: the key lives in the
// berceau.key file beside the database, as on a newcomer's installation.
func keyFileEnv(key string) string {
	if key == "BERCEAU_SECRET_KEY" {
		return ""
	}
	return testEnv(key)
}

// serveWith runs berceau with getenv until the test ends and returns the
// address it serves at.
func serveWith(t *testing.T, getenv func(string) string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append(args, "--addr", "127.0.0.1:0"), getenv, strings.NewReader(""), out, io.Discard)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("berceau did not stop in 15 s")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if i := strings.Index(out.String(), "Berceau is running at "); i >= 0 {
			return strings.Fields(out.String()[i+len("Berceau is running at "):])[0]
		}
		select {
		case err := <-done:
			t.Fatalf("berceau %v stopped before serving: %v\n%s", args, err, out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("berceau %v did not start\n%s", args, out.String())
	return ""
}

func TestARestoredBackupNeedsItsKeyAndThenSignsInWithTheSecondFactor(t *testing.T) {
	if underRace {
		t.Skip("a restore on SQLite, one request at a time: the plain pass runs it")
	}
	origin, elsewhere := t.TempDir(), t.TempDir()
	db := filepath.Join(origin, "berceau.db")
	// The demo seals every family role's second factor with the key it
	// creates beside the database; it is started, then stopped.
	runDemo := func() {
		ctx, cancel := context.WithCancel(context.Background())
		out := &lockedBuffer{}
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"demo", "--db", db, "--addr", "127.0.0.1:0"}, keyFileEnv, strings.NewReader(""), out, io.Discard)
		}()
		for !strings.Contains(out.String(), "Berceau is running at") {
			select {
			case err := <-done:
				t.Fatalf("demo stopped: %v\n%s", err, out.String())
			case <-time.After(50 * time.Millisecond):
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	runDemo()
	key := filepath.Join(origin, "berceau.key")
	if _, err := os.Stat(key); err != nil {
		t.Fatalf("the demo made no key file: %v", err)
	}

	restored := filepath.Join(elsewhere, "berceau.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", "--db", db, restored}, keyFileEnv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "does not contain the key") || !strings.Contains(out.String(), "cp "+key+" ") {
		t.Fatalf("the backup does not say where the key is and how to copy it:\n%s", out.String())
	}

	// Restored in another folder without its key: refused, naming the file.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, []string{"serve", "--db", restored, "--addr", "127.0.0.1:0"}, keyFileEnv, strings.NewReader(""), io.Discard, io.Discard)
	newKey := filepath.Join(elsewhere, "berceau.key")
	if err == nil || errors.Is(ctx.Err(), context.DeadlineExceeded) || !strings.Contains(err.Error(), newKey) || !strings.Contains(err.Error(), "second-factor secrets") {
		t.Fatalf("serving a restored database without its key: %v, want a refusal naming %s", err, newKey)
	}
	if _, err := os.Stat(newKey); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the refused start left a new key file behind: %v", err)
	}

	// With the key copied beside it: a nurse signs in with her second factor.
	b, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(newKey, b, 0o600); err != nil {
		t.Fatal(err)
	}
	base := serveWith(t, keyFileEnv, "serve", "--db", restored)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) *http.Response {
		t.Helper()
		resp, err := client.PostForm(strings.TrimRight(base, "/")+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post("/signin", url.Values{"email": {"infirmiere@berceau.example"}, "password": {demo.Password}}); resp.Header.Get("Location") != "/signin/code" {
		t.Fatalf("password step: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, _ := totp.GenerateCode(demo.TOTPSecret, time.Now().Add(30*time.Second))
	if resp := post("/signin/code", url.Values{"code": {code}}); resp.StatusCode != http.StatusSeeOther || strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Fatalf("code step on the restored database: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}
