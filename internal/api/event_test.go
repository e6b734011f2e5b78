package api

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
)

// eventAPIRoutes are the routes TestTheEventsAPIShowsEachOwnerTheirAudience
// covers; the general route test counts them as covered.
var eventAPIRoutes = []string{"/api/v1/events", "/api/v1/events/{id}"}

// TestTheEventsAPIShowsEachOwnerTheirAudience: a token lists the public
// and members' events, never another organisation's staff event nor a
// join link; filters narrow the list; one event reads with its places
// left; no token is a 401 problem.
func TestTheEventsAPIShowsEachOwnerTheirAudience(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		if err := demo.LoadDirectory(ctx, st); err != nil {
			t.Fatal(err)
		}
		system := berceau.System("test")
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		e.app.SetClock(func() time.Time { return now })
		brussels, _ := time.LoadLocation("Europe/Brussels")
		start := time.Date(2026, 3, 30, 9, 30, 0, 0, brussels) // the day after summer time begins
		base := knowledge.Event{Kind: knowledge.KindMeeting, Title: berceau.TextOf("fr", "Rencontre", "en", "Meeting"),
			Organizers: []string{directory.NameUUID("demo-org:parvis")}, Place: knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Rue du Midi 120"},
			Start: start, End: start.Add(2 * time.Hour), TimeZone: "Europe/Brussels", Audience: knowledge.AudiencePublic, Capacity: 12, Free: true}
		public, err := e.app.Events.CreateEvent(ctx, system, base)
		if err != nil {
			t.Fatal(err)
		}
		members := base
		members.Kind, members.Audience, members.Capacity = knowledge.KindWebinar, knowledge.AudienceMembers, 0
		members.Place = knowledge.Place{Kind: knowledge.PlaceOnline, JoinURL: "https://visio.example.org/secret-room"}
		if members, err = e.app.Events.CreateEvent(ctx, system, members); err != nil {
			t.Fatal(err)
		}
		staff := base
		staff.Audience, staff.AudienceOrganizationID = knowledge.AudienceStaff, directory.NameUUID("demo-org:parvis")
		if staff, err = e.app.Events.CreateEvent(ctx, system, staff); err != nil {
			t.Fatal(err)
		}

		list := func(query string) eventList {
			t.Helper()
			resp, body := e.send(t, "GET", "/api/v1/events"+query, bearer(e.narrow), "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d %s", query, resp.StatusCode, body)
			}
			var l eventList
			if err := json.Unmarshal([]byte(body), &l); err != nil {
				t.Fatal(err)
			}
			for _, ev := range l.Events {
				if ev.Place.JoinURL != "" {
					t.Errorf("a join link in the list: %+v", ev.Place)
				}
			}
			return l
		}
		all := list("")
		if all.Total != 2 || len(all.Events) != 2 || all.Events[0].ID != public.ID || all.Events[1].ID != members.ID {
			t.Fatalf("list %+v", all)
		}
		if ev := all.Events[0]; ev.PlacesLeft == nil || *ev.PlacesLeft != 12 || ev.TimeZone != "Europe/Brussels" || ev.UID != public.UID ||
			ev.Start.Format(time.RFC3339) != start.Format(time.RFC3339) {
			t.Errorf("public event %+v", ev)
		}
		if all.Events[1].PlacesLeft != nil {
			t.Errorf("an unlimited event has places left %d", *all.Events[1].PlacesLeft)
		}
		if l := list("?kind=webinar&attendance=online"); l.Total != 1 || l.Events[0].ID != members.ID {
			t.Errorf("webinars online %+v", l)
		}
		if l := list("?when=past"); l.Total != 0 {
			t.Errorf("past %+v", l)
		}
		if resp, body := e.send(t, "GET", "/api/v1/events/"+strconv.FormatInt(staff.ID, 10), bearer(e.narrow), ""); resp.StatusCode != 404 {
			t.Errorf("another organisation's staff event: %d %s", resp.StatusCode, body)
		}
		resp, body := e.send(t, "GET", "/api/v1/events/"+strconv.FormatInt(members.ID, 10), bearer(e.narrow), "")
		if resp.StatusCode != 200 || !json.Valid([]byte(body)) || strings.Contains(body, "secret-room") {
			t.Errorf("members' event %d %s", resp.StatusCode, body)
		}
		if resp, _ := e.send(t, "GET", "/api/v1/events", nil, ""); resp.StatusCode != 401 {
			t.Errorf("no token: %d", resp.StatusCode)
		}
		if resp, _ := e.send(t, "GET", "/api/v1/events?kind=picnic", bearer(e.narrow), ""); resp.StatusCode != 422 {
			t.Errorf("an unknown kind: %d", resp.StatusCode)
		}
	})
}
