package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
)

var voiceLinkRe = regexp.MustCompile(`/voice/([A-Za-z0-9_-]{40,})`)

// voiceQuestions reads the active questions, as the public form shows them.
func voiceQuestions(t *testing.T, st *store.Store) []indicator.VoiceQuestion {
	t.Helper()
	var list []indicator.VoiceQuestion
	if err := st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		list, err = tx.VoiceQuestions(context.Background(), true)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return list
}

// voiceAnswers fills a form: every agreement at value, yes, and a comment.
func voiceAnswers(questions []indicator.VoiceQuestion, value string, comment string) url.Values {
	v := url.Values{}
	for _, q := range questions {
		name := "q" + strconv.FormatInt(q.VersionID, 10)
		switch q.Kind {
		case indicator.VoiceAgreement:
			v.Set(name, value)
		case indicator.VoiceYesNo:
			v.Set(name, "1")
		case indicator.VoiceFreeComment:
			v.Set(name, comment)
		}
	}
	return v
}

// familyData is what of the Haddad family no questionnaire page may show.
var familyData = []string{"Haddad", "Yasmine", "Karim", "/families/"}

func TestVoiceLinkIsAnsweredOnceOnAPhoneWithoutFamilyData(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + itoa(demoFamilyIDs(t, st)["Haddad"])
		nurse := ts.newBrowser(t)
		nurse.signIn("infirmiere@berceau.example")
		resp, body := nurse.get(haddad + "/voice?occasion=closure")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `value="closure" checked`) {
			t.Fatalf("offer page: %d\n%s", resp.StatusCode, body)
		}
		resp, body = nurse.post(haddad+"/voice/link", url.Values{"occasion": {"reassessment"}})
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `src="data:image/png;base64,`) {
			t.Fatalf("link page: %d\n%s", resp.StatusCode, body)
		}
		m := voiceLinkRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no link on the page:\n%s", body)
		}
		link := "/voice/" + m[1]

		family := ts.newBrowser(t)
		resp, body = family.get(link)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("the family's page: %d", resp.StatusCode)
		}
		for _, secret := range familyData {
			if strings.Contains(body, secret) {
				t.Errorf("the questionnaire shows %q", secret)
			}
		}
		if strings.Count(body, "<fieldset") != 5 || strings.Count(body, "<legend") != 5 || !strings.Contains(body, `<label for="q`) ||
			!strings.Contains(body, "Je me suis sentie écoutée") || strings.Contains(body, "<script") {
			t.Fatalf("the questionnaire is not five fieldsets with legends and a labelled comment, without script:\n%s", body)
		}
		resp, body = family.get(link + "?plain=1")
		if !strings.Contains(body, "On m’a bien écoutée.") || !strings.Contains(body, "Plutôt oui") {
			t.Fatalf("plain words: %d\n%s", resp.StatusCode, body)
		}

		questions := voiceQuestions(t, st)
		bad := voiceAnswers(questions, "9", "")
		resp, body = family.post(link, bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Cette réponse n’est pas possible") {
			t.Fatalf("a value off the scale: %d\n%s", resp.StatusCode, body)
		}
		resp, _ = family.post(link, voiceAnswers(questions, "5", "Merci à toute l’équipe"))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/voice/thanks" {
			t.Fatalf("answer: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body = family.post(link, voiceAnswers(questions, "1", "Encore"))
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Ce lien a déjà servi") {
			t.Fatalf("a second answer: %d\n%s", resp.StatusCode, body)
		}
		resp, body = nurse.get(haddad + "/voice")
		if !strings.Contains(body, "Répondu") || strings.Contains(body, "Merci à toute") {
			t.Fatalf("the file shows the link used, never the answer:\n%s", body)
		}

		// The coordinator shares the comment; the evaluator then reads it.
		coordinator := ts.newBrowser(t)
		coordinator.signIn("coordination@berceau.example")
		if _, body = coordinator.get(haddad + "/access-log"); !strings.Contains(body, "Réévaluation, Lien ou code QR") {
			t.Errorf("the file's access log does not tell the invitation in French:\n%s", body)
		}
		_, body = coordinator.get("/voice/moderation")
		id := regexp.MustCompile(`/voice/moderation/([0-9a-f-]{36})/share`).FindStringSubmatch(body)
		if id == nil || !strings.Contains(body, "Merci à toute l’équipe") {
			t.Fatalf("the moderation queue:\n%s", body)
		}
		evaluator := ts.newBrowser(t)
		evaluator.signIn("evaluation@berceau.example")
		if _, body = evaluator.get("/voice/comments"); strings.Contains(body, "Merci à toute") {
			t.Fatal("a pending comment reached the evaluator")
		}
		var shareID string
		for _, c := range moderationQueue(t, st) {
			if c.Body == "Merci à toute l’équipe" {
				shareID = c.ID
			}
		}
		if resp, _ = coordinator.post("/voice/moderation/"+shareID+"/share", url.Values{"state": {"pending"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("share: %d", resp.StatusCode)
		}
		if resp, body = evaluator.get("/voice/comments"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Merci à toute l’équipe") {
			t.Fatalf("the evaluator's shared comments: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ = evaluator.post("/voice/moderation/"+shareID+"/hide", nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("an evaluator moderating: %d", resp.StatusCode)
		}
	})
}

func moderationQueue(t *testing.T, st *store.Store) []indicator.VoiceComment {
	t.Helper()
	var list []indicator.VoiceComment
	_ = st.ReadTx(context.Background(), func(tx *store.Tx) (err error) {
		list, err = tx.VoiceComments(context.Background(), store.VoiceCommentFilter{State: indicator.VoicePending, AllSites: true, From: "1900-01", To: "2100-12"})
		return err
	})
	return list
}

// TestVoiceKioskEndsTheSessionAndShowsNoFamilyData: handing the tablet over
// ends the worker's session (audited), the questionnaire shows nothing of
// the file and no way into it, the file is out of reach until the worker
// signs in again, and the end page hands the tablet back.
func TestVoiceKioskEndsTheSessionAndShowsNoFamilyData(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		haddad := "/families/" + itoa(demoFamilyIDs(t, st)["Haddad"])
		tablet := ts.newBrowser(t)
		tablet.signIn("infirmiere@berceau.example")
		resp, _ := tablet.post(haddad+"/voice/kiosk", url.Values{"occasion": {"closure"}})
		kiosk := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !voiceLinkRe.MatchString(kiosk) {
			t.Fatalf("kiosk start: %d → %q", resp.StatusCode, kiosk)
		}
		resp, body := tablet.get(kiosk)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("kiosk page: %d", resp.StatusCode)
		}
		if !strings.Contains(body, "tablette de votre intervenante") {
			t.Error("the kiosk page does not say it is the worker's tablet")
		}
		for _, secret := range append(familyData, "Amina Diallo", "/my-day", "/signout", `class="site-nav"`) {
			if strings.Contains(body, secret) {
				t.Errorf("the kiosk page shows %q", secret)
			}
		}
		if resp, _ := tablet.get(haddad); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
			t.Fatalf("the file from the tablet during kiosk: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, _ = tablet.post(kiosk, voiceAnswers(voiceQuestions(t, st), "4", ""))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/voice/thanks?kiosk=1" {
			t.Fatalf("kiosk answer: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, body = tablet.get("/voice/thanks?kiosk=1")
		if !strings.Contains(body, "rendre la tablette") || !strings.Contains(body, `href="/signin"`) {
			t.Fatalf("thanks in kiosk mode:\n%s", body)
		}
		var entries []berceau.AuditEntry
		_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
			page, err := tx.ListAudit(context.Background(), berceau.AuditFilter{Action: "family.voice_invitation"})
			entries = page.Entries
			return err
		})
		if len(entries) != 1 || entries[0].Detail != "closure, kiosk" || entries[0].ObjectType != "family" {
			t.Fatalf("kiosk invitation audit: %+v", entries)
		}
	})
}
