package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// The public agenda, the event and cycle pages.

// agendaPageSize is how many events a page of the agenda lists.
const agendaPageSize = 30

// agendaQuery is the agenda's filters as the form sends them back.
type agendaQuery struct {
	When, Kind, Organizer, Lang, Attendance, Audience, Cycle, View, Month string
	// Missing is the organisers' "translation missing in" filter.
	Missing string
	Page    int
}

// agendaLanguages are the languages the agenda's filter offers.
var agendaLanguages = []string{"fr", "en", "nl", "es", "ar", "lsq", "asl", "lsfb"}

// parseAgenda reads and checks the agenda's query; a value out of its
// set is a bad request.
func parseAgenda(q url.Values, now time.Time) (agendaQuery, knowledge.EventFilter, bool) {
	a := agendaQuery{When: q.Get("when"), Kind: q.Get("kind"), Organizer: q.Get("organizer"), Lang: q.Get("lang"),
		Attendance: q.Get("attendance"), Audience: q.Get("audience"), Cycle: q.Get("cycle"), View: q.Get("view"), Month: q.Get("month"), Page: 1,
		Missing: q.Get("missing")}
	f := knowledge.EventFilter{Now: now, Kind: knowledge.EventKind(a.Kind), OrganizerID: a.Organizer, Language: a.Lang,
		Attendance: a.Attendance, Audience: knowledge.Audience(a.Audience), MissingLanguage: a.Missing}
	ok := (a.Kind == "" || f.Kind.Valid()) && (a.Organizer == "" || berceau.ValidUUID(a.Organizer)) &&
		(a.Lang == "" || contains(agendaLanguages, a.Lang)) &&
		(a.Attendance == "" || a.Attendance == knowledge.AttendanceOnline || a.Attendance == knowledge.AttendanceInPerson) &&
		(a.Audience == "" || f.Audience.Valid()) && (a.View == "" || a.View == "month") && (a.When == "" || a.When == "past") &&
		(a.Missing == "" || berceau.ValidLanguage(a.Missing))
	if a.Cycle != "" {
		id, err := strconv.ParseInt(a.Cycle, 10, 64)
		ok = ok && err == nil && id > 0
		f.CycleID = id
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		ok = ok && err == nil && n >= 1 && n <= 10000
		a.Page = n
	}
	if a.View == "month" {
		if a.Month == "" {
			a.Month = now.Format("2006-01")
		}
		m, err := time.Parse("2006-01", a.Month)
		ok = ok && err == nil && m.Year() >= 2000 && m.Year() <= 2100
		// A day's margin on each side: an event belongs to the day of its
		// own zone, which may be the previous or next day in UTC.
		f.From, f.To = m.AddDate(0, 0, -1), m.AddDate(0, 1, 1)
		return a, f, ok
	}
	f.Past, f.Upcoming = a.When == "past", a.When != "past"
	f.Limit, f.Offset = agendaPageSize, (a.Page-1)*agendaPageSize
	return a, f, ok
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

type choice struct{ Value, Label string }

type agendaItem struct {
	L          *Layout // the page's, for the item's translations (partials/event_item.html)
	ID         int64
	Title      localText
	Summary    localText
	Kind       string
	When       eventWhen
	Organizers []string
	Place      string
	Online     bool
	PlacesLeft int
	Capacity   int
	Status     string
	Cancelled  bool
	CycleID    int64
}

type monthDay struct {
	Day     int
	InMonth bool
	Today   bool
	Events  []agendaItem
}

type monthView struct {
	Title            string
	Weekdays         []string
	Weeks            [][]monthDay
	PrevURL, NextURL string
}

type feedLink struct {
	Label, URL string
	// Webcal is the webcal:// address calendar applications subscribe to:
	// a scheme html/template does not know, built here from the site's
	// own address only.
	Webcal template.URL
}

type agendaPage struct {
	Layout
	Query       agendaQuery
	Items       []agendaItem
	Total       int
	Page        int
	Pages       int
	PrevURL     string
	NextURL     string
	Kinds       []knowledge.EventKind
	Audiences   []knowledge.Audience
	Attendances []string
	Languages   []choice
	Organizers  []choice
	Cycles      []choice
	Month       *monthView
	ListURL     string
	MonthURL    string
	PastURL     string
	Feed        feedLink
	KindFeeds   []feedLink
	CanOrganize bool
}

// handleAgenda shows the public agenda: upcoming or past events as a
// list, or a month as a calendar grid (plain HTML, no script needed).
// An anonymous visitor's unfiltered agenda is served from the page cache.
func (s *Server) handleAgenda(w http.ResponseWriter, r *http.Request) {
	now := s.app.Now()
	q, f, ok := parseAgenda(r.URL.Query(), now)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	build := func() (page, error) { return s.buildAgenda(r, q, f) }
	if raw := r.URL.RawQuery; raw == "" || raw == "when=past" || raw == "view=month" {
		key := "event_agenda|" + raw
		if s.app.Events.BaseURL() == "" {
			key += "|" + r.Host // the webcal:// links name the host asked
		}
		s.renderSharedKey(w, r, "event_agenda", key, build)
		return
	}
	p, err := build()
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "event_agenda", p)
}

func (s *Server) buildAgenda(r *http.Request, q agendaQuery, f knowledge.EventFilter) (page, error) {
	ctx, actor := r.Context(), state(r).actor
	canOrganize, err := s.app.Events.MayOrganize(ctx, actor)
	if err != nil {
		return nil, err
	}
	if !canOrganize || !state(r).langs.Has(f.MissingLanguage) {
		q.Missing, f.MissingLanguage = "", "" // the translators' filter is the organisers'
	}
	list, err := s.app.Events.Events(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	choices, err := s.app.Events.FilterChoices(ctx)
	if err != nil {
		return nil, err
	}
	p := &agendaPage{Layout: s.newLayout(r, "events", "event.agenda_title"), Query: q, Total: list.Total, Page: q.Page,
		Kinds: knowledge.EventKinds, Audiences: knowledge.Audiences, Attendances: []string{knowledge.AttendanceInPerson, knowledge.AttendanceOnline}}
	p.CanOrganize = canOrganize
	for _, code := range agendaLanguages {
		p.Languages = append(p.Languages, choice{code, p.EventLanguage(code)})
	}
	for _, o := range choices.Organizers {
		p.Organizers = append(p.Organizers, choice{o.ID, p.local(o.Name).Value})
	}
	for _, c := range choices.Cycles {
		p.Cycles = append(p.Cycles, choice{strconv.FormatInt(c.ID, 10), p.local(c.Title).Value})
	}
	for _, it := range list.Items {
		p.Items = append(p.Items, p.agendaItem(it))
	}
	p.Pages = max(1, (list.Total+agendaPageSize-1)/agendaPageSize)
	filters := agendaValues(q)
	if q.Page > 1 {
		p.PrevURL = "/events?" + withValue(filters, "page", strconv.Itoa(q.Page-1))
	}
	if q.Page < p.Pages {
		p.NextURL = "/events?" + withValue(filters, "page", strconv.Itoa(q.Page+1))
	}
	p.ListURL = "/events" + encodedQuery(withoutKeys(filters, "view", "month", "when"))
	p.PastURL = "/events?" + withValue(withoutKeys(filters, "view", "month"), "when", "past")
	p.MonthURL = "/events?" + withValue(withoutKeys(filters, "when"), "view", "month")
	if q.View == "month" {
		p.Month = p.monthView(q, filters, list.Items, s.app.Now())
	}
	base := s.app.Events.BaseURL()
	p.Feed = feedFor(r, base, "/events/calendar.ics", p.T("event.feed_agenda"))
	for _, k := range knowledge.EventKinds {
		p.KindFeeds = append(p.KindFeeds, feedFor(r, base, "/events/kinds/"+string(k)+"/calendar.ics", p.T("event.kind_"+string(k))))
	}
	return p, nil
}

func (l *Layout) agendaItem(it app.EventListItem) agendaItem {
	e := it.Event
	item := agendaItem{L: l, ID: e.ID, Title: l.local(e.Title), Summary: l.local(e.Summary), Kind: string(e.Kind), When: l.When(e),
		Online: e.Place.Online(), Place: e.Place.Address, PlacesLeft: it.PlacesLeft, Capacity: e.Capacity, Status: string(e.Status), Cancelled: e.Cancelled(), CycleID: e.CycleID}
	for _, name := range it.OrganizerNames {
		item.Organizers = append(item.Organizers, l.local(name).Value)
	}
	return item
}

// agendaValues are the filters of q, without the page, as a query.
func agendaValues(q agendaQuery) url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"when": q.When, "kind": q.Kind, "organizer": q.Organizer, "lang": q.Lang,
		"attendance": q.Attendance, "audience": q.Audience, "cycle": q.Cycle, "view": q.View, "month": q.Month, "missing": q.Missing} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

func withValue(v url.Values, key, value string) string {
	c := url.Values{}
	for k, vals := range v {
		c[k] = vals
	}
	c.Set(key, value)
	return c.Encode()
}

func withoutKeys(v url.Values, keys ...string) url.Values {
	c := url.Values{}
	for k, vals := range v {
		c[k] = vals
	}
	for _, k := range keys {
		c.Del(k)
	}
	return c
}

func encodedQuery(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// monthView lays the month's events out in weeks starting on Monday, each
// event on the day it starts in its own time zone.
func (l *Layout) monthView(q agendaQuery, filters url.Values, items []app.EventListItem, now time.Time) *monthView {
	first, _ := time.Parse("2006-01", q.Month)
	m := &monthView{Title: l.T("event.month_title", "Month", l.T("event.month_"+strconv.Itoa(int(first.Month()))), "Year", strconv.Itoa(first.Year()))}
	for i := 1; i <= 7; i++ {
		m.Weekdays = append(m.Weekdays, l.T("event.weekday_"+strconv.Itoa(i%7)))
	}
	m.PrevURL = "/events?" + withValue(filters, "month", first.AddDate(0, -1, 0).Format("2006-01"))
	m.NextURL = "/events?" + withValue(filters, "month", first.AddDate(0, 1, 0).Format("2006-01"))
	byDay := map[string][]agendaItem{}
	for _, it := range items {
		day := it.Event.Start.In(it.Event.Location()).Format("2006-01-02")
		byDay[day] = append(byDay[day], l.agendaItem(it))
	}
	offset := (int(first.Weekday()) + 6) % 7 // days before the 1st in its week
	start := first.AddDate(0, 0, -offset)
	today := now.Format("2006-01-02")
	for d := start; d.Month() == first.Month() || d.Before(first) || len(m.Weeks) == 0 || len(m.Weeks[len(m.Weeks)-1]) < 7; d = d.AddDate(0, 0, 1) {
		if len(m.Weeks) == 0 || len(m.Weeks[len(m.Weeks)-1]) == 7 {
			if d.After(first) && d.Month() != first.Month() {
				break
			}
			m.Weeks = append(m.Weeks, nil)
		}
		key := d.Format("2006-01-02")
		day := monthDay{Day: d.Day(), InMonth: d.Month() == first.Month(), Today: key == today}
		if day.InMonth {
			day.Events = byDay[key]
		}
		m.Weeks[len(m.Weeks)-1] = append(m.Weeks[len(m.Weeks)-1], day)
	}
	return m
}

// feedFor gives a feed's plain address and its webcal:// subscription.
func feedFor(r *http.Request, base, path, label string) feedLink {
	host := r.Host
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Host
	}
	return feedLink{Label: label, URL: path, Webcal: template.URL("webcal://" + host + path)}
}

type organizerView struct {
	ID   string
	Name string
	URL  string
}

type eventPage struct {
	Layout
	Detail           app.EventDetail
	Title            localText
	Summary          localText
	Body             localText
	Accessibility    localText
	Time             eventWhen
	Organizers       []organizerView
	CycleTitle       string
	Languages        string
	Interpretation   string
	RegistrationOpen bool
	Full             bool
	Past             bool
	JSONLD           template.JS
	Feed             feedLink
	Notice           string
}

// handleEvent shows one event with its schema.org JSON-LD.
func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Event(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := s.eventPage(r, d)
	if done := r.URL.Query().Get("done"); done == "created" || done == "updated" || done == "cancelled" {
		p.Notice = "event.notice_" + done
	}
	s.render(w, r, http.StatusOK, "event_page", p)
}

func (s *Server) eventPage(r *http.Request, d app.EventDetail) *eventPage {
	e := d.Event
	p := &eventPage{Layout: s.newLayout(r, "events", "event.event_title"), Detail: d}
	now := s.app.Now()
	p.Title, p.Summary, p.Body, p.Accessibility = p.local(e.Title), p.local(e.Summary), p.local(e.Body), p.local(e.Accessibility)
	p.PageTitle = p.Title.Value
	p.Time = p.When(e)
	for _, o := range d.Organizers {
		p.Organizers = append(p.Organizers, organizerView{ID: o.ID, Name: p.local(o.Name).Value, URL: o.Website})
	}
	if d.Cycle != nil {
		p.CycleTitle = p.local(d.Cycle.Title).Value
	}
	p.Languages, p.Interpretation = p.EventLanguages(e.Languages), p.EventLanguages(e.InterpretationLanguages)
	p.RegistrationOpen, p.Full, p.Past = e.RegistrationOpen(now), d.PlacesLeft == 0, e.Past(now)
	base := s.app.Events.BaseURL()
	p.Feed = feedFor(r, base, "/events/"+strconv.FormatInt(e.ID, 10)+"/calendar.ics", p.T("event.feed_event"))
	p.JSONLD = eventJSONLD(&p.Layout, base, d)
	return p
}

// eventJSONLD is the schema.org Event of an event page.
func eventJSONLD(l *Layout, base string, d app.EventDetail) template.JS {
	e := d.Event
	pageURL := base + "/events/" + strconv.FormatInt(e.ID, 10)
	loc := e.Location()
	title, _ := e.Title.In(l.Lang, l.DefaultLang)
	summary, _ := e.Summary.In(l.Lang, l.DefaultLang)
	status := map[knowledge.EventStatus]string{knowledge.StatusScheduled: "EventScheduled", knowledge.StatusChanged: "EventRescheduled",
		knowledge.StatusCancelled: "EventCancelled"}[e.Status]
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Event", "@id": pageURL, "url": pageURL, "name": title,
		"startDate": e.Start.In(loc).Format(time.RFC3339), "endDate": e.End.In(loc).Format(time.RFC3339),
		"eventStatus": "https://schema.org/" + status, "isAccessibleForFree": e.Free,
	}
	if summary != "" {
		ld["description"] = summary
	}
	if len(e.Languages) == 1 {
		ld["inLanguage"] = e.Languages[0]
	} else if len(e.Languages) > 1 {
		ld["inLanguage"] = e.Languages
	}
	if e.Place.Online() {
		ld["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
		virtual := map[string]any{"@type": "VirtualLocation", "url": pageURL}
		if d.JoinURLShown && e.Place.JoinURL != "" {
			virtual["url"] = e.Place.JoinURL
		}
		ld["location"] = virtual
	} else {
		ld["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
		place := map[string]any{"@type": "Place", "name": e.Place.Address, "address": e.Place.Address}
		if d.Location != nil {
			if d.Location.Name != "" {
				place["name"] = d.Location.Name
			}
			for _, a := range d.Location.Details.Addresses {
				if !d.Location.Redacted {
					place["address"] = map[string]any{"@type": "PostalAddress", "streetAddress": strings.TrimSpace(a.Address1 + " " + a.Address2),
						"addressLocality": a.City, "addressRegion": a.StateProvince, "postalCode": a.PostalCode, "addressCountry": a.Country}
				}
				break
			}
			if d.Location.Latitude != nil && d.Location.Longitude != nil && !d.Location.Redacted {
				place["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": *d.Location.Latitude, "longitude": *d.Location.Longitude}
			}
		}
		ld["location"] = place
	}
	var organizers []map[string]any
	for _, o := range d.Organizers {
		name, _ := o.Name.In(l.Lang, l.DefaultLang)
		org := map[string]any{"@type": "Organization", "name": name}
		if o.Website != "" {
			org["url"] = o.Website
		}
		organizers = append(organizers, org)
	}
	if len(organizers) == 1 {
		ld["organizer"] = organizers[0]
	} else if len(organizers) > 1 {
		ld["organizer"] = organizers
	}
	if e.Capacity > 0 {
		ld["maximumAttendeeCapacity"] = e.Capacity
		ld["remainingAttendeeCapacity"] = max(d.PlacesLeft, 0)
	}
	if d.Cycle != nil {
		cycleTitle, _ := d.Cycle.Title.In(l.Lang, l.DefaultLang)
		cycleURL := base + "/cycles/" + strconv.FormatInt(d.Cycle.ID, 10)
		ld["superEvent"] = map[string]any{"@type": "EventSeries", "@id": cycleURL, "url": cycleURL, "name": cycleTitle}
	}
	b, err := json.Marshal(ld) // escapes <, > and &: safe inside <script>
	if err != nil {
		return ""
	}
	return template.JS(b)
}

type cyclePage struct {
	Layout
	Detail     app.CycleDetail
	Title      localText
	Summary    localText
	Organizers []organizerView
	Sessions   []agendaItem
	Feed       feedLink
	Notice     string
}

// handleCycle shows a cycle and its sessions with the places left.
func (s *Server) handleCycle(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	d, err := s.app.Events.Cycle(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &cyclePage{Layout: s.newLayout(r, "events", "event.cycle_title"), Detail: d}
	p.Title, p.Summary = p.local(d.Cycle.Title), p.local(d.Cycle.Summary)
	p.PageTitle = p.Title.Value
	for _, o := range d.Organizers {
		p.Organizers = append(p.Organizers, organizerView{ID: o.ID, Name: p.local(o.Name).Value, URL: o.Website})
	}
	for _, it := range d.Sessions {
		p.Sessions = append(p.Sessions, p.agendaItem(it))
	}
	p.Feed = feedFor(r, s.app.Events.BaseURL(), "/cycles/"+strconv.FormatInt(id, 10)+"/calendar.ics", p.T("event.feed_cycle"))
	if done := r.URL.Query().Get("done"); done == "created" || done == "updated" {
		p.Notice = "event.notice_cycle_" + done
	}
	s.render(w, r, http.StatusOK, "event_cycle", p)
}
