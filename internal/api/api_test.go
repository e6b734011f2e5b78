package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/pquerna/otp/totp"
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

// env is the API served over real HTTP from a real store, with one network
// member, their organisation, site and team, and two of their tokens.
type env struct {
	url    string
	app    *app.App
	store  *store.Store
	routes []Route
	logs   *syncBuffer

	member berceau.User
	org    berceau.Organisation
	site   berceau.Site
	team   berceau.Team
	full   string // token scoped to network.read
	narrow string // token scoped to community.participate only

	practitioner berceau.User
	families     string // the practitioner's token scoped to families.read
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	ctx := context.Background()
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	box, err := auth.NewSecretBox(auth.DeriveKey("api test key"))
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(st, log, app.Options{
		Hasher:    auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 2),
		SecretBox: box,
	})
	bundle, err := i18n.Load(log)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{app: a, store: st, logs: logs}
	system := berceau.System("test")
	if e.org, err = a.Admin.CreateOrganisation(ctx, system, berceau.Organisation{Slug: "maison-bleue", Name: "Maison Bleue de Villeray"}); err != nil {
		t.Fatal(err)
	}
	if e.site, err = a.Admin.CreateSite(ctx, system, berceau.Site{OrganisationID: e.org.ID, Slug: "villeray", Name: "Point de service Jarry"}); err != nil {
		t.Fatal(err)
	}
	e.member, err = a.Admin.AddUser(ctx, system, app.NewAccount{Email: "camille@example.org", DisplayName: "Camille Tremblay",
		Roles:    []berceau.RoleGrant{{Role: berceau.RoleNetworkMember, OrganisationID: e.org.ID}},
		Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	if e.team, err = a.Admin.CreateTeam(ctx, system, berceau.Team{SiteID: e.site.ID, Slug: "equipe-a", Name: "Équipe Petits Pas",
		MemberIDs: []int64{e.member.ID}}); err != nil {
		t.Fatal(err)
	}
	e.full = e.token(t, berceau.PermNetworkRead)
	e.narrow = e.token(t, berceau.PermCommunity)
	e.practitioner, err = a.Admin.AddUser(ctx, system, app.NewAccount{Email: "nadia@example.org", DisplayName: "Nadia Benali",
		Roles:    []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: e.org.ID, SiteID: e.site.ID}},
		Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	enrolSecondFactor(t, a, e.practitioner.ID)
	e.families = e.tokenOf(t, e.practitioner.ID, berceau.PermFamiliesRead)

	mux := http.NewServeMux()
	e.routes = Register(mux, a, bundle, log)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	e.url = srv.URL
	return e
}

// token creates a token of the member with the given scopes.
func (e *env) token(t *testing.T, scopes ...berceau.Permission) string {
	t.Helper()
	token, _ := e.tokenWithID(t, scopes...)
	return token
}

func (e *env) tokenWithID(t *testing.T, scopes ...berceau.Permission) (string, int64) {
	t.Helper()
	return e.tokenOfWithID(t, e.member.ID, scopes...)
}

// tokenOf creates a token of another user with the given scopes.
func (e *env) tokenOf(t *testing.T, userID int64, scopes ...berceau.Permission) string {
	t.Helper()
	token, _ := e.tokenOfWithID(t, userID, scopes...)
	return token
}

// enrolSecondFactor sets up a second factor for a user, as the sign-in
// step does: a token carries family scopes only for such an account.
func enrolSecondFactor(t *testing.T, a *app.App, userID int64) {
	t.Helper()
	ctx := context.Background()
	enrol, err := a.Accounts.BeginEnrollment(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	code, err := totp.GenerateCode(enrol.Secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Accounts.ConfirmEnrollment(ctx, userID, enrol.Sealed, code, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
}

func (e *env) tokenOfWithID(t *testing.T, userID int64, scopes ...berceau.Permission) (string, int64) {
	t.Helper()
	ctx := context.Background()
	actor, err := e.app.Accounts.ActorFor(ctx, userID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	// As from a session that passed a second factor: family scopes need one.
	actor.SecondFactor = true
	token, stored, err := e.app.Accounts.CreateToken(ctx, actor, app.NewToken{Name: "script", Scopes: scopes, CurrentPassword: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	return token, stored.ID
}

func (e *env) do(t *testing.T, method, path string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	return e.send(t, method, path, headers, "")
}

// send is do with a request body (none when empty).
func (e *env) send(t *testing.T, method, path string, headers map[string]string, body string) (*http.Response, string) {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.url+path, reader)
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
	answer, _ := io.ReadAll(resp.Body)
	return resp, string(answer)
}

func bearer(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token}
}

// staticRoutes is the route table without a database behind it.
func staticRoutes(t *testing.T) []Route {
	t.Helper()
	bundle, err := i18n.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	return Register(http.NewServeMux(), nil, bundle, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func TestEveryRouteDeclaresAKnownPermission(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, rt := range staticRoutes(t) {
		name := rt.Method + " " + rt.Path
		if rt.Permission == "" || !rt.Permission.Known() {
			t.Errorf("route %q has permission %q: every route must name a known permission", name, rt.Permission)
		}
		if !strings.HasPrefix(rt.Path, "/api/") && !strings.HasPrefix(rt.Path, HSDSPrefix) {
			t.Errorf("route %q lies outside /api/ and /hsds/", name)
		}
		if seen[name] {
			t.Errorf("route %q is declared twice", name)
		}
		seen[name] = true
	}
}

func TestOnlyTheDocumentAndTheFallbackArePublic(t *testing.T) {
	t.Parallel()
	for _, rt := range staticRoutes(t) {
		public := rt.Permission == berceau.PermPublic
		// The HSDS read API is public: a token only widens what is read.
		// So is the training catalogue, like its page.
		expected := strings.HasPrefix(rt.Path, openAPIPath) || rt == fallbackRoute || strings.HasPrefix(rt.Path, HSDSPrefix) ||
			rt.Path == Prefix+"/trainings"
		if public != expected {
			t.Errorf("route %s %s: public %v, want %v", rt.Method, rt.Path, public, expected)
		}
	}
}

// credential is one way of asking: the scenario table crosses every route
// with each of them.
type credential int

const (
	noToken credential = iota
	badToken
	tokenWithoutPermission
	tokenWithPermission
)

var credentialNames = map[credential]string{
	noToken: "without a token", badToken: "with a bad token",
	tokenWithoutPermission: "with a token lacking the permission", tokenWithPermission: "with a token holding the permission",
}

// headers are the request headers of a credential for a route requiring p.
func (e *env) headers(c credential, p berceau.Permission) map[string]string {
	switch c {
	case badToken:
		return bearer("brc_not-a-token-of-this-network")
	case tokenWithoutPermission:
		if p == berceau.PermCommunity { // the narrow token holds it: the network token does not
			return bearer(e.full)
		}
		return bearer(e.narrow)
	case tokenWithPermission:
		if p == berceau.PermCommunity {
			return bearer(e.narrow)
		}
		if p == berceau.PermFamiliesRead {
			return bearer(e.families)
		}
		return bearer(e.full)
	}
	return nil
}

// screeningBody is a valid screening input: an eligible parent of a child
// under 12 months.
const screeningBody = `{"date": "2026-03-16", "youngest_child_birth_date": "2025-10-02", "household_size": 3,
	"annual_income": 30000, "secondary_diploma": false, "socially_isolated": null, "lonely": null}`

func TestEveryRouteAnswersAccordingToItsPermission(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		orgPath := fmt.Sprintf("/api/v1/organisations/%d", e.org.ID)
		scenarios := []struct {
			pattern string // the route, as in the table
			path    string // the request
			secret  string // protected data: in the answer when allowed, never in a denial
			want    map[credential]int
		}{
			// Every valid token may read its own account: signed_in is held by all.
			{"/api/v1/me", "/api/v1/me", "camille@example.org",
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 200, tokenWithPermission: 200}},
			{"/api/v1/organisations", "/api/v1/organisations", e.org.Name,
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: 200}},
			{"/api/v1/organisations/{id}", orgPath, e.org.Name,
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: 200}},
			{"/api/v1/sites", "/api/v1/sites", e.site.Name,
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: 200}},
			{"/api/v1/teams", "/api/v1/teams", e.team.Name,
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: 200}},
			// One's own registrations: community.participate.
			{"/api/v1/me/registrations", "/api/v1/me/registrations", `"calendar_url":"`,
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: 200}},
			// A screening decides on a family's data: families.read, not network.read.
			{"/api/v1/screenings/evaluate", "/api/v1/screenings/evaluate", `"outcome":"eligible"`,
				map[credential]int{noToken: 401, badToken: 401, tokenWithoutPermission: 403, tokenWithPermission: 200}},
		}
		// Routes other than GET, with the body their scenario sends.
		routeOf := map[string]Route{}
		for _, rt := range e.routes {
			routeOf[rt.Path] = rt
		}
		bodies := map[string]string{"/api/v1/screenings/evaluate": screeningBody}

		covered := map[string]bool{}
		for _, sc := range scenarios {
			covered[sc.pattern] = true
			rt := routeOf[sc.pattern]
			for _, c := range []credential{noToken, badToken, tokenWithoutPermission, tokenWithPermission} {
				want := sc.want[c]
				t.Run(fmt.Sprintf("%s %s %s is %d", rt.Method, sc.pattern, credentialNames[c], want), func(t *testing.T) {
					resp, body := e.send(t, rt.Method, sc.path, e.headers(c, rt.Permission), bodies[sc.pattern])
					if resp.StatusCode != want {
						t.Fatalf("status %d, want %d\n%s", resp.StatusCode, want, body)
					}
					if want == 200 {
						if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
							t.Errorf("Content-Type %q, want application/json", ct)
						}
						if !strings.Contains(body, sc.secret) {
							t.Errorf("answer lacks %q:\n%s", sc.secret, body)
						}
						return
					}
					if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
						t.Errorf("Content-Type %q, want application/problem+json", ct)
					}
					for _, secret := range []string{sc.secret, e.org.Name, e.site.Name, e.team.Name, e.member.Email} {
						if strings.Contains(body, secret) {
							t.Errorf("denial holds protected data %q:\n%s", secret, body)
						}
					}
					if want == 401 && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
						t.Errorf("401 without a Bearer challenge: %q", resp.Header.Get("WWW-Authenticate"))
					}
				})
			}
		}
		for _, p := range followUpRoutes { // TestFollowUpWritesAnswerAccordingToTheirPermission
			covered[p] = true
		}
		for _, p := range eventAPIRoutes { // TestTheEventsAPIShowsEachOwnerTheirAudience
			covered[p] = true
		}
		for _, p := range trainingAPIRoutes { // TestTheTrainingsAPI
			covered[p] = true
		}
		for _, rt := range e.routes {
			if rt.Permission != berceau.PermPublic && !covered[rt.Path] {
				t.Errorf("route %s %s has no scenario", rt.Method, rt.Path)
			}
		}
	})
}

func TestMeShowsTheOwnerAndOnlyWhatTheTokenAllows(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		both := e.token(t, berceau.PermNetworkRead, berceau.PermCommunity)
		resp, body := e.do(t, "GET", "/api/v1/me", bearer(both))
		if resp.StatusCode != 200 {
			t.Fatalf("status %d\n%s", resp.StatusCode, body)
		}
		var got struct {
			ID          int64  `json:"id"`
			Email       string `json:"email"`
			DisplayName string `json:"display_name"`
			Roles       []struct {
				Role           string `json:"role"`
				OrganisationID int64  `json:"organisation_id"`
				SiteID         int64  `json:"site_id"`
			} `json:"roles"`
			Permissions []string `json:"permissions"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if got.ID != e.member.ID || got.Email != "camille@example.org" || got.DisplayName != "Camille Tremblay" {
			t.Errorf("owner %+v, want Camille", got)
		}
		if len(got.Roles) != 1 || got.Roles[0].Role != "network_member" || got.Roles[0].OrganisationID != e.org.ID || got.Roles[0].SiteID != 0 {
			t.Errorf("roles %+v, want network_member of organisation %d", got.Roles, e.org.ID)
		}
		// The member also holds directory.suggest, which this token was not given.
		if want := []string{"community.participate", "network.read"}; !reflect.DeepEqual(got.Permissions, want) {
			t.Errorf("permissions %v, want %v (sorted, the token's scopes only)", got.Permissions, want)
		}
		for _, key := range []string{`"discipline"`, `"locale"`} {
			if !strings.Contains(body, key) {
				t.Errorf("answer lacks %s", key)
			}
		}
	})
}

func TestNetworkListsHoldTheNetwork(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		var orgs struct {
			Organisations []struct {
				ID    int64  `json:"id"`
				Name  string `json:"name"`
				Sites []struct {
					ID             int64 `json:"id"`
					OrganisationID int64 `json:"organisation_id"`
				} `json:"sites"`
			} `json:"organisations"`
		}
		e.getJSON(t, "/api/v1/organisations", &orgs)
		if len(orgs.Organisations) != 1 || orgs.Organisations[0].Name != e.org.Name ||
			len(orgs.Organisations[0].Sites) != 1 || orgs.Organisations[0].Sites[0].OrganisationID != e.org.ID {
			t.Errorf("organisations %+v, want %q with its one site", orgs, e.org.Name)
		}
		var one struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		}
		e.getJSON(t, "/api/v1/organisations/"+strconv.FormatInt(e.org.ID, 10), &one)
		if one.ID != e.org.ID || one.Name != e.org.Name {
			t.Errorf("organisation %+v, want %q", one, e.org.Name)
		}
		var sites struct {
			Sites []struct {
				ID   int64  `json:"id"`
				Name string `json:"name"`
			} `json:"sites"`
		}
		e.getJSON(t, "/api/v1/sites", &sites)
		if len(sites.Sites) != 1 || sites.Sites[0].ID != e.site.ID {
			t.Errorf("sites %+v, want %q", sites, e.site.Name)
		}
		var teams struct {
			Teams []struct {
				ID        int64   `json:"id"`
				SiteID    int64   `json:"site_id"`
				Slug      string  `json:"slug"`
				Name      string  `json:"name"`
				MemberIDs []int64 `json:"member_ids"`
			} `json:"teams"`
		}
		e.getJSON(t, "/api/v1/teams", &teams)
		if len(teams.Teams) != 1 || teams.Teams[0].SiteID != e.site.ID || teams.Teams[0].Slug != "equipe-a" ||
			!reflect.DeepEqual(teams.Teams[0].MemberIDs, []int64{e.member.ID}) {
			t.Errorf("teams %+v, want %q with Camille", teams, e.team.Name)
		}
	})
}

func (e *env) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, body := e.do(t, "GET", path, bearer(e.full))
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d\n%s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

type problemDoc struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Message  string `json:"message"`
		Location string `json:"location"`
	} `json:"errors"`
}

func TestProblemsAreFrenchByDefaultAndEnglishOnRequest(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		en := "en-CA,en;q=0.9,fr;q=0.5"
		cases := []struct {
			name     string
			method   string
			path     string
			token    string
			language string
			status   int
			detail   string
		}{
			{"no token, in French", "GET", "/api/v1/organisations", "", "", 401, "Jeton d’accès absent, invalide, expiré ou révoqué."},
			{"no token, in English", "GET", "/api/v1/organisations", "", en, 401, "Access token missing, invalid, expired or revoked."},
			{"missing permission, in French", "GET", "/api/v1/organisations", e.narrow, "", 403, "Ce jeton d’accès ne permet pas cette opération."},
			{"missing permission, in English", "GET", "/api/v1/organisations", e.narrow, en, 403, "This access token does not allow this operation."},
			{"unknown organisation, in French", "GET", "/api/v1/organisations/999999", e.full, "", 404, "Organisation introuvable."},
			{"unknown organisation, in English", "GET", "/api/v1/organisations/999999", e.full, en, 404, "Organisation not found."},
			{"malformed id, in French", "GET", "/api/v1/organisations/abc", e.full, "", 422, "La demande contient des valeurs invalides."},
			{"malformed id, in English", "GET", "/api/v1/organisations/abc", e.full, en, 422, "The request holds invalid values."},
			{"unknown API path, in French", "GET", "/api/v1/nulle-part", "", "", 404, "L’adresse demandée n’existe pas ou n’existe plus."},
			{"unknown API path, in English", "GET", "/api/v1/nowhere", "", en, 404, "The address you asked for does not exist, or no longer does."},
			{"known path with another method, in French", "DELETE", "/api/v1/organisations", e.full, "", 405, "Cette adresse n’accepte pas ce type de demande."},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				headers := map[string]string{}
				if c.token != "" {
					headers["Authorization"] = "Bearer " + c.token
				}
				if c.language != "" {
					headers["Accept-Language"] = c.language
				}
				resp, body := e.do(t, c.method, c.path, headers)
				if resp.StatusCode != c.status {
					t.Fatalf("status %d, want %d\n%s", resp.StatusCode, c.status, body)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q, want application/problem+json", ct)
				}
				var p problemDoc
				if err := json.Unmarshal([]byte(body), &p); err != nil {
					t.Fatalf("not a problem document: %v\n%s", err, body)
				}
				if p.Status != c.status || p.Title != http.StatusText(c.status) || p.Detail != c.detail {
					t.Errorf("problem %+v, want status %d, title %q, detail %q", p, c.status, http.StatusText(c.status), c.detail)
				}
				wantLang := "fr"
				if c.language != "" {
					wantLang = "en"
				}
				if got := resp.Header.Get("Content-Language"); got != wantLang {
					t.Errorf("Content-Language %q, want %q", got, wantLang)
				}
			})
		}
	})
}

func TestRevokedTokenIsUnauthorized(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		token, id := e.tokenWithID(t, berceau.PermNetworkRead)
		if resp, body := e.do(t, "GET", "/api/v1/organisations", bearer(token)); resp.StatusCode != 200 {
			t.Fatalf("before revocation: status %d\n%s", resp.StatusCode, body)
		}
		owner, err := e.app.Accounts.ActorFor(context.Background(), e.member.ID, "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if err := e.app.Accounts.RevokeToken(context.Background(), owner, id); err != nil {
			t.Fatal(err)
		}
		resp, body := e.do(t, "GET", "/api/v1/organisations", bearer(token))
		if resp.StatusCode != 401 {
			t.Fatalf("after revocation: status %d, want 401\n%s", resp.StatusCode, body)
		}
		if strings.Contains(body, e.org.Name) {
			t.Errorf("revoked token still reads %q", e.org.Name)
		}
		if resp, _ := e.do(t, "GET", "/api/v1/organisations", bearer(e.full)); resp.StatusCode != 200 {
			t.Errorf("revoking one token affected another: status %d", resp.StatusCode)
		}
	})
}

func TestDisabledOwnersTokensAreUnauthorized(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		if err := e.app.Admin.SetDisabled(context.Background(), berceau.System("test"), e.member.ID, true); err != nil {
			t.Fatal(err)
		}
		if resp, body := e.do(t, "GET", "/api/v1/me", bearer(e.full)); resp.StatusCode != 401 {
			t.Fatalf("status %d, want 401\n%s", resp.StatusCode, body)
		}
	})
}

func TestOnlyTheBearerSchemeAuthenticates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, testutil.OpenStore(t, "sqlite"))
	cases := []struct {
		name   string
		header string
		status int
	}{
		{"the token under Bearer", "Bearer " + e.full, 200},
		{"the scheme in lower case", "bearer " + e.full, 200},
		{"the token alone", e.full, 401},
		{"the token under Basic", "Basic " + e.full, 401},
		{"Bearer with nothing after it", "Bearer ", 401},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.do(t, "GET", "/api/v1/organisations", map[string]string{"Authorization": c.header})
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, c.status, body)
			}
		})
	}
}

// TestDatabaseDownIsA503WithItsCauseLoggedOnly: a database that cannot
// answer (here a store closed under the API) is 503 with Retry-After and a
// generic message (issue 11 item 14; it was a 500), its cause in the logs.
func TestDatabaseDownIsA503WithItsCauseLoggedOnly(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		resp, body := e.do(t, "GET", "/api/v1/organisations", bearer(e.full))
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("status %d, want 503 with Retry-After\n%s", resp.StatusCode, body)
		}
		var p problemDoc
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatalf("not a problem document: %v\n%s", err, body)
		}
		if !strings.HasPrefix(p.Detail, "La base de données ne peut pas répondre pour le moment.") || len(p.Errors) != 0 {
			t.Errorf("problem %+v: want the generic French message and nothing else", p)
		}
		if strings.Contains(strings.ToLower(body), "closed") || strings.Contains(body, "sql") {
			t.Errorf("the cause reached the client:\n%s", body)
		}
		if !strings.Contains(e.logs.String(), "closed") {
			t.Errorf("the cause is not in the logs:\n%s", e.logs.String())
		}
	})
}

func TestOpenAPIDocumentIsValid31AndListsEveryRoute(t *testing.T) {
	t.Parallel()
	e := newEnv(t, testutil.OpenStore(t, "sqlite"))
	resp, body := e.do(t, "GET", "/api/v1/openapi.json", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "json") {
		t.Errorf("Content-Type %q", ct)
	}
	var raw struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(raw.OpenAPI, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", raw.OpenAPI)
	}

	doc, err := openapi3.NewLoader().LoadFromData([]byte(body))
	if err != nil {
		t.Fatalf("kin-openapi cannot load the document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the document is not valid OpenAPI: %v", err)
	}

	for _, rt := range e.routes {
		if rt.Permission == berceau.PermPublic {
			continue // the document itself and the fallback are not operations
		}
		op := doc.Paths.Find(rt.Path).GetOperation(rt.Method)
		if doc.Paths.Find(rt.Path) == nil || op == nil {
			t.Errorf("route %s %s is not in the document", rt.Method, rt.Path)
			continue
		}
		if got := op.Extensions["x-permission"]; got != string(rt.Permission) {
			t.Errorf("route %s %s: x-permission %v, want %q", rt.Method, rt.Path, got, rt.Permission)
		}
		if op.Security == nil || len(*op.Security) == 0 {
			t.Errorf("route %s %s: no security requirement", rt.Method, rt.Path)
		}
		for _, status := range []int{401, 403} {
			if op.Responses.Status(status) == nil {
				t.Errorf("route %s %s: %d not documented", rt.Method, rt.Path, status)
			}
		}
	}
	if n, want := len(raw.Paths), 7+len(followUpRoutes)+len(eventAPIRoutes)+len(trainingAPIRoutes)+1; n != want { // +1: the public catalogue
		t.Errorf("%d paths in the document, want %d", n, want)
	}
}

func TestNothingIsServedThatLoadsFromAnotherOrigin(t *testing.T) {
	t.Parallel()
	e := newEnv(t, testutil.OpenStore(t, "sqlite"))
	for _, path := range []string{"/api/v1/docs", "/docs", "/api/v1/schemas/Organisation.json", "/schemas/Organisation.json"} {
		if resp, body := e.do(t, "GET", path, nil); resp.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 404 (no documentation page)\n%s", path, resp.StatusCode, body)
		}
	}
	_, doc := e.do(t, "GET", "/api/v1/openapi.json", nil)
	for _, origin := range []string{"unpkg.com", "cdn.jsdelivr", "<script"} {
		if strings.Contains(doc, origin) {
			t.Errorf("the document refers to %q", origin)
		}
	}
	_, org := e.do(t, "GET", "/api/v1/organisations/"+strconv.FormatInt(e.org.ID, 10), bearer(e.full))
	if strings.Contains(org, "$schema") {
		t.Errorf("responses link to a schema endpoint that is not served:\n%s", org)
	}
}

func TestRefusalsAreAuditedWithTheRouteAndTheClient(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		if resp, body := e.do(t, "GET", "/api/v1/sites", bearer(e.narrow)); resp.StatusCode != 403 {
			t.Fatalf("status %d, want 403\n%s", resp.StatusCode, body)
		}
		page, err := e.app.Admin.AuditTrail(context.Background(), berceau.System("test"), berceau.AuditFilter{Action: "access.denied"})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Entries) != 1 {
			t.Fatalf("%d denials audited, want 1: %+v", len(page.Entries), page.Entries)
		}
		got := page.Entries[0]
		if got.ActorID != e.member.ID || got.Outcome != berceau.OutcomeDenied || got.Detail != "GET /api/v1/sites" || got.ClientAddress != "127.0.0.1" {
			t.Errorf("audit entry %+v, want Camille denied GET /api/v1/sites from 127.0.0.1", got)
		}
	})
}

func TestScreeningEvaluateAnswersInTheRequestedLanguage(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		en := "en-CA,en;q=0.9"
		cases := []struct {
			name     string
			query    string
			language string
			wantLang string
			says     string
		}{
			{"French by default", "", "", "fr", "Revenu du ménage de 30\u00a0000\u00a0$, sous le seuil de faible revenu de 38\u00a0000\u00a0$ pour un ménage de 3 personnes."},
			{"English from Accept-Language", "", en, "en", "Household income of $30,000, below the low-income threshold of $38,000 for a household of 3 people."},
			{"English from lang", "?lang=en", "", "en", "Household income of $30,000"},
			{"lang wins over Accept-Language", "?lang=fr", en, "fr", "Revenu du ménage de 30\u00a0000\u00a0$"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				headers := bearer(e.families)
				if c.language != "" {
					headers["Accept-Language"] = c.language
				}
				resp, body := e.send(t, "POST", "/api/v1/screenings/evaluate"+c.query, headers, screeningBody)
				if resp.StatusCode != 200 {
					t.Fatalf("status %d\n%s", resp.StatusCode, body)
				}
				var got struct {
					Outcome    string `json:"outcome"`
					Rulebook   string `json:"rulebook"`
					Thresholds string `json:"thresholds"`
					Criteria   []struct {
						ID          string `json:"id"`
						Met         *bool  `json:"met"`
						Explanation string `json:"explanation"`
					} `json:"criteria"`
				}
				if err := json.Unmarshal([]byte(body), &got); err != nil {
					t.Fatal(err)
				}
				if got.Outcome != "eligible" || got.Rulebook != "sippe@"+care.SIPPEVersion || !strings.HasPrefix(got.Thresholds, "EXAMPLE") ||
					len(got.Criteria) != 3 || got.Criteria[1].ID != "income" || !strings.HasPrefix(got.Criteria[1].Explanation, c.says) {
					t.Errorf("answer %+v, want eligible saying %q", got, c.says)
				}
				if strings.Contains(body, "admissible_from") {
					t.Errorf("admissible_from in an eligible answer:\n%s", body)
				}
				if lang := resp.Header.Get("Content-Language"); lang != c.wantLang {
					t.Errorf("Content-Language %q, want %q", lang, c.wantLang)
				}
			})
		}
		if resp, body := e.send(t, "POST", "/api/v1/screenings/evaluate", bearer(e.full), screeningBody); resp.StatusCode != 403 {
			t.Errorf("a network.read token: status %d, want 403\n%s", resp.StatusCode, body)
		}
		if resp, body := e.send(t, "POST", "/api/v1/screenings/evaluate?lang=de", bearer(e.families), screeningBody); resp.StatusCode != 422 ||
			!strings.Contains(body, "query.lang") {
			t.Errorf("lang=de: status %d, want 422 naming query.lang\n%s", resp.StatusCode, body)
		}
		if resp, body := e.send(t, "GET", "/api/v1/screenings/evaluate", bearer(e.families), ""); resp.StatusCode != 405 {
			t.Errorf("GET: status %d, want 405\n%s", resp.StatusCode, body)
		}
	})
}

func TestScreeningEvaluateRefusesAMalformedBodyNamingTheField(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		en := "en-CA,en;q=0.9"
		type fieldError struct{ Location, Message string }
		cases := []struct {
			name     string
			body     string
			language string
			status   int
			detail   string
			errors   []fieldError
		}{
			{"income as a word", `{"date": "2026-03-16", "annual_income": "abc"}`, "", 422,
				"Les renseignements de l’évaluation d’admissibilité contiennent des valeurs invalides.",
				[]fieldError{{"body.annual_income", "doit être un nombre entier de dollars"}}},
			{"income as a word, in English", `{"date": "2026-03-16", "annual_income": "abc"}`, en, 422,
				"The eligibility screening information holds invalid values.",
				[]fieldError{{"body.annual_income", "must be a whole number of dollars"}}},
			{"unknown key", `{"date": "2026-03-16", "colour": "blue"}`, en, 422, "The eligibility screening information holds invalid values.",
				[]fieldError{{"body.colour", "is not a known field"}}},
			{"no date", `{"lonely": true}`, en, 422, "The eligibility screening information holds invalid values.",
				[]fieldError{{"body.date", "is required"}}},
			{"two bad values", `{"date": "2026-03-16", "household_size": 0, "annual_income": -1}`, en, 422,
				"The eligibility screening information holds invalid values.",
				[]fieldError{{"body.annual_income", "cannot be negative"}, {"body.household_size", "must be between 1 and 50 people"}}},
			{"birth after the date", `{"date": "2026-03-16", "youngest_child_birth_date": "2026-04-01"}`, en, 422,
				"The eligibility screening information holds invalid values.",
				[]fieldError{{"body.youngest_child_birth_date", "is after the screening date"}}},
			{"not an object", `[]`, en, 422, "The document must be one JSON object.", nil},
			{"not JSON", `date=2026-03-16`, "", 422, "Le document doit être un seul objet JSON.", nil},
			{"no body", ``, en, 400, "The request is malformed.", nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				headers := bearer(e.families)
				headers["Content-Type"] = "application/json"
				if c.language != "" {
					headers["Accept-Language"] = c.language
				}
				resp, body := e.send(t, "POST", "/api/v1/screenings/evaluate", headers, c.body)
				if resp.StatusCode != c.status {
					t.Fatalf("status %d, want %d\n%s", resp.StatusCode, c.status, body)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type %q, want application/problem+json", ct)
				}
				var p problemDoc
				if err := json.Unmarshal([]byte(body), &p); err != nil {
					t.Fatalf("not a problem document: %v\n%s", err, body)
				}
				if c.status == 400 {
					if p.Status != 400 {
						t.Errorf("problem %+v", p)
					}
					return
				}
				var got []fieldError
				for _, fe := range p.Errors {
					got = append(got, fieldError{fe.Location, fe.Message})
				}
				if p.Status != c.status || p.Detail != c.detail || !reflect.DeepEqual(got, c.errors) {
					t.Errorf("problem %+v\nwant detail %q, errors %v", p, c.detail, c.errors)
				}
			})
		}
	})
}

func TestScreeningOperationDocumentsItsJSONBody(t *testing.T) {
	t.Parallel()
	e := newEnv(t, testutil.OpenStore(t, "sqlite"))
	_, body := e.do(t, "GET", "/api/v1/openapi.json", nil)
	doc, err := openapi3.NewLoader().LoadFromData([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Find("/api/v1/screenings/evaluate").GetOperation("POST")
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		t.Fatalf("no request body documented:\n%s", body)
	}
	content := op.RequestBody.Value.Content
	if len(content) != 1 || content.Get("application/json") == nil {
		t.Fatalf("request body content types %v, want application/json only", content)
	}
	schema := content.Get("application/json").Schema.Value
	for _, name := range []string{"date", "pregnancy_due_date", "youngest_child_birth_date", "household_size", "annual_income",
		"secondary_diploma", "socially_isolated", "lonely"} {
		if schema.Properties[name] == nil {
			t.Errorf("input schema lacks %s", name)
		}
	}
	if !reflect.DeepEqual(schema.Required, []string{"date"}) {
		t.Errorf("required %v, want [date]", schema.Required)
	}
	ok := op.Responses.Status(200)
	if ok == nil || ok.Value.Content.Get("application/json") == nil {
		t.Fatal("no 200 answer documented")
	}
	out := ok.Value.Content.Get("application/json").Schema.Value
	for _, name := range []string{"outcome", "admissible_from", "rulebook", "thresholds", "criteria"} {
		if out.Properties[name] == nil {
			t.Errorf("output schema lacks %s", name)
		}
	}
}
