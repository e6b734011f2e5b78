package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// registrationWorld is the demo world with a clock at a fixed instant, the
// network coordinator (contenu@, who organises every event) and n more
// network members.
type registrationWorld struct {
	a       *App
	st      *store.Store
	now     *time.Time
	network berceau.Actor
	actor   func(email string) berceau.Actor
	members []berceau.Actor
}

func newRegistrationWorld(t *testing.T, st *store.Store, n int) *registrationWorld {
	t.Helper()
	ctx := context.Background()
	a, actor, _, _ := demoWorld(t, st)
	now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	w := &registrationWorld{a: a, st: st, now: &now, actor: actor}
	a.SetClock(func() time.Time { return *w.now })
	w.network = actor("contenu@berceau.example")
	var ids []int64
	if err := st.WriteTx(ctx, func(tx *store.Tx) error {
		for i := range n {
			u := berceau.User{Email: fmt.Sprintf("membre.%02d@reseau.example", i), DisplayName: fmt.Sprintf("Membre %02d", i),
				Discipline: berceau.DisciplineMidwife, Locale: []string{"fr", "en"}[i%2],
				Roles: []berceau.RoleGrant{{Role: berceau.RoleNetworkMember}}}
			if err := tx.CreateUser(ctx, &u, ""); err != nil {
				return err
			}
			ids = append(ids, u.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		act, err := a.Accounts.ActorFor(ctx, id, "192.0.2.7")
		if err != nil {
			t.Fatal(err)
		}
		w.members = append(w.members, act)
	}
	return w
}

func (w *registrationWorld) event(t *testing.T, capacity int, change func(*knowledge.Event)) knowledge.Event {
	t.Helper()
	e := testEvent(*w.now, "nid-hochelaga", 10)
	e.Capacity = capacity
	if change != nil {
		change(&e)
	}
	created, err := w.a.Events.CreateEvent(context.Background(), w.network, e)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func (w *registrationWorld) state(t *testing.T, id int64) knowledge.Registration {
	t.Helper()
	var r knowledge.Registration
	if err := w.st.ReadTx(context.Background(), func(tx *store.Tx) (err error) { r, _, err = tx.RegistrationByID(context.Background(), id); return err }); err != nil {
		t.Fatal(err)
	}
	return r
}

func (w *registrationWorld) counts(t *testing.T, eventID int64) map[knowledge.RegistrationState]int {
	t.Helper()
	counts := map[knowledge.RegistrationState]int{}
	_ = w.st.ReadTx(context.Background(), func(tx *store.Tx) error {
		list, err := tx.EventRegistrations(context.Background(), eventID)
		for _, r := range list {
			counts[r.State]++
		}
		return err
	})
	return counts
}

// mails returns the outbox messages to one address, oldest first.
func (w *registrationWorld) mails(t *testing.T, to string) []store.OutboxMessage {
	t.Helper()
	var all []store.OutboxMessage
	_ = w.st.ReadTx(context.Background(), func(tx *store.Tx) (err error) { all, err = tx.ListOutbox(context.Background(), 1000); return err })
	var out []store.OutboxMessage
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Recipient == to {
			out = append(out, all[i])
		}
	}
	return out
}

func lastMail(t *testing.T, list []store.OutboxMessage) store.OutboxMessage {
	t.Helper()
	if len(list) == 0 {
		t.Fatal("no mail")
	}
	return list[len(list)-1]
}

// linkToken takes the registration token out of a mail's link.
func linkToken(t *testing.T, m store.OutboxMessage) string {
	t.Helper()
	i := strings.Index(m.Body, "/registrations/")
	if i < 0 {
		t.Fatalf("no registration link in %q", m.Body)
	}
	rest := m.Body[i+len("/registrations/"):]
	if j := strings.IndexAny(rest, " \n\r)"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func icsMethod(m store.OutboxMessage) string {
	for _, a := range m.Attachments {
		if i := strings.Index(string(a.Content), "METHOD:"); i >= 0 {
			line := string(a.Content[i+len("METHOD:"):])
			return line[:strings.Index(line, "\r\n")]
		}
	}
	return ""
}

// TestFiftySimultaneousRegistrationsForTenPlaces: 50 members press the
// button at the same moment for an event of 10 places: exactly 10 get a
// place, 40 wait, in the order their registrations committed.
func TestFiftySimultaneousRegistrationsForTenPlaces(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		w := newRegistrationWorld(t, st, 50)
		e := w.event(t, 10, nil)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, len(w.members))
		for _, m := range w.members {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if _, err := w.a.Events.Register(context.Background(), m, e.ID); err != nil {
					errs <- err
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("registration failed: %v", err)
		}
		c := w.counts(t, e.ID)
		if c[knowledge.StateRegistered] != 10 || c[knowledge.StateWaitlisted] != 40 || len(c) != 2 {
			t.Fatalf("states %v, want 10 registered and 40 waitlisted", c)
		}
		d, err := w.a.Events.Event(context.Background(), w.network, e.ID)
		if err != nil || d.PlacesLeft != 0 {
			t.Fatalf("places left %d, %v", d.PlacesLeft, err)
		}
	})
}

// TestTheCancellationChain: a cancellation offers the place to the first
// person waiting for the network's offer duration; an offer that expires
// passes to the next; an accepted offer is a place; a place freed with
// nobody waiting goes to the next person who registers.
func TestTheCancellationChain(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 5)
		e := w.event(t, 2, nil)
		var regs []knowledge.Registration
		for _, m := range w.members[:4] {
			r, err := w.a.Events.Register(ctx, m, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			regs = append(regs, r)
		}
		want := []knowledge.RegistrationState{knowledge.StateRegistered, knowledge.StateRegistered, knowledge.StateWaitlisted, knowledge.StateWaitlisted}
		for i, r := range regs {
			if r.State != want[i] {
				t.Fatalf("registration %d is %s, want %s", i, r.State, want[i])
			}
		}
		if m := lastMail(t, w.mails(t, regs[0].Email)); icsMethod(m) != "REQUEST" {
			t.Fatalf("confirmation without a REQUEST invitation: %q", m.Subject)
		}
		if _, err := w.a.Events.ActOnMine(ctx, w.members[0], e.ID, knowledge.ActCancel); err != nil {
			t.Fatal(err)
		}
		if m := lastMail(t, w.mails(t, regs[0].Email)); icsMethod(m) != "CANCEL" {
			t.Fatalf("cancellation mail without a CANCEL calendar: %q", m.Subject)
		}
		third := w.state(t, regs[2].ID)
		if third.State != knowledge.StateOffered || !third.OfferExpiresAt.Equal(w.now.Add(DefaultOfferHours*time.Hour)) {
			t.Fatalf("first waiting: %s until %v", third.State, third.OfferExpiresAt)
		}
		offer := lastMail(t, w.mails(t, regs[2].Email))
		if icsMethod(offer) != "REQUEST" || !strings.Contains(offer.Body, "/registrations/") {
			t.Fatalf("offer mail %q without invitation or link", offer.Subject)
		}
		if w.state(t, regs[3].ID).State != knowledge.StateWaitlisted {
			t.Fatal("the second person waiting moved")
		}

		// Not yet expired: the job does nothing.
		*w.now = w.now.Add(DefaultOfferHours*time.Hour - time.Minute)
		if _, err := w.a.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if w.state(t, regs[2].ID).State != knowledge.StateOffered {
			t.Fatal("the offer ended early")
		}
		*w.now = w.now.Add(time.Minute)
		if n, err := w.a.Jobs.RunDue(ctx); err != nil || n == 0 {
			t.Fatalf("expiry job: %d, %v", n, err)
		}
		if got := w.state(t, regs[2].ID).State; got != knowledge.StateExpired {
			t.Fatalf("expired offer is %s", got)
		}
		fourth := w.state(t, regs[3].ID)
		if fourth.State != knowledge.StateOffered {
			t.Fatalf("the next person waiting is %s, want offered", fourth.State)
		}
		// Accepting through the mailed link.
		token := linkToken(t, lastMail(t, w.mails(t, regs[3].Email)))
		if _, err := w.a.Events.ActByLink(ctx, berceau.Anonymous("198.51.100.4"), token+"x", knowledge.ActAccept); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("a forged link was accepted: %v", err)
		}
		got, err := w.a.Events.ActByLink(ctx, berceau.Anonymous("198.51.100.4"), token, knowledge.ActAccept)
		if err != nil || got.Registration.State != knowledge.StateRegistered {
			t.Fatalf("accepting the offer: %+v, %v", got.Registration.State, err)
		}
		if _, err := w.a.Events.ActByLink(ctx, berceau.Anonymous("198.51.100.4"), token, knowledge.ActAccept); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("accepting twice: %v", err)
		}
		// A place freed with nobody waiting goes to the next registration.
		if _, err := w.a.Events.ActOnMine(ctx, w.members[1], e.ID, knowledge.ActCancel); err != nil {
			t.Fatal(err)
		}
		r, err := w.a.Events.Register(ctx, w.members[4], e.ID)
		if err != nil || r.State != knowledge.StateRegistered {
			t.Fatalf("after a freed place: %s, %v", r.State, err)
		}
		if c := w.counts(t, e.ID); c[knowledge.StateRegistered] != 2 {
			t.Fatalf("capacity exceeded or lost: %v", c)
		}
		// Registering twice is refused; after cancelling, registering again starts over.
		if _, err := w.a.Events.Register(ctx, w.members[4], e.ID); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("registered twice: %v", err)
		}
		again, err := w.a.Events.Register(ctx, w.members[0], e.ID)
		if err != nil || again.State != knowledge.StateWaitlisted || again.ID != regs[0].ID {
			t.Fatalf("registering again: %+v, %v", again, err)
		}
		// Every step is in the dated history and audited.
		_, history, err := w.a.Events.RegistrationHistory(ctx, w.network, regs[2].ID)
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for _, h := range history {
			steps = append(steps, string(h.State))
		}
		if strings.Join(steps, ",") != "waitlisted,offered,expired" {
			t.Fatalf("history %v", steps)
		}
		var audited int
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			page, err := tx.ListAudit(ctx, berceau.AuditFilter{Action: "registration.expire", Page: 1})
			audited = page.Total
			return err
		})
		if audited != 1 {
			t.Fatalf("expiries audited: %d", audited)
		}
	})
}

// TestGuestsConfirmByMailAndAreThrottled: a guest's registration holds no
// place until the mailed link is followed (double opt-in); members-only
// events refuse guests; the sixth registration from one address within
// the hour is refused.
func TestGuestsConfirmByMailAndAreThrottled(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 1)
		e := w.event(t, 1, nil)
		guest := knowledge.Guest{Name: "Awa Traoré", Email: "Awa@Creche.example", Organisation: "Crèche Les Lucioles",
			Sector: knowledge.SectorEarlyChildhood, Language: "en"}
		anon := berceau.Anonymous("198.51.100.9")
		if err := w.a.Events.RegisterGuest(ctx, anon, e.ID, knowledge.Guest{Name: "", Email: "x", Sector: "cardiology"}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("invalid guest: %v", err)
		}
		if err := w.a.Events.RegisterGuest(ctx, anon, e.ID, guest); err != nil {
			t.Fatal(err)
		}
		mail := lastMail(t, w.mails(t, "awa@creche.example"))
		if len(mail.Attachments) != 0 || !strings.Contains(mail.Subject+mail.Body, "onfirm") {
			t.Fatalf("opt-in mail %q / %q", mail.Subject, mail.Body)
		}
		if c := w.counts(t, e.ID); c[knowledge.StateUnconfirmed] != 1 {
			t.Fatalf("before the link: %v", c)
		}
		// A member takes the only place meanwhile.
		if _, err := w.a.Events.Register(ctx, w.members[0], e.ID); err != nil {
			t.Fatal(err)
		}
		token := linkToken(t, mail)
		got, err := w.a.Events.ActByLink(ctx, anon, token, knowledge.ActConfirm)
		if err != nil || got.Registration.State != knowledge.StateWaitlisted || got.WaitingPosition != 1 {
			t.Fatalf("confirmed guest: %s #%d, %v", got.Registration.State, got.WaitingPosition, err)
		}
		// The member cancels: the guest is offered the place.
		if _, err := w.a.Events.ActOnMine(ctx, w.members[0], e.ID, knowledge.ActCancel); err != nil {
			t.Fatal(err)
		}
		offer := lastMail(t, w.mails(t, "awa@creche.example"))
		if !strings.Contains(offer.Body, token) || icsMethod(offer) != "REQUEST" {
			t.Fatalf("offer mail to the guest: %q", offer.Body)
		}
		// Registering again with the same address mails the link again, same answer.
		if err := w.a.Events.RegisterGuest(ctx, berceau.Anonymous("198.51.100.10"), e.ID, guest); err != nil {
			t.Fatalf("second registration: %v", err)
		}
		// Members-only events refuse guests.
		members := w.event(t, 5, func(e *knowledge.Event) { e.Audience = knowledge.AudienceMembers })
		if err := w.a.Events.RegisterGuest(ctx, anon, members.ID, guest); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("guest on a members' event: %v", err)
		}
		// Throttle: 5 per address per hour.
		other := w.event(t, 0, nil)
		for range 3 { // the 3rd, 4th and 5th of this address within the hour
			if err := w.a.Events.RegisterGuest(ctx, anon, other.ID, guest); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.a.Events.RegisterGuest(ctx, anon, other.ID, guest); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("sixth registration within the hour: %v", err)
		}
		*w.now = w.now.Add(time.Hour)
		if err := w.a.Events.RegisterGuest(ctx, anon, other.ID, guest); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}
