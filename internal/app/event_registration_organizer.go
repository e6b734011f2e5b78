package app

import (
	"context"
	"math"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// What the organisers of an event (and network coordinators, who organise
// every event) see and do: the attendee list with its counts by sector,
// approvals, attendance at the door, feedback results, documents. Nobody
// else sees who registered.

// SectorCount is how many people of a sector registered (holding a place
// or waiting) and attended.
type SectorCount struct {
	Sector              knowledge.Sector
	Registered, Waiting int
	Attended            int
}

// AttendeeList is an event's registrations as its organisers see them.
type AttendeeList struct {
	Event         knowledge.Event
	Registrations []knowledge.Registration
	// WaitingPositions maps a waiting registration's id to its place in
	// the waiting list.
	WaitingPositions map[int64]int
	Sectors          []SectorCount
	// MissingSectors are the sectors nobody of came or registered from
	// (the Bassin Sud's question: who is missing).
	MissingSectors []knowledge.Sector
	Counts         map[knowledge.RegistrationState]int
	PlacesLeft     int // -1: no limit
}

// mayManageTx reads the event and checks, inside the transaction, that the
// actor organises it.
func mayManageTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, eventID int64) (knowledge.Event, error) {
	o, err := organizerOf(ctx, tx, actor)
	if err != nil {
		return knowledge.Event{}, err
	}
	e, err := tx.EventByID(ctx, eventID)
	if err != nil {
		return e, err
	}
	if !o.mayOrganize(e.Organizers) {
		return e, errNotOrganizer
	}
	return e, nil
}

// Attendees reads an event's attendee list for its organisers; the read is
// audited (one entry per page), a refusal too.
func (s *EventService) Attendees(ctx context.Context, actor berceau.Actor, eventID int64) (AttendeeList, error) {
	var out AttendeeList
	err := s.readAudited(ctx, actor, "registration.list", "event", eventID, func(tx *store.Tx) (string, error) {
		e, err := mayManageTx(ctx, tx, actor, eventID)
		if err != nil {
			return "", err
		}
		list, err := tx.EventRegistrations(ctx, eventID)
		if err != nil {
			return "", err
		}
		out = AttendeeList{Event: e, Registrations: list, WaitingPositions: map[int64]int{},
			Counts: map[knowledge.RegistrationState]int{}}
		bySector := map[knowledge.Sector]*SectorCount{}
		waiting := 0
		for _, r := range list {
			out.Counts[r.State]++
			c := bySector[r.Sector]
			if c == nil {
				c = &SectorCount{Sector: r.Sector}
				bySector[r.Sector] = c
			}
			switch {
			case r.State == knowledge.StateAttended:
				c.Attended++
				c.Registered++
			case r.State.HoldsPlace():
				c.Registered++
			case r.State == knowledge.StateWaitlisted:
				waiting++
				out.WaitingPositions[r.ID] = waiting
				c.Waiting++
			}
		}
		for _, sector := range knowledge.Sectors {
			if c := bySector[sector]; c != nil && c.Registered+c.Waiting > 0 {
				out.Sectors = append(out.Sectors, *c)
			} else {
				out.MissingSectors = append(out.MissingSectors, sector)
			}
		}
		taken := 0
		for state, n := range out.Counts {
			if state.HoldsPlace() {
				taken += n
			}
		}
		out.PlacesLeft = e.PlacesLeft(taken)
		return strconv.Itoa(len(list)) + " registrations", nil
	})
	return out, domainError(err)
}

// ActAsOrganizer applies act (approve, reject, cancel, attend, no_show) to
// one registration of an event the actor organises. Attendance credits the
// event's duration as learning hours (MarkAttendance to choose them).
func (s *EventService) ActAsOrganizer(ctx context.Context, actor berceau.Actor, registrationID int64, act knowledge.RegistrationAction) (knowledge.Registration, error) {
	switch act {
	case knowledge.ActApprove, knowledge.ActReject, knowledge.ActCancel, knowledge.ActAttend, knowledge.ActNoShow:
	default:
		return knowledge.Registration{}, errNotAllowedNow
	}
	return s.MarkAttendance(ctx, actor, registrationID, act, -1)
}

// MarkAttendance is ActAsOrganizer with the hours to credit for an
// attendance (a negative value: the event's duration).
func (s *EventService) MarkAttendance(ctx context.Context, actor berceau.Actor, registrationID int64, act knowledge.RegistrationAction, hours float64) (knowledge.Registration, error) {
	var out knowledge.Registration
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		r, _, err := tx.RegistrationByID(ctx, registrationID)
		if err != nil {
			return err
		}
		e, err := mayManageTx(ctx, tx, actor, r.EventID)
		if err != nil {
			return err
		}
		if (act == knowledge.ActAttend || act == knowledge.ActNoShow) && tx.Now().Before(e.Start.Add(-12*time.Hour)) {
			return berceau.Errorf(berceau.KindConflict, "registration.error.too_early")
		}
		// An attendee already marked may have their hours corrected alone.
		if onlyHours := act == knowledge.ActAttend && r.State == knowledge.StateAttended && hours >= 0; !onlyHours {
			if _, err := s.actTx(ctx, tx, actor, r, act); err != nil {
				return err
			}
		}
		if out, _, err = tx.RegistrationByID(ctx, registrationID); err != nil {
			return err
		}
		switch out.State {
		case knowledge.StateAttended:
			minutes := int(e.End.Sub(e.Start).Minutes())
			if hours >= 0 {
				minutes = int(math.Round(hours * 60))
			}
			if minutes > 24*60 {
				minutes = 24 * 60
			}
			if err := tx.SetLearningHours(ctx, out, minutes, actor.User.ID); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, "registration.hours", "registration", out.ID, berceau.OutcomeSuccess,
				strconv.Itoa(minutes)+" minutes"); err != nil {
				return err
			}
			if r.State != knowledge.StateAttended && !tx.Now().Before(e.End.Add(feedbackDelay)) {
				// The feedback mail already went: this attendee gets it now.
				if err := s.mailRegistrationTx(ctx, tx, out, e, mailFeedback); err != nil {
					return err
				}
			}
		case knowledge.StateNoShow:
			if err := tx.SetLearningHours(ctx, out, 0, actor.User.ID); err != nil {
				return err
			}
		}
		out, _, err = tx.RegistrationByID(ctx, registrationID)
		return err
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, "registration."+string(act), "registration", registrationID, berceau.OutcomeDenied, refusalKey(err))
	}
	return out, domainError(err)
}

// RegistrationHistory reads the dated history of one registration, for
// the organisers of its event (audited).
func (s *EventService) RegistrationHistory(ctx context.Context, actor berceau.Actor, registrationID int64) (knowledge.Registration, []knowledge.RegistrationChange, error) {
	var r knowledge.Registration
	var history []knowledge.RegistrationChange
	err := s.readAudited(ctx, actor, "registration.history", "registration", registrationID, func(tx *store.Tx) (string, error) {
		var err error
		if r, _, err = tx.RegistrationByID(ctx, registrationID); err != nil {
			return "", err
		}
		if _, err := mayManageTx(ctx, tx, actor, r.EventID); err != nil {
			return "", err
		}
		history, err = tx.RegistrationHistory(ctx, registrationID)
		return "", err
	})
	return r, history, domainError(err)
}

// --- feedback -----------------------------------------------------------------

// GiveFeedback records an attendee's answer to the feedback form, through
// their mailed link.
func (s *EventService) GiveFeedback(ctx context.Context, actor berceau.Actor, token string, f knowledge.Feedback) error {
	f.Comment = strings.TrimSpace(f.Comment)
	if fields := f.Validate(); fields != nil {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return domainError(s.store.WriteTx(ctx, func(tx *store.Tx) error {
		r, err := s.registrationByToken(ctx, tx, token)
		if err != nil {
			return err
		}
		if r.State != knowledge.StateAttended {
			return berceau.Errorf(berceau.KindConflict, "registration.error.feedback_attended_only")
		}
		if err := tx.SaveFeedback(ctx, r, f); err != nil {
			return err
		}
		return record(ctx, tx, actor, "registration.feedback", "registration", r.ID, berceau.OutcomeSuccess, "rating "+strconv.Itoa(f.Rating))
	}))
}

// FeedbackResults is what the organisers see of the feedback.
type FeedbackResults struct {
	Event    knowledge.Event
	Count    int
	Average  float64
	ByRating [6]int // index 1 to 5
	Comments []string
}

// Feedback reads an event's feedback results, for its organisers.
func (s *EventService) Feedback(ctx context.Context, actor berceau.Actor, eventID int64) (FeedbackResults, error) {
	var out FeedbackResults
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		e, err := mayManageTx(ctx, tx, actor, eventID)
		if err != nil {
			return err
		}
		list, err := tx.EventFeedback(ctx, eventID)
		if err != nil {
			return err
		}
		out.Event = e
		sum := 0
		for _, f := range list {
			out.Count++
			sum += f.Rating
			out.ByRating[f.Rating]++
			if f.Comment != "" {
				out.Comments = append(out.Comments, f.Comment)
			}
		}
		if out.Count > 0 {
			out.Average = float64(sum) / float64(out.Count)
		}
		return nil
	})
	return out, domainError(err)
}

// --- documents ---------------------------------------------------------------

// Bounds of the documents attached to an event.
const (
	MaxEventDocumentBytes = 5 << 20
	MaxEventDocuments     = 20
)

// Document kinds.
const (
	DocumentMinutes = "minutes"
	DocumentOther   = "document"
)

// allowedDocumentTypes are the types a document may have, sniffed from its
// content (never the type the browser claims): PDF, office documents (zip
// containers), images, plain text.
var allowedDocumentTypes = map[string]bool{
	"application/pdf": true, "application/zip": true, "image/png": true, "image/jpeg": true,
	"text/plain; charset=utf-8": true,
}

// EventDocument is a document attached to an event.
type EventDocument struct {
	ID          int64
	EventID     int64
	Kind        string
	Filename    string
	ContentType string
	Size        int
	Content     []byte
}

func documentOf(d store.EventDocument) EventDocument {
	return EventDocument{ID: d.ID, EventID: d.EventID, Kind: d.Kind, Filename: d.Filename, ContentType: d.ContentType,
		Size: d.Size, Content: d.Content}
}

// AddDocument attaches a document (or the minutes) to an event, for its
// organisers: at most MaxEventDocumentBytes, MaxEventDocuments per event,
// of a type sniffed from the content.
func (s *EventService) AddDocument(ctx context.Context, actor berceau.Actor, eventID int64, kind, filename string, content []byte) (EventDocument, error) {
	fields := map[string]string{}
	if kind != DocumentMinutes && kind != DocumentOther {
		fields["kind"] = "error.required"
	}
	filename = strings.TrimSpace(filepath.Base(strings.ReplaceAll(filename, "\\", "/")))
	if filename == "" || filename == "." || filename == "/" || utf8.RuneCountInString(filename) > 200 || strings.ContainsAny(filename, "\"\r\n") {
		fields["file"] = "registration.error.file_name"
	}
	if len(content) == 0 || len(content) > MaxEventDocumentBytes {
		fields["file"] = "registration.error.file_size"
	}
	contentType := http.DetectContentType(content)
	if !allowedDocumentTypes[contentType] {
		fields["file"] = "registration.error.file_type"
	}
	if len(fields) > 0 {
		return EventDocument{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	d := store.EventDocument{EventID: eventID, Kind: kind, Filename: filename, ContentType: contentType, Content: content}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := mayManageTx(ctx, tx, actor, eventID); err != nil {
			return err
		}
		n, err := tx.CountEventDocuments(ctx, eventID)
		if err != nil {
			return err
		}
		if n >= MaxEventDocuments {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"file": "registration.error.too_many_files"}}
		}
		if err := tx.AddEventDocument(ctx, &d, actor.User.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "event.document.add", "event", eventID, berceau.OutcomeSuccess, kind+" "+filename)
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, "event.document.add", "event", eventID, berceau.OutcomeDenied, refusalKey(err))
	}
	return documentOf(d), domainError(err)
}

// Documents lists the documents of an event the actor may see.
func (s *EventService) Documents(ctx context.Context, actor berceau.Actor, eventID int64) ([]EventDocument, error) {
	var out []EventDocument
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		if err := s.mustSee(ctx, tx, actor, eventID); err != nil {
			return err
		}
		list, err := tx.EventDocuments(ctx, eventID)
		for _, d := range list {
			out = append(out, documentOf(d))
		}
		return err
	})
	return out, domainError(err)
}

func (s *EventService) mustSee(ctx context.Context, tx *store.Tx, actor berceau.Actor, eventID int64) error {
	reach, err := readerReach(ctx, tx, actor)
	if err != nil {
		return err
	}
	e, err := tx.EventByID(ctx, eventID)
	if err != nil {
		return err
	}
	if !sees(reach, e) {
		return berceau.Errorf(berceau.KindNotFound, "event.error.not_found")
	}
	return nil
}

// Document reads one document with its content, when the actor may see
// its event.
func (s *EventService) Document(ctx context.Context, actor berceau.Actor, eventID, documentID int64) (EventDocument, error) {
	var out EventDocument
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		if err := s.mustSee(ctx, tx, actor, eventID); err != nil {
			return err
		}
		d, err := tx.EventDocumentByID(ctx, documentID)
		if err != nil {
			return err
		}
		if d.EventID != eventID {
			return berceau.Errorf(berceau.KindNotFound, "registration.error.document_not_found")
		}
		out = documentOf(d)
		return nil
	})
	return out, domainError(err)
}

// DeleteDocument removes a document, for the event's organisers.
func (s *EventService) DeleteDocument(ctx context.Context, actor berceau.Actor, eventID, documentID int64) error {
	return domainError(s.store.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := mayManageTx(ctx, tx, actor, eventID); err != nil {
			return err
		}
		d, err := tx.EventDocumentByID(ctx, documentID)
		if err != nil {
			return err
		}
		if d.EventID != eventID {
			return berceau.Errorf(berceau.KindNotFound, "registration.error.document_not_found")
		}
		if err := tx.DeleteEventDocument(ctx, documentID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "event.document.delete", "event", eventID, berceau.OutcomeSuccess, d.Filename)
	}))
}
