package app

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau/internal/ical/icaltest"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// TestEveryRegistrationCalendarParsesWithAThirdPartyParser hands every .ics
// registration writes — the invitations and cancellations attached to its
// mails, and a person's feed — to python3-icalendar: each parses, names its
// VTIMEZONE, keeps the event's UID, and the sequence rises with the event.
func TestEveryRegistrationCalendarParsesWithAThirdPartyParser(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		w := newRegistrationWorld(t, st, 3)
		e := w.event(t, 1, nil)
		for _, m := range w.members {
			if _, err := w.a.Events.Register(ctx, m, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.a.Events.ActOnMine(ctx, w.members[0], e.ID, knowledge.ActCancel); err != nil { // cancel + offer
			t.Fatal(err)
		}
		moved := e
		moved.Start, moved.End = e.Start.Add(time.Hour), e.End.Add(time.Hour)
		if _, err := w.a.Events.UpdateEvent(ctx, w.network, moved); err != nil {
			t.Fatal(err)
		}
		feedPath, err := w.a.Events.CalendarFeedPath(ctx, w.members[1])
		if err != nil {
			t.Fatal(err)
		}
		feed, err := w.a.Events.PersonalCalendar(ctx, strings.TrimPrefix(feedPath, "/calendar/me/"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Events.CancelEvent(ctx, w.network, e.ID); err != nil {
			t.Fatal(err)
		}
		calendars := map[string][]byte{"feed.ics": feed}
		var all []store.OutboxMessage
		_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) { all, err = tx.ListOutbox(ctx, 1000); return err })
		methods := map[string]bool{}
		for _, m := range all {
			for i, a := range m.Attachments {
				calendars["mail-"+strconv.FormatInt(m.ID, 10)+"-"+strconv.Itoa(i)+".ics"] = a.Content
				methods[icsMethod(m)] = true
			}
		}
		if !methods["REQUEST"] || !methods["CANCEL"] || len(calendars) < 6 {
			t.Fatalf("%d calendars, methods %v", len(calendars), methods)
		}
		report := icaltest.Check(t, calendars)
		maxSeq := 0
		for name, uids := range report {
			seq, ok := uids[e.UID]
			if len(uids) != 1 || !ok {
				t.Fatalf("%s holds UIDs %v, want only %s", name, uids, e.UID)
			}
			maxSeq = max(maxSeq, seq)
		}
		if maxSeq != 2 || report["feed.ics"][e.UID] != 1 {
			t.Fatalf("sequences: highest %d, feed %d", maxSeq, report["feed.ics"][e.UID])
		}
	})
}
