package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// demoFamily reads a demo household's file straight from the store.
func demoFamily(t *testing.T, st *store.Store, surname string) care.Family {
	t.Helper()
	var found care.Family
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		list, err := tx.ListFamilies(context.Background(), berceau.FamilyScope{SiteIDs: allSiteIDs(t, tx)})
		for _, f := range list {
			if f.Members[0].Surname == surname {
				found = f
			}
		}
		return err
	})
	if err != nil || found.ID == 0 {
		t.Fatalf("demo family %s: %v", surname, err)
	}
	return found
}

func member(t *testing.T, f care.Family, role care.MemberRole) care.HouseholdMember {
	t.Helper()
	for _, m := range f.Members {
		if m.Role == role {
			return m
		}
	}
	t.Fatalf("no %s in family %d", role, f.ID)
	return care.HouseholdMember{}
}

var placeOption = regexp.MustCompile(`<option value="(\d+:\d+)"`)

// firstPlace reads the first place (site:team) the intake form
// offers to the person signed in on the browser.
func firstPlace(t *testing.T, b *browser) string {
	t.Helper()
	resp, body := b.get("/families/new")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("intake form: status %d", resp.StatusCode)
	}
	m := placeOption.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the intake form offers no place:\n%s", body)
	}
	return m[1]
}

func intake(place string, extra map[string]string) url.Values {
	v := url.Values{"place": {place}, "languages": {"espagnol, français"}, "phone": {"514 555-0100"},
		"address": {"1200, rue Jarry Est, Montréal"}, "child_given_name": {""}, "child_surname": {""}, "child_birth_date": {""}}
	for k, val := range extra {
		v.Set(k, val)
	}
	return v
}

func TestFamilyIntakeCreatesAFileThatIsListedAndOpens(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	place := firstPlace(t, b)
	due := time.Now().AddDate(0, 0, 100).Format("2006-01-02")
	resp, body := b.post("/families", intake(place, map[string]string{
		"pregnant_given_name": "Marie-Ève", "pregnant_surname": "Tremblay", "pregnant_birth_date": "1995-03-14",
		"partner_given_name": "Luis", "partner_surname": "Ortega", "due_date": due, "interpreter_needed": "1"}))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("intake: status %d\n%s", resp.StatusCode, body)
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, "/families/") {
		t.Fatalf("intake went to %q", loc)
	}
	resp, body = b.get(loc)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the new file: status %d", resp.StatusCode)
	}
	weeks, days, _ := care.HouseholdMember{Role: care.MemberUnborn, DueDate: time.Now().AddDate(0, 0, 100)}.GestationalAge(time.Now())
	for _, want := range []string{"Marie-Ève Tremblay", "Luis Ortega", "Le dossier est ouvert.", "espagnol, français", "514 555-0100",
		fmt.Sprintf("%d sem. %d j", weeks, days), "Enfant à naître", "Dépistage", "Nécessaire"} {
		if !strings.Contains(body, want) {
			t.Errorf("the new file does not show %q", want)
		}
	}
	resp, body = b.get("/families")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Marie-Ève Tremblay, Luis Ortega") || !strings.Contains(body, `href="`+strings.Split(loc, "?")[0]+`"`) {
		t.Fatalf("the list does not show the new file: status %d\n%s", resp.StatusCode, body)
	}
}

func TestFamilyIntakeErrorsKeepWhatWasTyped(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	place := firstPlace(t, b)

	resp, body := b.post("/families", intake(place, map[string]string{
		"pregnant_given_name": "Nadia", "pregnant_surname": "Benali", "pregnant_birth_date": "31/02/1990",
		"child_given_name": "Sami", "child_surname": "Benali", "child_birth_date": "2024-05-02"}))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad date: status %d", resp.StatusCode)
	}
	for _, want := range []string{`value="Nadia"`, `value="Benali"`, `value="31/02/1990"`, `value="Sami"`, `value="2024-05-02"`,
		`value="514 555-0100"`, `value="` + place + `" selected`, "Cette date n’est pas valide", `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form shown again lacks %q", want)
		}
	}

	// Nobody named: the file needs an adult.
	resp, body = b.post("/families", intake("", map[string]string{"child_given_name": "Sami"}))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Le dossier doit nommer au moins un adulte") ||
		!strings.Contains(body, `value="Sami"`) || !strings.Contains(body, "Ce champ est obligatoire.") {
		t.Fatalf("no adult: status %d\n%s", resp.StatusCode, body)
	}

	// A place that is not the person's own is refused, not used.
	resp, _ = b.post("/families", intake("999:999", map[string]string{"pregnant_given_name": "Nadia"}))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("foreign place: status %d", resp.StatusCode)
	}
}

func TestFamilyIntakeHoldsAPossibleDuplicate(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	haddad := demoFamily(t, ts.store, "Haddad")
	yasmine := member(t, haddad, care.MemberPregnantPerson)
	typed := map[string]string{"pregnant_given_name": "Yasmine", "pregnant_surname": "Hadad",
		"pregnant_birth_date": yasmine.BirthDate.Format("2006-01-02")}

	b := ts.newBrowser(t)
	b.signIn("coordination@berceau.example")
	place := firstPlace(t, b)
	resp, body := b.post("/families", intake(place, typed))
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("possible duplicate: status %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{"Yasmine Haddad", fmt.Sprintf(`href="/families/%d"`, haddad.ID), `name="duplicates_seen"`,
		`value="Hadad"`, `value="514 555-0100"`, "Personnes peut-être déjà suivies"} {
		if !strings.Contains(body, want) {
			t.Errorf("the held form lacks %q", want)
		}
	}
	if strings.Contains(body, `name="duplicates_seen" type="checkbox" value="1" checked`) {
		t.Error("the duplicates box comes back ticked")
	}

	withSeen := intake(place, typed)
	withSeen.Set("duplicates_seen", "1")
	if resp, body = b.post("/families", withSeen); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("duplicates set aside: status %d\n%s", resp.StatusCode, body)
	}

	// Someone of another site: the file is said to exist, not who is in it.
	other := ts.newBrowser(t)
	other.signIn("medecin@berceau.example")
	resp, body = other.post("/families", intake(firstPlace(t, other), typed))
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("duplicate elsewhere: status %d\n%s", resp.StatusCode, body)
	}
	// Neither the file's id (not even in a link to break the glass) nor a
	// name: only the site whose coordinator to ask, once.
	if strings.Count(body, "Un dossier qui pourrait correspondre existe à un autre site (Les Premiers Pas — Parc-Extension)") != 1 ||
		strings.Contains(body, "Yasmine Haddad") || strings.Contains(body, fmt.Sprintf(`/families/%d`, haddad.ID)) {
		t.Fatalf("the duplicate of another site shows too much:\n%s", body)
	}
}

func TestFamilyFileShowsGestationalAgeAndHistory(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	haddad := demoFamily(t, ts.store, "Haddad")
	weeks, days, ok := member(t, haddad, care.MemberUnborn).GestationalAge(time.Now())
	if !ok {
		t.Fatal("the demo pregnancy has no gestational age")
	}
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	resp, body := b.get(fmt.Sprintf("/families/%d", haddad.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{fmt.Sprintf("%d sem. %d j", weeks, days), "Yasmine Haddad", "Karim Haddad", "Personne enceinte",
		"arabe, français", "Nécessaire", "7320, avenue Champagneur", "Suivi actif", "Amina Diallo",
		"Intervenante pivot désignée à l’admission", "Équipe périnatalité Parc-Extension", "Aucune évaluation d’admissibilité"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Haddad file does not show %q", want)
		}
	}

	// A child's age.
	mbuyi := ts.newBrowser(t)
	mbuyi.signIn("sage-femme@berceau.example")
	resp, body = mbuyi.get(fmt.Sprintf("/families/%d", demoFamily(t, ts.store, "Mbuyi").ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "3 ans") || !strings.Contains(body, " mois") {
		t.Fatalf("the Mbuyi file: status %d\n%s", resp.StatusCode, body)
	}
}

func TestFamilyOutOfScopeIsNotFound(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	b.signIn("medecin@berceau.example")
	resp, body := b.get(fmt.Sprintf("/families/%d", demoFamily(t, ts.store, "Haddad").ID))
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Page introuvable") || strings.Contains(body, "Yasmine") {
		t.Fatalf("out of scope: status %d\n%s", resp.StatusCode, body)
	}
	resp, body = b.get("/families")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Jessica Gagné") || strings.Contains(body, "Haddad") {
		t.Fatalf("the list of medecin@: status %d\n%s", resp.StatusCode, body)
	}
	if resp, _ = b.get(fmt.Sprintf("/families/%d", demoFamily(t, ts.store, "Gagné").ID)); resp.StatusCode != http.StatusOK {
		t.Fatalf("own file: status %d", resp.StatusCode)
	}
}

// The person's own language setting wins over the language cookie, so the
// pages are switched to English through the account.
func TestFamilyPagesInEnglish(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	haddad := demoFamily(t, ts.store, "Haddad")
	weeks, days, _ := member(t, haddad, care.MemberUnborn).GestationalAge(time.Now())
	b := ts.newBrowser(t)
	b.signIn("infirmiere@berceau.example")
	if resp, _ := b.post("/account/locale", url.Values{"locale": {"en"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("locale: status %d", resp.StatusCode)
	}
	resp, body := b.get(fmt.Sprintf("/families/%d", haddad.ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<html lang="en">`) {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{fmt.Sprintf("%d wk %d d", weeks, days), "Household members", "Pregnant person", "Active follow-up", "Key worker"} {
		if !strings.Contains(body, want) {
			t.Errorf("the English file does not show %q", want)
		}
	}
	if _, body = b.get("/families"); !strings.Contains(body, "Family files") || !strings.Contains(body, "Yasmine Haddad") {
		t.Fatalf("the English list:\n%s", body)
	}
	if _, body = b.get("/families/new"); !strings.Contains(body, "Due date (optional)") {
		t.Fatalf("the English intake form:\n%s", body)
	}
}
