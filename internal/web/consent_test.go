package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestConsentsAreRecordedAndWithdrawnOnTheFile(t *testing.T) {
	t.Parallel()
	ts := newSQLiteServer(t, Options{})
	page := "/families/" + strconv.FormatInt(demoFamilyIDs(t, ts.store)["Haddad"], 10) + "/consents"
	nurse := ts.newBrowser(t)
	nurse.signIn("infirmiere@berceau.example")
	today := time.Now().Format("2006-01-02")
	resp, body := nurse.post(page, url.Values{"kind": {"sharing"}, "partner": {"CLSC de Parc-Extension"}, "given_on": {today}})
	if resp.StatusCode != 422 || !strings.Contains(body, `value="CLSC de Parc-Extension"`) {
		t.Fatalf("sharing without expiry: %d", resp.StatusCode)
	}
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	if resp, _ := nurse.post(page, url.Values{"kind": {"sharing"}, "partner": {"CLSC de Parc-Extension"}, "given_on": {today}, "expires_on": {next}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d", resp.StatusCode)
	}
	_, body = nurse.get(page)
	if !strings.Contains(body, "En vigueur") || !strings.Contains(body, "/withdraw") {
		t.Fatalf("consent not in force:\n%s", body)
	}
	i := strings.Index(body, page+"/")
	action := body[i : i+strings.Index(body[i:], `"`)]
	if resp, _ := nurse.post(action, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", resp.StatusCode)
	}
	if _, body = nurse.get(page); !strings.Contains(body, "Retiré le "+time.Now().Format("02/01/2006")) {
		t.Fatal("the withdrawal is not shown")
	}
}
