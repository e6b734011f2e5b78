package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The authorization entries of the events' use cases
// (TestEveryUseCaseRefusesWhoMayNot). They join the tables of
// usecase_authorization_test.go at init, each only where the tables have
// no entry of that name yet, so that an entry written there wins.
func init() {
	known := func(name string) bool {
		_, tested := useCaseAuthorization[name]
		_, exempt := useCaseExempt[name]
		return tested || exempt
	}
	for name, c := range eventAuthorization {
		if !known(name) {
			useCaseAuthorization[name] = c
		}
	}
	for name, reason := range eventExempt {
		if !known(name) {
			useCaseExempt[name] = reason
		}
	}
}

// demoEvent reads the demo's first event (a session of the Bassin Sud
// cycle) and its cycle, valid as they are for a create or an update.
func demoEvent(ctx context.Context, a *App) (knowledge.Event, knowledge.Cycle) {
	var e knowledge.Event
	var c knowledge.Cycle
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		events, err := tx.Events(ctx, knowledge.EventFilter{}, store.EventReach{All: true})
		if err != nil || len(events) == 0 {
			return err
		}
		e = events[0]
		for _, first := range events { // the trainings' sessions come earlier, without a cycle
			if first.CycleID != 0 {
				e = first
				break
			}
		}
		if e.CycleID != 0 {
			c, err = tx.CycleByID(ctx, e.CycleID)
		}
		return err
	})
	return e, c
}

// demoRegistration reads the id of a demo registration and its event.
func demoRegistration(ctx context.Context, a *App) (eventID, registrationID int64) {
	e, _ := demoEvent(ctx, a)
	_ = a.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.EventRegistrations(ctx, e.ID)
		if len(list) > 0 {
			registrationID = list[0].ID
		}
		return err
	})
	return e.ID, registrationID
}

var eventAuthorization = map[string]useCaseCase{
	// Organising: events.manage, and organising the event (checked inside the transaction).
	"Events.CreateEvent": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.CreateEvent(ctx, who, e)
		return err
	}},
	"Events.UpdateEvent": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.UpdateEvent(ctx, who, e)
		return err
	}},
	"Events.CancelEvent": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.CancelEvent(ctx, who, e.ID)
		return err
	}},
	"Events.CreateCycle": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, c := demoEvent(ctx, a)
		_, err := a.Events.CreateCycle(ctx, who, c)
		return err
	}},
	"Events.UpdateCycle": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, c := demoEvent(ctx, a)
		_, err := a.Events.UpdateCycle(ctx, who, c)
		return err
	}},

	// Registration: a member's own, with community.participate.
	"Events.Register": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.Register(ctx, who, e.ID)
		return err
	}},
	"Events.ActOnMine": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.ActOnMine(ctx, who, e.ID, knowledge.ActCancel)
		return err
	}},
	"Events.MyRegistrations": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Events.MyRegistrations(ctx, who)
		return err
	}},
	"Events.MyRegistrationTo": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.MyRegistrationTo(ctx, who, e.ID)
		return err
	}},
	"Events.CalendarFeedPath": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Events.CalendarFeedPath(ctx, who)
		return err
	}},
	"Events.CalendarFeedURL": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Events.CalendarFeedURL(ctx, who)
		return err
	}},
	"Events.ResetCalendarFeed": {memberEmail, berceau.PermCommunity, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Events.ResetCalendarFeed(ctx, who)
	}},

	// The organisers' side of registration.
	"Events.Attendees": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.Attendees(ctx, who, e.ID)
		return err
	}},
	"Events.ActAsOrganizer": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, reg := demoRegistration(ctx, a)
		_, err := a.Events.ActAsOrganizer(ctx, who, reg, knowledge.ActNoShow)
		return err
	}},
	"Events.MarkAttendance": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, reg := demoRegistration(ctx, a)
		_, err := a.Events.MarkAttendance(ctx, who, reg, knowledge.ActAttend, 2)
		return err
	}},
	"Events.RegistrationHistory": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, reg := demoRegistration(ctx, a)
		_, _, err := a.Events.RegistrationHistory(ctx, who, reg)
		return err
	}},
	"Events.Feedback": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.Feedback(ctx, who, e.ID)
		return err
	}},
	"Events.AddDocument": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		_, err := a.Events.AddDocument(ctx, who, e.ID, DocumentMinutes, "compte-rendu.pdf", []byte("%PDF-1.4\n% minutes\n"))
		return err
	}},
	"Events.DeleteDocument": {editorEmail, berceau.PermEventsManage, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		e, _ := demoEvent(ctx, a)
		return a.Events.DeleteDocument(ctx, who, e.ID, 1)
	}},
	"Events.SaveRegistrationSettings": {adminEmail, berceau.PermAdminOrganisations, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Events.SaveRegistrationSettings(ctx, who, "48", "6")
	}},
}

var eventExempt = map[string]string{
	"Events.Event":                "the agenda: each reader sees the audiences readerReach gives them, anonymous readers the public events",
	"Events.Events":               "the agenda: each reader sees the audiences readerReach gives them, anonymous readers the public events",
	"Events.ForCalendar":          "the agenda's feeds: each reader's audiences (readerReach), never a join link",
	"Events.Cycle":                "the agenda: a cycle's page lists the sessions the reader may see (readerReach)",
	"Events.Cycles":               "the cycles' titles, public like the agenda",
	"Events.FilterChoices":        "the agenda's filter lists (kinds, organisers, languages), public like the agenda",
	"Events.FormChoices":          "what the organiser's form offers; empty for whoever organises nothing (organizerOf)",
	"Events.MayOrganize":          "tells whether the actor organises anything; reads and changes nothing else",
	"Events.BaseURL":              "configuration: the address links are built on",
	"Events.RegisterGuest":        "anonymous by design (guests from outside the network, public events only); throttled; answers the same for any address",
	"Events.ByLink":               "a signed link mailed to the person is the credential",
	"Events.ActByLink":            "a signed link mailed to the person is the credential",
	"Events.GiveFeedback":         "a signed link mailed to the attendee is the credential",
	"Events.PersonalCalendar":     "a signed, revocable feed URL is the credential (calendar applications hold no session)",
	"Events.RegistrationLink":     "builds a URL; reads nothing",
	"Events.RegistrationSettings": "the network's offer duration and retention, no personal data",
	"Events.Documents":            "an event's documents follow the event's audience (readerReach)",
	"Events.Document":             "an event's documents follow the event's audience (readerReach)",
	"Jobs.RunDue":                 "background work of the App itself",
	"Jobs.Start":                  "background work of the App itself",
}
