package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

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
