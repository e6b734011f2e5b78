package main

import (
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestBrowserTrainerMarksCompleteParticipantDownloadsVisitorVerifies runs
// the certificate's whole path in Chromium against the real program: the
// network member attended the first session of the demo's motivational
// interviewing only; the trainer marks her complete with a note on the
// participants page; she gets the certificate from her learning record (the
// PDF her session downloads names her, the training, its hours, and the
// code); a visitor types the code on /verify and reads the confirmation.
func TestBrowserTrainerMarksCompleteParticipantDownloadsVisitorVerifies(t *testing.T) {
	if underRace {
		t.Skip("a browser scenario on SQLite: the plain pass runs it; the race pass checks concurrency on PostgreSQL")
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
	var trainingID int64
	if err := st.WriteTx(ctx, func(tx *store.Tx) error {
		list, _, err := tx.Trainings(ctx, store.TrainingFilter{})
		if err != nil {
			return err
		}
		for _, it := range list {
			if it.Title.Get("fr") == "Entretien motivationnel" {
				trainingID = it.ID
			}
		}
		sessions, err := tx.TrainingSessions(ctx, []int64{trainingID})
		if err != nil || len(sessions[trainingID]) == 0 {
			return err
		}
		first, err := tx.EventByID(ctx, sessions[trainingID][0].EventID)
		if err != nil {
			return err
		}
		u, err := tx.UserByEmail(ctx, "membre@berceau.example")
		if err != nil {
			return err
		}
		r := knowledge.Registration{EventID: first.ID, UserID: u.ID, Name: u.DisplayName, Email: u.Email, Sector: knowledge.SectorCommunity,
			Language: "fr", State: knowledge.StateRegistered}
		if err := tx.CreateRegistration(ctx, &r, "secret", 0); err != nil {
			return err
		}
		if err := tx.SetRegistrationState(ctx, r.ID, knowledge.StateAttended, knowledge.ActAttend, 0, time.Time{}); err != nil {
			return err
		}
		return tx.SetLearningHours(ctx, r, int(first.End.Sub(first.Start).Minutes()), 0)
	}); err != nil || trainingID == 0 {
		t.Fatalf("demo training: %v", err)
	}
	id := strconv.FormatInt(trainingID, 10)

	// The trainer marks the member complete, with a note.
	signInWithoutCode(b, "contenu@berceau.example")
	b.do("participants", chromedp.Navigate(p.URL+"trainings/"+id+"/participants"), chromedp.WaitVisible(chromedp.CSS("table")))
	row := b.eval("the member's row", `[...document.querySelectorAll('tbody tr')].findIndex(tr => tr.innerText.includes('Pierre Mukendi')).toString()`)
	if row == "-1" {
		t.Fatal("the member is not among the participants")
	}
	n, _ := strconv.Atoi(row)
	form := "tbody tr:nth-child(" + strconv.Itoa(n+1) + ") form"
	b.do("mark complete", chromedp.SendKeys(chromedp.CSS(form+" input[name=note]"), "Deuxième séance rattrapée en individuel"),
		chromedp.Click(chromedp.CSS(form+" button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	if got := b.eval("marked", `[...document.querySelectorAll('tbody tr')].find(tr => tr.innerText.includes('Pierre Mukendi')).innerText`); !strings.Contains(got, "déclarée par la formatrice") ||
		!strings.Contains(got, "Deuxième séance rattrapée en individuel") {
		t.Fatalf("after the mark, the row reads %q", got)
	}
	signOut(b)

	// The member gets the certificate from her record: the PDF her session downloads.
	signInWithoutCode(b, "membre@berceau.example")
	b.do("record", chromedp.Navigate(p.URL+"me/learning-record"), chromedp.WaitVisible(chromedp.CSS("#entries-title")))
	if got := b.eval("the record", `document.querySelector("form[action='/me/certificates'] input[name=training][value='`+id+`']") ? "ok" : document.querySelector('main').innerText`); got != "ok" {
		t.Fatalf("no certificate form for the training on the record:\n%s", got)
	}
	pdf64, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(async () => {
		const form = document.querySelector("form[action='/me/certificates'] input[name=training][value='`+id+`']").form;
		const resp = await fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))});
		if (resp.headers.get('Content-Type') !== 'application/pdf') return 'not a PDF: ' + resp.status + ' ' + resp.headers.get('Content-Type');
		const bytes = new Uint8Array(await resp.arrayBuffer());
		let s = ''; for (const x of bytes) s += String.fromCharCode(x);
		return btoa(s);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	raw, err := base64.StdEncoding.DecodeString(pdf64)
	if err != nil {
		t.Fatalf("download: %s (%v)", pdf64[:min(len(pdf64), 200)], err)
	}
	path := filepath.Join(t.TempDir(), "certificate.pdf")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, want := range []string{"Pierre Mukendi", "Entretien motivationnel", "7 h", "Attestation de formation"} {
		if !strings.Contains(text, want) {
			t.Errorf("the certificate lacks %q:\n%s", want, text)
		}
	}
	code := regexp.MustCompile(`[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}`).FindString(text)
	if code == "" {
		t.Fatalf("no verification code on the certificate:\n%s", text)
	}
	signOut(b)

	// A visitor types the code and reads the confirmation, on a phone.
	b.do("phone", chromedp.EmulateViewport(390, 844))
	b.do("verify form", chromedp.Navigate(p.URL+"verify"), chromedp.WaitVisible(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#code"), strings.ToLower(code)), chromedp.Click(chromedp.CSS("form[action='/verify'] button")),
		chromedp.WaitVisible(chromedp.CSS(".verify-facts")))
	got := b.eval("verified", `document.querySelector('main').innerText`)
	for _, want := range []string{"authentique et valide", "Pierre Mukendi", "Entretien motivationnel", "7 h", code} {
		if !strings.Contains(got, want) {
			t.Errorf("the verification page lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "membre@berceau.example") || strings.Contains(got, "rattrapée") {
		t.Errorf("the verification page shows more than the certificate:\n%s", got)
	}
	if w := b.eval("width", `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the verification page is %s px wide on a 390 px phone", w)
	}
	if msgs := problems(); len(msgs) > 0 {
		t.Errorf("console problems: %v", msgs)
	}
}
