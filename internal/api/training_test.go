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
	"github.com/berceau/berceau/training"
)

// trainingAPIRoutes are the routes TestTheTrainingsAPI covers; the general
// route test counts them as covered.
var trainingAPIRoutes = []string{"/api/v1/me/learning-record"}

// TestTheTrainingsAPI: anyone lists the catalogue, filtered by discipline;
// a token with community.participate reads its owner's learning record
// (the training completed by attending both sessions, at the last one's
// date, for its duration), one without it is refused.
func TestTheTrainingsAPI(t *testing.T) {
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
		var sessions []int64
		for _, day := range []int{10, 17} {
			start := time.Date(2026, 3, day, 9, 30, 0, 0, brussels)
			ev, err := e.app.Events.CreateEvent(ctx, system, knowledge.Event{Kind: knowledge.KindTraining, Title: berceau.TextOf("fr", "Séance"),
				Organizers: []string{directory.NameUUID("demo-org:parvis")}, Place: knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Rue du Midi 120"},
				Start: start, End: start.Add(3 * time.Hour), TimeZone: "Europe/Brussels", Audience: knowledge.AudiencePublic, Free: true})
			if err != nil {
				t.Fatal(err)
			}
			sessions = append(sessions, ev.ID)
		}
		tr, err := e.app.Trainings.CreateTraining(ctx, system, training.Training{Title: berceau.TextOf("fr", "Premiers 1000 jours", "en", "The first 1000 days"),
			Minutes: 8 * 60, Modality: training.InPerson, Language: "fr", Audience: []berceau.Discipline{berceau.DisciplineMidwife},
			OrganizationID: directory.NameUUID("demo-org:parvis"), SessionIDs: sessions})
		if err != nil {
			t.Fatal(err)
		}
		member, err := e.app.Accounts.ActorFor(ctx, e.member.ID, "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range sessions {
			r, err := e.app.Events.Register(ctx, member, id)
			if err != nil {
				t.Fatal(err)
			}
			now = now.AddDate(0, 0, 10)
			if _, err := e.app.Events.MarkAttendance(ctx, system, r.ID, knowledge.ActAttend, -1); err != nil {
				t.Fatal(err)
			}
		}

		resp, body := e.do(t, "GET", "/api/v1/trainings", nil)
		var list trainingList
		if err := json.Unmarshal([]byte(body), &list); err != nil || resp.StatusCode != 200 || list.Total != 1 || len(list.Trainings[0].Sessions) != 2 ||
			list.Trainings[0].Hours != 8 || list.Trainings[0].Title.Get("en") != "The first 1000 days" {
			t.Fatalf("catalogue %d %v: %s", resp.StatusCode, err, body)
		}
		if _, body := e.do(t, "GET", "/api/v1/trainings?discipline=nurse", nil); !strings.Contains(body, `"total":0`) {
			t.Fatalf("a midwives' training listed for nurses: %s", body)
		}
		if resp, _ := e.do(t, "GET", "/api/v1/trainings?modality=fax", nil); resp.StatusCode != 422 {
			t.Fatalf("a modality that is none: %d", resp.StatusCode)
		}

		resp, body = e.do(t, "GET", "/api/v1/me/learning-record", bearer(e.narrow))
		var rec learningRecordOutput
		if err := json.Unmarshal([]byte(body), &rec.Body); err != nil || resp.StatusCode != 200 {
			t.Fatalf("record %d %v: %s", resp.StatusCode, err, body)
		}
		if rec.Body.TotalHours != 8 || len(rec.Body.Entries) != 1 || rec.Body.Entries[0].TrainingID != tr.ID ||
			rec.Body.Entries[0].Date != "2026-03-17" || rec.Body.Entries[0].Completion != "attendance" || len(rec.Body.Years) != 1 {
			t.Fatalf("record %s", body)
		}
		if _, body := e.do(t, "GET", "/api/v1/me/learning-record?year=2025", bearer(e.narrow)); !strings.Contains(body, `"total_hours":0`) {
			t.Fatalf("2025: %s", body)
		}
		if resp, _ := e.do(t, "GET", "/api/v1/me/learning-record", bearer(e.full)); resp.StatusCode != 403 {
			t.Fatalf("a token without community.participate: %d", resp.StatusCode)
		}
		if resp, _ := e.do(t, "GET", "/api/v1/me/learning-record", nil); resp.StatusCode != 401 {
			t.Fatalf("no token: %d", resp.StatusCode)
		}
	})
}
