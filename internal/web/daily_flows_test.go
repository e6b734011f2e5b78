package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
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
	t.Parallel()
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
	t.Parallel()
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
	mustContain(t, "the edit page", form, "<h1>Modifier le contact</h1>")
	if title := form[strings.Index(form, "<title>"):strings.Index(form, "</title>")]; !strings.Contains(title, "Modifier le contact") {
		t.Errorf("the edit page's title: %s", title)
	}
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
	t.Parallel()
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
	t.Parallel()
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
	mustContain(t, "the account page", body, `name="mail_decisions" value="1" checked`)
	if resp, _ := nurse.post("/account/notifications", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("turning the mail off: %d", resp.StatusCode)
	}
	if _, body = nurse.get("/account?done=notifications"); strings.Contains(body, `name="mail_decisions" value="1" checked`) {
		t.Error("the preference is still shown on")
	}
	social.post(file+"/decisions", url.Values{"verdict": {"admit"}, "rationale": {rationale + " Bis."},
		"participants": {itoa(users["travail.social@berceau.example"]), itoa(users["infirmiere@berceau.example"])}})
	if n := len(outbox()); n != before+1 {
		t.Errorf("a participant who turned mail off was mailed (%d new mails)", n-before)
	}
}

// TestASharingConsentPickedFromTheDirectoryCoversItsServices: a referral to
// a directory service is checked against the consent by organisation id; a
// consent typed with a near name does not count; the refusal links to the
// consent form with the partner already chosen.
func TestASharingConsentPickedFromTheDirectoryCoversItsServices(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	file := "/families/" + itoa(demoFamilyIDs(t, ts.store)["Haddad"])
	org := directory.NameUUID("demo-org:marraines")
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	today, nextYear := time.Now().Format("2006-01-02"), time.Now().AddDate(0, 0, 365).Format("2006-01-02")

	// The old way: a consent typed with the partner's everyday name.
	if resp, body := nurse.post(file+"/consents", url.Values{"kind": {"sharing"}, "partner": {"Les Marraines d'allaitement"},
		"given_on": {today}, "expires_on": {nextYear}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a free-text consent: %d\n%s", resp.StatusCode, body)
	}
	resp, _ := nurse.post(file+"/referrals", url.Values{"service": {demoServiceID("marraines", "halte")}, "reason": {"Soutien à l’allaitement"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("referral: %d", resp.StatusCode)
	}
	referral := resp.Header.Get("Location")
	referral = referral[:strings.Index(referral, "?")]
	send := func() (*http.Response, string) {
		_, page := nurse.get(referral)
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
		return nurse.post(referral+"/move", url.Values{"to": {"sent"}, "version": {version}, "reason": {"Envoyée"}})
	}
	resp, body := send()
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("sending with only a near-named consent: %d", resp.StatusCode)
	}
	link := `href="` + file + `/consents?kind=sharing&amp;partner_org=` + org + `#consent-form"`
	mustContain(t, "the refusal", body, "La famille n’a pas consenti au partage avec cet organisme", link)

	// The link opens the form with the organisation chosen.
	_, form := nurse.get(file + "/consents?kind=sharing&partner_org=" + org)
	mustContain(t, "the consent form", form, `<option value="`+org+`" selected>Les Marraines d&#39;allaitement (fictif)</option>`, `value="sharing" checked`)
	if resp, body := nurse.post(file+"/consents", url.Values{"kind": {"sharing"}, "partner_org": {org},
		"given_on": {today}, "expires_on": {nextYear}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a consent picked from the directory: %d\n%s", resp.StatusCode, body)
	}
	if resp, body := send(); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sending with the consent picked from the directory: %d\n%s", resp.StatusCode, body)
	}
	// An organisation that is not in the directory is refused, nothing written.
	if resp, _ := nurse.post(file+"/consents", url.Values{"kind": {"sharing"}, "partner_org": {berceau.NewUUID()},
		"given_on": {today}, "expires_on": {nextYear}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unknown organisation: %d", resp.StatusCode)
	}
}

// TestNoScreeningWithoutTheConsentToProcessData: the intake asks for the
// consent; a file opened without it cannot be screened (a clear message and
// a link to record it); once recorded, the screening runs and numbers its
// criteria once.
func TestNoScreeningWithoutTheConsentToProcessData(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	site, team, _ := demoTeam(t, ts.store, "parc-ex-perinatalite")
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	_, form := nurse.get("/families/new")
	mustContain(t, "the intake form", form, `name="processing_consent"`, "Consentement au traitement des données")
	intake := url.Values{"place": {itoa(site) + ":" + itoa(team)}, "pregnant_given_name": {"Zoé"}, "pregnant_surname": {"Lavoie-Tremblay"},
		"due_date": {time.Now().AddDate(0, 0, 120).Format("2006-01-02")}}
	resp, body := nurse.post("/families", intake)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("intake without consent: %d\n%s", resp.StatusCode, body)
	}
	file := resp.Header.Get("Location")
	file = file[:strings.Index(file, "?")]
	id := strings.TrimPrefix(file, "/families/")
	idNum, _ := strconv.ParseInt(id, 10, 64)
	resp, body = nurse.post(file+"/screenings", screeningValues(100, 3, 20000, "no", "unknown", "unknown"))
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("a screening without the consent: %d", resp.StatusCode)
	}
	mustContain(t, "the refusal", body, "aucune évaluation ne peut être faite", `href="`+file+`/consents?kind=processing#consent-form"`)
	if resp, _ := nurse.post(file+"/consents", url.Values{"kind": {"processing"}, "given_on": {time.Now().Format("2006-01-02")}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording the consent: %d", resp.StatusCode)
	}
	path := screen(t, nurse, idNum, screeningValues(100, 3, 20000, "no", "unknown", "unknown"))
	_, body = nurse.get(path)
	mustContain(t, "the screening", body, "<strong>Situation : femme enceinte")
	if regexp.MustCompile(`<strong>\d\. `).MatchString(body) {
		t.Error("the criteria are numbered twice (the list numbers them)")
	}

	// Given at intake, the consent is recorded with the file.
	intake.Set("processing_consent", "1")
	intake.Set("pregnant_given_name", "Noémie")
	resp, _ = nurse.post("/families", intake)
	file = resp.Header.Get("Location")
	file = file[:strings.Index(file, "?")]
	_, body = nurse.get(file + "/consents")
	mustContain(t, "the consents of a file opened with consent", body, "Traitement des données", "En vigueur")
}

// TestAPersonWithoutACareTeamIsToldWhySheCannotOpenAFile.
func TestAPersonWithoutACareTeamIsToldWhySheCannotOpenAFile(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	users := demoUserIDs(t, ts.store)
	if err := ts.store.WriteTx(context.Background(), func(tx *store.Tx) error {
		return tx.ReplaceTeamMemberships(context.Background(), users["infirmiere@berceau.example"], nil)
	}); err != nil {
		t.Fatal(err)
	}
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	_, body := nurse.get("/families/new")
	mustContain(t, "the intake page", body, "Vous ne faites encore partie d’aucune équipe de soins", "coordination de votre site")
	if strings.Contains(body, `name="place"`) {
		t.Error("an intake form with an empty site list is still shown")
	}
}

// TestTheSuggesterLearnsWhatBecameOfHerSuggestions: by mail in her
// language at each decision, and on her suggestions page.
func TestTheSuggesterLearnsWhatBecameOfHerSuggestions(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	service := "/directory/services/" + demoServiceID("marraines", "halte")
	member := ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	for _, email := range []string{"jeudi@marraines.example", "vendredi@marraines.example"} {
		if resp, _ := member.post(service+"/suggestions", url.Values{"field": {"email"}, "value": {email}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("suggest: %d", resp.StatusCode)
		}
	}
	_, body := member.get("/directory/suggestions/mine")
	mustContain(t, "the suggestions page while waiting", body, "Halte-allaitement du jeudi", "jeudi@marraines.example", "En attente")
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	_, page := editor.get("/directory/moderation")
	ids := regexp.MustCompile(`/directory/suggestions/(\d+)/accept`).FindAllStringSubmatch(page, -1)
	if len(ids) < 2 {
		t.Fatal("the suggestions are not on the moderation page")
	}
	editor.post("/directory/suggestions/"+ids[0][1]+"/accept", nil)
	editor.post("/directory/suggestions/"+ids[1][1]+"/reject", nil)
	_, body = member.get("/directory/suggestions/mine")
	mustContain(t, "the suggestions page after the decisions", body, "Acceptée", "Refusée")
	var mails []store.OutboxMessage
	ts.store.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		mails, err = tx.ListOutbox(context.Background(), 10)
		return err
	})
	var got []string
	for _, m := range mails {
		if m.Recipient == "membre@berceau.example" {
			got = append(got, m.Subject+"\n"+m.Body)
		}
	}
	if len(got) != 2 || !strings.Contains(strings.Join(got, "\n"), "Votre proposition est acceptée") ||
		!strings.Contains(strings.Join(got, "\n"), "n’a pas été retenue") || !strings.Contains(got[0], "/directory/suggestions/mine") ||
		!strings.Contains(got[0], "Halte-allaitement du jeudi") {
		t.Fatalf("the suggester's mails: %q", got)
	}
}

// TestAnEditorUpdatesCapacityAndHoursFromTheServicePage: a content editor
// (a network moderator) updates the capacity signal and the opening hours;
// bad values are refused with their field; each change is in the service's
// history and the audit trail; someone who does not maintain the service
// is refused.
func TestAnEditorUpdatesCapacityAndHoursFromTheServicePage(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	service := "/directory/services/" + demoServiceID("marraines", "halte")
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	_, page := editor.get(service)
	mustContain(t, "the service page for its maintainer", page, `action="`+service+`/capacity"`, `action="`+service+`/hours"`,
		`name="days" value="TH" checked`, `value="13:30"`)
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]

	resp, body := editor.post(service+"/capacity", url.Values{"capacity": {"waitlist"}, "waitlist_weeks": {"500"}, "version": {version}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "entre 0 et 104 semaines") {
		t.Fatalf("a 500-week wait: %d", resp.StatusCode)
	}
	if resp, _ := editor.post(service+"/capacity", url.Values{"capacity": {"waitlist"}, "waitlist_weeks": {"6"}, "version": {version}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("capacity: %d", resp.StatusCode)
	}
	_, page = editor.get(service)
	mustContain(t, "the service after the capacity update", page, "Liste d’attente", `value="waitlist" checked`)
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]

	resp, body = editor.post(service+"/hours", url.Values{"days": {"MO", "WE"}, "opens": {"14:00"}, "closes": {"09:00"}, "version": {version}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "L’heure de fermeture doit suivre") {
		t.Fatalf("closing before opening: %d", resp.StatusCode)
	}
	if resp, _ := editor.post(service+"/hours", url.Values{"days": {"MO", "WE"}, "opens": {"09:00"}, "closes": {"12:00"}, "version": {version}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("hours: %d", resp.StatusCode)
	}
	_, page = editor.get(service)
	mustContain(t, "the service after the hours update", page, `name="days" value="MO" checked`, `name="days" value="WE" checked`,
		"TH 13:30-15:30", "MO,WE 09:00-12:00", "waitlist 6w")
	if strings.Contains(page, `name="days" value="TH" checked`) {
		t.Error("the old day is still ticked")
	}
	// A stale form (the version it was read at) changes nothing.
	if resp, _ := editor.post(service+"/capacity", url.Values{"capacity": {"full"}, "version": {version}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("a stale capacity form: %d", resp.StatusCode)
	}
	audited := 0
	ts.store.ReadTx(context.Background(), func(tx *store.Tx) error {
		for _, action := range []string{"directory.service.capacity", "directory.service.hours"} {
			page, err := tx.ListAudit(context.Background(), berceau.AuditFilter{Action: action})
			if err != nil {
				return err
			}
			for _, e := range page.Entries {
				if e.Outcome == berceau.OutcomeSuccess {
					audited++
				}
			}
		}
		return nil
	})
	if audited != 2 {
		t.Errorf("%d audited changes, want 2", audited)
	}
	member := ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	if resp, _ := member.post(service+"/capacity", url.Values{"capacity": {"full"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member who does not maintain the service: %d", resp.StatusCode)
	}
}

// TestAMaintainerAddsAServiceToHerOrganisation: the new service has its
// page, is found by search, and its creation is in its history.
func TestAMaintainerAddsAServiceToHerOrganisation(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	service := "/directory/services/" + demoServiceID("marraines", "halte")
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	if resp, _ := editor.post(service+"/new-service", url.Values{"new_name_fr": {""}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a service without a name: %d", resp.StatusCode)
	}
	resp, _ := editor.post(service+"/new-service", url.Values{"new_name_fr": {"Atelier portage du samedi"}, "new_name_en": {"Saturday babywearing workshop"},
		"new_description_fr": {"Apprendre à porter son bébé en sécurité."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a service: %d", resp.StatusCode)
	}
	_, page := editor.get(resp.Header.Get("Location"))
	mustContain(t, "the new service's page", page, "Atelier portage du samedi", "Les Marraines d&#39;allaitement (fictif)")
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, results := editor.get("/directory?q=portage")
		if strings.Contains(results, "Atelier portage du samedi") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the new service is not found by search")
		}
		time.Sleep(100 * time.Millisecond)
	}
	member := ts.newBrowser(t)
	member.signIn("membre@berceau.example")
	if resp, _ := member.post(service+"/new-service", url.Values{"new_name_fr": {"Intrus"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member adds a service: %d", resp.StatusCode)
	}
}
