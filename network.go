package berceau

import (
	"net/mail"
	"strings"
	"time"
)

// Organisation is a member organisation of the network: a health and social
// services centre, a community organisation, a perinatal centre.
type Organisation struct {
	ID        int64
	Slug      string
	Name      string
	City      string
	CreatedAt time.Time
	Sites     []Site
}

// Site is a place where an organisation's teams work with families.
type Site struct {
	ID             int64
	OrganisationID int64
	Slug           string
	Name           string
	Address        string
	City           string
	CreatedAt      time.Time
}

// User is a professional of the network who can sign in.
type User struct {
	ID          int64
	Email       string
	DisplayName string
	Discipline  Discipline
	Locale      string
	Disabled    bool
	Invited     bool // invited, no password chosen yet: not an active account
	TOTPEnabled bool
	CreatedAt   time.Time
	Roles       []RoleGrant
}

// RoleGrant gives a user a role over the whole network (OrganisationID 0),
// an organisation (SiteID 0) or one site.
type RoleGrant struct {
	Role           Role
	OrganisationID int64
	SiteID         int64
}

// NormalizeEmail lower-cases and trims an address so that one person has one
// account whatever the case they type.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks the fields a user must have; keys are translation keys.
func (u *User) Validate() error {
	fields := map[string]string{}
	if _, err := mail.ParseAddress(u.Email); err != nil || u.Email != NormalizeEmail(u.Email) {
		fields["email"] = "error.email_invalid"
	}
	if strings.TrimSpace(u.DisplayName) == "" {
		fields["display_name"] = "error.required"
	}
	if u.Discipline != "" && !u.Discipline.Valid() {
		fields["discipline"] = "error.discipline_unknown"
	}
	for _, g := range u.Roles {
		if !g.Role.Valid() {
			fields["roles"] = "error.role_unknown"
		}
	}
	in := FieldCheck{}
	in.Length("display_name", u.DisplayName, MaxNameLength)
	in.Length("email", u.Email, MaxEmailLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &Error{Kind: KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// Validate checks an organisation's required fields.
func (o *Organisation) Validate() error {
	fields := map[string]string{}
	if strings.TrimSpace(o.Name) == "" {
		fields["name"] = "error.required"
	}
	if !ValidSlug(o.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	in := FieldCheck{}
	in.Length("name", o.Name, MaxNameLength)
	in.Length("city", o.City, MaxNameLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &Error{Kind: KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// Validate checks a site's required fields.
func (s *Site) Validate() error {
	fields := map[string]string{}
	if strings.TrimSpace(s.Name) == "" {
		fields["name"] = "error.required"
	}
	if !ValidSlug(s.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	if s.OrganisationID == 0 {
		fields["organisation"] = "error.required"
	}
	in := FieldCheck{}
	in.Length("name", s.Name, MaxNameLength)
	in.Length("city", s.City, MaxNameLength)
	in.Length("address", s.Address, MaxShortTextLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &Error{Kind: KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// ValidSlug accepts lower-case ASCII letters, digits and inner hyphens.
func ValidSlug(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// SettingNetworkName is the settings key of the network's display name.
const SettingNetworkName = "network_name"

// NetworkOverview is what anyone may know of the network: its name and its
// member organisations with their sites.
type NetworkOverview struct {
	Name          string // empty when the network has not been named yet
	Organisations []Organisation
}

// SiteCount counts the sites of every organisation.
func (n NetworkOverview) SiteCount() int {
	count := 0
	for _, o := range n.Organisations {
		count += len(o.Sites)
	}
	return count
}

// Team is a care team of a site: the professionals who follow the same
// families. A practitioner sees the families of their teams.
type Team struct {
	ID        int64
	SiteID    int64
	Slug      string
	Name      string
	CreatedAt time.Time
	MemberIDs []int64
}

// Validate checks a team's required fields.
func (t *Team) Validate() error {
	fields := map[string]string{}
	if strings.TrimSpace(t.Name) == "" {
		fields["name"] = "error.required"
	}
	if !ValidSlug(t.Slug) {
		fields["slug"] = "error.slug_invalid"
	}
	if t.SiteID == 0 {
		fields["site"] = "error.required"
	}
	in := FieldCheck{}
	in.Length("name", t.Name, MaxNameLength)
	in.Merge(fields)
	if len(fields) > 0 {
		return &Error{Kind: KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}
