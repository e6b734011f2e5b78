package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// Registration to events (issue 14): members register in one click, guests
// from outside the network through a form confirmed by a mailed link. A
// registration's state follows knowledge.Next; every change is made with
// the event locked (store.LockEvent), so that counting the places and
// taking one are one step whatever the number of simultaneous requests,
// and a freed place goes at once to the first person waiting
// (offerFreedPlacesTx). Every change is audited and written in the
// registration's dated history.

// The background jobs of registration (jobs.go).
const (
	jobOfferExpiry = "registration_offer_expiry" // key: registration id
	jobReminders   = "event_reminders"           // key: event id; the day before
	jobFeedback    = "event_feedback"            // key: event id; after the end
	jobRetention   = "registration_retention"    // periodic
)

// Network settings of registration.
const (
	SettingOfferHours           = "registration_offer_hours"
	SettingGuestRetentionMonths = "registration_guest_retention_months"
	DefaultOfferHours           = 48
	DefaultGuestRetentionMonths = 6
	MaxOfferHours               = 14 * 24
	MaxGuestRetentionMonths     = 60
)

// Guests' throttle: registrations per address and per client over a window.
const (
	guestWindow          = time.Hour
	maxGuestPerEmail     = 5
	maxGuestPerClient    = 20
	unconfirmedLifetime  = 48 * time.Hour
	reminderLead         = 24 * time.Hour
	feedbackDelay        = 2 * time.Hour
	retentionInterval    = 24 * time.Hour
	finishedJobRetention = 30 * 24 * time.Hour
)

var (
	errRegistrationClosed  = berceau.Errorf(berceau.KindConflict, "registration.error.closed")
	errAlreadyRegistered   = berceau.Errorf(berceau.KindConflict, "registration.error.already")
	errBadLink             = berceau.Errorf(berceau.KindNotFound, "registration.error.link")
	errNotAllowedNow       = berceau.Errorf(berceau.KindConflict, "registration.error.state")
	errGuestsNotAllowed    = berceau.Errorf(berceau.KindForbidden, "registration.error.members_only")
	errRegistrationRefused = berceau.Errorf(berceau.KindForbidden, "registration.error.forbidden")
)

func (s *EventService) registerJobs() {
	s.Jobs.handle(jobOfferExpiry, s.expireOfferJob)
	s.Jobs.handle(jobReminders, s.remindersJob)
	s.Jobs.handle(jobFeedback, s.feedbackJob)
	s.Jobs.every(jobRetention, retentionInterval, s.retentionJob)
}

// RegistrationSettings are the network's settings of registration.
type RegistrationSettings struct {
	OfferHours           int // how long a freed place is kept for the person offered it
	GuestRetentionMonths int // how long after an event guests' personal data is kept
}

func settingInt(ctx context.Context, tx *store.Tx, key string, def, lo, hi int) (int, error) {
	v, err := tx.Setting(ctx, key)
	if berceau.IsNotFound(err) {
		return def, nil
	}
	if err != nil {
		return def, err
	}
	n, convErr := strconv.Atoi(v)
	if convErr != nil || n < lo || n > hi {
		return def, nil
	}
	return n, nil
}

func registrationSettingsTx(ctx context.Context, tx *store.Tx) (RegistrationSettings, error) {
	offer, err := settingInt(ctx, tx, SettingOfferHours, DefaultOfferHours, 1, MaxOfferHours)
	if err != nil {
		return RegistrationSettings{}, err
	}
	keep, err := settingInt(ctx, tx, SettingGuestRetentionMonths, DefaultGuestRetentionMonths, 1, MaxGuestRetentionMonths)
	return RegistrationSettings{OfferHours: offer, GuestRetentionMonths: keep}, err
}

// RegistrationSettings reads the network's registration settings.
func (s *EventService) RegistrationSettings(ctx context.Context) (RegistrationSettings, error) {
	var out RegistrationSettings
	err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		out, err = registrationSettingsTx(ctx, tx)
		return err
	})
	return out, domainError(err)
}

// SaveRegistrationSettings changes the offer duration (hours, 1 to 336) and
// the guests' data retention (months, 1 to 60), for administrators.
func (s *EventService) SaveRegistrationSettings(ctx context.Context, actor berceau.Actor, offerHours, retentionMonths string) error {
	if !actor.Can(berceau.PermAdminOrganisations) {
		s.recordAlone(ctx, actor, "admin.settings.registration", "setting", 0, berceau.OutcomeDenied, "")
		return berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	fields := map[string]string{}
	offer, err := strconv.Atoi(strings.TrimSpace(offerHours))
	if err != nil || offer < 1 || offer > MaxOfferHours {
		fields["offer_hours"] = "registration.error.offer_hours"
	}
	keep, err := strconv.Atoi(strings.TrimSpace(retentionMonths))
	if err != nil || keep < 1 || keep > MaxGuestRetentionMonths {
		fields["retention_months"] = "registration.error.retention_months"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return domainError(s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, SettingOfferHours, strconv.Itoa(offer)); err != nil {
			return err
		}
		if err := tx.SetSetting(ctx, SettingGuestRetentionMonths, strconv.Itoa(keep)); err != nil {
			return err
		}
		return record(ctx, tx, actor, "admin.settings.registration", "setting", 0, berceau.OutcomeSuccess,
			"offer "+strconv.Itoa(offer)+" h, guests kept "+strconv.Itoa(keep)+" months")
	}))
}

// --- links mailed to people ---------------------------------------------

func newLinkSecret() (string, error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return hex.EncodeToString(raw), nil
}

// registrationToken is the token of the links mailed about a registration:
// its id and a signature over the id and the registration's link secret.
// A new registration (a person registering again) or the erasure of a
// guest's data changes or empties the secret, which kills older links.
func (s *EventService) registrationToken(id int64, secret string) string {
	idText := strconv.FormatInt(id, 10)
	return idText + "." + s.opts.SecretBox.Sign("registration:"+idText+":"+secret)
}

// registrationByToken reads the registration a link names, after checking
// its signature.
func (s *EventService) registrationByToken(ctx context.Context, tx *store.Tx, token string) (knowledge.Registration, error) {
	idText, sig, ok := strings.Cut(token, ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 || len(token) > 100 || s.opts.SecretBox == nil {
		return knowledge.Registration{}, errBadLink
	}
	r, secret, err := tx.RegistrationByID(ctx, id)
	if berceau.IsNotFound(err) {
		return r, errBadLink
	}
	if err != nil {
		return r, err
	}
	if secret == "" || !s.opts.SecretBox.VerifySignature("registration:"+idText+":"+secret, sig) {
		return r, errBadLink
	}
	return r, nil
}

// RegistrationLink is the page a mailed link opens.
func (s *EventService) RegistrationLink(id int64, secret string) string {
	return strings.TrimRight(s.opts.BaseURL, "/") + "/registrations/" + s.registrationToken(id, secret)
}

// --- places and the waiting list ------------------------------------------

// placeFree reports whether e has a place nobody holds and nobody waits for.
func placeFree(ctx context.Context, tx *store.Tx, e knowledge.Event) (bool, error) {
	if e.Capacity <= 0 {
		return true, nil
	}
	taken, err := tx.PlacesTaken(ctx, []int64{e.ID})
	if err != nil {
		return false, err
	}
	if taken[e.ID] >= e.Capacity {
		return false, nil
	}
	waiting, err := tx.CountWaiting(ctx, e.ID)
	return waiting == 0, err
}

// offerFreedPlacesTx offers every place the event has free to the people
// waiting, longest waiting first, each for the network's offer duration,
// and schedules the end of each offer. The event must be locked. Nothing is
// offered once the event has started or when it is cancelled.
func (s *EventService) offerFreedPlacesTx(ctx context.Context, tx *store.Tx, e knowledge.Event) error {
	if e.Cancelled() || !tx.Now().Before(e.Start) {
		return nil
	}
	settings, err := registrationSettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	for {
		if e.Capacity > 0 {
			taken, err := tx.PlacesTaken(ctx, []int64{e.ID})
			if err != nil {
				return err
			}
			if taken[e.ID] >= e.Capacity {
				return nil
			}
		}
		next, ok, err := tx.FirstWaiting(ctx, e.ID)
		if err != nil || !ok {
			return err
		}
		expires := tx.Now().Add(time.Duration(settings.OfferHours) * time.Hour)
		if expires.After(e.Start) {
			// An offer never outlives the event's start.
			expires = e.Start
		}
		if err := s.changeTx(ctx, tx, berceau.System("registration"), next, e, knowledge.ActOffer, expires); err != nil {
			return err
		}
		next.State, next.OfferExpiresAt = knowledge.StateOffered, expires
		if err := s.Jobs.schedule(ctx, tx, jobOfferExpiry, strconv.FormatInt(next.ID, 10), "", expires); err != nil {
			return err
		}
		if err := s.mailRegistrationTx(ctx, tx, next, e, mailOffered); err != nil {
			return err
		}
	}
}

// changeTx applies act to r (the event locked), writes the history step and
// the audit entry. The actor is the person, an organiser or the system.
func (s *EventService) changeTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, r knowledge.Registration, e knowledge.Event,
	act knowledge.RegistrationAction, offerExpires time.Time) error {
	free := false
	if act == knowledge.ActConfirm || act == knowledge.ActApprove {
		var err error
		if free, err = placeFree(ctx, tx, e); err != nil {
			return err
		}
	}
	next, ok := knowledge.Next(r.State, act, free)
	if !ok {
		return errNotAllowedNow
	}
	if act == knowledge.ActConfirm {
		next = knowledge.Admit(free, e.ApprovalRequired)
	}
	if err := tx.SetRegistrationState(ctx, r.ID, next, act, actor.User.ID, offerExpires); err != nil {
		return err
	}
	return record(ctx, tx, actor, "registration."+string(act), "registration", r.ID, berceau.OutcomeSuccess,
		"event "+strconv.FormatInt(e.ID, 10)+": "+string(r.State)+" → "+string(next))
}

// actTx applies act to r with the event locked, then the consequences:
// a freed place is offered, the person is told.
func (s *EventService) actTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, r knowledge.Registration,
	act knowledge.RegistrationAction) (knowledge.Registration, error) {
	if err := tx.LockEvent(ctx, r.EventID); err != nil {
		return r, err
	}
	// Read again under the lock: the state may have changed meanwhile.
	fresh, _, err := tx.RegistrationByID(ctx, r.ID)
	if err != nil {
		return r, err
	}
	e, err := tx.EventByID(ctx, r.EventID)
	if err != nil {
		return r, err
	}
	if act == knowledge.ActAccept && !fresh.OfferExpiresAt.IsZero() && !tx.Now().Before(fresh.OfferExpiresAt) {
		return fresh, berceau.Errorf(berceau.KindConflict, "registration.error.offer_expired")
	}
	if err := s.changeTx(ctx, tx, actor, fresh, e, act, time.Time{}); err != nil {
		return fresh, err
	}
	after, _, err := tx.RegistrationByID(ctx, r.ID)
	if err != nil {
		return fresh, err
	}
	if fresh.State == knowledge.StateOffered && after.State != knowledge.StateOffered {
		if err := tx.CancelJob(ctx, jobOfferExpiry, strconv.FormatInt(r.ID, 10)); err != nil {
			return after, err
		}
	}
	if mail := mailAfter(fresh.State, after.State, act); mail != "" {
		if err := s.mailRegistrationTx(ctx, tx, after, e, mail); err != nil {
			return after, err
		}
	}
	if knowledge.FreesPlace(fresh.State, after.State) {
		if err := s.offerFreedPlacesTx(ctx, tx, e); err != nil {
			return after, err
		}
	}
	if after.State == knowledge.StateRegistered {
		if err := s.scheduleEventJobsTx(ctx, tx, e); err != nil {
			return after, err
		}
	}
	return after, nil
}

// scheduleEventJobsTx schedules the event's reminders (the day before) and
// feedback mail (after its end), once somebody holds a place.
func (s *EventService) scheduleEventJobsTx(ctx context.Context, tx *store.Tx, e knowledge.Event) error {
	key := strconv.FormatInt(e.ID, 10)
	if remind := e.Start.Add(-reminderLead); remind.After(tx.Now()) {
		if _, pending, err := tx.PendingJob(ctx, jobReminders, key); err != nil || !pending {
			if err != nil {
				return err
			}
			if err := s.Jobs.schedule(ctx, tx, jobReminders, key, "", remind); err != nil {
				return err
			}
		}
	}
	if _, pending, err := tx.PendingJob(ctx, jobFeedback, key); err != nil || pending {
		return err
	}
	return s.Jobs.schedule(ctx, tx, jobFeedback, key, "", e.End.Add(feedbackDelay))
}

// --- registering ------------------------------------------------------------

// Register registers a member to an event in one click: a place when one
// is free, the waiting list otherwise, the organisers' approval when the
// event requires it. A member who cancelled may register again.
func (s *EventService) Register(ctx context.Context, actor berceau.Actor, eventID int64) (knowledge.Registration, error) {
	if !participant(actor) {
		s.recordAlone(ctx, actor, "registration.create", "event", eventID, berceau.OutcomeDenied, "")
		return knowledge.Registration{}, errRegistrationRefused
	}
	var out knowledge.Registration
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.LockEvent(ctx, eventID); err != nil {
			return err
		}
		e, err := tx.EventByID(ctx, eventID)
		if err != nil {
			return err
		}
		reach, err := readerReach(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !sees(reach, e) {
			return berceau.Errorf(berceau.KindNotFound, "event.error.not_found")
		}
		if !e.RegistrationOpen(tx.Now()) {
			return errRegistrationClosed
		}
		u, err := tx.UserByID(ctx, actor.User.ID)
		if err != nil {
			return err
		}
		r := knowledge.Registration{EventID: e.ID, UserID: u.ID, Name: u.DisplayName, Email: u.Email,
			Sector: knowledge.SectorOfDiscipline(u.Discipline), Language: mailLanguage(u.Locale)}
		out, err = s.admitTx(ctx, tx, actor, e, r, false)
		return err
	})
	return out, domainError(err)
}

// participant reports whether the actor is a member who takes part in the
// network's community life (events registration): their own registrations
// are theirs to read and change.
func participant(actor berceau.Actor) bool {
	return actor.User.ID != 0 && actor.Can(berceau.PermCommunity)
}

func mailLanguage(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "fr"
}

// admitTx writes a new registration (or restarts an ended one) in its
// first state, the event locked; unconfirmed is for guests before their link.
func (s *EventService) admitTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, e knowledge.Event,
	r knowledge.Registration, unconfirmed bool) (knowledge.Registration, error) {
	existing, err := tx.RegistrationOf(ctx, e.ID, r.UserID, r.Email)
	if err != nil && !berceau.IsNotFound(err) {
		return r, err
	}
	found := err == nil
	if found && !existing.State.Ended() {
		return existing, errAlreadyRegistered
	}
	if unconfirmed {
		r.State = knowledge.StateUnconfirmed
	} else {
		free, err := placeFree(ctx, tx, e)
		if err != nil {
			return r, err
		}
		r.State = knowledge.Admit(free, e.ApprovalRequired)
	}
	secret, err := newLinkSecret()
	if err != nil {
		return r, err
	}
	if found {
		r.ID = existing.ID
		err = tx.RestartRegistration(ctx, &r, secret, actor.User.ID)
	} else {
		err = tx.CreateRegistration(ctx, &r, secret, actor.User.ID)
	}
	if err != nil {
		return r, err
	}
	if err := record(ctx, tx, actor, "registration.create", "registration", r.ID, berceau.OutcomeSuccess,
		"event "+strconv.FormatInt(e.ID, 10)+": "+string(r.State)+", sector "+string(r.Sector)); err != nil {
		return r, err
	}
	mail := map[knowledge.RegistrationState]string{
		knowledge.StateUnconfirmed: mailConfirmAddress, knowledge.StateRegistered: mailConfirmed,
		knowledge.StateWaitlisted: mailWaitlisted, knowledge.StateAwaitingApproval: mailAwaitingApproval,
	}[r.State]
	if err := s.mailRegistrationTx(ctx, tx, r, e, mail); err != nil {
		return r, err
	}
	if r.State == knowledge.StateRegistered {
		return r, s.scheduleEventJobsTx(ctx, tx, e)
	}
	return r, nil
}

// RegisterGuest records a guest's registration to a public event and mails
// them the link that confirms it (double opt-in); the place is decided when
// they follow it. Guests are throttled by address and by client address. A
// guest already registered gets their link again, and the same answer, so
// the form does not tell who is registered.
func (s *EventService) RegisterGuest(ctx context.Context, actor berceau.Actor, eventID int64, g knowledge.Guest) error {
	g.Normalize()
	if fields := g.Validate(); fields != nil {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	var throttled bool
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		byEmail, byClient, err := tx.RegistrationAttemptsSince(ctx, g.Email, actor.ClientAddress, s.now().Add(-guestWindow))
		throttled = byEmail >= maxGuestPerEmail || byClient >= maxGuestPerClient
		return err
	})
	if err != nil {
		return domainError(err)
	}
	if throttled {
		s.recordAlone(ctx, actor, "registration.guest", "event", eventID, berceau.OutcomeDenied, "throttled")
		return berceau.Errorf(berceau.KindForbidden, "registration.error.throttled")
	}
	err = s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if err := tx.RecordRegistrationAttempt(ctx, g.Email, actor.ClientAddress); err != nil {
			return err
		}
		if err := tx.LockEvent(ctx, eventID); err != nil {
			return err
		}
		e, err := tx.EventByID(ctx, eventID)
		if err != nil {
			return err
		}
		if e.Audience != knowledge.AudiencePublic {
			return berceau.Errorf(berceau.KindNotFound, "event.error.not_found")
		}
		if !e.RegistrationOpen(tx.Now()) {
			return errRegistrationClosed
		}
		r := knowledge.Registration{EventID: e.ID, Name: g.Name, Email: g.Email, Organisation: g.Organisation,
			Sector: g.Sector, Language: g.Language}
		r, err = s.admitTx(ctx, tx, actor, e, r, true)
		if err == errAlreadyRegistered {
			// Mail the existing link again; answer as for a new registration.
			_, secret, err := tx.RegistrationByID(ctx, r.ID)
			if err != nil {
				return err
			}
			return s.mailRegistrationWithSecretTx(ctx, tx, r, e, mailLinkAgain, secret)
		}
		return err
	})
	return domainError(err)
}

// --- acting through a mailed link ------------------------------------------

// LinkedRegistration is what the page of a mailed link shows.
type LinkedRegistration struct {
	Registration    knowledge.Registration
	Event           knowledge.Event
	WaitingPosition int  // 1 = next offered; 0 when not waiting
	FeedbackGiven   bool // attended people answer the short form once
	Token           string
}

// ByLink reads the registration a mailed link names.
func (s *EventService) ByLink(ctx context.Context, token string) (LinkedRegistration, error) {
	var out LinkedRegistration
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		r, err := s.registrationByToken(ctx, tx, token)
		if err != nil {
			return err
		}
		return s.fillLinked(ctx, tx, &out, r, token)
	})
	return out, domainError(err)
}

func (s *EventService) fillLinked(ctx context.Context, tx *store.Tx, out *LinkedRegistration, r knowledge.Registration, token string) error {
	e, err := tx.EventByID(ctx, r.EventID)
	if err != nil {
		return err
	}
	if r.State != knowledge.StateRegistered && r.State != knowledge.StateAttended {
		e.Place.JoinURL = ""
	}
	out.Registration, out.Event, out.Token = r, e, token
	if r.State == knowledge.StateWaitlisted {
		if out.WaitingPosition, err = tx.WaitingPosition(ctx, r); err != nil {
			return err
		}
	}
	out.FeedbackGiven, err = tx.HasFeedback(ctx, r.ID)
	return err
}

// ActByLink applies what a mailed link's page offers: confirm (a guest's
// address), accept or decline an offered place, cancel.
func (s *EventService) ActByLink(ctx context.Context, actor berceau.Actor, token string, act knowledge.RegistrationAction) (LinkedRegistration, error) {
	switch act {
	case knowledge.ActConfirm, knowledge.ActAccept, knowledge.ActDecline, knowledge.ActCancel:
	default:
		return LinkedRegistration{}, errNotAllowedNow
	}
	var out LinkedRegistration
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		r, err := s.registrationByToken(ctx, tx, token)
		if err != nil {
			return err
		}
		if act == knowledge.ActConfirm {
			e, err := tx.EventByID(ctx, r.EventID)
			if err != nil {
				return err
			}
			if !e.RegistrationOpen(tx.Now()) {
				return errRegistrationClosed
			}
		}
		if r, err = s.actTx(ctx, tx, actor, r, act); err != nil {
			return err
		}
		return s.fillLinked(ctx, tx, &out, r, token)
	})
	return out, domainError(err)
}

// --- a member's own registrations -------------------------------------------

// MyRegistration is one of a member's registrations with its event.
type MyRegistration struct {
	Registration    knowledge.Registration
	Event           knowledge.Event
	WaitingPosition int
	Token           string // for the pages that act like a mailed link
}

// MyRegistrations lists the actor's registrations that have not ended.
func (s *EventService) MyRegistrations(ctx context.Context, actor berceau.Actor) ([]MyRegistration, error) {
	if !participant(actor) {
		return nil, errRegistrationRefused
	}
	var out []MyRegistration
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		list, err := tx.UserRegistrations(ctx, actor.User.ID)
		if err != nil {
			return err
		}
		for _, r := range list {
			e, err := tx.EventByID(ctx, r.EventID)
			if err != nil {
				return err
			}
			if r.State != knowledge.StateRegistered && r.State != knowledge.StateAttended {
				e.Place.JoinURL = ""
			}
			_, secret, err := tx.RegistrationByID(ctx, r.ID)
			if err != nil {
				return err
			}
			m := MyRegistration{Registration: r, Event: e, Token: s.registrationToken(r.ID, secret)}
			if r.State == knowledge.StateWaitlisted {
				if m.WaitingPosition, err = tx.WaitingPosition(ctx, r); err != nil {
					return err
				}
			}
			out = append(out, m)
		}
		return nil
	})
	return out, domainError(err)
}

// MyRegistrationTo reads the actor's registration to an event; not found
// when they have none (or it ended).
func (s *EventService) MyRegistrationTo(ctx context.Context, actor berceau.Actor, eventID int64) (MyRegistration, error) {
	var out MyRegistration
	if !participant(actor) {
		return out, errRegistrationRefused
	}
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		r, err := tx.RegistrationOf(ctx, eventID, actor.User.ID, "")
		if err != nil {
			return err
		}
		if r.State.Ended() {
			return berceau.Errorf(berceau.KindNotFound, "registration.error.not_found")
		}
		_, secret, err := tx.RegistrationByID(ctx, r.ID)
		if err != nil {
			return err
		}
		out = MyRegistration{Registration: r, Token: s.registrationToken(r.ID, secret)}
		if r.State == knowledge.StateWaitlisted {
			out.WaitingPosition, err = tx.WaitingPosition(ctx, r)
		}
		return err
	})
	return out, domainError(err)
}

// ActOnMine applies act (cancel, accept, decline) to the actor's own
// registration to an event.
func (s *EventService) ActOnMine(ctx context.Context, actor berceau.Actor, eventID int64, act knowledge.RegistrationAction) (knowledge.Registration, error) {
	switch act {
	case knowledge.ActAccept, knowledge.ActDecline, knowledge.ActCancel:
	default:
		return knowledge.Registration{}, errNotAllowedNow
	}
	if !participant(actor) {
		s.recordAlone(ctx, actor, "registration."+string(act), "event", eventID, berceau.OutcomeDenied, "")
		return knowledge.Registration{}, errRegistrationRefused
	}
	var out knowledge.Registration
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		r, err := tx.RegistrationOf(ctx, eventID, actor.User.ID, "")
		if err != nil {
			return err
		}
		out, err = s.actTx(ctx, tx, actor, r, act)
		return err
	})
	return out, domainError(err)
}

// --- jobs -------------------------------------------------------------------

// expireOfferJob ends an offer nobody took in time and offers the place to
// the next person waiting.
func (s *EventService) expireOfferJob(ctx context.Context, tx *store.Tx, job store.Job) error {
	id, err := strconv.ParseInt(job.Key, 10, 64)
	if err != nil {
		return nil // a malformed key cannot succeed later either
	}
	r, _, err := tx.RegistrationByID(ctx, id)
	if berceau.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.State != knowledge.StateOffered || tx.Now().Before(r.OfferExpiresAt) {
		return nil // taken, declined or moved since
	}
	_, err = s.actTx(ctx, tx, berceau.System("registration"), r, knowledge.ActExpire)
	return err
}

// remindersJob mails the people holding a place their reminder, the day
// before the event.
func (s *EventService) remindersJob(ctx context.Context, tx *store.Tx, job store.Job) error {
	id, err := strconv.ParseInt(job.Key, 10, 64)
	if err != nil {
		return nil
	}
	e, err := tx.EventByID(ctx, id)
	if berceau.IsNotFound(err) {
		return nil
	}
	if err != nil || e.Cancelled() || !tx.Now().Before(e.Start) {
		return err
	}
	list, err := tx.RegistrationsInState(ctx, e.ID, knowledge.StateRegistered)
	if err != nil {
		return err
	}
	for _, r := range list {
		if err := s.mailRegistrationTx(ctx, tx, r, e, mailReminder); err != nil {
			return err
		}
	}
	return nil
}

// feedbackJob mails the attendees the short feedback form after the event.
// Attendance may be taken later: whoever is marked attended afterwards is
// asked when marked (MarkAttendance).
func (s *EventService) feedbackJob(ctx context.Context, tx *store.Tx, job store.Job) error {
	id, err := strconv.ParseInt(job.Key, 10, 64)
	if err != nil {
		return nil
	}
	e, err := tx.EventByID(ctx, id)
	if berceau.IsNotFound(err) {
		return nil
	}
	if err != nil || e.Cancelled() {
		return err
	}
	list, err := tx.RegistrationsInState(ctx, e.ID, knowledge.StateAttended)
	if err != nil {
		return err
	}
	for _, r := range list {
		if err := s.mailRegistrationTx(ctx, tx, r, e, mailFeedback); err != nil {
			return err
		}
	}
	return nil
}

// retentionJob erases guests' personal data the network's retention after
// their event, forgets unconfirmed registrations and old throttle entries.
func (s *EventService) retentionJob(ctx context.Context, tx *store.Tx, job store.Job) error {
	settings, err := registrationSettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	now := tx.Now()
	erased, err := tx.EraseGuestsOfEventsEndedBefore(ctx, now.AddDate(0, -settings.GuestRetentionMonths, 0))
	if err != nil {
		return err
	}
	if erased > 0 {
		if err := record(ctx, tx, berceau.System("registration"), "registration.erase_guests", "registration", 0,
			berceau.OutcomeSuccess, strconv.FormatInt(erased, 10)+" guests erased, "+strconv.Itoa(settings.GuestRetentionMonths)+" months after their event"); err != nil {
			return err
		}
	}
	if err := tx.DeleteUnconfirmedBefore(ctx, now.Add(-unconfirmedLifetime)); err != nil {
		return err
	}
	if err := tx.DeleteRegistrationAttemptsBefore(ctx, now.Add(-guestWindow)); err != nil {
		return err
	}
	return tx.DeleteJobsDoneBefore(ctx, now.Add(-finishedJobRetention))
}
