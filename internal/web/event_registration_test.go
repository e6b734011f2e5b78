package web

import (
	"context"
	"encoding/csv"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// demoEventID finds a demo event by its UID seed.
func demoEventID(t *testing.T, st *store.Store, seed string) int64 {
	t.Helper()
	var id int64
	_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
		events, err := tx.Events(context.Background(), knowledge.EventFilter{}, store.EventReach{All: true})
		for _, e := range events {
			if e.UID == directory.NameUUID(seed) {
				id = e.ID
			}
		}
		return err
	})
	if id == 0 {
		t.Fatalf("no demo event %s", seed)
	}
	return id
}

// TestOrganisersPagesListCountExportPrintAndCheckIn: on the demo's past
// session the organiser's list counts by sector and names the sectors
// missing (general practice among them); the CSV's headers follow the
// reader's language and a typed formula is defused; the sign-in sheet and
// the check-in page are plain HTML without script; a member sees none of it.
func TestOrganisersPagesListCountExportPrintAndCheckIn(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		past := demoEventID(t, st, "demo-event:bassin-sud-1")
		base := "/events/" + strconv.FormatInt(past, 10)
		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		if resp, _ := member.get(base + "/attendees"); resp.StatusCode != 403 {
			t.Fatalf("a member read the attendee list: %d", resp.StatusCode)
		}
		org := ts.newBrowser(t)
		org.signIn("contenu@berceau.example")
		resp, page := org.get(base + "/attendees")
		if resp.StatusCode != 200 || !strings.Contains(page, "Secteurs absents") || !strings.Contains(page, "Médecine générale") ||
			!strings.Contains(page, "Petite enfance") || !strings.Contains(page, "Nadia El Amrani") {
			t.Fatalf("attendee list %d:\n%s", resp.StatusCode, page)
		}
		m := regexp.MustCompile(regexp.QuoteMeta(base) + `/attendees/\d+/history`).FindString(page)
		history := m
		if resp, h := org.get(history); resp.StatusCode != 200 || !strings.Contains(h, "Présence notée") || !strings.Contains(h, "Historique") {
			t.Fatalf("history %s %d:\n%s", history, resp.StatusCode, h)
		}
		if resp, _ := member.get(history); resp.StatusCode != 403 {
			t.Fatalf("a member read a registration's history: %d", resp.StatusCode)
		}
		resp, body := org.get(base + "/attendees.csv")
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(rows) < 10 || rows[0][0] != "Nom" || rows[0][5] != "État" {
			t.Fatalf("CSV (%v): %q", err, rows)
		}
		org.post("/language", url.Values{"lang": {"en"}, "next": {"/"}})
		_, body = org.get(base + "/attendees.csv")
		if rows, _ := csv.NewReader(strings.NewReader(body)).ReadAll(); rows[0][0] != "Name" || rows[0][3] != "Sector" {
			t.Fatalf("English CSV headers %q", rows[0])
		}
		for _, path := range []string{base + "/attendees/sheet", base + "/checkin"} {
			resp, page := org.get(path)
			if resp.StatusCode != 200 || strings.Contains(page, "<script") || !strings.Contains(page, "Yasmina Benali") {
				t.Fatalf("%s %d:\n%s", path, resp.StatusCode, page)
			}
		}
		if csvSafe("=HYPERLINK(\"x\")") != "'=HYPERLINK(\"x\")" || csvSafe("Awa") != "Awa" {
			t.Fatal("a formula typed by a guest reaches the spreadsheet")
		}
	})
}

// TestGuestsRegisterThroughTheFormAndTheMailedLink over HTTP: the form
// refuses a missing sector with the field named, then records the guest
// and mails the link; its page confirms with one button (GET changes
// nothing); a forged link is a 404 page.
func TestGuestsRegisterThroughTheFormAndTheMailedLink(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		open := demoEventID(t, st, "demo-event:bassin-sud-3")
		path := "/events/" + strconv.FormatInt(open, 10) + "/registration"
		guest := ts.newBrowser(t)
		resp, page := guest.get(path)
		if resp.StatusCode != 200 || !strings.Contains(page, `name="sector"`) {
			t.Fatalf("registration page %d:\n%s", resp.StatusCode, page)
		}
		form := url.Values{"name": {"Dr Karim Haddad"}, "email": {"k.haddad@cabinet.example"}, "organisation": {"Cabinet de médecine générale"}}
		if resp, page := guest.post(path+"/guest", form); resp.StatusCode != 422 || !strings.Contains(page, "Choisissez votre secteur") {
			t.Fatalf("without a sector: %d\n%s", resp.StatusCode, page)
		}
		form.Set("sector", string(knowledge.SectorGeneralPractice))
		if resp, _ := guest.post(path+"/guest", form); resp.StatusCode != 303 {
			t.Fatalf("guest registration: %d", resp.StatusCode)
		}
		var link string
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
			list, err := tx.ListOutbox(context.Background(), 10)
			for _, m := range list {
				if m.Recipient == "k.haddad@cabinet.example" {
					i := strings.Index(m.Body, "/registrations/")
					link = strings.Fields(m.Body[i:])[0]
				}
			}
			return err
		})
		if link == "" {
			t.Fatal("no confirmation mail")
		}
		if resp, page := guest.get(link); resp.StatusCode != 200 || !strings.Contains(page, "/confirm") || !strings.Contains(page, "Courriel à confirmer") {
			t.Fatalf("link page %d:\n%s", resp.StatusCode, page)
		}
		if resp, _ := guest.post(link+"/confirm", url.Values{}); resp.StatusCode != 303 {
			t.Fatalf("confirm: %d", resp.StatusCode)
		}
		if _, page := guest.get(link); !strings.Contains(page, "Inscrit·e") {
			t.Fatalf("after confirming:\n%s", page)
		}
		if resp, _ := guest.get("/registrations/1.forged"); resp.StatusCode != 404 {
			t.Fatalf("forged link: %d", resp.StatusCode)
		}
	})
}

// TestMyRegistrationsAndTheSignInSheetTellTheEventsOwnTime: a Bassin Sud
// session starts at 9 h 30 in Brussels; the member's list and the
// organiser's sign-in sheet say so, with the zone named, rather than the
// server's clock (8:30 in UTC in winter).
func TestMyRegistrationsAndTheSignInSheetTellTheEventsOwnTime(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		resp, page := member.get("/me/registrations")
		if resp.StatusCode != 200 || !strings.Contains(page, "9 h 30") || !strings.Contains(page, "heure de Bruxelles") || strings.Contains(page, "08:30") {
			t.Fatalf("my registrations %d:\n%s", resp.StatusCode, page)
		}
		org := ts.newBrowser(t)
		org.signIn("contenu@berceau.example")
		past := demoEventID(t, st, "demo-event:bassin-sud-1")
		resp, page = org.get("/events/" + strconv.FormatInt(past, 10) + "/attendees/sheet")
		if resp.StatusCode != 200 || !strings.Contains(page, "9 h 30") || !strings.Contains(page, "heure de Bruxelles") {
			t.Fatalf("sign-in sheet %d:\n%s", resp.StatusCode, page)
		}
	})
}
