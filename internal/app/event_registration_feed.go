package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/ical"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// A person's calendar of their registrations is a feed at a secret URL,
// so calendar applications (which hold no session) can subscribe to it:
// /calendar/me/<user id>.<signature over the user and a nonce>.ics. A new
// nonce revokes the URL.

func (s *EventService) feedToken(userID int64, nonce string) string {
	id := strconv.FormatInt(userID, 10)
	return id + "." + s.opts.SecretBox.Sign("calendar:"+id+":"+nonce)
}

// CalendarFeedPath is the path of the actor's calendar feed (created on
// first use), to be shown with https:// and webcal:// in front.
func (s *EventService) CalendarFeedPath(ctx context.Context, actor berceau.Actor) (string, error) {
	if !participant(actor) || s.opts.SecretBox == nil {
		return "", errRegistrationRefused
	}
	fresh, err := newLinkSecret()
	if err != nil {
		return "", err
	}
	var nonce string
	err = s.store.WriteUnseenTx(ctx, func(tx *store.Tx) (err error) {
		nonce, err = tx.CalendarFeedNonce(ctx, actor.User.ID, fresh)
		return err
	})
	if err != nil {
		return "", domainError(err)
	}
	return "/calendar/me/" + s.feedToken(actor.User.ID, nonce) + ".ics", nil
}

// ResetCalendarFeed gives the actor a new feed URL; the old one stops.
func (s *EventService) ResetCalendarFeed(ctx context.Context, actor berceau.Actor) error {
	if !participant(actor) {
		return errRegistrationRefused
	}
	fresh, err := newLinkSecret()
	if err != nil {
		return err
	}
	return domainError(s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.ResetCalendarFeedNonce(ctx, actor.User.ID, fresh); err != nil {
			return err
		}
		return record(ctx, tx, actor, "registration.calendar_reset", "user", actor.User.ID, berceau.OutcomeSuccess, "")
	}))
}

// PersonalCalendar writes the calendar a feed token names: the events its
// owner holds a place at (or was offered one), join links included, in the
// owner's language. A token that does not verify is not found.
func (s *EventService) PersonalCalendar(ctx context.Context, token string) ([]byte, error) {
	idText, sig, ok := strings.Cut(strings.TrimSuffix(token, ".ics"), ".")
	userID, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || userID <= 0 || s.opts.SecretBox == nil || len(token) > 100 {
		return nil, errBadLink
	}
	var events []knowledge.Event
	var lang string
	err = s.store.ReadTx(ctx, func(tx *store.Tx) error {
		nonce, err := tx.ReadCalendarFeedNonce(ctx, userID)
		if err != nil {
			return err
		}
		if nonce == "" || !s.opts.SecretBox.VerifySignature("calendar:"+idText+":"+nonce, sig) {
			return errBadLink
		}
		u, err := tx.UserByID(ctx, userID)
		if err != nil {
			return err
		}
		if u.Disabled {
			return errBadLink
		}
		lang = mailLanguage(u.Locale)
		list, err := tx.UserRegistrations(ctx, userID)
		if err != nil {
			return err
		}
		for _, r := range list {
			switch r.State {
			case knowledge.StateRegistered, knowledge.StateOffered, knowledge.StateAttended, knowledge.StateNoShow:
			default:
				continue
			}
			e, err := tx.EventByID(ctx, r.EventID)
			if err != nil {
				return err
			}
			if r.State == knowledge.StateOffered {
				e.Place.JoinURL = ""
			}
			events = append(events, e)
		}
		return nil
	})
	if err != nil {
		return nil, domainError(err)
	}
	name := s.opts.I18n.Localizer(lang).T("registration.calendar_name")
	return ical.EventCalendar(events, ical.MethodPublish, ical.Options{Lang: lang, Name: name,
		EventURL: func(e knowledge.Event) string {
			return strings.TrimRight(s.opts.BaseURL, "/") + "/events/" + strconv.FormatInt(e.ID, 10)
		}})
}

// CalendarFeedURL is CalendarFeedPath as an absolute https:// URL.
func (s *EventService) CalendarFeedURL(ctx context.Context, actor berceau.Actor) (string, error) {
	path, err := s.CalendarFeedPath(ctx, actor)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(s.opts.BaseURL, "/") + path, nil
}
