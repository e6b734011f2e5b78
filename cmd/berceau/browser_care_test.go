package main

import (
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/chromedp/chromedp"
)

// TestBrowserPlanRecordReferFollowUpReassess is a key worker's day with a
// followed family, in a real browser against the real program: plan a
// visit, record it as held, refer the family (sending is refused without
// the family's consent, with the reason), follow the referral up, and
// reassess the family at a new level.
func TestBrowserPlanRecordReferFollowUpReassess(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
	}
	p := startProgram(t, "demo", "--db", testdb.SQLiteDatabase(t))
	nurse := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	nurse.signIn("infirmiere@berceau.example", 0)
	text := func(step string) string { return nurse.eval(step, `document.querySelector('main').innerText`) }

	nurse.do("my day", chromedp.Navigate(p.URL+"my-day"), chromedp.WaitVisible(chromedp.CSS("#today-title")))
	if day := text("my day"); !strings.Contains(day, "Haddad") {
		t.Fatalf("my day does not show the Haddad visit planned today:\n%s", day)
	}
	nurse.do("families", chromedp.Navigate(p.URL+"families"), chromedp.WaitVisible(chromedp.CSS("main table")))
	file := nurse.eval("Haddad file", `[...document.querySelectorAll('main a')].find(a => a.textContent.includes('Haddad')).getAttribute('href')`)
	base := p.URL + strings.TrimPrefix(file, "/")

	// Plan a visit in two days, then record it as held.
	when := time.Now().AddDate(0, 0, 2).Format("2006-01-02")
	nurse.do("plan a visit", chromedp.Navigate(base+"/contacts/new"), chromedp.WaitVisible(chromedp.CSS("#kind")))
	nurse.submit("plan", "form[action$='/contacts']", map[string]string{"kind": "home_visit", "on": when, "minutes": "60",
		"outcome": "planned", "notes": "Visite prévue : préparer la valise pour l’hôpital."}, nil, ".notice")
	visit := nurse.eval("the planned visit", `[...document.querySelectorAll('main td')].find(td => td.textContent.includes('valise')).closest('tr').querySelector('a').getAttribute('href')`)
	nurse.do("open the visit", chromedp.Navigate(p.URL+strings.TrimPrefix(visit, "/")), chromedp.WaitVisible(chromedp.CSS("#kind")))
	nurse.submit("record", "form[action^='"+visit+"']", map[string]string{"outcome": "done", "minutes": "75",
		"notes": "Visite faite : valise prête, plan de naissance relu."}, nil, ".notice")
	if got := text("after recording"); !strings.Contains(got, "valise prête") || !strings.Contains(got, "Réalisé") {
		t.Fatalf("the recorded visit is not on the follow-up page:\n%s", got)
	}

	// Refer: sending without the family's consent to share is refused.
	nurse.do("refer", chromedp.Navigate(base+"/referrals/new"), chromedp.WaitVisible(chromedp.CSS("#external")))
	nurse.submit("propose", "form[action$='/referrals']", map[string]string{"external": "Halte-garderie Les Petits Pas, 7400 boul. Saint-Laurent",
		"partner": "Les Petits Pas", "reason": "Répit pour la mère après la naissance", "follow_up": when}, nil, ".notice")
	nurse.submit("send", "form[action$='/move']", map[string]string{"to": "sent"}, nil, ".alert")
	if got := text("refused"); !strings.Contains(got, "consenti au partage") {
		t.Fatalf("sending without consent does not say why:\n%s", got)
	}
	// Follow it up: the state stays, the next follow-up moves.
	later := time.Now().AddDate(0, 0, 9).Format("2006-01-02")
	nurse.submit("follow up", "form[action$='/move']", map[string]string{"to": "proposed", "reason": "Consentement à recueillir à la prochaine visite",
		"follow_up": later}, nil, ".notice")
	if got := text("history"); !strings.Contains(got, "Consentement à recueillir") {
		t.Fatalf("the follow-up is not in the referral's history:\n%s", got)
	}

	// Reassess at level 2.
	nurse.do("reassess", chromedp.Navigate(base+"/reassessments/new"), chromedp.WaitVisible(chromedp.CSS("#summary")))
	nurse.submit("reassessment", "form[action$='/reassessments']", map[string]string{"summary": "Grossesse stable, logement en voie de se régler.",
		"level": "2"}, nil, ".notice")
	if got := text("after reassessment"); !strings.Contains(got, "Niveau 2") || !strings.Contains(got, "Grossesse stable") {
		t.Fatalf("the reassessment is not on the follow-up page:\n%s", got)
	}
}
