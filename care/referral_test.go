package care

import (
	"testing"
	"time"

	"github.com/berceau/berceau"
)

func TestEveryReferralTransition(t *testing.T) {
	t.Parallel()
	allowed := map[[2]ReferralStatus]bool{
		{ReferralProposed, ReferralSent}:                   true,
		{ReferralSent, ReferralAccepted}:                   true,
		{ReferralSent, ReferralDeclined}:                   true,
		{ReferralSent, ReferralWaitlisted}:                 true,
		{ReferralSent, ReferralNotReached}:                 true,
		{ReferralWaitlisted, ReferralAccepted}:             true,
		{ReferralWaitlisted, ReferralDeclined}:             true,
		{ReferralWaitlisted, ReferralNotReached}:           true,
		{ReferralAccepted, ReferralFirstAppointmentHeld}:   true,
		{ReferralAccepted, ReferralNotReached}:             true,
		{ReferralFirstAppointmentHeld, ReferralCompleted}:  true,
		{ReferralFirstAppointmentHeld, ReferralNotReached}: true,
	}
	statuses := append([]ReferralStatus{"", "cancelled"}, ReferralStatuses...)
	for _, from := range statuses {
		for _, to := range statuses {
			pair := [2]ReferralStatus{from, to}
			if got := CanMoveReferral(from, to); got != allowed[pair] {
				t.Errorf("CanMoveReferral(%q, %q) = %v, want %v", from, to, got, allowed[pair])
			}
		}
	}
}

func TestOnlyDeclinedCompletedAndNotReachedEndAReferral(t *testing.T) {
	t.Parallel()
	for _, s := range ReferralStatuses {
		want := s == ReferralDeclined || s == ReferralCompleted || s == ReferralNotReached
		if s.Terminal() != want {
			t.Errorf("%s.Terminal() = %v, want %v", s, s.Terminal(), want)
		}
		leaves := false
		for _, to := range ReferralStatuses {
			leaves = leaves || CanMoveReferral(s, to)
		}
		if leaves == want {
			t.Errorf("%s: terminal %v but has a way out %v", s, want, leaves)
		}
	}
}

func referralSharingConsent(family int64, partner, given, expires string) Consent {
	return Consent{FamilyID: family, Kind: ConsentSharing, Partner: partner, GivenOn: day(given), ExpiresOn: day(expires)}
}

func referralErrorKey(err error) string {
	if e, ok := err.(*berceau.Error); ok {
		return e.Key
	}
	return ""
}

func TestAReferralIsSentOnlyWithASharingConsentInForceForItsPartner(t *testing.T) {
	t.Parallel()
	withdrawn := referralSharingConsent(7, "CLSC Rosemont", "2025-01-01", "2026-12-31")
	withdrawn.WithdrawnOn = day("2025-06-01")
	cases := []struct {
		name     string
		consents []Consent
		key      string // "" when sending is allowed
	}{
		{"no consent at all", nil, "referral.consent_missing"},
		{"a consent for another partner", []Consent{referralSharingConsent(7, "Maison de la famille", "2025-01-01", "2026-12-31")}, "referral.consent_missing"},
		{"a consent of another family", []Consent{referralSharingConsent(8, "CLSC Rosemont", "2025-01-01", "2026-12-31")}, "referral.consent_missing"},
		{"only a processing consent", []Consent{{FamilyID: 7, Kind: ConsentProcessing, GivenOn: day("2025-01-01")}}, "referral.consent_missing"},
		{"a consent given later", []Consent{referralSharingConsent(7, "CLSC Rosemont", "2025-09-01", "2026-12-31")}, "referral.consent_missing"},
		{"an expired consent", []Consent{referralSharingConsent(7, "CLSC Rosemont", "2024-01-01", "2025-03-31")}, "referral.consent_expired"},
		{"a withdrawn consent", []Consent{withdrawn}, "referral.consent_withdrawn"},
		{"a withdrawal wins over an expiry", []Consent{referralSharingConsent(7, "CLSC Rosemont", "2024-01-01", "2025-03-31"), withdrawn}, "referral.consent_withdrawn"},
		{"a consent in force", []Consent{referralSharingConsent(7, "CLSC Rosemont", "2025-01-01", "2026-12-31")}, ""},
		{"a consent in force beside an expired one", []Consent{referralSharingConsent(7, "CLSC Rosemont", "2024-01-01", "2025-03-31"), referralSharingConsent(7, "clsc rosemont ", "2025-04-01", "2026-03-31")}, ""},
	}
	for _, c := range cases {
		r := Referral{FamilyID: 7, ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Partner: "CLSC Rosemont", Reason: "Soutien à l’allaitement", Status: ReferralProposed}
		at := time.Date(2025, 7, 15, 14, 30, 0, 0, time.UTC)
		if err := CheckReferralSending(r, c.consents, at); referralErrorKey(err) != c.key {
			t.Errorf("%s: CheckReferralSending = %v, want %q", c.name, err, c.key)
		}
		change, err := r.Move(ReferralSent, "", 42, at, c.consents)
		if c.key == "" {
			if err != nil || r.Status != ReferralSent || change.From != ReferralProposed || change.To != ReferralSent || change.By != 42 || !change.At.Equal(at) {
				t.Errorf("%s: Move = %+v, %v; status %s", c.name, change, err, r.Status)
			}
			continue
		}
		if berceau.KindOf(err) != berceau.KindConflict || referralErrorKey(err) != c.key {
			t.Errorf("%s: Move = %v, want conflict %s", c.name, err, c.key)
		}
		if r.Status != ReferralProposed {
			t.Errorf("%s: a refused sending changed the status to %s", c.name, r.Status)
		}
	}
}

func TestAReferralWithoutAPartnerCannotBeSent(t *testing.T) {
	t.Parallel()
	r := Referral{FamilyID: 7, ExternalResource: "Banque alimentaire du quartier", Reason: "Sécurité alimentaire", Status: ReferralProposed}
	_, err := r.Move(ReferralSent, "", 42, day("2025-07-15"), []Consent{referralSharingConsent(7, "", "2025-01-01", "2026-12-31")})
	if e, ok := err.(*berceau.Error); !ok || e.Kind != berceau.KindInvalid || e.Fields["partner"] != "error.required" {
		t.Errorf("Move without a partner = %v, want partner required", err)
	}
}

func TestMovingAReferralFollowsTheRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		from   ReferralStatus
		to     ReferralStatus
		reason string
		kind   berceau.ErrorKind // "" when accepted
		key    string
		field  string
	}{
		{"accepted after sending", ReferralSent, ReferralAccepted, "", "", "", ""},
		{"waitlisted after sending", ReferralSent, ReferralWaitlisted, "", "", "", ""},
		{"accepted from the waiting list", ReferralWaitlisted, ReferralAccepted, "", "", "", ""},
		{"first appointment after acceptance", ReferralAccepted, ReferralFirstAppointmentHeld, "", "", "", ""},
		{"completed after the first appointment", ReferralFirstAppointmentHeld, ReferralCompleted, "", "", "", ""},
		{"declined with a reason", ReferralSent, ReferralDeclined, "Hors territoire", "", "", ""},
		{"declined without a reason", ReferralSent, ReferralDeclined, "  ", berceau.KindInvalid, "error.form_invalid", "reason"},
		{"not reached with a reason", ReferralAccepted, ReferralNotReached, "Famille injoignable", "", "", ""},
		{"not reached without a reason", ReferralAccepted, ReferralNotReached, "", berceau.KindInvalid, "error.form_invalid", "reason"},
		{"a proposal is never not reached", ReferralProposed, ReferralNotReached, "La famille refuse", berceau.KindConflict, "referral.transition_invalid", ""},
		{"no appointment straight from the waiting list", ReferralWaitlisted, ReferralFirstAppointmentHeld, "", berceau.KindConflict, "referral.transition_invalid", ""},
		{"no completion before an appointment", ReferralAccepted, ReferralCompleted, "", berceau.KindConflict, "referral.transition_invalid", ""},
		{"nothing after completion", ReferralCompleted, ReferralNotReached, "x", berceau.KindConflict, "referral.transition_invalid", ""},
		{"nothing after a decline", ReferralDeclined, ReferralAccepted, "", berceau.KindConflict, "referral.transition_invalid", ""},
		{"no going back", ReferralAccepted, ReferralSent, "", berceau.KindConflict, "referral.transition_invalid", ""},
		{"same status", ReferralSent, ReferralSent, "", berceau.KindConflict, "referral.transition_invalid", ""},
		{"unknown status", ReferralSent, "cancelled", "", berceau.KindInvalid, "error.form_invalid", "status"},
	}
	at := time.Date(2025, 7, 15, 9, 0, 0, 0, time.UTC)
	for _, c := range cases {
		r := Referral{FamilyID: 7, ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Partner: "CLSC Rosemont", Reason: "Soutien", Status: c.from}
		change, err := r.Move(c.to, c.reason, 42, at, nil)
		if c.kind == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			want := ReferralChange{From: c.from, To: c.to, Reason: c.reason, By: 42, At: at}
			if change != want || r.Status != c.to {
				t.Errorf("%s: change %+v, status %s; want %+v", c.name, change, r.Status, want)
			}
			if c.to == ReferralDeclined && r.DeclineReason != c.reason {
				t.Errorf("%s: decline reason %q", c.name, r.DeclineReason)
			}
			continue
		}
		if berceau.KindOf(err) != c.kind || referralErrorKey(err) != c.key {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.kind, c.key)
			continue
		}
		if c.field != "" && err.(*berceau.Error).Fields[c.field] == "" {
			t.Errorf("%s: no error on field %s: %+v", c.name, c.field, err.(*berceau.Error).Fields)
		}
		if r.Status != c.from {
			t.Errorf("%s: a refused move changed the status to %s", c.name, r.Status)
		}
	}
}

func TestAReferralNeedsAReasonOneDestinationAndAPartnerOnceSent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		r      Referral
		fields []string // none when valid
	}{
		{"a proposal to a service", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien"}, nil},
		{"a proposal to an external resource, no partner yet", Referral{ExternalResource: "Halte-garderie", Reason: "Répit"}, nil},
		{"a sent referral with its partner", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien", Partner: "CLSC", Status: ReferralSent}, nil},
		{"no reason", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: " "}, []string{"reason"}},
		{"no destination", Referral{Reason: "Soutien", ExternalResource: "  "}, []string{"destination"}},
		{"both a service and an external resource", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", ExternalResource: "Halte-garderie", Reason: "Soutien"}, []string{"destination"}},
		{"sent without a partner", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien", Status: ReferralSent}, []string{"partner"}},
		{"accepted without a partner", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien", Status: ReferralAccepted, Partner: " "}, []string{"partner"}},
		{"declined without its reason", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien", Partner: "CLSC", Status: ReferralDeclined}, []string{"decline_reason"}},
		{"unknown status", Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien", Status: "cancelled"}, []string{"status"}},
	}
	for _, c := range cases {
		err := c.r.Validate()
		if len(c.fields) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		e, ok := err.(*berceau.Error)
		if !ok || e.Kind != berceau.KindInvalid || len(e.Fields) != len(c.fields) {
			t.Errorf("%s: %v, want invalid on %v", c.name, err, c.fields)
			continue
		}
		for _, f := range c.fields {
			if e.Fields[f] == "" {
				t.Errorf("%s: no error on field %s: %+v", c.name, f, e.Fields)
			}
		}
	}
	r := Referral{ServiceID: "4f1c2a7e-0b7d-4c55-9e1a-2d3b9c8e7f10", Reason: "Soutien"}
	if err := r.Validate(); err != nil || r.Status != ReferralProposed {
		t.Errorf("a new referral: %v, status %q, want proposed", err, r.Status)
	}
}

func TestAFollowUpIsDueFromItsDayUntilTheReferralEnds(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		status ReferralStatus
		next   time.Time
		on     time.Time
		want   bool
	}{
		{"on the day", ReferralSent, day("2025-07-15"), time.Date(2025, 7, 15, 23, 59, 0, 0, time.UTC), true},
		{"early on the day", ReferralWaitlisted, time.Date(2025, 7, 15, 18, 0, 0, 0, time.UTC), day("2025-07-15"), true},
		{"overdue", ReferralAccepted, day("2025-07-15"), day("2025-08-01"), true},
		{"for a proposal", ReferralProposed, day("2025-07-15"), day("2025-07-15"), true},
		{"the day before", ReferralSent, day("2025-07-15"), time.Date(2025, 7, 14, 23, 59, 0, 0, time.UTC), false},
		{"no follow-up date", ReferralSent, time.Time{}, day("2025-07-15"), false},
		{"completed", ReferralCompleted, day("2025-07-15"), day("2025-07-20"), false},
		{"declined", ReferralDeclined, day("2025-07-15"), day("2025-07-20"), false},
		{"not reached", ReferralNotReached, day("2025-07-15"), day("2025-07-20"), false},
	}
	for _, c := range cases {
		r := Referral{Status: c.status, NextFollowUp: c.next}
		if got := r.FollowUpDue(c.on); got != c.want {
			t.Errorf("%s: FollowUpDue = %v, want %v", c.name, got, c.want)
		}
	}
}
