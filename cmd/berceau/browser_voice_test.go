package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
)

// TestBrowserFamilyAnswersTheQuestionnaireOnAPhone follows the families'
// voice in Chromium against the real program: the nurse, from the Haddad
// family's follow-up, offers the questionnaire at reassessment and gets a
// one-time link with its QR code; the family opens the link on a 390-pixel
// phone, switches to plain words, answers with real clicks and a comment;
// the link then refuses a second answer; the coordinator shares the
// comment from the moderation page. With -screenshots=DIR it also writes
// the public pages (questionnaire, thanks, used link) and the printable
// sheet at 1280 and 390 px in every language the network offers.
func TestBrowserFamilyAnswersTheQuestionnaireOnAPhone(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario: the plain pass runs it")
	}
	db := testdb.SQLiteDatabase(t)
	p := startProgram(t, "demo", "--db", db)
	b := browserSession{t: t, ctx: testutil.NewBrowser(t, "fr-CA,fr"), url: p.URL}
	problems := watchConsole(b.ctx)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	shoot := voiceScreenshots(t, b)

	// The nurse offers the questionnaire from the follow-up, at reassessment.
	b.signIn("infirmiere@berceau.example", 0)
	b.do("families", chromedp.Navigate(p.URL+"families"), chromedp.WaitVisible(chromedp.CSS("main table")))
	file := b.eval("the Haddad family", `[...document.querySelectorAll('main a[href^="/families/"]')].find(a => /^\/families\/\d+$/.test(a.getAttribute('href')) && a.textContent.includes('Haddad')).getAttribute('href')`)
	b.do("follow-up", chromedp.Navigate(p.URL+strings.TrimPrefix(file, "/")+"/follow-up"), chromedp.WaitVisible(chromedp.CSS("main a[href$='/voice']")))
	b.do("offer page", chromedp.Click(chromedp.CSS("main a[href$='/voice']")), chromedp.WaitVisible(chromedp.CSS("form[action$='/voice/link'] button")))
	shoot("practitioner-voice-offer")
	b.do("create the link", chromedp.Click(chromedp.CSS("form[action$='/voice/link'] button")), chromedp.WaitVisible(chromedp.CSS("img.voice-qr")))
	if natural := b.eval("QR image", `String(document.querySelector('img.voice-qr').naturalWidth)`); natural == "0" {
		t.Fatal("the QR code image does not load")
	}
	link := b.eval("link", `document.querySelector('.voice-url a').getAttribute('href')`)
	if !strings.Contains(link, "/voice/") {
		t.Fatalf("the sheet's link is %q", link)
	}
	shoot("practitioner-voice-sheet", "fr") // the sheet is shown once: its language switch goes back to the offer
	signOut(b)

	// The family answers on a phone, in plain words.
	var questions []indicator.VoiceQuestion
	_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { questions, err = tx.VoiceQuestions(ctx, true); return err })
	b.do("phone", chromedp.EmulateViewport(390, 844))
	b.do("questionnaire", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("form.voice-form")))
	shoot("public-voice-answer", "*")
	if text := b.eval("page text", `document.body.innerText`); strings.Contains(text, "Haddad") || strings.Contains(text, "Yasmine") {
		t.Fatal("the questionnaire shows the family's name")
	}
	b.do("plain words", chromedp.Click(chromedp.CSS(".voice-plain-toggle a")), chromedp.WaitReady(chromedp.CSS("input[name=plain]")))
	shoot("public-voice-answer-plain")
	if w := b.eval("width", `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the questionnaire is %s px wide on a 390 px phone", w)
	}
	for _, q := range questions {
		name := "q" + strconv.FormatInt(q.VersionID, 10)
		switch q.Kind {
		case indicator.VoiceAgreement:
			b.do("answer "+q.Code, chromedp.Click(chromedp.CSS(fmt.Sprintf("input[name=%s][value='5']", name))))
		case indicator.VoiceYesNo:
			b.do("answer "+q.Code, chromedp.Click(chromedp.CSS(fmt.Sprintf("input[name=%s][value='1']", name))))
		case indicator.VoiceFreeComment:
			b.do("comment", chromedp.SendKeys(chromedp.CSS("#"+name), "Les visites à la maison m’ont beaucoup aidée."))
		}
	}
	b.do("send", chromedp.Click(chromedp.CSS(".voice-submit")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	if !strings.HasSuffix(b.eval("thanks", `location.pathname`), "/voice/thanks") {
		t.Fatal("sending did not lead to the thanks page")
	}
	shoot("public-voice-thanks", "*")
	b.do("the link again", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	if text := b.eval("used", `document.querySelector('main').innerText`); !strings.Contains(text, "déjà servi") {
		t.Fatalf("the used link reads %q", text)
	}
	shoot("public-voice-used")

	// The coordinator shares the comment.
	b.do("wide", chromedp.EmulateViewport(1280, 900))
	b.signIn("coordination@berceau.example", 1)
	b.do("moderation", chromedp.Navigate(p.URL+"voice/moderation"), chromedp.WaitVisible(chromedp.CSS(".voice-comments")))
	share := b.eval("the comment's share button", `(() => { const li = [...document.querySelectorAll('.voice-comment')].find(li => li.innerText.includes('beaucoup aidée')); return li ? li.querySelector('form[action$="/share"]').getAttribute('action') : '' })()`)
	if share == "" {
		t.Fatal("the family's comment is not in the moderation queue")
	}
	b.do("share", chromedp.Click(chromedp.CSS(fmt.Sprintf("form[action='%s'] button", share))), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	var shared []indicator.VoiceComment
	_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		shared, err = tx.VoiceComments(ctx, store.VoiceCommentFilter{State: indicator.VoiceShared, AllSites: true, From: "1900-01", To: "2100-12"})
		return err
	})
	found := false
	for _, c := range shared {
		found = found || strings.Contains(c.Body, "beaucoup aidée")
	}
	if !found {
		t.Fatal("the comment is not shared after the coordinator's click")
	}
	if msgs := problems(); len(msgs) > 0 {
		t.Errorf("console problems: %v", msgs)
	}
}

// voiceScreenshots returns a function that, with -screenshots=DIR, writes
// the current page at 1280 and 390 px in the languages given (none: French
// and English; "*": every language the page offers), coming back to French.
func voiceScreenshots(t *testing.T, b browserSession) func(name string, only ...string) {
	return func(name string, only ...string) {
		if *screenshotsDir == "" {
			return
		}
		if err := os.MkdirAll(*screenshotsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		langs := []string{"fr", "en"}
		all := len(only) == 1 && only[0] == "*"
		if len(only) > 0 && !all {
			langs = only
		}
		if all {
			offered := b.eval("languages", `[...document.querySelectorAll('.lang-switch button')].map(b => b.value).join(',')`)
			for _, l := range strings.Split(offered, ",") {
				if l != "" && l != "fr" && l != "en" {
					langs = append(langs, l)
				}
			}
		}
		width := b.eval("viewport", `String(window.innerWidth)`)
		for _, lang := range langs {
			if b.eval("lang", `document.documentElement.lang`) != lang {
				b.do("language "+lang, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(".lang-switch button[value=%s]").click()`, lang)),
					chromedp.WaitVisible(chromedp.CSS("html[lang="+lang+"] main")))
			}
			for _, w := range []int64{1280, 390} {
				h := int64(800)
				if w == 390 {
					h = 844
				}
				b.do(name, chromedp.EmulateViewport(w, h), chromedp.Sleep(150*time.Millisecond))
				shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
				if err == nil {
					shot, err = compactPNG(shot, w == 1280)
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(*screenshotsDir, fmt.Sprintf("%s-%s-%d.png", name, lang, w)), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if b.eval("lang", `document.documentElement.lang`) != "fr" {
			b.do("back to French", chromedp.Evaluate[chromedp.Void](`document.querySelector(".lang-switch button[value=fr]").click()`),
				chromedp.WaitVisible(chromedp.CSS("html[lang=fr] main")))
		}
		if width == "390" {
			b.do("phone again", chromedp.EmulateViewport(390, 844))
		} else {
			b.do("wide again", chromedp.EmulateViewport(1280, 900))
		}
	}
}
