package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/store"
)

// screeningValues is a screening form of the Kaur household, today.
func screeningValues(dueInDays, size, income int, diploma, isolated, lonely string) url.Values {
	today := time.Now()
	return url.Values{"programme": {"sippe"}, "date": {today.Format("2006-01-02")},
		"pregnancy_due_date": {today.AddDate(0, 0, dueInDays).Format("2006-01-02")},
		"household_size":     {itoa(int64(size))}, "annual_income": {itoa(int64(income))},
		"secondary_diploma": {diploma}, "socially_isolated": {isolated}, "lonely": {lonely}}
}

var screeningPath = regexp.MustCompile(`^/families/[0-9]+/screenings/[0-9]+$`)

// screen posts a screening and returns the result page's path.
func screen(t *testing.T, b *browser, familyID int64, form url.Values) string {
	t.Helper()
	resp, body := b.post("/families/"+itoa(familyID)+"/screenings", form)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !screeningPath.MatchString(loc) {
		t.Fatalf("screening: status %d, location %q\n%s", resp.StatusCode, loc, body)
	}
	return loc
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(body, want) {
			t.Errorf("%s lacks %q", what, want)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(body, u) {
			t.Errorf("%s shows %q", what, u)
		}
	}
}

func TestScreeningShowsEachCriterionAndPrintsInBothLanguages(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		kaur := demoFamilyIDs(t, st)["Kaur"]
		b := ts.newBrowser(t)
		b.signIn("infirmiere@berceau.example")

		resp, body := b.get("/families/" + itoa(kaur) + "/screenings/new")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("form: status %d", resp.StatusCode)
		}
		mustContain(t, "the form", body, `value="`+time.Now().Format("2006-01-02")+`"`, `value="unknown"`, "On ne sait pas", "Harpreet Kaur")

		// A mistake keeps what was typed and says what is wrong.
		bad := screeningValues(100, 3, 20000, "no", "unknown", "unknown")
		bad.Set("household_size", "trois")
		resp, body = b.post("/families/"+itoa(kaur)+"/screenings", bad)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: status %d", resp.StatusCode)
		}
		mustContain(t, "the form shown again", body, `value="trois"`, "Inscrivez un nombre entier", `value="no" required checked`)

		// Eligible: 25 weeks pregnant, income below the threshold, no diploma.
		path := screen(t, b, kaur, screeningValues(100, 3, 20000, "no", "unknown", "unknown"))
		resp, body = b.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("result: status %d", resp.StatusCode)
		}
		mustContain(t, "the result", body, "Admissible", "Critère rempli", "✓",
			"Grossesse de 25 sem. 5 j", "sous le seuil de faible revenu de 38\u00a0000\u00a0$ pour un ménage de 3 personnes",
			"Au moins un facteur de risque : sous-scolarisation", "sippe@2026.1", "Tableau d’EXEMPLE", "Imprimer")
		if strings.Contains(body, "/orientation") {
			t.Error("an eligible screening offers an orientation form")
		}

		// Not yet: 7 weeks pregnant; admission opens at 12 weeks.
		path = screen(t, b, kaur, screeningValues(230, 3, 20000, "yes", "yes", "unknown"))
		_, body = b.get(path)
		opens := time.Now().AddDate(0, 0, 230-196).Format("02/01/2006")
		mustContain(t, "the not-yet result", body, "Admissible plus tard", "Admission possible à partir du "+opens)

		// Missing information: the team decides; unknown is said in words.
		path = screen(t, b, kaur, url.Values{"programme": {"sippe"}, "date": {time.Now().Format("2006-01-02")},
			"pregnancy_due_date": {time.Now().AddDate(0, 0, 100).Format("2006-01-02")},
			"secondary_diploma":  {"unknown"}, "socially_isolated": {"unknown"}, "lonely": {"unknown"}})
		_, body = b.get(path)
		mustContain(t, "the team-review result", body, "À soumettre à l’équipe interdisciplinaire", "Information manquante", "Ni le revenu du ménage ni sa taille")

		// In English. A signed-in person's pages follow the account's
		// language, which wins over the lang cookie of POST /language.
		if resp, _ := b.post("/account/locale", url.Values{"locale": {"en"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("language: status %d", resp.StatusCode)
		}
		_, body = b.get(path)
		mustContain(t, "the English result", body, `lang="en"`, "For the interdisciplinary team to decide", "Information missing",
			"Criterion met", "Not known")
		_, body = b.get("/families/" + itoa(kaur) + "/enrollment")
		mustContain(t, "the English follow-up page", body, "Follow-up of the file", "Eligibility screenings", "Eligible later")
	})
}

func TestNotEligibleScreeningRecordsWhereTheFamilyWasReferred(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	kaur := demoFamilyIDs(t, ts.store)["Kaur"]
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	path := screen(t, b, kaur, screeningValues(100, 2, 90000, "yes", "no", "no"))
	_, body := b.get(path)
	mustContain(t, "the result", body, "Non admissible", "Critère non rempli", "✗", "égal ou supérieur au seuil", path+"/orientation")

	resp, body := b.post(path+"/orientation", url.Values{"orientation": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("empty orientation: status %d", resp.StatusCode)
	}
	mustContain(t, "the refused orientation", body, "Ce champ est obligatoire.")

	text := "Orientée vers la halte-garderie du quartier et le CLSC"
	resp, _ = b.post(path+"/orientation", url.Values{"orientation": {text}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("orientation: status %d", resp.StatusCode)
	}
	_, body = b.get(resp.Header.Get("Location"))
	mustContain(t, "the screening after", body, text, "L’orientation est enregistrée.")
	if strings.Contains(body, `action="`+path+`/orientation"`) {
		t.Error("the orientation form is still offered once recorded")
	}
}

var decisionPath = regexp.MustCompile(`^/families/[0-9]+/decisions/[0-9]+`)

func TestTeamDecisionTakesEffectOnceTwoDisciplinesConfirm(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		users, kaur := demoUserIDs(t, st), demoFamilyIDs(t, st)["Kaur"]
		nurse, social := ts.newBrowser(t), ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		social.signIn("travail.social@berceau.example")
		file := "/families/" + itoa(kaur)

		_, body := nurse.get(file + "/decisions/new")
		mustContain(t, "the decision form", body, "Julien Bouchard", "Amina Diallo", "Sophie Gagnon-Haddad")
		if strings.Contains(body, "Camille Nguyen") || strings.Contains(body, "Nathalie Pham") {
			t.Error("the form offers someone who cannot take part (a trainee, or another site's physician)")
		}

		// Too few participants: the form comes back as typed.
		rationale := "Grossesse précoce, grande vulnérabilité : admission sur jugement clinique."
		resp, body := nurse.post(file+"/decisions", url.Values{"verdict": {"admit"}, "rationale": {rationale},
			"participants": {itoa(users["infirmiere@berceau.example"])}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("one participant: status %d", resp.StatusCode)
		}
		mustContain(t, "the form shown again", body, rationale, `value="admit" required checked`)

		resp, body = nurse.post(file+"/decisions", url.Values{"verdict": {"admit"}, "rationale": {rationale},
			"participants": {itoa(users["infirmiere@berceau.example"]), itoa(users["travail.social@berceau.example"])}})
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !decisionPath.MatchString(loc) {
			t.Fatalf("proposal: status %d, location %q\n%s", resp.StatusCode, loc, body)
		}
		path := decisionPath.FindString(loc)
		_, body = nurse.get(loc)
		mustContain(t, "the proposed decision", body, "En attente de confirmations", "Pas encore confirmée", "Je confirme", rationale)

		if resp, _ := nurse.post(path+"/confirm", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first confirmation: status %d", resp.StatusCode)
		}
		_, body = nurse.get(path)
		mustContain(t, "after one confirmation", body, "En attente de confirmations", "Confirmée le")
		if strings.Contains(body, "Je confirme") {
			t.Error("the confirm button is offered twice to the same person")
		}
		_, body = nurse.get(file + "/enrollment")
		mustContain(t, "the file after one confirmation", body, "Dépistage")

		_, body = social.get(path)
		mustContain(t, "the second participant's page", body, "Je confirme")
		if resp, _ := social.post(path+"/confirm", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("second confirmation: status %d", resp.StatusCode)
		}
		_, body = social.get(path)
		mustContain(t, "the complete decision", body, "Décision en vigueur depuis le")
		_, body = nurse.get(file + "/enrollment")
		mustContain(t, "the file after the decision", body, "Suivi actif", "Dépistage → Suivi actif")

		// Someone not listed finds no button, and a direct post is refused.
		coord := ts.newBrowser(t)
		coord.signIn("coordination@berceau.example")
		if _, body := coord.get(path); strings.Contains(body, "Je confirme") {
			t.Error("a person not listed is offered the confirm button")
		}
		if resp, _ := coord.post(path+"/confirm", nil); resp.StatusCode == http.StatusSeeOther {
			t.Error("a person not listed confirmed the decision")
		}
	})
}

func TestCoordinatorNamesAKeyWorker(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	users, families := demoUserIDs(t, ts.store), demoFamilyIDs(t, ts.store)
	b := ts.newBrowser(t)
	b.signIn("coordination@berceau.example")
	kaur, haddad := "/families/"+itoa(families["Kaur"]), "/families/"+itoa(families["Haddad"])

	_, body := b.get(kaur + "/enrollment")
	mustContain(t, "the follow-up page", body, "Aucune intervenante pivot", `action="`+kaur+`/key-worker"`, "Julien Bouchard")

	resp, _ := b.post(kaur+"/key-worker", url.Values{"key_worker": {itoa(users["travail.social@berceau.example"])}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "done=key_worker") {
		t.Fatalf("key worker: status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.get(resp.Header.Get("Location"))
	mustContain(t, "the page after", body, "L’intervenante pivot est désignée.", "<dd>Julien Bouchard</dd>")

	// Replacing Haddad's key worker says why; the choice typed stays.
	resp, body = b.post(haddad+"/key-worker", url.Values{"key_worker": {itoa(users["travail.social@berceau.example"])}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("replacement without a reason: status %d", resp.StatusCode)
	}
	mustContain(t, "the form shown again", body, `value="`+itoa(users["travail.social@berceau.example"])+`" selected`, "Ce champ est obligatoire.")

	// Putting a file on hold says why; the status chosen stays.
	resp, body = b.post(haddad+"/status", url.Values{"to": {"on_hold"}, "reason": {""}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("on hold without a reason: status %d", resp.StatusCode)
	}
	mustContain(t, "the status form shown again", body, `value="on_hold" selected`)

	// A practitioner does not name key workers.
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	if resp, _ := nurse.post(kaur+"/key-worker", url.Values{"key_worker": {"0"}, "reason": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("practitioner naming a key worker: status %d", resp.StatusCode)
	}
	if _, body := nurse.get(kaur + "/enrollment"); strings.Contains(body, "/key-worker") {
		t.Error("a practitioner is offered the key worker form")
	}
}

func TestEligibleFamilyIsAdmittedAndEnrolled(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	kaur := demoFamilyIDs(t, ts.store)["Kaur"]
	file := "/families/" + itoa(kaur)
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	if _, body := b.get(file + "/enrollment"); strings.Contains(body, `action="`+file+`/admit"`) {
		t.Error("direct admission is offered without an eligible screening")
	}
	screen(t, b, kaur, screeningValues(100, 3, 20000, "no", "unknown", "unknown"))
	_, body := b.get(file + "/enrollment")
	mustContain(t, "the follow-up page", body, `action="`+file+`/admit"`, "Admissible")
	if resp, _ := b.post(file+"/admit", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admit: status %d", resp.StatusCode)
	}
	resp, body := b.post(file+"/enroll", url.Values{"programme": {"sippe"}, "start_date": {"demain"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad start date: status %d", resp.StatusCode)
	}
	mustContain(t, "the enroll form shown again", body, `value="demain"`, `value="sippe" selected`, "AAAA-MM-JJ")
	resp, _ = b.post(file+"/enroll", url.Values{"programme": {"sippe"}, "start_date": {time.Now().Format("2006-01-02")}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("enroll: status %d", resp.StatusCode)
	}
	_, body = b.get(resp.Header.Get("Location"))
	mustContain(t, "the page after", body, "La famille est inscrite au programme.", "Suivi actif", "En cours", "Dépistage → Suivi actif")
}
