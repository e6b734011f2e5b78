package app

import (
	"context"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/ical"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The mails of registration; each is a pair of catalog keys
// registration.mail.<kind>.subject and .body.
const (
	mailConfirmAddress   = "confirm_address" // a guest's double opt-in link
	mailLinkAgain        = "link_again"      // a guest registered again: the same link
	mailConfirmed        = "confirmed"
	mailWaitlisted       = "waitlisted"
	mailAwaitingApproval = "awaiting_approval"
	mailRejected         = "rejected"
	mailOffered          = "offered"
	mailExpired          = "expired"
	mailCancelled        = "cancelled"
	mailReminder         = "reminder"
	mailChanged          = "changed"
	mailEventCancelled   = "event_cancelled"
	mailFeedback         = "feedback"
)

// mailMethod is the iTIP method of the calendar a mail carries; none for
// mails about no place (a waiting list, a request).
var mailMethod = map[string]string{
	mailConfirmed: ical.MethodRequest, mailOffered: ical.MethodRequest, mailReminder: ical.MethodRequest,
	mailChanged: ical.MethodRequest, mailCancelled: ical.MethodCancel, mailEventCancelled: ical.MethodCancel,
	mailExpired: ical.MethodCancel,
}

// mailAfter is the mail a change from → to by act sends.
func mailAfter(from, to knowledge.RegistrationState, act knowledge.RegistrationAction) string {
	switch act {
	case knowledge.ActConfirm, knowledge.ActApprove, knowledge.ActAccept:
		switch to {
		case knowledge.StateRegistered:
			return mailConfirmed
		case knowledge.StateWaitlisted:
			return mailWaitlisted
		case knowledge.StateAwaitingApproval:
			return mailAwaitingApproval
		}
	case knowledge.ActReject:
		return mailRejected
	case knowledge.ActCancel, knowledge.ActDecline:
		if from == knowledge.StateUnconfirmed {
			return ""
		}
		return mailCancelled
	case knowledge.ActExpire:
		return mailExpired
	}
	return ""
}

// organizerAddress is the address calendars name as ORGANIZER: the
// sender of Berceau's mail.
func (s *EventService) organizerAddress() string {
	if addr, err := mail.ParseAddress(s.opts.MailFrom); err == nil {
		return addr.Address
	}
	host := "berceau.invalid"
	if u, err := url.Parse(s.opts.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "berceau@" + host
}

func (s *EventService) mailRegistrationTx(ctx context.Context, tx *store.Tx, r knowledge.Registration, e knowledge.Event, kind string) error {
	if kind == "" {
		return nil
	}
	_, secret, err := tx.RegistrationByID(ctx, r.ID)
	if err != nil {
		return err
	}
	return s.mailRegistrationWithSecretTx(ctx, tx, r, e, kind, secret)
}

// mailRegistrationWithSecretTx queues, in the change's transaction, one
// mail to the person in their language, with the link to their
// registration's page (manage, cancel, accept, confirm, feedback) and, for
// a place given, changed or taken back, an .ics of METHOD:REQUEST or CANCEL.
func (s *EventService) mailRegistrationWithSecretTx(ctx context.Context, tx *store.Tx, r knowledge.Registration, e knowledge.Event, kind, secret string) error {
	if r.Email == "" || r.Erased || secret == "" {
		return nil
	}
	loc := s.opts.I18n.Localizer(r.Language)
	network, _ := tx.Setting(ctx, berceau.SettingNetworkName)
	if network == "" {
		network = loc.T("app.default_network_name")
	}
	title, _ := e.Title.In(r.Language, networkDefaultIn(ctx, tx))
	args := []any{"Name", r.Name, "Network", network, "Event", title, "When", s.eventWhen(e, r.Language),
		"Place", s.eventPlace(e, r.Language), "Link", s.RegistrationLink(r.ID, secret),
		"EventLink", strings.TrimRight(s.opts.BaseURL, "/") + "/events/" + strconv.FormatInt(e.ID, 10)}
	if !r.OfferExpiresAt.IsZero() {
		args = append(args, "Expires", formatInstant(r.OfferExpiresAt, e, r.Language))
	}
	m := store.OutboxMessage{Recipient: r.Email,
		Subject: loc.T("registration.mail."+kind+".subject", args...),
		Body:    loc.T("registration.mail."+kind+".body", args...)}
	if method := mailMethod[kind]; method != "" {
		if e.Place.Online() && method == ical.MethodRequest && kind != mailOffered {
			// A place held: the invitation carries the join link.
			full, err := tx.EventByID(ctx, e.ID)
			if err != nil {
				return err
			}
			e.Place.JoinURL = full.Place.JoinURL
		} else {
			e.Place.JoinURL = ""
		}
		cal, err := ical.EventCalendar([]knowledge.Event{e}, method, ical.Options{Lang: r.Language, Name: title,
			EventURL: func(ev knowledge.Event) string {
				return strings.TrimRight(s.opts.BaseURL, "/") + "/events/" + strconv.FormatInt(ev.ID, 10)
			},
			Now: tx.Now(), OrganizerEmail: s.organizerAddress(), OrganizerName: network, Attendee: r.Email})
		if err != nil {
			return err
		}
		filename := "invitation.ics"
		if method == ical.MethodCancel {
			filename = "cancellation.ics"
		}
		m.Attachments = []store.OutboxAttachment{{Filename: filename,
			ContentType: "text/calendar; charset=utf-8; method=" + method, Content: cal}}
	}
	return tx.QueueMail(ctx, &m)
}

// eventWhen writes an event's date and hours in its own time zone.
func (s *EventService) eventWhen(e knowledge.Event, lang string) string {
	loc := e.Location()
	start, end := e.Start.In(loc), e.End.In(loc)
	layout := "02/01/2006"
	if lang == "en" {
		layout = "2006-01-02"
	}
	return s.opts.I18n.Localizer(lang).T("registration.when", "Date", start.Format(layout), "Start", start.Format("15:04"),
		"End", end.Format("15:04"), "Zone", e.TimeZone)
}

// formatInstant writes an instant in the event's time zone.
func formatInstant(t time.Time, e knowledge.Event, lang string) string {
	layout := "02/01/2006 15:04"
	if lang == "en" {
		layout = "2006-01-02 15:04"
	}
	return t.In(e.Location()).Format(layout) + " (" + e.TimeZone + ")"
}

func (s *EventService) eventPlace(e knowledge.Event, lang string) string {
	if e.Place.Online() {
		return s.opts.I18n.Localizer(lang).T("registration.online")
	}
	return e.Place.Address
}
