package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestChangesAndCancellationsAreToldToEveryoneRegisteredOrWaiting: moving
// an event mails everyone registered or waiting a REQUEST with the raised
// sequence and moves the reminder; cancelling mails a CANCEL and drops it.
func TestChangesAndCancellationsAreToldToEveryoneRegisteredOrWaiting(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 3)
		e := w.event(t, 2, nil)
		for _, m := range w.members {
			if _, err := w.a.Events.Register(ctx, m, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		var reminder store.Job
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			reminder, _, err = tx.PendingJob(ctx, jobReminders, itoaApp(e.ID))
			return err
		})
		if !reminder.RunAt.Equal(e.Start.Add(-24 * time.Hour)) {
			t.Fatalf("reminder at %v, want the day before %v", reminder.RunAt, e.Start)
		}
		moved := e
		moved.Start, moved.End = e.Start.Add(48*time.Hour), e.End.Add(48*time.Hour)
		if _, err := w.a.Events.UpdateEvent(ctx, w.network, moved); err != nil {
			t.Fatal(err)
		}
		for i, m := range w.members {
			mail := lastMail(t, w.mails(t, m.User.Email))
			if icsMethod(mail) != "REQUEST" || !strings.Contains(string(mail.Attachments[0].Content), "SEQUENCE:1") {
				t.Fatalf("member %d not told of the move: %q", i, mail.Subject)
			}
		}
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			reminder, _, err = tx.PendingJob(ctx, jobReminders, itoaApp(e.ID))
			return err
		})
		if !reminder.RunAt.Equal(moved.Start.Add(-24 * time.Hour)) {
			t.Fatalf("reminder not moved: %v", reminder.RunAt)
		}
		if _, err := w.a.Events.CancelEvent(ctx, w.network, e.ID); err != nil {
			t.Fatal(err)
		}
		for i, m := range w.members {
			mail := lastMail(t, w.mails(t, m.User.Email))
			if icsMethod(mail) != "CANCEL" || !strings.Contains(string(mail.Attachments[0].Content), "STATUS:CANCELLED") {
				t.Fatalf("member %d not told of the cancellation: %q", i, mail.Subject)
			}
		}
		var pending bool
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
			_, pending, err = tx.PendingJob(ctx, jobReminders, itoaApp(e.ID))
			return err
		})
		if pending {
			t.Fatal("a cancelled event keeps its reminder")
		}
	})
}

// TestRemindersGoTheDayBeforeInEachLanguage: the reminder job mails the
// people holding a place in their own language, with the invitation.
func TestRemindersGoTheDayBeforeInEachLanguage(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 3)
		e := w.event(t, 2, nil)
		for _, m := range w.members {
			if _, err := w.a.Events.Register(ctx, m, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		*w.now = e.Start.Add(-24 * time.Hour)
		if _, err := w.a.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		fr, en := lastMail(t, w.mails(t, w.members[0].User.Email)), lastMail(t, w.mails(t, w.members[1].User.Email))
		if !strings.HasPrefix(fr.Subject, "Rappel") || !strings.HasPrefix(en.Subject, "Reminder") || icsMethod(en) != "REQUEST" {
			t.Fatalf("reminders %q / %q", fr.Subject, en.Subject)
		}
		if waiting := lastMail(t, w.mails(t, w.members[2].User.Email)); strings.Contains(waiting.Subject, "Rappel") {
			t.Fatal("the person waiting got a reminder")
		}
	})
}

// TestOrganisersTakeAttendanceAndOnlyTheySeeTheList: the attendee list,
// with counts by sector and the sectors missing, is the organisers' and
// the network coordinators' only; attendance credits the event's hours;
// attendees get the feedback form and give it once through their link.
func TestOrganisersTakeAttendanceAndOnlyTheySeeTheList(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 2)
		e := w.event(t, 10, nil)
		r, err := w.a.Events.Register(ctx, w.members[0], e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Events.Register(ctx, w.members[1], e.ID); err != nil {
			t.Fatal(err)
		}
		guest := knowledge.Guest{Name: "Dr Hamid", Email: "hamid@cabinet.example", Sector: knowledge.SectorGeneralPractice}
		if err := w.a.Events.RegisterGuest(ctx, berceau.Anonymous("198.51.100.1"), e.ID, guest); err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Events.ActByLink(ctx, berceau.Anonymous("198.51.100.1"), linkToken(t, lastMail(t, w.mails(t, guest.Email))), knowledge.ActConfirm); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"infirmiere@berceau.example", "membre@berceau.example", "coordination@berceau.example"} {
			if _, err := w.a.Events.Attendees(ctx, w.actor(who), e.ID); berceau.KindOf(err) != berceau.KindForbidden {
				t.Errorf("%s read the attendee list: %v", who, err)
			}
		}
		list, err := w.a.Events.Attendees(ctx, w.network, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[knowledge.Sector]int{}
		for _, c := range list.Sectors {
			got[c.Sector] = c.Registered
		}
		if got[knowledge.SectorMidwifery] != 2 || got[knowledge.SectorGeneralPractice] != 1 || len(list.MissingSectors) != len(knowledge.Sectors)-2 {
			t.Fatalf("sectors %v, missing %v", got, list.MissingSectors)
		}
		if _, err := w.a.Events.ActAsOrganizer(ctx, w.network, r.ID, knowledge.ActAttend); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("attendance taken ten days early: %v", err)
		}
		*w.now = e.Start.Add(10 * time.Minute)
		if _, err := w.a.Events.ActAsOrganizer(ctx, w.actor("infirmiere@berceau.example"), r.ID, knowledge.ActAttend); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner took attendance: %v", err)
		}
		att, err := w.a.Events.ActAsOrganizer(ctx, w.network, r.ID, knowledge.ActAttend)
		if err != nil || att.State != knowledge.StateAttended || att.Hours != 3 {
			t.Fatalf("attended: %s, %v hours, %v", att.State, att.Hours, err)
		}
		var credited int
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			var err error
			credited, err = tx.LearningMinutes(ctx, r.ID)
			return err
		})
		if credited != 180 {
			t.Fatalf("learning hours credited: %d minutes", credited)
		}
		// After the event: the feedback form to the attendees only.
		*w.now = e.End.Add(3 * time.Hour)
		if _, err := w.a.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		form := lastMail(t, w.mails(t, w.members[0].User.Email))
		if !strings.Contains(form.Subject, "avis") && !strings.Contains(form.Subject, "feedback") {
			t.Fatalf("no feedback mail to the attendee: %q", form.Subject)
		}
		if m := lastMail(t, w.mails(t, w.members[1].User.Email)); strings.Contains(m.Subject, "avis") {
			t.Fatal("the feedback form went to someone not marked present")
		}
		token := linkToken(t, form)
		if err := w.a.Events.GiveFeedback(ctx, berceau.Anonymous("198.51.100.1"), token, knowledge.Feedback{Rating: 6}); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("rating 6: %v", err)
		}
		if err := w.a.Events.GiveFeedback(ctx, berceau.Anonymous("198.51.100.1"), token, knowledge.Feedback{Rating: 4, Comment: "Très utile"}); err != nil {
			t.Fatal(err)
		}
		res, err := w.a.Events.Feedback(ctx, w.network, e.ID)
		if err != nil || res.Count != 1 || res.Average != 4 || res.Comments[0] != "Très utile" {
			t.Fatalf("feedback results %+v, %v", res, err)
		}
	})
}

// TestGuestsDataIsErasedAfterTheRetention: months after the event, the
// retention job erases guests' name, address and organisation and kills
// their links; sectors, states and hours stay; members are untouched.
func TestGuestsDataIsErasedAfterTheRetention(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 1)
		e := w.event(t, 10, nil)
		if _, err := w.a.Events.Register(ctx, w.members[0], e.ID); err != nil {
			t.Fatal(err)
		}
		guest := knowledge.Guest{Name: "Awa Traoré", Email: "awa@creche.example", Organisation: "Crèche", Sector: knowledge.SectorEarlyChildhood}
		if err := w.a.Events.RegisterGuest(ctx, berceau.Anonymous("198.51.100.1"), e.ID, guest); err != nil {
			t.Fatal(err)
		}
		token := linkToken(t, lastMail(t, w.mails(t, guest.Email)))
		if _, err := w.a.Events.ActByLink(ctx, berceau.Anonymous("198.51.100.1"), token, knowledge.ActConfirm); err != nil {
			t.Fatal(err)
		}
		if err := w.a.Events.SaveRegistrationSettings(ctx, w.actor("admin@berceau.example"), "24", "3"); err != nil {
			t.Fatal(err)
		}
		a := w.a
		if err := a.Jobs.seedPeriodic(ctx); err != nil { // what Start does first
			t.Fatal(err)
		}
		*w.now = e.End.AddDate(0, 3, -1)
		if _, err := a.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if list, _ := a.Events.Attendees(ctx, w.network, e.ID); list.Registrations[1].Erased || list.Registrations[0].Erased {
			t.Fatal("erased before the retention period")
		}
		*w.now = e.End.AddDate(0, 3, 1)
		if _, err := a.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		list, err := a.Events.Attendees(ctx, w.network, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list.Registrations {
			switch {
			case r.Guest() && (!r.Erased || r.Name != "" || r.Email != "" || r.Organisation != "" || r.Sector != knowledge.SectorEarlyChildhood):
				t.Fatalf("guest after retention: %+v", r)
			case !r.Guest() && (r.Erased || r.Name == ""):
				t.Fatalf("member erased: %+v", r)
			}
		}
		if _, err := a.Events.ByLink(ctx, token); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("an erased guest's link still works: %v", err)
		}
		if left := w.mails(t, guest.Email); len(left) != 0 {
			t.Fatalf("%d mails to the erased guest stay in the outbox", len(left))
		}
		if len(w.mails(t, w.members[0].User.Email)) == 0 {
			t.Fatal("the member's mail was erased too")
		}
	})
}

// TestApprovalAndThePersonalCalendar: an event requiring approval puts
// registrations aside until an organiser approves (a place) or rejects; a
// member's feed lists the events they hold a place at, and stops at the
// old URL once reset.
func TestApprovalAndThePersonalCalendar(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 2)
		e := w.event(t, 1, func(e *knowledge.Event) { e.ApprovalRequired = true })
		a, err := w.a.Events.Register(ctx, w.members[0], e.ID)
		if err != nil || a.State != knowledge.StateAwaitingApproval {
			t.Fatalf("with approval required: %s, %v", a.State, err)
		}
		b, _ := w.a.Events.Register(ctx, w.members[1], e.ID)
		if got, err := w.a.Events.ActAsOrganizer(ctx, w.network, a.ID, knowledge.ActApprove); err != nil || got.State != knowledge.StateRegistered {
			t.Fatalf("approved: %s, %v", got.State, err)
		}
		if got, err := w.a.Events.ActAsOrganizer(ctx, w.network, b.ID, knowledge.ActApprove); err != nil || got.State != knowledge.StateWaitlisted {
			t.Fatalf("approved when full: %s, %v", got.State, err)
		}
		path, err := w.a.Events.CalendarFeedPath(ctx, w.members[0])
		if err != nil {
			t.Fatal(err)
		}
		token := strings.TrimPrefix(path, "/calendar/me/")
		cal, err := w.a.Events.PersonalCalendar(ctx, token)
		if err != nil || !strings.Contains(string(cal), "UID:"+e.UID) || !strings.Contains(string(cal), "BEGIN:VTIMEZONE") {
			t.Fatalf("personal feed: %v\n%s", err, cal)
		}
		other, _ := w.a.Events.CalendarFeedPath(ctx, w.members[1])
		if cal, _ := w.a.Events.PersonalCalendar(ctx, strings.TrimPrefix(other, "/calendar/me/")); strings.Contains(string(cal), "UID:"+e.UID) {
			t.Fatal("a person waiting has the event in their feed")
		}
		if _, err := w.a.Events.PersonalCalendar(ctx, strings.Replace(token, ".", ".x", 1)); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("forged feed token: %v", err)
		}
		if err := w.a.Events.ResetCalendarFeed(ctx, w.members[0]); err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Events.PersonalCalendar(ctx, token); berceau.KindOf(err) != berceau.KindNotFound {
			t.Fatalf("the old feed URL still works: %v", err)
		}
	})
}
