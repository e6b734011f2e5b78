package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau/internal/store"
)

// TestBreakTheGlassBannerOnEveryPageOfTheFile: a file opened by breaking the
// glass says so, with the grant's expiry, on every one of its pages, and
// only to the person who broke the glass (both engines: the expiry is read
// from the store).
func TestBreakTheGlassBannerOnEveryPageOfTheFile(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + strconv.FormatInt(demoFamilyIDs(t, st)["Haddad"], 10)
		doctor := ts.newBrowser(t)
		doctor.signIn("medecin@berceau.example")
		if _, body := doctor.get("/my-day"); strings.Contains(body, "glass-banner") {
			t.Fatal("a banner before breaking the glass")
		}
		resp, _ := doctor.post(haddad+"/break-glass", url.Values{"reason": {"Consultation urgente du nourrisson, équipe absente"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("breaking the glass: %d", resp.StatusCode)
		}
		for _, page := range []string{"", "/follow-up", "/plan", "/consents"} {
			resp, body := doctor.get(haddad + page)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", page, resp.StatusCode)
			}
			if !strings.Contains(body, `class="glass-banner"`) || !strings.Contains(body, "bris de glace") || !strings.Contains(body, "jusqu’au ") {
				t.Errorf("%s%s: no break-the-glass banner with its expiry", haddad, page)
			}
		}
		if _, body := doctor.get("/my-day"); strings.Contains(body, "glass-banner") {
			t.Error("the banner shows outside the file")
		}
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		if _, body := nurse.get(haddad); strings.Contains(body, "glass-banner") {
			t.Error("the banner shows to the family's own care team")
		}
	})
}

// TestNavigationLinksModerationForModeratorsOnly: the content editor reaches
// moderation from the header; a practitioner has no such link.
func TestNavigationLinksModerationForModeratorsOnly(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	nav := func(body string) string {
		i, j := strings.Index(body, `<nav class="site-nav"`), strings.Index(body, "</nav>")
		if i < 0 || j < i {
			t.Fatalf("no site navigation in:\n%s", body)
		}
		return body[i:j]
	}
	editor := ts.newBrowser(t)
	editor.signIn("contenu@berceau.example")
	if _, body := editor.get("/"); !strings.Contains(nav(body), `href="/directory/moderation"`) {
		t.Error("the content editor has no moderation link in the navigation")
	}
	if _, body := editor.get("/directory/moderation"); !strings.Contains(nav(body), `href="/directory/moderation" aria-current="page"`) {
		t.Error("the moderation link is not marked current on the moderation page")
	}
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	if _, body := nurse.get("/"); strings.Contains(nav(body), "/directory/moderation") {
		t.Error("a practitioner sees a moderation link")
	}
}

// TestDirectoryResultsShowPublicAddressesOnly: a result shows the address of
// its public location, never that of a confidential shelter.
func TestDirectoryResultsShowPublicAddressesOnly(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	b := ts.newBrowser(t)
	_, body := b.get("/directory?q=" + url.QueryEscape("Halte-allaitement"))
	if !strings.Contains(body, `class="directory-address"`) || !strings.Contains(body, "5560, chemin de la Côte-des-Neiges") {
		t.Fatalf("the breastfeeding drop-in shows no address:\n%s", body)
	}
	_, body = b.get("/directory?q=escale")
	if !strings.Contains(body, "directory-hit") {
		t.Fatalf("the shelter's services are not found:\n%s", body)
	}
	if strings.Contains(body, `class="directory-address"`) || strings.Contains(body, "Adresse confidentielle") {
		t.Error("a confidential shelter's location shows in the results")
	}
}
