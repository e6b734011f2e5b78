package berceau

import (
	"strings"
	"time"
)

// ConsentKind is what a family consented to.
type ConsentKind string

const (
	ConsentProcessing ConsentKind = "processing" // the network keeps and uses the family's data
	ConsentSharing    ConsentKind = "sharing"    // with one named partner organisation, until a date
)

// Consent is a consent a family gave, as recorded by a professional.
type Consent struct {
	ID          int64
	FamilyID    int64
	Kind        ConsentKind
	Partner     string    // for sharing: the partner organisation, by name
	GivenOn     time.Time // civil date
	ExpiresOn   time.Time // for sharing: required; zero otherwise
	WithdrawnOn time.Time // zero while in force
	RecordedBy  int64
	CreatedAt   time.Time
}

// Validate checks a consent as recorded.
func (c *Consent) Validate() error {
	fields := map[string]string{}
	if c.GivenOn.IsZero() {
		fields["given_on"] = "error.required"
	}
	switch c.Kind {
	case ConsentProcessing:
	case ConsentSharing:
		if strings.TrimSpace(c.Partner) == "" {
			fields["partner"] = "error.required"
		}
		if c.ExpiresOn.IsZero() {
			fields["expires_on"] = "error.required"
		} else if !c.GivenOn.IsZero() && !civilDate(c.ExpiresOn).After(civilDate(c.GivenOn)) {
			fields["expires_on"] = "consent.expiry_before_given"
		}
	default:
		fields["kind"] = "error.required"
	}
	if len(fields) > 0 {
		return &Error{Kind: KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// InForce reports whether the consent holds on a date: given, not withdrawn,
// not expired.
func (c Consent) InForce(on time.Time) bool {
	d := civilDate(on)
	if c.GivenOn.IsZero() || d.Before(civilDate(c.GivenOn)) {
		return false
	}
	if !c.WithdrawnOn.IsZero() && !d.Before(civilDate(c.WithdrawnOn)) {
		return false
	}
	if !c.ExpiresOn.IsZero() && d.After(civilDate(c.ExpiresOn)) {
		return false
	}
	return true
}

// SharingAllowed reports whether a family's consents allow sharing with a
// partner on a date.
func SharingAllowed(consents []Consent, partner string, on time.Time) bool {
	for _, c := range consents {
		if c.Kind == ConsentSharing && strings.EqualFold(strings.TrimSpace(c.Partner), strings.TrimSpace(partner)) && c.InForce(on) {
			return true
		}
	}
	return false
}
