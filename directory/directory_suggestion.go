package directory

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// SuggestionStatus is where a proposed change stands.
type SuggestionStatus string

const (
	SuggestionOpen     SuggestionStatus = "open"
	SuggestionAccepted SuggestionStatus = "accepted"
	SuggestionRejected SuggestionStatus = "rejected"
)

// Suggestion is a change of one field of a service, proposed by a member of
// the network and decided by a moderator.
type Suggestion struct {
	ID            int64
	ServiceID     string
	Field         string
	CurrentValue  string
	ProposedValue string
	Note          string
	ProposedBy    int64
	ProposerName  string
	Status        SuggestionStatus
	DecidedBy     int64
	DecidedAt     time.Time
	CreatedAt     time.Time
}

// SuggestableFields are the service fields a suggestion may change, in the
// order the form lists them.
var SuggestableFields = []string{"name.fr", "name.en", "description.fr", "description.en", "eligibility.fr", "eligibility.en",
	"application_process.fr", "application_process.en", "email", "url", "phone", "alert"}

// FieldValue reads a suggestable field of s.
func (s *DirectoryService) FieldValue(field string) string {
	if t, lang, ok := s.textRef(field); ok {
		return t.Get(lang)
	}
	v, _ := s.fieldRef(field)
	if v == nil {
		if field == "phone" && len(s.Details.Phones) > 0 {
			return s.Details.Phones[0].Number
		}
		return ""
	}
	return *v
}

// SetField changes a suggestable field of s.
func (s *DirectoryService) SetField(field, value string) bool {
	if field == "phone" {
		if len(s.Details.Phones) == 0 {
			s.Details.Phones = append(s.Details.Phones, DirectoryPhone{ID: berceau.NewUUID(), Type: "voice"})
		}
		s.Details.Phones[0].Number = value
		return true
	}
	if t, lang, ok := s.textRef(field); ok {
		t.Set(lang, value)
		return true
	}
	v, ok := s.fieldRef(field)
	if !ok {
		return false
	}
	*v = value
	return true
}

// textRef finds a multilingual field named "base.lang" ("name.nl").
func (s *DirectoryService) textRef(field string) (*berceau.Text, string, bool) {
	texts := map[string]*berceau.Text{"name": &s.Name, "description": &s.Description, "eligibility": &s.Eligibility,
		"application_process": &s.ApplicationProcess}
	base, lang, ok := strings.Cut(field, ".")
	if !ok || !berceau.ValidLanguage(lang) {
		return nil, "", false
	}
	t, known := texts[base]
	return t, lang, known
}

func (s *DirectoryService) fieldRef(field string) (*string, bool) {
	switch field {
	case "email":
		return &s.Email, true
	case "url":
		return &s.URL, true
	case "alert":
		return &s.Alert, true
	}
	return nil, false
}

// SuggestableTexts are the multilingual fields a suggestion may change, in
// any language the network writes ("name.nl"): SuggestableFields names
// their French and English.
var SuggestableTexts = []string{"name", "description", "eligibility", "application_process"}

// ValidSuggestionField reports whether field may be suggested.
func ValidSuggestionField(field string) bool {
	for _, f := range SuggestableFields {
		if f == field {
			return true
		}
	}
	base, lang, ok := strings.Cut(field, ".")
	if !ok || !berceau.ValidLanguage(lang) {
		return false
	}
	for _, b := range SuggestableTexts {
		if b == base {
			return true
		}
	}
	return false
}

// DirectoryEditor is a person who maintains a directory organisation's
// records: they decide the suggestions made on its services, confirm them
// and edit them directly, for this organisation only.
type DirectoryEditor struct {
	OrganizationID string
	UserID         int64
	Email          string
	DisplayName    string
	GrantedBy      int64
	GrantedAt      time.Time
}

// CheckSuggestedValue returns the translation key of what is wrong with
// value as the new value of a suggestable field ("" when nothing is): a web
// address must be http(s), an e-mail one address, and every text within
// its length limit. Suggestions are checked when made and again when
// accepted, since one stored before these checks existed may be accepted.
func CheckSuggestedValue(field, value string) string {
	f := berceau.FieldCheck{}
	switch {
	case field == "url":
		f.URL("value", value)
	case field == "email":
		f.Email("value", value)
	case strings.HasPrefix(field, "name."), field == "phone":
		f.Length("value", value, berceau.MaxNameLength)
	case field == "alert":
		f.Length("value", value, berceau.MaxShortTextLength)
	default:
		f.Length("value", value, berceau.MaxLongTextLength)
	}
	return f["value"]
}
