package api

import (
	"context"
	"encoding/json"
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

// TestMyRegistrationsListsMineWithTheirStateAndMyFeed: a member's token
// reads their registrations (state, waiting position, the event's UID and
// zone) and their calendar feed's URL, never anyone else's.
func TestMyRegistrationsListsMineWithTheirStateAndMyFeed(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		if err := demo.LoadDirectory(ctx, st); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		e.app.SetClock(func() time.Time { return now })
		start := now.Add(10 * 24 * time.Hour)
		ev, err := e.app.Events.CreateEvent(ctx, berceau.System("test"), knowledge.Event{Kind: knowledge.KindMeeting,
			Title: berceau.TextOf("fr", "Rencontre", "en", "Meeting"), Organizers: []string{directory.NameUUID("demo-org:parvis")},
			Place: knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Rue du Midi 120"}, Start: start, End: start.Add(2 * time.Hour),
			TimeZone: "Europe/Brussels", Audience: knowledge.AudienceMembers, Capacity: 5, Free: true})
		if err != nil {
			t.Fatal(err)
		}
		member, err := e.app.Accounts.ActorFor(ctx, e.member.ID, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Events.Register(ctx, member, ev.ID); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Registrations []struct {
				EventID  int64  `json:"event_id"`
				EventUID string `json:"event_uid"`
				State    string `json:"state"`
				TimeZone string `json:"time_zone"`
				Title    string `json:"title"`
			} `json:"registrations"`
			CalendarURL string `json:"calendar_url"`
		}
		resp, body := e.do(t, "GET", "/api/v1/me/registrations", bearer(e.narrow))
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Registrations) != 1 || got.Registrations[0].EventUID != ev.UID || got.Registrations[0].State != "registered" ||
			got.Registrations[0].TimeZone != "Europe/Brussels" || got.CalendarURL == "" {
			t.Fatalf("my registrations: %+v", got)
		}
		resp, body = e.do(t, "GET", "/api/v1/me/registrations", bearer(e.tokenOf(t, e.practitioner.ID, berceau.PermCommunity)))
		if resp.StatusCode != 200 || !strings.Contains(body, `"registrations":[]`) {
			t.Fatalf("another person's list: %d %s", resp.StatusCode, body)
		}
	})
}
