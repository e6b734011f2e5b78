package web

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// TestALongFileListsItsRecentContacts: a file with more contacts than the
// page lists shows the latest ones and a link to all of them; the rhythm
// counts them all either way.
func TestALongFileListsItsRecentContacts(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ts := newTestServer(t, st, Options{})
		id := demoFamilyIDs(t, st)["Haddad"]
		haddad := "/families/" + strconv.FormatInt(id, 10)
		var more []care.Contact
		today := storeToday(st)
		for i := 0; i < 70; i++ {
			more = append(more, care.Contact{FamilyID: id, Kind: care.ContactCall, On: today.AddDate(0, 0, -400-i), Minutes: 10,
				Outcome: care.ContactDone, Notes: "Appel ancien numéro " + strconv.Itoa(i)})
		}
		if err := st.WriteTx(ctx, func(tx *store.Tx) error {
			u, err := tx.UserByEmail(ctx, "infirmiere@berceau.example")
			if err != nil {
				return err
			}
			return tx.BulkContacts(ctx, more, u.ID)
		}); err != nil {
			t.Fatal(err)
		}
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		row := regexp.MustCompile(`<tr>\s*<td[^>]*><a href="` + haddad + `/contacts/\d+">`)
		rows := func(page string) int { return len(row.FindAllString(page, -1)) }

		resp, page := nurse.do("GET", haddad+"/follow-up", nil)
		if resp.StatusCode != http.StatusOK || rows(page) != recentContacts {
			t.Fatalf("follow-up: %d, %d contacts listed, want %d", resp.StatusCode, rows(page), recentContacts)
		}
		if !strings.Contains(page, haddad+"/follow-up?contacts=all") || strings.Contains(page, "Appel ancien numéro 69") {
			t.Fatal("the page lists the oldest contact or has no link to all of them")
		}
		_, all := nurse.do("GET", haddad+"/follow-up?contacts=all", nil)
		if rows(all) <= recentContacts || !strings.Contains(all, "Appel ancien numéro 69") {
			t.Fatalf("all contacts: %d listed", rows(all))
		}
		rhythm := func(p string) string {
			i := strings.Index(p, `id="contacts-title"`)
			if i < 0 {
				t.Fatal("no contacts section")
			}
			return p[:i]
		}
		if rhythm(page) != rhythm(all) {
			t.Error("the rhythm differs when all contacts are listed")
		}
	})
}
