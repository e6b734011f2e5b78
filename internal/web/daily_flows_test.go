package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// demoTeam finds a demo care team by slug, with its site.
func demoTeam(t *testing.T, st *store.Store, slug string) (siteID, teamID int64, siteName string) {
	t.Helper()
	ctx := context.Background()
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		teams, err := tx.ListTeams(ctx)
		if err != nil {
			return err
		}
		for _, tm := range teams {
			if tm.Slug == slug {
				siteID, teamID = tm.SiteID, tm.ID
			}
		}
		sites, err := tx.ListSites(ctx)
		for _, s := range sites {
			if s.ID == siteID {
				siteName = s.Name
			}
		}
		return err
	})
	if err != nil || teamID == 0 {
		t.Fatalf("demo team %s: %v", slug, err)
	}
	return siteID, teamID, siteName
}

func TestATransferToAnotherSiteLandsOnAPageSayingWhereTheFileWent(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	file := "/families/" + itoa(demoFamilyIDs(t, ts.store)["Kaur"])
	site, team, siteName := demoTeam(t, ts.store, "saint-gilles-1000-jours")
	b := ts.newBrowser(t)
	b.signIn("coordination@berceau.example")
	resp, _ := b.post(file+"/transfer", url.Values{"site": {itoa(site)}, "team": {itoa(team)}, "reason": {"Déménagement à Bruxelles"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("transfer: status %d", resp.StatusCode)
	}
	resp, body := b.get(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("after the transfer the coordinator lands on status %d", resp.StatusCode)
	}
	mustContain(t, "the page after the transfer", body, "Dossier transféré", "transféré au site "+siteName, "plus dans votre périmètre")
	// The file itself is out of her reach now, as it should be.
	if resp, _ := b.get(file); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the transferred file: status %d", resp.StatusCode)
	}
	// Someone who did not make the transfer learns nothing from that page.
	other := ts.newBrowser(t)
	other.signIn("infirmiere@berceau.example")
	if resp, _ := other.get(file + "/transferred"); resp.StatusCode == http.StatusOK {
		t.Errorf("a practitioner reads the transfer receipt: status %d", resp.StatusCode)
	}
}

func TestTheContactEditPageIsTitledAsAnEditAndTheConflictPointsBelow(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	haddad := "/families/" + itoa(demoFamilyIDs(t, ts.store)["Haddad"])
	nurse, social := ts.newBrowser(t), ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	social.signIn("travail.social@berceau.example")
	_, page := nurse.get(haddad + "/follow-up")
	m := regexp.MustCompile(`href="(` + haddad + `/contacts/\d+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no contact on the follow-up page")
	}
	_, form := nurse.get(m[1])
	mustContain(t, "the edit page", form, "<h1>Modifier le contact</h1>", "<title>Modifier le contact")
	if strings.Contains(form, "Nouveau contact") {
		t.Error("the edit page is called a new contact")
	}
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(form)[1]
	edit := func(notes string) url.Values {
		return url.Values{"kind": {"office_visit"}, "on": {time.Now().Format("2006-01-02")}, "minutes": {"45"}, "outcome": {"done"},
			"notes": {notes}, "version": {version}}
	}
	if resp, _ := social.post(m[1], edit("Version de Julien")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first save: %d", resp.StatusCode)
	}
	resp, body := nurse.post(m[1], edit("Version d’Amina"))
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("the second save: %d", resp.StatusCode)
	}
	message, theirs := strings.Index(body, "sa version est affichée ci-dessous"), strings.Index(body, "Version de Julien")
	if message < 0 || theirs < 0 || theirs < message {
		t.Errorf("the conflict message (at %d) must point to the other version where it is (at %d)", message, theirs)
	}
}

func TestAnInviteeIsShownAsInvitedAndTheMailNamesTheNetworkOnce(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	admin := ts.newBrowser(t)
	admin.signIn("admin@berceau.example")
	resp, body := admin.post("/admin/users/invite", url.Values{"email": {"rosalie@berceau.example"}, "display_name": {"Rosalie Nkemba"},
		"discipline": {"midwife"}, "locale": {"fr"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("invitation: %d\n%s", resp.StatusCode, body)
	}
	_, body = admin.get("/admin/users")
	row := body[strings.Index(body, "Rosalie Nkemba"):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, "Invitation envoyée") || strings.Contains(row, "Actif") {
		t.Errorf("the invitee's row: %s", row)
	}
	if _, body = admin.get("/admin/users"); !strings.Contains(body[strings.Index(body, "Amina Diallo"):], "Actif") {
		t.Error("an account in use is no longer shown as active")
	}
	var mails []store.OutboxMessage
	ts.store.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		mails, err = tx.ListOutbox(context.Background(), 10)
		return err
	})
	if len(mails) == 0 || mails[0].Recipient != "rosalie@berceau.example" {
		t.Fatalf("no invitation in the outbox: %+v", mails)
	}
	if strings.Contains(mails[0].Body, "réseau Réseau") || !strings.Contains(mails[0].Body, "« Réseau Berceau") {
		t.Errorf("the invitation names the network twice or not at all:\n%s", mails[0].Body)
	}
}

// TestATeamDecisionThatCanNeverReachItsQuorumIsRefusedAndParticipantsAreMailed
// proposes a decision with two social workers (refused, naming what is
// missing), then a valid one: the other participant is mailed in her
// language unless she turned it off on her account page.
func TestATeamDecisionThatCanNeverReachItsQuorumIsRefusedAndParticipantsAreMailed(t *testing.T) {
	ts := newSQLiteServer(t, Options{})
	users, file := demoUserIDs(t, ts.store), "/families/"+itoa(demoFamilyIDs(t, ts.store)["Kaur"])
	social := ts.newBrowser(t)
	social.signIn("travail.social@berceau.example")
	rationale := "Isolement marqué, admission sur jugement clinique."
	resp, body := social.post(file+"/decisions", url.Values{"verdict": {"admit"}, "rationale": {rationale},
		"participants": {itoa(users["travail.social@berceau.example"]), itoa(users["coordination@berceau.example"])}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("two social workers: status %d", resp.StatusCode)
	}
	mustContain(t, "the refusal", body, "Disciplines réunies : Travail social. Une décision d’équipe en exige 2 différentes", rationale)

	outbox := func() []store.OutboxMessage {
		var mails []store.OutboxMessage
		ts.store.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
			mails, err = tx.ListOutbox(context.Background(), 50)
			return err
		})
		return mails
	}
	before := len(outbox())
	resp, _ = social.post(file+"/decisions", url.Values{"verdict": {"admit"}, "rationale": {rationale},
		"participants": {itoa(users["travail.social@berceau.example"]), itoa(users["infirmiere@berceau.example"])}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a valid proposal: status %d", resp.StatusCode)
	}
	decision := resp.Header.Get("Location")
	decision = decision[:strings.Index(decision, "?")]
	mails := outbox()
	if len(mails) != before+1 || mails[0].Recipient != "infirmiere@berceau.example" {
		t.Fatalf("after the proposal the outbox holds %d new mails (want 1, to the nurse only): %+v", len(mails)-before, mails[0])
	}
	if !strings.Contains(mails[0].Subject, "Une décision d’équipe attend votre confirmation") || !strings.Contains(mails[0].Body, decision) ||
		strings.Contains(mails[0].Body, "Kaur") {
		t.Errorf("the mail:\n%s\n%s", mails[0].Subject, mails[0].Body)
	}

	// The nurse turns the mail off: the next proposal is not mailed to her.
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	_, body = nurse.get("/account")
	mustContain(t, "the account page", body, `name="mail_decisions" value="on" checked`)
	if resp, _ := nurse.post("/account/notifications", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("turning the mail off: %d", resp.StatusCode)
	}
	if _, body = nurse.get("/account?done=notifications"); strings.Contains(body, `value="on" checked`) {
		t.Error("the preference is still shown on")
	}
	social.post(file+"/decisions", url.Values{"verdict": {"admit"}, "rationale": {rationale + " Bis."},
		"participants": {itoa(users["travail.social@berceau.example"]), itoa(users["infirmiere@berceau.example"])}})
	if n := len(outbox()); n != before+1 {
		t.Errorf("a participant who turned mail off was mailed (%d new mails)", n-before)
	}
}
