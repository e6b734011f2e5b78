package app

import (
	"context"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// testEvent is a valid public event organised by a demo directory
// organisation, in Montréal, 'days' days after now.
func testEvent(now time.Time, org string, days int) knowledge.Event {
	loc, _ := time.LoadLocation("America/Toronto")
	d := now.In(loc).AddDate(0, 0, days)
	start := time.Date(d.Year(), d.Month(), d.Day(), 9, 30, 0, 0, loc)
	return knowledge.Event{
		Kind: knowledge.KindWorkshop, Title: berceau.TextOf("fr", "Atelier allaitement", "en", "Breastfeeding workshop"),
		Summary:    berceau.TextOf("fr", "Pratiques et soutien"),
		Organizers: []string{directory.NameUUID("demo-org:" + org)},
		Place:      knowledge.Place{Kind: knowledge.PlaceAddress, Address: "2110, rue Ontario Est, Montréal"},
		Start:      start, End: start.Add(3 * time.Hour), TimeZone: "America/Toronto",
		Audience: knowledge.AudiencePublic, Capacity: 20, Languages: []string{"fr"}, Free: true,
	}
}

// TestOrganisersPublishChangeAndCancelEventsAndEveryChangeIsAudited: a
// network coordinator organises any event; a site coordinator only those
// of the directory organisation they are staff of; a practitioner none. A
// move marks the event changed and raises its sequence; a cancellation
// keeps it, cancelled, with a higher sequence; each change is audited, each
// refusal too.
func TestOrganisersPublishChangeAndCancelEventsAndEveryChangeIsAudited(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		network, coordinator, nurse := actor("contenu@berceau.example"), actor("coordination@berceau.example"), actor("infirmiere@berceau.example")
		admin := actor("admin@berceau.example")

		if _, err := a.Events.CreateEvent(ctx, nurse, testEvent(now, "nid-hochelaga", 10)); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a practitioner published an event: %v", err)
		}
		if _, err := a.Events.CreateEvent(ctx, coordinator, testEvent(now, "nid-hochelaga", 10)); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("a site coordinator published for an organisation they are not staff of: %v", err)
		}
		if err := a.Directory.GrantDirectoryEditor(ctx, network, directory.NameUUID("demo-org:nid-hochelaga"), "coordination@berceau.example"); err != nil {
			t.Fatal(err)
		}
		coordinator = actor("coordination@berceau.example")
		e, err := a.Events.CreateEvent(ctx, coordinator, testEvent(now, "nid-hochelaga", 10))
		if err != nil {
			t.Fatal(err)
		}
		if e.ID == 0 || !berceau.ValidUUID(e.UID) || e.Status != knowledge.StatusScheduled || e.Sequence != 0 {
			t.Fatalf("created %+v", e)
		}
		other, err := a.Events.CreateEvent(ctx, network, testEvent(now, "parvis", 20))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Events.CancelEvent(ctx, coordinator, other.ID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("the coordinator cancelled another organisation's event: %v", err)
		}

		bad := testEvent(now, "nid-hochelaga", 10)
		bad.End = bad.Start.Add(-time.Hour)
		bad.TimeZone = "Mars/Olympus"
		bad.Organizers = []string{berceau.NewUUID()}
		if _, err := a.Events.CreateEvent(ctx, network, bad); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an event ending before it starts in an unknown zone: %v", err)
		} else if f := err.(*berceau.Error).Fields; f["end"] == "" || f["time_zone"] == "" {
			t.Fatalf("fields %v", f)
		}
		bad = testEvent(now, "nid-hochelaga", 10)
		bad.Organizers = []string{berceau.NewUUID()}
		if _, err := a.Events.CreateEvent(ctx, network, bad); berceau.KindOf(err) != berceau.KindInvalid {
			t.Fatalf("an organiser outside the directory: %v", err)
		}

		// A new summary only: no sequence, no change mark.
		e.Summary.Set("en", "Practice and support")
		if e, err = a.Events.UpdateEvent(ctx, coordinator, e); err != nil || e.Sequence != 0 || e.Status != knowledge.StatusScheduled {
			t.Fatalf("summary edit: %+v %v", e, err)
		}
		uid := e.UID
		e.Start, e.End = e.Start.Add(24*time.Hour), e.End.Add(24*time.Hour)
		if e, err = a.Events.UpdateEvent(ctx, coordinator, e); err != nil {
			t.Fatal(err)
		}
		if e.Sequence != 1 || e.Status != knowledge.StatusChanged || e.UID != uid {
			t.Fatalf("moved: sequence %d status %s uid %s", e.Sequence, e.Status, e.UID)
		}
		cancelled, err := a.Events.CancelEvent(ctx, coordinator, e.ID)
		if err != nil || cancelled.Sequence != 2 || !cancelled.Cancelled() {
			t.Fatalf("cancelled: %+v %v", cancelled, err)
		}
		if _, err := a.Events.UpdateEvent(ctx, coordinator, cancelled); berceau.KindOf(err) != berceau.KindConflict {
			t.Fatalf("a cancelled event was edited: %v", err)
		}
		d, err := a.Events.Event(ctx, berceau.Anonymous("192.0.2.9"), e.ID)
		if err != nil || !d.Event.Cancelled() || d.Event.UID != uid {
			t.Fatalf("the cancelled event is no longer shown: %+v %v", d.Event, err)
		}

		page, err := a.Admin.AuditTrail(ctx, admin, berceau.AuditFilter{Action: "event."})
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]map[berceau.AuditOutcome]int{}
		for _, entry := range page.Entries {
			if counts[entry.Action] == nil {
				counts[entry.Action] = map[berceau.AuditOutcome]int{}
			}
			counts[entry.Action][entry.Outcome]++
		}
		want := map[string]map[berceau.AuditOutcome]int{
			"event.create": {berceau.OutcomeSuccess: 2, berceau.OutcomeDenied: 2},
			"event.update": {berceau.OutcomeSuccess: 2},
			"event.cancel": {berceau.OutcomeSuccess: 1, berceau.OutcomeDenied: 1},
		}
		for action, outcomes := range want {
			for outcome, n := range outcomes {
				if counts[action][outcome] != n {
					t.Errorf("%s %s audited %d times, want %d (%v)", action, outcome, counts[action][outcome], n, counts)
				}
			}
		}
	})
}

// TestTheAgendaShowsEachReaderTheirAudienceAndFilters: a public event is
// seen by anyone, a members' event by people signed in, a staff event by
// the organisation's staff; the join link of an online event reaches only
// its organisers; filters select by kind, organiser, language, attendance,
// cycle, upcoming and past.
func TestTheAgendaShowsEachReaderTheirAudienceAndFilters(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		// Years after the demo's own agenda, which the window below leaves out.
		now := time.Date(2031, 10, 30, 12, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		network, member := actor("contenu@berceau.example"), actor("membre@berceau.example")
		anonymous := berceau.Anonymous("192.0.2.9")

		cycle, err := a.Events.CreateCycle(ctx, network, knowledge.Cycle{Title: berceau.TextOf("fr", "Rencontres"), Organizers: []string{directory.NameUUID("demo-org:parvis")}})
		if err != nil {
			t.Fatal(err)
		}
		public := testEvent(now, "nid-hochelaga", 3)
		public.CycleID = cycle.ID
		members := testEvent(now, "parvis", 4)
		members.Audience, members.Kind = knowledge.AudienceMembers, knowledge.KindWebinar
		members.Place = knowledge.Place{Kind: knowledge.PlaceOnline, JoinURL: "https://visio.example/salle-42"}
		members.Languages, members.InterpretationLanguages = []string{"fr"}, []string{"en"}
		staff := testEvent(now, "parvis", 5)
		staff.Audience, staff.AudienceOrganizationID = knowledge.AudienceStaff, directory.NameUUID("demo-org:parvis")
		past := testEvent(now, "nid-hochelaga", -30)
		ids := map[string]int64{}
		for name, e := range map[string]knowledge.Event{"public": public, "members": members, "staff": staff, "past": past} {
			created, err := a.Events.CreateEvent(ctx, network, e)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ids[name] = created.ID
		}
		list := func(actor berceau.Actor, f knowledge.EventFilter) []int64 {
			t.Helper()
			f.From = now.AddDate(0, 0, -60)
			l, err := a.Events.Events(ctx, actor, f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, it := range l.Items {
				got = append(got, it.Event.ID)
				if it.Event.Place.JoinURL != "" {
					t.Errorf("a list carries a join link")
				}
			}
			if l.Total != len(got) {
				t.Errorf("total %d for %d items", l.Total, len(got))
			}
			return got
		}
		same := func(got []int64, want ...int64) bool {
			if len(got) != len(want) {
				return false
			}
			for i := range got {
				if got[i] != want[i] {
					return false
				}
			}
			return true
		}
		if got := list(anonymous, knowledge.EventFilter{Upcoming: true}); !same(got, ids["public"]) {
			t.Errorf("anonymous upcoming %v", got)
		}
		if got := list(member, knowledge.EventFilter{Upcoming: true}); !same(got, ids["public"], ids["members"]) {
			t.Errorf("member upcoming %v", got)
		}
		if got := list(network, knowledge.EventFilter{Upcoming: true}); !same(got, ids["public"], ids["members"], ids["staff"]) {
			t.Errorf("network upcoming %v", got)
		}
		if got := list(anonymous, knowledge.EventFilter{Past: true}); !same(got, ids["past"]) {
			t.Errorf("past %v", got)
		}
		if got := list(member, knowledge.EventFilter{Kind: knowledge.KindWebinar}); !same(got, ids["members"]) {
			t.Errorf("kind %v", got)
		}
		if got := list(member, knowledge.EventFilter{Language: "en"}); !same(got, ids["members"]) {
			t.Errorf("language en (interpreted) %v", got)
		}
		if got := list(member, knowledge.EventFilter{Attendance: knowledge.AttendanceInPerson, Upcoming: true}); !same(got, ids["public"]) {
			t.Errorf("in person %v", got)
		}
		if got := list(network, knowledge.EventFilter{OrganizerID: directory.NameUUID("demo-org:parvis")}); !same(got, ids["members"], ids["staff"]) {
			t.Errorf("organiser %v", got)
		}
		if got := list(anonymous, knowledge.EventFilter{CycleID: cycle.ID}); !same(got, ids["public"]) {
			t.Errorf("cycle %v", got)
		}
		if got := list(network, knowledge.EventFilter{Audience: knowledge.AudienceStaff}); !same(got, ids["staff"]) {
			t.Errorf("audience %v", got)
		}

		if _, err := a.Events.Event(ctx, anonymous, ids["members"]); !berceau.IsNotFound(err) {
			t.Fatalf("anonymous read a members' event: %v", err)
		}
		d, err := a.Events.Event(ctx, member, ids["members"])
		if err != nil || d.Event.Place.JoinURL != "" || d.JoinURLShown {
			t.Fatalf("a member not registered sees the join link: %+v %v", d.Event.Place, err)
		}
		d, err = a.Events.Event(ctx, network, ids["members"])
		if err != nil || d.Event.Place.JoinURL == "" || !d.CanManage {
			t.Fatalf("the organiser does not see the join link: %+v %v", d.Event.Place, err)
		}
		if d.PlacesLeft != 20 || len(d.Organizers) != 1 {
			t.Errorf("places left %d organisers %d", d.PlacesLeft, len(d.Organizers))
		}
		cd, err := a.Events.Cycle(ctx, anonymous, cycle.ID)
		if err != nil || len(cd.Sessions) != 1 || cd.Sessions[0].PlacesLeft != 20 || cd.CanManage {
			t.Fatalf("cycle page %+v %v", cd, err)
		}
	})
}

// TestTheAgendaFilterChoicesFollowTheEvents: the organisers the agenda's
// filter offers are kept between reads, and a new event's organiser shows
// in the next read after the write.
func TestTheAgendaFilterChoicesFollowTheEvents(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		now := time.Date(2031, 3, 2, 15, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		offers := func(org string) bool {
			c, err := a.Events.FilterChoices(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range c.Organizers {
				if o.ID == directory.NameUUID("demo-org:"+org) {
					return !o.Name.Empty()
				}
			}
			return false
		}
		if !offers("parvis") || offers("horta") {
			t.Fatal("the demo's organisers are not offered, or an organisation without events is")
		}
		if _, err := a.Events.CreateEvent(ctx, actor("contenu@berceau.example"), testEvent(now, "horta", 3)); err != nil {
			t.Fatal(err)
		}
		if !offers("horta") {
			t.Fatal("a new event's organiser is not offered after the write")
		}
	})
}
