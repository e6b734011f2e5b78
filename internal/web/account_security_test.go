package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/pquerna/otp/totp"
)

// grantChoice finds, on an administrator's account page, the value of a
// role's option at a site.
func grantChoice(t *testing.T, page string, role berceau.Role) string {
	t.Helper()
	m := regexp.MustCompile(`value="(` + string(role) + `:[1-9][0-9]*:[1-9][0-9]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s option at a site on the page", role)
	}
	return m[1]
}

// newToken creates a token on the account page and returns it ("" when
// the page refused it) with the response's status.
func (b *browser) newToken(form url.Values) (string, int) {
	resp, page := b.post("/account/tokens", form)
	i := strings.Index(page, `id="new-token">`)
	if i < 0 {
		return "", resp.StatusCode
	}
	token := page[i+len(`id="new-token">`):]
	return token[:strings.Index(token, "<")], resp.StatusCode
}

func TestAnAdministratorCannotGrantThemselvesARole(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example") // no family data: no second factor
	ids := demoUserIDs(t, ts.store)
	self := "/admin/users/" + itoa(ids["admin@berceau.example"])
	_, page := admin.get(self)
	coordinator := grantChoice(t, page, berceau.RoleSiteCoordinator)
	resp, body := admin.post(self+"/roles", url.Values{"roles": {"network_admin:0:0", coordinator}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Vous ne pouvez pas vous attribuer un rôle.") {
		t.Fatalf("granting oneself a coordinator role: %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := admin.get("/families"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the administrator's session reads family files: %d", resp.StatusCode)
	}
	var roles []berceau.RoleGrant
	_ = ts.store.ReadTx(context.Background(), func(tx *store.Tx) error {
		u, err := tx.UserByID(context.Background(), ids["admin@berceau.example"])
		roles = u.Roles
		return err
	})
	if len(roles) != 1 || roles[0].Role != berceau.RoleNetworkAdmin {
		t.Fatalf("the administrator's roles are now %+v", roles)
	}
}

func TestARoleChangeEndsTheAccountsSessionsAndRevokesItsTokens(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	evaluator, admin := ts.newBrowser(t), ts.newBrowser(t)
	evaluator.signIn("evaluation@berceau.example") // no family data: no second factor
	admin.signIn("admin@berceau.example")
	token, status := evaluator.newToken(url.Values{"name": {"script"}, "scopes": {"network.read"}, "days": {"30"}, "current_password": {demo.Password}})
	if token == "" {
		t.Fatalf("the evaluator's token: %d", status)
	}
	ids := demoUserIDs(t, ts.store)
	page := "/admin/users/" + itoa(ids["evaluation@berceau.example"])
	_, body := admin.get(page)
	practitioner := grantChoice(t, body, berceau.RolePractitioner)
	if resp, body := admin.post(page+"/roles", url.Values{"roles": {"evaluator:0:0", practitioner}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("giving the evaluator a practitioner role: %d\n%s", resp.StatusCode, body)
	}
	resp, _ := evaluator.get("/families")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Fatalf("the evaluator's open session after the role change: %d %s, want it ended", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = ts.do(t, "GET", "/api/v1/organisations", nil, map[string]string{"Authorization": "Bearer " + token})
	if resp.StatusCode == http.StatusOK {
		t.Fatal("the evaluator's token still works after the role change")
	}
	if _, body := admin.get("/admin/audit?action=admin.user.roles"); !strings.Contains(body, "1 session(s) ended, 1 token(s) revoked") {
		t.Fatal("the audit trail does not say what the role change ended")
	}
}

func TestASessionWithoutSecondFactorReachesNoFamilyDataWhateverItsRoles(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	evaluator := ts.newBrowser(t)
	evaluator.signIn("evaluation@berceau.example")
	// The account gains a family role behind the application's back (a
	// database edit, an import): its open session must still not read files
	// nor mint a family token, because it never passed a second factor.
	ctx := context.Background()
	ids := demoUserIDs(t, ts.store)
	var orgID, siteID int64
	if err := ts.store.WriteTx(ctx, func(tx *store.Tx) error {
		org, err := tx.OrganisationBySlug(ctx, "premiers-pas")
		if err != nil {
			return err
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		for _, site := range sites {
			if site.OrganisationID == org.ID {
				orgID, siteID = org.ID, site.ID
			}
		}
		return tx.ReplaceRoles(ctx, ids["evaluation@berceau.example"], []berceau.RoleGrant{
			{Role: berceau.RoleEvaluator}, {Role: berceau.RolePractitioner, OrganisationID: orgID, SiteID: siteID}})
	}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := evaluator.get("/families"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a session without second factor lists families: %d", resp.StatusCode)
	}
	token, status := evaluator.newToken(url.Values{"name": {"x"}, "scopes": {"families.write"}, "days": {"30"}, "current_password": {demo.Password}})
	if token != "" || status != http.StatusUnprocessableEntity {
		t.Fatalf("a session without second factor minted a families.write token (%d)", status)
	}
	// A session that passed one reads them (the demo's evaluator has a
	// second factor set up, like every demo account).
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	if resp, _ := nurse.get("/families"); resp.StatusCode != http.StatusOK {
		t.Fatalf("a practitioner's session with a second factor: %d", resp.StatusCode)
	}
}

func TestTheOutboxShowsPendingMailWithoutItsLink(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	if resp, _ := admin.post("/admin/users/invite", url.Values{"email": {"rosalie@berceau.example"}, "display_name": {"Rosalie Nkemba"},
		"discipline": {"midwife"}, "locale": {"fr"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	if resp, _ := ts.newBrowser(t).post("/password/forgot", url.Values{"email": {"membre@berceau.example"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("reset request: %d", resp.StatusCode)
	}
	_, body := admin.get("/admin/outbox")
	if !strings.Contains(body, "rosalie@berceau.example") || !strings.Contains(body, "membre@berceau.example") || !strings.Contains(body, app.LinkRedacted) {
		t.Fatalf("the outbox does not say which mail waits for whom:\n%s", body)
	}
	if strings.Contains(body, "/invitation/") || strings.Contains(body, "/password/reset/") {
		t.Fatalf("the outbox shows a single-use link:\n%s", body)
	}
}

func TestRemovingASecondFactorTakesTwoAdministrators(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	ctx := context.Background()
	if _, err := ts.web.app.Admin.AddUser(ctx, berceau.System("test"), app.NewAccount{Email: "admin2@berceau.example", DisplayName: "Second Admin",
		Password: demo.Password, Roles: []berceau.RoleGrant{{Role: berceau.RoleNetworkAdmin}}}); err != nil {
		t.Fatal(err)
	}
	nurse, first, second := ts.newBrowser(t), ts.newBrowser(t), ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	first.signIn("admin@berceau.example")
	second.signIn("admin2@berceau.example")
	page := "/admin/users/" + itoa(demoUserIDs(t, ts.store)["infirmiere@berceau.example"])
	if resp, _ := first.post(page+"/second-factor/reset", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("request: %d", resp.StatusCode)
	}
	if resp, _ := nurse.get("/families"); resp.StatusCode != http.StatusOK {
		t.Fatalf("a request alone changed the nurse's account: %d", resp.StatusCode)
	}
	resp, body := first.post(page+"/second-factor/approve", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Une autre personne que celle qui a demandé") {
		t.Fatalf("the requester approving their own request: %d", resp.StatusCode)
	}
	if _, body := second.get(page); !strings.Contains(body, "Martine Lefebvre a demandé") {
		t.Fatalf("the second administrator does not see the request:\n%s", body)
	}
	if resp, _ := second.post(page+"/second-factor/approve", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approval by a second administrator: %d", resp.StatusCode)
	}
	if resp, _ := nurse.get("/families"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the nurse's session survived the removal of her second factor: %d", resp.StatusCode)
	}
	_, body = second.get("/admin/audit?action=admin.user.second_factor_reset")
	if !strings.Contains(body, "admin.user.second_factor_reset.request") || !strings.Contains(body, "approved") {
		t.Fatal("the request and the approval are not both audited")
	}
}

func TestCreatingATokenAndChangingOnesSecondFactorAskForThePassword(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	member := ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	for name, pw := range map[string][]string{"no password": nil, "a wrong password": {"not my password"}} {
		if token, status := member.newToken(url.Values{"name": {"x"}, "scopes": {"network.read"}, "days": {"30"}, "current_password": pw}); token != "" || status != http.StatusUnprocessableEntity {
			t.Fatalf("a token with %s: %d", name, status)
		}
	}
	if token, _ := member.newToken(url.Values{"name": {"x"}, "scopes": {"network.read"}, "days": {"30"}, "current_password": {demo.Password}}); token == "" {
		t.Fatal("no token with the right password")
	}
	_, body := member.get("/account/second-factor")
	i := strings.Index(body, `<code class="secret">`)
	secret := body[i+len(`<code class="secret">`):]
	secret = secret[:strings.Index(secret, "<")]
	code, _ := totp.GenerateCode(secret, time.Now())
	resp, body := member.post("/account/second-factor", url.Values{"code": {code}})
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.Count(body, "<li><code>") != 0 {
		t.Fatalf("a new second factor without the password: %d", resp.StatusCode)
	}
	resp, body = member.post("/account/second-factor", url.Values{"code": {code}, "current_password": {demo.Password}})
	if resp.StatusCode != http.StatusOK || strings.Count(body, "<li><code>") != 10 {
		t.Fatalf("a new second factor with the password: %d", resp.StatusCode)
	}
}

func TestTheCodeStepSendsBackToThePasswordAfterFiveWrongCodes(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	resp, _ := b.post("/signin", url.Values{"email": {"infirmiere@berceau.example"}, "password": {demo.Password}})
	if resp.Header.Get("Location") != "/signin/code" {
		t.Fatalf("sign-in goes to %q", resp.Header.Get("Location"))
	}
	for i := 1; i < 5; i++ {
		if resp, _ := b.post("/signin/code", url.Values{"code": {"000000"}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong code %d: %d", i, resp.StatusCode)
		}
	}
	resp, body := b.post("/signin/code", url.Values{"code": {"000000"}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Trop de codes erronés") || !strings.Contains(body, `action="/signin"`) {
		t.Fatalf("fifth wrong code: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = b.post("/signin/code", url.Values{"code": {demoCode(t, 0)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin" {
		t.Fatalf("the right code after the lock: %d %s, want back to the password", resp.StatusCode, resp.Header.Get("Location"))
	}
}
