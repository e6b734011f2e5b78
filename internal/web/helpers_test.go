package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// syncBuffer collects log lines written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type testServer struct {
	*httptest.Server
	web   *Server
	store *store.Store
	logs  *syncBuffer
}

// The hasher and key of the test servers, those the demo's passwords and
// second-factor secrets are written with.
var (
	testHasher = auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
	testBox, _ = auth.NewSecretBox(auth.DeriveKey("web test secret key"))
)

// demoDatabase is the present-day demo network, loaded once per process,
// engine and day and copied for each test (see testutil.Filled).
var demoDatabase = &testutil.Filled{Fill: func(ctx context.Context, st *store.Store) error {
	_, err := demo.LoadPresent(ctx, st, testHasher, testBox)
	return err
}}

func TestMain(m *testing.M) {
	code := m.Run()
	demoDatabase.Remove()
	os.Exit(code)
}

// newTestServer serves the demo network from a real store over real HTTP.
// It loads the demo into st; on a copy of demoDatabase the loaders find
// everything there and write nothing.
func newTestServer(t testing.TB, st *store.Store, opts Options) *testServer {
	t.Helper()
	ctx := context.Background()
	hasher, box := testHasher, testBox
	accounts, err := demo.LoadPresent(ctx, st, hasher, box)
	if err != nil {
		t.Fatal(err)
	}
	if opts.DemoPassword == "" {
		opts.DemoAccounts, opts.DemoPassword = accounts, demo.Password
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	bundle, err := i18n.Load(log)
	if err != nil {
		t.Fatal(err)
	}
	uc := app.New(st, log, app.Options{Hasher: hasher, SecretBox: box})
	t.Cleanup(uc.Close) // after the HTTP server, before the store
	srv, err := New(uc, bundle, log, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, web: srv, store: st, logs: logs}
}

func newSQLiteServer(t testing.TB, opts Options) *testServer {
	return newTestServer(t, demoDatabase.Open(t, "sqlite"), opts)
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (ts *testServer) do(t *testing.T, method, path string, body io.Reader, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func form(values map[string]string) io.Reader {
	var parts []string
	for k, v := range values {
		parts = append(parts, k+"="+v)
	}
	return strings.NewReader(strings.Join(parts, "&"))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// storeToday is today's civil date on the store's clock, the one the test
// server's use cases read.
func storeToday(st *store.Store) time.Time {
	y, m, d := st.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
