package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestBreakingTheGlassIsReviewedByTheCoordinator(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	families := demoFamilyIDs(t, ts.store)
	haddad := "/families/" + strconv.FormatInt(families["Haddad"], 10)
	doctor := ts.newBrowser(t)
	doctor.signIn("medecin@berceau.example")
	resp, body := doctor.post(haddad+"/break-glass", url.Values{"reason": {"court"}})
	if resp.StatusCode != 422 || !strings.Contains(body, ">court</textarea>") {
		t.Fatalf("a short reason: %d", resp.StatusCode)
	}
	resp, _ = doctor.post(haddad+"/break-glass", url.Values{"reason": {"Consultation urgente du nourrisson, équipe absente"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != haddad {
		t.Fatalf("breaking the glass: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	coordinator := ts.newBrowser(t)
	coordinator.signIn("coordination@berceau.example")
	_, body = coordinator.get("/coordination/access")
	if !strings.Contains(body, "Dre Nathalie Pham") || !strings.Contains(body, "Consultation urgente du nourrisson") || !strings.Contains(body, `class="flagged"`) {
		t.Fatalf("review list:\n%s", body)
	}
	_, body = coordinator.get(haddad + "/access-log")
	if !strings.Contains(body, "family.break_glass") || !strings.Contains(body, "medecin@berceau.example") {
		t.Fatalf("who opened this file:\n%s", body)
	}
	_, review := coordinator.get("/coordination/access")
	j := strings.Index(review, "/coordination/access/")
	action := review[j : j+strings.Index(review[j:], `"`)]
	if resp, _ := coordinator.post(action, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark reviewed: %d", resp.StatusCode)
	}
	if _, body := coordinator.get("/coordination/access?done=reviewed"); strings.Contains(body, `class="flagged"`) || !strings.Contains(body, "marqué comme vérifié") {
		t.Fatal("the reviewed access is still flagged")
	}
}
