package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// hsdsServer is the API over real HTTP from a real store holding the demo
// network and directory, as the HSDS tests read it.
type hsdsServer struct {
	*httptest.Server
	app      *app.App
	accounts []berceau.User
}

func newHSDSServer(t testing.TB, st *store.Store) *hsdsServer {
	t.Helper()
	ctx := context.Background()
	hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
	box, _ := auth.NewSecretBox(auth.DeriveKey("hsds test secret key"))
	accounts, err := demo.LoadPresent(ctx, st, hasher, box)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	bundle, err := i18n.Load(log)
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(st, log, app.Options{Hasher: hasher, SecretBox: box})
	t.Cleanup(a.Close) // after the HTTP server, before the store
	mux := http.NewServeMux()
	Register(mux, a, bundle, log)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return &hsdsServer{Server: ts, app: a, accounts: accounts}
}

func newSQLiteHSDSServer(t testing.TB) *hsdsServer {
	return newHSDSServer(t, testutil.OpenStore(t, "sqlite"))
}

func (ts *hsdsServer) do(t *testing.T, method, path string, body io.Reader, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// memberToken is a token of the demo network member scoped to
// network.read, as created on their account page.
func (ts *hsdsServer) memberToken(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	for _, u := range ts.accounts {
		if u.Email != "membre@berceau.example" {
			continue
		}
		actor, err := ts.app.Accounts.ActorFor(ctx, u.ID, "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := ts.app.Accounts.CreateToken(ctx, actor, app.NewToken{Name: "script", Scopes: []berceau.Permission{berceau.PermNetworkRead},
			CurrentPassword: demo.Password})
		if err != nil {
			t.Fatal(err)
		}
		return token
	}
	t.Fatal("no demo network member")
	return ""
}

func demoServiceID(org, service string) string {
	return directory.NameUUID("demo-service:" + org + ":" + service)
}
