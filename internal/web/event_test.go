package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/ical/icaltest"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// demoEvents reads the demo agenda, by French title.
func demoEvents(t *testing.T, st *store.Store) map[string]knowledge.Event {
	t.Helper()
	byTitle := map[string]knowledge.Event{}
	err := st.ReadTx(context.Background(), func(tx *store.Tx) error {
		events, err := tx.Events(context.Background(), knowledge.EventFilter{}, store.EventReach{All: true})
		for _, e := range events {
			byTitle[e.Title.Get("fr")] = e
		}
		return err
	})
	if err != nil || len(byTitle) < 6 {
		t.Fatalf("demo events: %d, %v", len(byTitle), err)
	}
	return byTitle
}

const (
	session2    = "Rencontre 2 — Les 1000 premiers jours dans le Bassin Sud"
	webinar     = "Webinaire : soutenir l'allaitement quand la vie est précaire"
	trainingDay = "Journée de formation interdisciplinaire en périnatalité sociale"
)

var jsonLDRe = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func jsonLD(t *testing.T, page string) map[string]any {
	t.Helper()
	m := jsonLDRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no JSON-LD")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD %s: %v", m[1], err)
	}
	return ld
}

// TestTheAgendaEventAndCyclePagesShowTimesInTheEventsZoneInBothLanguages:
// the public agenda lists what the public may see, upcoming and past, and
// a month grid; an event page says its time in its zone, labelled, in the
// page's language, with schema.org JSON-LD; an online event's join link
// reaches neither the page nor the JSON-LD of someone not registered; the
// cycle page lists its sessions with the places left.
func TestTheAgendaEventAndCyclePagesShowTimesInTheEventsZoneInBothLanguages(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		events := demoEvents(t, st)
		b := ts.newBrowser(t)

		resp, body := b.get("/events")
		if resp.StatusCode != 200 || !strings.Contains(body, "Rencontre 2") || !strings.Contains(body, "Webinaire") ||
			strings.Contains(body, "Journée de formation") || strings.Contains(body, "Rencontre 1 ") {
			t.Fatalf("upcoming agenda %d:\n%s", resp.StatusCode, body)
		}
		for _, want := range []string{"heure de Bruxelles", "heure de Montréal", "webcal://", "/events/calendar.ics", "/events/kinds/webinar/calendar.ics", `href="/events"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the agenda lacks %q", want)
			}
		}
		if _, body := b.get("/events?when=past"); !strings.Contains(body, "Rencontre 1 — Se connaître") || strings.Contains(body, "Rencontre 2") {
			t.Errorf("past agenda:\n%s", body)
		}
		if _, body := b.get("/events?kind=webinar"); !strings.Contains(body, "Webinaire") || strings.Contains(body, "Rencontre 2") {
			t.Errorf("webinars only:\n%s", body)
		}
		s2 := events[session2]
		month := s2.Start.In(s2.Location()).Format("2006-01")
		// The month is plain HTML: no script, plain links to the months
		// around it.
		if resp, body := b.get("/events?view=month&month=" + month); resp.StatusCode != 200 || !strings.Contains(body, "event-month__grid") ||
			!strings.Contains(body, "/events/"+strconv.FormatInt(s2.ID, 10)) || strings.Contains(body, "<script") || !strings.Contains(body, `rel="next"`) {
			t.Errorf("month view %d:\n%s", resp.StatusCode, body)
		}

		_, page := b.get("/events/" + strconv.FormatInt(s2.ID, 10))
		if !strings.Contains(page, "heure de Bruxelles (CE") || !strings.Contains(page, "de 9 h 30 à 12 h 30") {
			t.Errorf("the session's time is not in Brussels time, labelled:\n%s", page)
		}
		ld := jsonLD(t, page)
		if ld["@type"] != "Event" || ld["eventStatus"] != "https://schema.org/EventScheduled" ||
			ld["eventAttendanceMode"] != "https://schema.org/OfflineEventAttendanceMode" || ld["maximumAttendeeCapacity"] != 10.0 ||
			ld["remainingAttendeeCapacity"] != 0.0 || ld["inLanguage"] != "fr" || ld["isAccessibleForFree"] != true {
			t.Errorf("JSON-LD %v", ld)
		}
		if loc, _ := ld["location"].(map[string]any); loc["@type"] != "Place" || loc["address"] == nil {
			t.Errorf("location %v", ld["location"])
		}
		if orgs, _ := ld["organizer"].([]any); len(orgs) != 2 {
			t.Errorf("organizer %v", ld["organizer"])
		}
		if super, _ := ld["superEvent"].(map[string]any); super["name"] != "Rencontres périnatalité 2026" {
			t.Errorf("superEvent %v", ld["superEvent"])
		}
		if ld["startDate"] != s2.Start.In(s2.Location()).Format(time.RFC3339) || !strings.Contains(ld["startDate"].(string), "T09:30:00+0") {
			t.Errorf("startDate %v", ld["startDate"])
		}

		w := events[webinar]
		_, page = b.get("/events/" + strconv.FormatInt(w.ID, 10))
		if strings.Contains(page, w.Place.JoinURL) || strings.Contains(page, "visio.example.org") {
			t.Error("the join link is shown to someone not registered")
		}
		if loc, _ := jsonLD(t, page)["location"].(map[string]any); loc["@type"] != "VirtualLocation" {
			t.Errorf("webinar location %v", loc)
		}
		if resp, _ := b.get("/events/" + strconv.FormatInt(events[trainingDay].ID, 10)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a members' event read anonymously: %d", resp.StatusCode)
		}

		_, page = b.get("/cycles/" + strconv.FormatInt(s2.CycleID, 10))
		if strings.Count(page, `class="event-item`) != 3 || !strings.Contains(page, "Complet") || !strings.Contains(page, "40 places restantes") || !strings.Contains(page, "webcal://") {
			t.Errorf("cycle page:\n%s", page)
		}

		b.post("/language", url.Values{"lang": {"en"}, "next": {"/"}})
		_, page = b.get("/events/" + strconv.FormatInt(s2.ID, 10))
		if !strings.Contains(page, "Brussels time (CE") || !strings.Contains(page, "9:30 to 12:30") || !strings.Contains(page, "Meeting 2") {
			t.Errorf("English page:\n%s", page)
		}
		if name := jsonLD(t, page)["name"]; name != "Meeting 2 — The first 1000 days in the Bassin Sud" {
			t.Errorf("English JSON-LD name %v", name)
		}

		member := ts.newBrowser(t)
		member.signIn("membre@berceau.example")
		if resp, body := member.get("/events/" + strconv.FormatInt(events[trainingDay].ID, 10)); resp.StatusCode != 200 || !strings.Contains(body, "heure de Montréal") {
			t.Errorf("a member cannot read the members' training day: %d", resp.StatusCode)
		}
	})
}

// eventValues is an event's form as a browser posts it.
func eventValues(f eventForm) url.Values {
	v := url.Values{"kind": {f.Kind}, "cycle": {f.Cycle}, "place_kind": {f.PlaceKind},
		"location_id": {f.LocationID}, "address": {f.Address}, "join_url": {f.JoinURL}, "start_date": {f.StartDate},
		"start_time": {f.StartTime}, "end_date": {f.EndDate}, "end_time": {f.EndTime}, "time_zone": {f.TimeZone},
		"audience": {f.Audience}, "audience_organization": {f.AudienceOrganization}, "capacity": {f.Capacity},
		"registration_opens": {f.RegistrationOpens}, "registration_closes": {f.RegistrationCloses},
		"languages": {f.Languages}, "interpretation": {f.Interpretation}}
	for base, t := range map[string]berceau.Text{"title": f.Title, "summary": f.Summary, "body": f.Body, "accessibility": f.Accessibility} {
		for _, lang := range t.Langs() {
			v.Set(base+"_"+lang, t.Get(lang))
		}
	}
	for id := range f.Organizers {
		v.Add("organizers", id)
	}
	if f.Free {
		v.Set("free", "on")
	}
	if f.ApprovalRequired {
		v.Set("approval_required", "on")
	}
	return v
}

// TestEveryCalendarBerceauServesParsesAndKeepsItsUIDs: the agenda's feed,
// each kind's, a cycle's and an event's are parsed by python3-icalendar
// before and after an organiser moves a session and cancels the webinar;
// the UIDs stay, the sequences rise, the cancelled webinar stays in the
// feed as STATUS:CANCELLED.
func TestEveryCalendarBerceauServesParsesAndKeepsItsUIDs(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st, Options{})
		events := demoEvents(t, st)
		s2, w := events[session2], events[webinar]
		b := ts.newBrowser(t)
		paths := []string{"/events/calendar.ics", "/cycles/" + strconv.FormatInt(s2.CycleID, 10) + "/calendar.ics",
			"/events/" + strconv.FormatInt(s2.ID, 10) + "/calendar.ics"}
		for _, k := range knowledge.EventKinds {
			paths = append(paths, "/events/kinds/"+string(k)+"/calendar.ics")
		}
		fetch := func() map[string][]byte {
			out := map[string][]byte{}
			for _, p := range paths {
				resp, body := b.get(p)
				if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
					t.Fatalf("%s: %d %s", p, resp.StatusCode, resp.Header.Get("Content-Type"))
				}
				out[p] = []byte(body)
			}
			return out
		}
		before := icaltest.Check(t, fetch())
		if before["/events/calendar.ics"][s2.UID] != 0 || before["/events/calendar.ics"][w.UID] != 0 {
			t.Fatalf("agenda feed %v", before["/events/calendar.ics"])
		}
		if _, ok := before["/events/calendar.ics"][events[trainingDay].UID]; ok {
			t.Error("a members' event is in the public feed")
		}

		organiser := ts.newBrowser(t)
		organiser.signIn("contenu@berceau.example")
		form := formOf(s2)
		form.StartTime, form.EndTime = "10:00", "13:00"
		if resp, body := organiser.post("/events/"+strconv.FormatInt(s2.ID, 10), eventValues(form)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("move: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ := organiser.post("/events/"+strconv.FormatInt(w.ID, 10)+"/cancel", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("cancel: %d", resp.StatusCode)
		}
		afterFeeds := fetch()
		after := icaltest.Check(t, afterFeeds)
		for _, p := range paths {
			for uid, seq := range before[p] {
				now, ok := after[p][uid]
				if !ok {
					t.Errorf("%s: UID %s vanished after the edit", p, uid)
				}
				if (uid == s2.UID || uid == w.UID) && now != seq+1 {
					t.Errorf("%s: %s sequence %d then %d", p, uid, seq, now)
				}
			}
		}
		agenda := string(afterFeeds["/events/calendar.ics"])
		if !strings.Contains(agenda, "STATUS:CANCELLED") || !strings.Contains(agenda, "T100000") {
			t.Errorf("the agenda feed after the changes:\n%s", agenda)
		}
		if _, page := b.get("/events/" + strconv.FormatInt(w.ID, 10)); !strings.Contains(page, "EventCancelled") || !strings.Contains(page, "Annulé") {
			t.Error("the cancelled webinar's page does not say so")
		}
	})
}
