package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestTheBirthAndNewContactDetailsAreRecordedOnTheFile(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	file := "/families/" + strconv.FormatInt(demoFamilyIDs(t, ts.store)["Haddad"], 10)
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	resp, body := nurse.post(file+"/contact", url.Values{"languages": {"arabe"}, "phone": {"514 555-0111"}, "email": {"pas une adresse"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="514 555-0111"`) {
		t.Fatalf("bad email: %d", resp.StatusCode)
	}
	if resp, _ := nurse.post(file+"/contact", url.Values{"languages": {"arabe"}, "phone": {"514 555-0111"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("contact: %d", resp.StatusCode)
	}
	_, body = nurse.get(file)
	if !strings.Contains(body, "514 555-0111") {
		t.Fatal("the new phone is not shown")
	}
	i := strings.Index(body, "/members/")
	if i < 0 {
		t.Fatalf("no birth link on the pregnancy:\n%s", body)
	}
	birth := file + body[i:i+strings.Index(body[i:], `"`)]
	resp, body = nurse.post(birth, url.Values{"birth_date": {time.Now().AddDate(0, 0, 2).Format("2006-01-02")}, "given_name": {"Yara"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="Yara"`) {
		t.Fatalf("a birth in the future: %d", resp.StatusCode)
	}
	if resp, _ := nurse.post(birth, url.Values{"birth_date": {time.Now().Format("2006-01-02")}, "given_name": {"Yara"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("birth: %d", resp.StatusCode)
	}
	if _, body = nurse.get(file + "?done=birth"); !strings.Contains(body, "Yara Haddad") || strings.Contains(body, "/members/") {
		t.Fatalf("after the birth the file shows:\n%s", body)
	}
	// The mother is a parent now, and the child's row reads as separate
	// parts: the birth date and age, the due date only as a secondary line.
	if strings.Contains(body, "Personne enceinte") {
		t.Error("after the birth the mother is still shown as pregnant")
	}
	today := time.Now().Format("02/01/2006")
	for _, want := range []string{"naissance : " + today + "</span> · <span>0 jour</span>", "<small>accouchement prévu le "} {
		if !strings.Contains(body, want) {
			t.Errorf("the child's row lacks %q", want)
		}
	}
	if strings.Contains(body, "naissance : "+today+"</span>accouchement") || strings.Contains(body, "/2026naissance") {
		t.Error("the due date and the birth date are glued together")
	}
}

func TestTheFilePageNamesTheCareTeamAndTheirDisciplines(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	file := "/families/" + strconv.FormatInt(demoFamilyIDs(t, ts.store)["Haddad"], 10)
	b := ts.newBrowser(t)
	b.signIn("coordination@berceau.example")
	_, body := b.get(file)
	for _, want := range []string{"Amina Diallo · Infirmière ou infirmier", "Julien Bouchard · Travail social", "Camille Nguyen"} {
		if !strings.Contains(body, want) {
			t.Errorf("the care team lacks %q", want)
		}
	}
}

func TestAdmissionReasonsWrittenByBerceauAreTranslated(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	file := "/families/" + strconv.FormatInt(demoFamilyIDs(t, ts.store)["Haddad"], 10)
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	_, body := b.get(file)
	if !strings.Contains(body, "Critères d’admissibilité remplis") || strings.Contains(body, "criteria_met") {
		t.Fatal("the admission basis is not translated on the file page")
	}
}
