package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestBrowserGuestWaitlistOfferAndCheckIn follows a place down the waiting
// list in Chromium against the real program: a guest registers to the
// demo's full session and confirms by the mailed link (waiting list); a
// member cancels; the guest takes the offered place from the offer mail in
// the outbox; the organiser checks the guest in on a 390-pixel-wide window.
func TestBrowserGuestWaitlistOfferAndCheckIn(t *testing.T) {
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
	// The full session starts within the hour, so that its attendance can be taken today.
	var session knowledge.Event
	if err := st.WriteTx(ctx, func(tx *store.Tx) error {
		events, err := tx.Events(ctx, knowledge.EventFilter{}, store.EventReach{All: true})
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.UID == directory.NameUUID("demo-event:bassin-sud-2") {
				session = e
			}
		}
		d := session.End.Sub(session.Start)
		session.Start = time.Now().UTC().Add(50 * time.Minute).Truncate(time.Minute)
		session.End = session.Start.Add(d)
		return tx.UpdateEvent(ctx, &session)
	}); err != nil || session.ID == 0 {
		t.Fatalf("demo session: %v", err)
	}
	reg := p.URL + "events/" + strconv.FormatInt(session.ID, 10) + "/registration"
	const guest = "awa.traore@creche-soleil.example"
	mailTo := func(to string, subjectStarts ...string) string {
		t.Helper()
		var link string
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			list, err := tx.ListOutbox(ctx, 50)
			for _, m := range list { // newest first
				starts := false
				for _, p := range subjectStarts {
					starts = starts || strings.HasPrefix(m.Subject, p)
				}
				if m.Recipient == to && starts && link == "" {
					i := strings.Index(m.Body, "http://")
					link = strings.Fields(m.Body[i:])[0]
				}
			}
			return err
		})
		if link == "" {
			t.Fatalf("no mail %q… to %s in the outbox", subjectStarts, to)
		}
		return link
	}

	// The guest registers to the full session and confirms by the mailed link.
	b.do("registration page", chromedp.Navigate(reg), chromedp.WaitVisible(chromedp.CSS("#sector")))
	b.do("guest form", chromedp.SendKeys(chromedp.CSS("#name"), "Awa Traoré"), chromedp.SendKeys(chromedp.CSS("#email"), guest),
		chromedp.SendKeys(chromedp.CSS("#organisation"), "Crèche Soleil"),
		chromedp.SetValue(chromedp.CSS("#sector"), string(knowledge.SectorEarlyChildhood)),
		chromedp.Click(chromedp.CSS("form[action$='/registration/guest'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("main .notice")))
	b.do("confirmation link", chromedp.Navigate(mailTo(guest, "Confirmez")), chromedp.WaitVisible(chromedp.CSS("form[action$='/confirm'] button")),
		chromedp.Click(chromedp.CSS("form[action$='/confirm'] button")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	if got := b.eval("waiting", `document.querySelector('.registration-box').innerText`); !strings.Contains(got, "Liste d’attente") || !strings.Contains(got, "4ᵉ") {
		t.Fatalf("after confirming, the guest reads %q", got)
	}

	// A member holding a place cancels it: the first person waiting is offered it, and so on as offers run.
	signInWithoutCode(b, "membre@berceau.example")
	b.do("member's registration", chromedp.Navigate(reg), chromedp.WaitVisible(chromedp.CSS("form[action$='/registration/cancel'] button")),
		chromedp.Click(chromedp.CSS("form[action$='/registration/cancel'] button")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	signOut(b)
	// The three guests waiting before her decline in turn (through their own links), so the place reaches her.
	for range 3 {
		var offered string
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			list, err := tx.EventRegistrations(ctx, session.ID)
			for _, r := range list {
				if r.State == knowledge.StateOffered {
					offered = r.Email
				}
			}
			return err
		})
		if offered == guest || offered == "" {
			break
		}
		b.do("decline for "+offered, chromedp.Navigate(mailTo(offered, "Une place", "A place")), chromedp.WaitVisible(chromedp.CSS("form[action$='/decline'] button")),
			chromedp.Click(chromedp.CSS("form[action$='/decline'] button")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	}
	b.do("the offer mail", chromedp.Navigate(mailTo(guest, "Une place")), chromedp.WaitVisible(chromedp.CSS("form[action$='/accept'] button")),
		chromedp.Click(chromedp.CSS("form[action$='/accept'] button")), chromedp.WaitVisible(chromedp.CSS("main .notice")))
	if got := b.eval("registered", `document.querySelector('.registration-box').innerText`); !strings.Contains(got, "Inscrit·e") {
		t.Fatalf("after accepting, the guest reads %q", got)
	}

	// The organiser checks her in on a phone.
	signInWithoutCode(b, "contenu@berceau.example")
	b.do("phone", chromedp.EmulateViewport(390, 844))
	b.do("check-in", chromedp.Navigate(p.URL+"events/"+strconv.FormatInt(session.ID, 10)+"/checkin?q=Awa"), chromedp.WaitVisible(chromedp.CSS(".checkin-item")))
	if w := b.eval("width", `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the check-in page is %s px wide on a 390 px phone", w)
	}
	b.do("present", chromedp.Click(chromedp.CSS(".checkin-item button[value=attend]")), chromedp.WaitVisible(chromedp.CSS(".checkin-item[data-present]")))
	var state knowledge.RegistrationState
	_ = st.ReadTx(ctx, func(tx *store.Tx) error {
		r, err := tx.RegistrationOf(ctx, session.ID, 0, guest)
		state = r.State
		return err
	})
	if state != knowledge.StateAttended {
		t.Fatalf("the guest is %s after the check-in", state)
	}
	if msgs := problems(); len(msgs) > 0 {
		t.Errorf("console problems: %v", msgs)
	}
}
