package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/web"
)

// TestEverySurfaceRedactsTheDirectoryAlikeForTheSameReader (both engines):
// for each reader, the service page, the HSDS read API, the export
// (app.ExportDirectory) and the command line (`berceau export hsds`) show
// the demo shelter's professionals-only direct line and its redacted
// address exactly when app.DirectoryAudience lets that reader read them:
// one rule, one redaction, every surface.
func TestEverySurfaceRedactsTheDirectoryAlikeForTheSameReader(t *testing.T) {
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := testdb.NewDatabase(t, engine)
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			hasher := auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2)
			box, _ := auth.NewSecretBox(auth.DeriveKey("redaction test key"))
			accounts, err := demo.Load(ctx, st, hasher, box)
			if err != nil {
				t.Fatal(err)
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			bundle, err := i18n.Load(log)
			if err != nil {
				t.Fatal(err)
			}
			a := app.New(st, log, app.Options{Hasher: hasher, SecretBox: box})
			t.Cleanup(a.Close)
			srv, err := web.New(a, bundle, log, web.Options{})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)

			var member berceau.Actor
			for _, u := range accounts {
				if u.Email == "membre@berceau.example" {
					if member, err = a.Accounts.ActorFor(ctx, u.ID, "127.0.0.1"); err != nil {
						t.Fatal(err)
					}
				}
			}
			if !member.SignedIn() {
				t.Fatal("no demo network member")
			}
			token, _, err := a.Accounts.CreateToken(ctx, member, app.NewToken{Name: "script", Scopes: []berceau.Permission{berceau.PermNetworkRead},
				CurrentPassword: demo.Password})
			if err != nil {
				t.Fatal(err)
			}
			operator := berceau.System("cli")
			shelter := directory.NameUUID("demo-service:escale:hebergement")
			// The shelter's direct line (professionals only) and its
			// redacted location's postcode.
			secrets := []string{"514 555-1560", "H4G 1T4"}

			readers := []struct {
				name   string
				actor  berceau.Actor
				email  string   // signs in for the page; "" reads anonymously
				token  string   // for the HSDS API; "" reads without one
				cliArg []string // how the command line is asked for this reader
				// professional: the reader reads professionals-only fields
				// and redacted addresses.
				professional bool
			}{
				{"an anonymous visitor", berceau.Anonymous(""), "", "", []string{"--public"}, false},
				// The command line's reader is its operator, who reads as a member does.
				{"a network member", member, "membre@berceau.example", token, nil, true},
			}
			if app.DirectoryAudience(operator) != app.DirectoryAudience(member) {
				t.Fatal("the command line's operator does not read as a member: the CLI row compares nothing")
			}
			surfaces := []struct {
				name string
				read func(t *testing.T, actor berceau.Actor, email, token string, cliArg []string) string
			}{
				{"the service page", func(t *testing.T, _ berceau.Actor, email, _ string, _ []string) string {
					return servicePage(t, ts.URL, email, shelter)
				}},
				{"the HSDS API", func(t *testing.T, _ berceau.Actor, _, token string, _ []string) string {
					req, _ := http.NewRequest("GET", ts.URL+"/hsds/services/"+shelter, nil)
					if token != "" {
						req.Header.Set("Authorization", "Bearer "+token)
					}
					return answer(t, http.DefaultClient, req)
				}},
				{"the export's records", func(t *testing.T, actor berceau.Actor, _, _ string, _ []string) string {
					ds, err := a.Directory.ExportDirectory(ctx, operator, actor)
					if err != nil {
						t.Fatal(err)
					}
					// Written for professionals, so that only the records'
					// own redaction (app.RedactDirectory) hides anything.
					var out bytes.Buffer
					if err := hsds.WriteJSON(&out, ds, hsds.Professionals); err != nil {
						t.Fatal(err)
					}
					return out.String()
				}},
				{"the command line", func(t *testing.T, _ berceau.Actor, _, _ string, cliArg []string) string {
					file := filepath.Join(t.TempDir(), "services.json")
					args := append([]string{"export", "hsds", "--db", db, "--format", "json"}, cliArg...)
					if out, errOut, err := runCLI(t, append(args, file)...); err != nil {
						t.Fatalf("export: %v\n%s%s", err, out, errOut)
					}
					b, err := os.ReadFile(file)
					if err != nil {
						t.Fatal(err)
					}
					return string(b)
				}},
			}
			for _, r := range readers {
				professional := r.professional
				if got := app.DirectoryAudience(r.actor) == hsds.Professionals; got != professional {
					t.Errorf("%s: app.DirectoryAudience reads professional %v, want %v", r.name, got, professional)
				}
				for _, s := range surfaces {
					t.Run(r.name+" on "+s.name, func(t *testing.T) {
						body := s.read(t, r.actor, r.email, r.token, r.cliArg)
						if !strings.Contains(body, "Escale") && !strings.Contains(body, "escale") {
							t.Fatalf("the shelter is not there at all: %.400s", body)
						}
						for _, secret := range secrets {
							if shown := strings.Contains(body, secret); shown != professional {
								t.Errorf("%q shown %v, want %v (the reader's audience)", secret, shown, professional)
							}
						}
					})
				}
			}
		})
	}
}

// servicePage reads a service's page, signed in as email when not empty.
func servicePage(t *testing.T, base, email, serviceID string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	if email != "" {
		resp, err := client.PostForm(base+"/signin", url.Values{"email": {email}, "password": {demo.Password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if strings.HasPrefix(resp.Request.URL.Path, "/signin") {
			t.Fatalf("sign-in of %s ended at %s", email, resp.Request.URL.Path)
		}
	}
	req, _ := http.NewRequest("GET", base+"/directory/services/"+serviceID, nil)
	return answer(t, client, req)
}

func answer(t *testing.T, client *http.Client, req *http.Request) string {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d\n%.400s", req.Method, req.URL.Path, resp.StatusCode, b)
	}
	return string(b)
}
