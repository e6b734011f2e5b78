package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/demo"
	"github.com/pquerna/otp/totp"
)

func TestFormsKeepWhatWasTypedWhenTheyShowAnError(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	anon := ts.newBrowser(t)
	resp, body := anon.post("/signin", url.Values{"email": {"rosalie@berceau.example"}, "password": {"wrong one"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="rosalie@berceau.example"`) || !strings.Contains(body, "Adresse courriel ou mot de passe incorrect.") {
		t.Fatalf("sign-in error: %d\n%s", resp.StatusCode, body)
	}
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	resp, body = admin.post("/admin/users/invite", url.Values{"email": {"pas-une-adresse"}, "display_name": {"Rosalie Nkemba"},
		"discipline": {"midwife"}, "locale": {"en"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="Rosalie Nkemba"`) || !strings.Contains(body, "Cette adresse courriel n’est pas valide.") ||
		!strings.Contains(body, `<option value="midwife" selected>`) {
		t.Fatalf("invitation error: %d\n%s", resp.StatusCode, body)
	}
	resp, body = admin.post("/admin/sites", url.Values{"name": {"Antenne Molenbeek"}, "slug": {"Pas Valide"}, "address": {"Rue de Ribaucourt 22"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="Antenne Molenbeek"`) || !strings.Contains(body, `value="Rue de Ribaucourt 22"`) ||
		!strings.Contains(body, "L’identifiant ne peut contenir") {
		t.Fatalf("site error: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = admin.post("/admin/sites", url.Values{"name": {"Antenne Molenbeek"}, "slug": {"antenne-molenbeek"}, "organisation": {"2"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a valid site: %d", resp.StatusCode)
	}
	if _, body = admin.get("/admin/organisations"); !strings.Contains(body, "Antenne Molenbeek") {
		t.Fatal("the new site is not listed")
	}
}

func TestSignOutEndsEverySessionOfTheUser(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	laptop, phone := ts.newBrowser(t), ts.newBrowser(t)
	laptop.signIn("membre@berceau.example")
	phone.signIn("membre@berceau.example")
	if resp, _ := phone.get("/account"); resp.StatusCode != 200 {
		t.Fatalf("phone session: %d", resp.StatusCode)
	}
	if resp, _ := laptop.post("/signout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %d", resp.StatusCode)
	}
	for name, b := range map[string]*browser{"laptop": laptop, "phone": phone} {
		if resp, _ := b.get("/account"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
			t.Errorf("%s after sign-out: %d %s", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestAccountPageListsSessionsAndEndsAnother(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	laptop, phone := ts.newBrowser(t), ts.newBrowser(t)
	laptop.signIn("contenu@berceau.example")
	phone.signIn("contenu@berceau.example")
	_, body := laptop.get("/account")
	if strings.Count(body, "/account/sessions/") != 1 || !strings.Contains(body, "Cette session") {
		t.Fatalf("account page should list two sessions, one of them this one:\n%s", body)
	}
	i := strings.Index(body, "/account/sessions/")
	action := body[i : i+strings.Index(body[i:], `"`)]
	if resp, _ := laptop.post(action, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("ending the other session: %d", resp.StatusCode)
	}
	if resp, _ := phone.get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the ended session still works: %d", resp.StatusCode)
	}
	if resp, _ := laptop.get("/account"); resp.StatusCode != 200 {
		t.Fatalf("this session ended too: %d", resp.StatusCode)
	}
}

func TestDisablingAnAccountEndsItsOpenSession(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	member, admin := ts.newBrowser(t), ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	admin.signIn("admin@berceau.example")
	ids := demoUserIDs(t, ts.store)
	resp, _ := admin.post("/admin/users/"+itoa(ids["membre@berceau.example"])+"/disable", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := member.get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a disabled account still opens its account page: %d", resp.StatusCode)
	}
}

func TestSignedInLanguageFollowsTheAccount(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("evaluation@berceau.example") // her account is in English
	if _, body := b.get("/"); !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Hélène Martin") {
		t.Fatal("the signed-in home page is not in the account's language")
	}
	if resp, _ := b.post("/account/locale", url.Values{"locale": {"fr"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set locale: %d", resp.StatusCode)
	}
	if _, body := b.get("/account?done=locale"); !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "Votre langue est enregistrée.") {
		t.Fatal("the account's new language is not used")
	}
}

func TestAdministratorPutsAPersonInCareTeams(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	ids := demoUserIDs(t, ts.store)
	page := "/admin/users/" + itoa(ids["medecin@berceau.example"])
	_, body := admin.get(page)
	if !strings.Contains(body, "Équipe pédiatrie sociale Hochelaga") || !strings.Contains(body, "Équipe 1000 jours Saint-Gilles") {
		t.Fatalf("teams are not offered:\n%s", body)
	}
	var values []string
	for _, name := range []string{"Équipe périnatalité Parc-Extension", "Équipe 1000 jours Saint-Gilles"} {
		i := strings.Index(body, name)
		j := strings.LastIndex(body[:i], `value="`)
		values = append(values, body[j+7:j+7+strings.Index(body[j+7:], `"`)])
	}
	resp, _ := admin.post(page+"/teams", url.Values{"teams": values})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set teams: %d", resp.StatusCode)
	}
	_, body = admin.get("/admin/organisations")
	for _, team := range []string{"Équipe périnatalité Parc-Extension", "Équipe 1000 jours Saint-Gilles"} {
		i := strings.Index(body, team)
		line := body[i : i+strings.Index(body[i:], "</li>")]
		if !strings.Contains(line, "Dre Nathalie Pham") {
			t.Errorf("%s does not list the physician: %s", team, line)
		}
	}
	i := strings.Index(body, "Équipe pédiatrie sociale Hochelaga")
	if line := body[i : i+strings.Index(body[i:], "</li>")]; strings.Contains(line, "Dre Nathalie Pham") {
		t.Errorf("the physician is still in her former team: %s", line)
	}
}

func TestSecondFactorCanBeTurnedOnFromTheAccountAndResetByAnAdministrator(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	member := ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	_, body := member.get("/account/second-factor")
	i := strings.Index(body, `<code class="secret">`)
	if i < 0 {
		t.Fatalf("no secret shown:\n%s", body)
	}
	secret := body[i+len(`<code class="secret">`):]
	secret = secret[:strings.Index(secret, "<")]
	code, _ := totp.GenerateCode(secret, time.Now())
	resp, body := member.post("/account/second-factor", url.Values{"code": {code}, "current_password": {demo.Password}})
	if resp.StatusCode != 200 || strings.Count(body, "<li><code>") != 10 {
		t.Fatalf("confirming: %d\n%s", resp.StatusCode, body)
	}
	again := ts.newBrowser(t)
	resp, _ = again.post("/signin", url.Values{"email": {"membre@berceau.example"}, "password": {demo.Password}})
	if resp.Header.Get("Location") != "/signin/code" {
		t.Fatalf("after turning it on, sign-in goes to %q", resp.Header.Get("Location"))
	}
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	ids := demoUserIDs(t, ts.store)
	if resp, _ := admin.post("/admin/users/"+itoa(ids["membre@berceau.example"])+"/second-factor/reset", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset request: %d", resp.StatusCode)
	}
	// A second administrator approves (TestRemovingASecondFactorTakesTwoAdministrators).
	if _, err := ts.web.app.Admin.AddUser(context.Background(), berceau.System("test"), app.NewAccount{Email: "admin2@berceau.example",
		DisplayName: "Second Admin", Password: demo.Password, Roles: []berceau.RoleGrant{{Role: berceau.RoleNetworkAdmin}}}); err != nil {
		t.Fatal(err)
	}
	approver := ts.newBrowser(t)
	approver.signIn("admin2@berceau.example")
	if resp, _ := approver.post("/admin/users/"+itoa(ids["membre@berceau.example"])+"/second-factor/approve", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset approval: %d", resp.StatusCode)
	}
	if resp, _ := member.get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatal("the reset did not end the member's session")
	}
	third := ts.newBrowser(t)
	resp, _ = third.post("/signin", url.Values{"email": {"membre@berceau.example"}, "password": {demo.Password}})
	if resp.Header.Get("Location") != "/" {
		t.Fatalf("after the reset, sign-in goes to %q", resp.Header.Get("Location"))
	}
}

func TestAdministratorRenamesTheNetwork(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	resp, body := admin.post("/admin/settings", url.Values{"network_name": {strings.Repeat("x", 121)}})
	if resp.StatusCode != 422 || !strings.Contains(body, "120 caractères au plus") {
		t.Fatalf("too long a name: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/admin/settings", url.Values{"network_name": {"Réseau périnatal Sud-Ouest–Verdun"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	if _, body := ts.newBrowser(t).get("/"); !strings.Contains(body, "<h1>Réseau périnatal Sud-Ouest–Verdun</h1>") {
		t.Fatal("the home page does not show the new name at once")
	}
}

func TestAdministratorRenamesASiteAndKeepsWhatWasTypedOnError(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	resp, body := admin.post("/admin/sites/1", url.Values{"name": {"  "}, "address": {"4500, rue Hochelaga"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="4500, rue Hochelaga"`) || !strings.Contains(body, "<details class=\"rename\" open>") {
		t.Fatalf("empty name: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/admin/sites/1", url.Values{"name": {"Les Premiers Pas — Mercier"}, "address": {"4500, rue Hochelaga"}, "city": {"Montréal"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	if _, body := ts.newBrowser(t).get("/"); !strings.Contains(body, "Les Premiers Pas — Mercier") || !strings.Contains(body, "4500, rue Hochelaga") {
		t.Fatal("the home page does not show the renamed site")
	}
}

func TestAdministratorImportsTheYearsThresholds(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	if _, body := admin.get("/admin/thresholds"); !strings.Contains(body, "EXEMPLE") {
		t.Fatal("the example table is not labelled as such")
	}
	resp, body := admin.post("/admin/thresholds", url.Values{"year": {"2027"}, "csv": {"household_size,threshold\n1,26000\n2,abc\n"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "ligne 3") || !strings.Contains(body, "2,abc") {
		t.Fatalf("a bad table: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = admin.post("/admin/thresholds", url.Values{"year": {"2027"}, "label": {"Statistique Canada, MFR"}, "csv": {"household_size,threshold\n1,26000\n2,32500\n3,39800\n"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	if _, body := admin.get("/admin/thresholds"); !strings.Contains(body, "2027 — Statistique Canada, MFR") || !strings.Contains(body, "39\u00a0800") {
		t.Fatal("the imported table is not in force")
	}
}
