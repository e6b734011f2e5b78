package api

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// The follow-up writes of issue 5 for scripts and for the crash test: record
// and edit contacts, propose referrals and move them on. Every handler goes
// through internal/app, so the same checks, transactions and audit entries
// apply as on the pages. Sensitive notes stay out of the API: a script never
// writes into, nor reads from, a compartment.

var followUpTags = []string{"follow-up"}

const dateLayout = "2006-01-02"

// contact is a contact with a family as the API shows it.
type contact struct {
	ID        int64   `json:"id"`
	FamilyID  int64   `json:"family_id"`
	Kind      string  `json:"kind" enum:"home_visit,office_visit,call,group_meeting,accompaniment,daycare_integration,assessment_orientation"`
	Date      string  `json:"date" format:"date" doc:"Civil date of the contact (YYYY-MM-DD)."`
	Minutes   int     `json:"minutes"`
	Outcome   string  `json:"outcome" enum:"planned,done,missed,cancelled"`
	Notes     string  `json:"notes"`
	WorkerIDs []int64 `json:"worker_ids" nullable:"false"`
	MemberIDs []int64 `json:"member_ids" nullable:"false"`
	GoalIDs   []int64 `json:"goal_ids" nullable:"false"`
	Version   int     `json:"version" doc:"Send it back to edit the contact: a stale version is refused (409)."`
}

func contactOf(c care.Contact) contact {
	out := contact{ID: c.ID, FamilyID: c.FamilyID, Kind: string(c.Kind), Date: c.On.Format(dateLayout), Minutes: c.Minutes,
		Outcome: string(c.Outcome), Notes: c.Notes, Version: c.Version,
		WorkerIDs: ids(c.WorkerIDs), MemberIDs: ids(c.MemberIDs), GoalIDs: ids(c.GoalIDs)}
	return out
}

func ids(list []int64) []int64 {
	if list == nil {
		return []int64{}
	}
	return list
}

type newContactBody struct {
	Kind      string  `json:"kind" enum:"home_visit,office_visit,call,group_meeting,accompaniment,daycare_integration,assessment_orientation"`
	Date      string  `json:"date" format:"date" doc:"Civil date of the contact (YYYY-MM-DD)."`
	Minutes   int     `json:"minutes" minimum:"0" maximum:"600" required:"false"`
	Outcome   string  `json:"outcome" enum:"planned,done,missed,cancelled"`
	Notes     string  `json:"notes" required:"false" maxLength:"20000"`
	MemberIDs []int64 `json:"member_ids" required:"false" doc:"Household members present."`
	GoalIDs   []int64 `json:"goal_ids" required:"false" doc:"Goals of the plan worked on."`
}

type recordContactInput struct {
	AcceptLanguage string `header:"Accept-Language" required:"false"`
	FamilyID       int64  `path:"id" minimum:"1" doc:"The family's id."`
	Body           newContactBody
}

type contactOutput struct {
	Body contact
}

func civilDay(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// outOfRange refuses a well-formed date outside 1900–2100 (PostgreSQL
// refuses year 0 where SQLite would store it), naming its field.
func outOfRange(dates map[string]string) error {
	for field, s := range dates {
		if t := civilDay(s); !t.IsZero() && !berceau.DateInRange(t) {
			return &problem{status: http.StatusUnprocessableEntity, key: "api.invalid_message",
				fields: map[string]string{field: berceau.KeyDateRange}}
		}
	}
	return nil
}

// recordContact records a contact with a family of the token owner's scope;
// with no worker named, the owner is the one who took part.
func (s *server) recordContact(ctx context.Context, in *recordContactInput) (*contactOutput, error) {
	if err := outOfRange(map[string]string{"date": in.Body.Date}); err != nil {
		return nil, err
	}
	c := care.Contact{FamilyID: in.FamilyID, Kind: care.ContactKind(in.Body.Kind), On: civilDay(in.Body.Date),
		Minutes: in.Body.Minutes, Outcome: care.ContactOutcome(in.Body.Outcome), Notes: in.Body.Notes,
		MemberIDs: in.Body.MemberIDs, GoalIDs: in.Body.GoalIDs}
	c, err := s.app.Care.RecordContact(ctx, actorOf(ctx), c)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &contactOutput{Body: contactOf(c)}, nil
}

type contactPatch struct {
	Version int     `json:"version" minimum:"1" doc:"The version the change was made on, as last read."`
	Outcome *string `json:"outcome,omitempty" required:"false" enum:"planned,done,missed,cancelled"`
	Minutes *int    `json:"minutes,omitempty" required:"false" minimum:"0" maximum:"600"`
	Notes   *string `json:"notes,omitempty" required:"false" maxLength:"20000"`
}

type editContactInput struct {
	AcceptLanguage string `header:"Accept-Language" required:"false"`
	FamilyID       int64  `path:"id" minimum:"1" doc:"The family's id."`
	ContactID      int64  `path:"contactId" minimum:"1" doc:"The contact's id."`
	Body           contactPatch
}

// editContact changes a contact's outcome, duration or notes if nobody
// changed it since the client read it at version; otherwise nothing is
// written and the 409 problem carries the contact as it now stands.
func (s *server) editContact(ctx context.Context, in *editContactInput) (*contactOutput, error) {
	actor := actorOf(ctx)
	c, err := s.app.Care.Contact(ctx, actor, in.FamilyID, in.ContactID)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	if c.Version != in.Body.Version {
		return nil, s.conflict(ctx, in.AcceptLanguage, "followup_api.contact_changed", contactOf(c))
	}
	if in.Body.Outcome != nil {
		c.Outcome = care.ContactOutcome(*in.Body.Outcome)
	}
	if in.Body.Minutes != nil {
		c.Minutes = *in.Body.Minutes
	}
	if in.Body.Notes != nil {
		c.Notes = *in.Body.Notes
	}
	edited, err := s.app.Care.EditContact(ctx, actor, c)
	if isConflict(err) {
		if current, rerr := s.app.Care.Contact(ctx, actor, in.FamilyID, in.ContactID); rerr == nil {
			return nil, s.conflict(ctx, in.AcceptLanguage, "followup_api.contact_changed", contactOf(current))
		}
	}
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &contactOutput{Body: contactOf(edited)}, nil
}

// referral is a family's referral as the API shows it, with its history.
type referral struct {
	ID               int64            `json:"id"`
	FamilyID         int64            `json:"family_id"`
	ServiceID        string           `json:"service_id" doc:"A service of the directory (its HSDS id); empty for an external resource."`
	ExternalResource string           `json:"external_resource"`
	Partner          string           `json:"partner" doc:"The organisation the family's data goes to when the referral is sent."`
	Reason           string           `json:"reason"`
	Status           string           `json:"status" enum:"proposed,sent,accepted,declined,waitlisted,first_appointment_held,completed,not_reached"`
	DeclineReason    string           `json:"decline_reason"`
	NextFollowUp     string           `json:"next_follow_up" doc:"Civil date of the next follow-up (YYYY-MM-DD); empty when none."`
	Version          int              `json:"version" doc:"Send it back to move the referral on: a stale version is refused (409)."`
	History          []referralChange `json:"history" nullable:"false"`
}

type referralChange struct {
	From         string    `json:"from"`
	To           string    `json:"to"`
	Reason       string    `json:"reason"`
	NextFollowUp string    `json:"next_follow_up"`
	By           int64     `json:"by"`
	At           time.Time `json:"at"`
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func referralOf(r care.Referral) referral {
	out := referral{ID: r.ID, FamilyID: r.FamilyID, ServiceID: r.ServiceID, ExternalResource: r.ExternalResource,
		Partner: r.Partner, Reason: r.Reason, Status: string(r.Status), DeclineReason: r.DeclineReason,
		NextFollowUp: dateOrEmpty(r.NextFollowUp), Version: r.Version, History: []referralChange{}}
	for _, h := range r.History {
		out.History = append(out.History, referralChange{From: string(h.From), To: string(h.To), Reason: h.Reason,
			NextFollowUp: dateOrEmpty(h.NextFollowUp), By: h.By, At: h.At})
	}
	return out
}

type newReferralBody struct {
	ServiceID        string `json:"service_id,omitempty" required:"false" maxLength:"200" doc:"A service of the directory; or give external_resource."`
	ServiceName      string `json:"service_name,omitempty" required:"false" maxLength:"500"`
	ExternalResource string `json:"external_resource,omitempty" required:"false" maxLength:"2000" doc:"An external resource, described."`
	Partner          string `json:"partner,omitempty" required:"false" maxLength:"500"`
	Reason           string `json:"reason" maxLength:"5000"`
	NextFollowUp     string `json:"next_follow_up,omitempty" required:"false" format:"date"`
}

type proposeReferralInput struct {
	AcceptLanguage string `header:"Accept-Language" required:"false"`
	FamilyID       int64  `path:"id" minimum:"1" doc:"The family's id."`
	Body           newReferralBody
}

type referralOutput struct {
	Body referral
}

// proposeReferral records a referral as proposed; sending it is a move.
func (s *server) proposeReferral(ctx context.Context, in *proposeReferralInput) (*referralOutput, error) {
	if err := outOfRange(map[string]string{"next_follow_up": in.Body.NextFollowUp}); err != nil {
		return nil, err
	}
	r := care.Referral{FamilyID: in.FamilyID, ServiceID: in.Body.ServiceID, ServiceName: in.Body.ServiceName,
		ExternalResource: in.Body.ExternalResource, Partner: in.Body.Partner, Reason: in.Body.Reason,
		NextFollowUp: civilDay(in.Body.NextFollowUp)}
	r, err := s.app.Care.ProposeReferral(ctx, actorOf(ctx), r)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &referralOutput{Body: referralOf(r)}, nil
}

type referralMoveBody struct {
	Version      int    `json:"version" minimum:"1" doc:"The version the move was decided on, as last read."`
	Status       string `json:"status" enum:"proposed,sent,accepted,declined,waitlisted,first_appointment_held,completed,not_reached" doc:"The new status; the current one to change only the follow-up date."`
	Reason       string `json:"reason,omitempty" required:"false" maxLength:"5000" doc:"Why; required for declined and not_reached."`
	Partner      string `json:"partner,omitempty" required:"false" maxLength:"500" doc:"Who it goes to, when sending a referral that names none."`
	NextFollowUp string `json:"next_follow_up,omitempty" required:"false" format:"date" doc:"When to check on it next; none when absent."`
}

type moveReferralInput struct {
	AcceptLanguage string `header:"Accept-Language" required:"false"`
	FamilyID       int64  `path:"id" minimum:"1" doc:"The family's id."`
	ReferralID     int64  `path:"referralId" minimum:"1" doc:"The referral's id."`
	Body           referralMoveBody
}

// moveReferral moves a referral on. A stale version is a 409 carrying the
// referral as it now stands; a sending without the family's consent in force
// is a 409 whose detail says why (missing, expired or withdrawn).
func (s *server) moveReferral(ctx context.Context, in *moveReferralInput) (*referralOutput, error) {
	if err := outOfRange(map[string]string{"next_follow_up": in.Body.NextFollowUp}); err != nil {
		return nil, err
	}
	actor := actorOf(ctx)
	m := app.ReferralMove{To: care.ReferralStatus(in.Body.Status), Reason: in.Body.Reason, Partner: in.Body.Partner,
		NextFollowUp: civilDay(in.Body.NextFollowUp)}
	r, err := s.app.Care.MoveReferral(ctx, actor, in.FamilyID, in.ReferralID, in.Body.Version, m, time.Now())
	if isConflict(err) && keyOf(err) == "referral.changed" {
		if current, rerr := s.app.Care.Referral(ctx, actor, in.FamilyID, in.ReferralID); rerr == nil {
			return nil, s.conflict(ctx, in.AcceptLanguage, "followup_api.referral_changed", referralOf(current))
		}
	}
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	return &referralOutput{Body: referralOf(r)}, nil
}

func isConflict(err error) bool { return err != nil && berceau.KindOf(err) == berceau.KindConflict }

func keyOf(err error) string {
	var e *berceau.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}

// conflictProblem is a 409 problem document that carries the resource as it
// now stands, so that the client can show the other person's change. It is
// translated here, since the API's transformer passes it through as is.
type conflictProblem struct {
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Current  any    `json:"current" doc:"The resource as it now stands, with its current version."`
	language string
}

func (p *conflictProblem) Error() string  { return p.Detail }
func (p *conflictProblem) GetStatus() int { return p.Status }

// ContentType makes huma answer application/problem+json.
func (p *conflictProblem) ContentType(string) string { return "application/problem+json" }

// GetHeaders says which language the detail is in.
func (p *conflictProblem) GetHeaders() http.Header {
	return http.Header{"Content-Language": {p.language}}
}

func (s *server) conflict(ctx context.Context, acceptLanguage, key string, current any) error {
	lang := s.negotiate(ctx, acceptLanguage)
	return &conflictProblem{Title: http.StatusText(http.StatusConflict), Status: http.StatusConflict,
		Detail: s.i18n.Localizer(lang).T(key), Current: current, language: lang}
}

// conflictDocs are the 409 answers' schemas, with the resource as it now
// stands in current.
type contactConflict struct {
	Title   string  `json:"title"`
	Status  int     `json:"status"`
	Detail  string  `json:"detail"`
	Current contact `json:"current"`
}

type referralConflict struct {
	Title   string   `json:"title"`
	Status  int      `json:"status" doc:"409"`
	Detail  string   `json:"detail" doc:"Why: the referral changed meanwhile (current holds it), or the family's consent to share with the partner is missing, expired or withdrawn."`
	Current referral `json:"current,omitempty" required:"false" doc:"The referral as it now stands, when it changed meanwhile."`
}

// followUpErrors are the statuses these operations answer beyond 401, 403
// and 409 (documented with its own schema).
var followUpErrors = []int{http.StatusNotFound, http.StatusUnprocessableEntity}

// registerCreated registers an operation answering 201 Created.
func registerCreated[I, O any](h func(context.Context, *I) (*O, error)) func(huma.API, huma.Operation) {
	return func(api huma.API, op huma.Operation) {
		op.DefaultStatus = http.StatusCreated
		huma.Register(api, op, h)
	}
}

// registerWithConflict registers an operation whose 409 answer carries the
// resource as it now stands (the conflict type's schema).
func registerWithConflict[I, O any](conflictType any, name string, status int, h func(context.Context, *I) (*O, error)) func(huma.API, huma.Operation) {
	return func(api huma.API, op huma.Operation) {
		op.DefaultStatus = status
		schema := api.OpenAPI().Components.Schemas.Schema(reflect.TypeOf(conflictType), true, name)
		if op.Responses == nil {
			op.Responses = map[string]*huma.Response{}
		}
		op.Responses["409"] = &huma.Response{Description: http.StatusText(http.StatusConflict),
			Content: map[string]*huma.MediaType{"application/problem+json": {Schema: schema}}}
		huma.Register(api, op, h)
	}
}
