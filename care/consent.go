package care

import (
	"strings"
	"time"
	"unicode"

	"github.com/berceau/berceau"
)

// ConsentKind is what a family consented to.
type ConsentKind string

const (
	ConsentProcessing ConsentKind = "processing" // the network keeps and uses the family's data
	ConsentSharing    ConsentKind = "sharing"    // with one named partner organisation, until a date
)

// Consent is a consent a family gave, as recorded by a professional.
type Consent struct {
	ID       int64
	FamilyID int64
	Kind     ConsentKind
	Partner  string // for sharing: the partner organisation, by name (as picked, or typed when absent from the directory)
	// PartnerOrgID is, for sharing, the partner's directory organisation
	// id: consent is matched on it. Empty for a partner absent from the
	// directory, matched then on its name once normalised.
	PartnerOrgID string
	GivenOn      time.Time // civil date
	ExpiresOn    time.Time // for sharing: required; zero otherwise
	WithdrawnOn  time.Time // zero while in force
	RecordedBy   int64
	CreatedAt    time.Time
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
		if strings.TrimSpace(c.Partner) == "" && c.PartnerOrgID == "" {
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
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
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

// ProcessingAllowed reports whether a family's consents include a consent
// to the processing of its data in force on a date: without it, nothing
// beyond the intake (a screening, a follow-up) may be recorded.
func ProcessingAllowed(consents []Consent, on time.Time) bool {
	for _, c := range consents {
		if c.Kind == ConsentProcessing && c.InForce(on) {
			return true
		}
	}
	return false
}

// SharingAllowed reports whether a family's consents allow sharing with a
// partner, named only, on a date.
func SharingAllowed(consents []Consent, partner string, on time.Time) bool {
	return SharingAllowedWith(consents, "", partner, on)
}

// SharingAllowedWith reports whether a family's consents allow sharing on a
// date with a partner known by its directory organisation id (orgID, empty
// for a partner absent from the directory) and its name.
func SharingAllowedWith(consents []Consent, orgID, partner string, on time.Time) bool {
	for _, c := range consents {
		if c.Kind == ConsentSharing && c.CoversPartner(orgID, partner) && c.InForce(on) {
			return true
		}
	}
	return false
}

// CoversPartner reports whether a sharing consent names a partner: by
// directory organisation id when both know it, otherwise by name once
// case, accents, apostrophes and spacing are set aside.
func (c Consent) CoversPartner(orgID, name string) bool {
	if orgID != "" && c.PartnerOrgID != "" {
		return orgID == c.PartnerOrgID
	}
	key := PartnerKey(name)
	return key != "" && key == PartnerKey(c.Partner)
}

// PartnerKey folds an organisation's name to compare it: lower case,
// accents removed, every run of punctuation or spaces one space
// ("Les Marraines d’allaitement" = "les marraines d allaitement").
func PartnerKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		folded, ok := accentFold[r]
		if !ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			folded, ok = string(r), true
		}
		if ok {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(folded)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}
