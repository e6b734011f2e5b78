package directory

import (
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// The shared perinatal resource directory follows Open Referral's HSDS 3.1:
// organisations run services offered at locations. Ids are UUIDs so that
// records keep their identity across exchanges. Sub-objects that Berceau
// only carries (phones, schedules, cost options…) keep HSDS's field names.

// ServiceStatus is HSDS's service status.
type ServiceStatus string

const (
	ServiceActive            ServiceStatus = "active"
	ServiceInactive          ServiceStatus = "inactive"
	ServiceDefunct           ServiceStatus = "defunct"
	ServiceTemporarilyClosed ServiceStatus = "temporarily closed"
)

// Valid reports whether s is one of HSDS's statuses.
func (s ServiceStatus) Valid() bool {
	switch s {
	case ServiceActive, ServiceInactive, ServiceDefunct, ServiceTemporarilyClosed:
		return true
	}
	return false
}

// DirectoryOrganization is an organisation of the directory.
type DirectoryOrganization struct {
	ID            string
	Name          berceau.Text
	AlternateName string
	Description   berceau.Text
	Email         string
	Website       string
	// KindID is the taxonomy term saying what kind of organisation this is
	// (a community social pediatrics centre, a CLSC…), for the map by type.
	KindID       string
	Identifiers  []OrganizationIdentifier
	Details      OrganizationDetails
	LastModified time.Time
}

// OrganizationIdentifier is an identifier given by someone else (a company
// number, another directory's record id): re-imports match on it.
type OrganizationIdentifier struct {
	ID               string `json:"id"`
	IdentifierScheme string `json:"identifier_scheme,omitempty"`
	IdentifierType   string `json:"identifier_type"`
	Identifier       string `json:"identifier"`
}

// OrganizationDetails are the organisation's sub-objects Berceau carries
// as HSDS has them.
type OrganizationDetails struct {
	TaxStatus        string               `json:"tax_status,omitempty"`
	TaxID            string               `json:"tax_id,omitempty"`
	YearIncorporated *float64             `json:"year_incorporated,omitempty"`
	LegalStatus      string               `json:"legal_status,omitempty"`
	Logo             string               `json:"logo,omitempty"`
	URI              string               `json:"uri,omitempty"`
	ParentID         string               `json:"parent_organization_id,omitempty"`
	URLs             []DirectoryURL       `json:"additional_websites,omitempty"`
	Phones           []DirectoryPhone     `json:"phones,omitempty"`
	Contacts         []DirectoryContact   `json:"contacts,omitempty"`
	Funding          []DirectoryFunding   `json:"funding,omitempty"`
	Programs         []DirectoryProgram   `json:"programs,omitempty"`
	Attributes       []DirectoryAttribute `json:"attributes,omitempty"`
}

// DirectoryProgram groups services of an organisation.
type DirectoryProgram struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	AlternateName string `json:"alternate_name,omitempty"`
	Description   string `json:"description"`
}

// DirectoryLocation is a place where services are offered. A redacted
// location (a shelter) never shows its address or coordinates publicly.
type DirectoryLocation struct {
	ID                     string
	OrganizationID         string
	Type                   string // physical, postal, virtual
	Name                   string
	Description            string
	Latitude, Longitude    *float64
	ExternalIdentifier     string
	ExternalIdentifierType string
	Redacted               bool
	Details                LocationDetails
	LastModified           time.Time
}

// LocationDetails are the location's sub-objects, as HSDS has them.
type LocationDetails struct {
	URL            string               `json:"url,omitempty"`
	AlternateName  string               `json:"alternate_name,omitempty"`
	Transportation string               `json:"transportation,omitempty"`
	Addresses      []DirectoryAddress   `json:"addresses,omitempty"`
	Accessibility  []Accessibility      `json:"accessibility,omitempty"`
	Phones         []DirectoryPhone     `json:"phones,omitempty"`
	Schedules      []DirectorySchedule  `json:"schedules,omitempty"`
	Languages      []DirectoryLanguage  `json:"languages,omitempty"`
	Contacts       []DirectoryContact   `json:"contacts,omitempty"`
	Attributes     []DirectoryAttribute `json:"attributes,omitempty"`
}

// PostalCode is the postal code of the location's first address.
func (l DirectoryLocation) PostalCode() string {
	if len(l.Details.Addresses) == 0 {
		return ""
	}
	return l.Details.Addresses[0].PostalCode
}

// AddressLine is the location's first address on one line, empty when it
// has none. Callers show it only for locations that are not redacted.
func (l DirectoryLocation) AddressLine() string {
	if len(l.Details.Addresses) == 0 {
		return ""
	}
	a := l.Details.Addresses[0]
	var parts []string
	for _, p := range []string{a.Address1, a.Address2, strings.TrimSpace(a.City + " " + a.PostalCode)} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// DirectoryAddress is an HSDS address.
type DirectoryAddress struct {
	ID            string `json:"id"`
	Attention     string `json:"attention,omitempty"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	Region        string `json:"region,omitempty"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Accessibility describes access for people with disabilities.
type Accessibility struct {
	ID          string `json:"id"`
	Description string `json:"description,omitempty"`
	Details     string `json:"details,omitempty"`
	URL         string `json:"url,omitempty"`
}

// DirectoryPhone is an HSDS phone. A professionals-only line (a direct back line)
// is kept in the service's ProfessionalPhones, never with the public ones.
type DirectoryPhone struct {
	ID          string              `json:"id"`
	Number      string              `json:"number"`
	Extension   *float64            `json:"extension,omitempty"`
	Type        string              `json:"type,omitempty"`
	Description string              `json:"description,omitempty"`
	Languages   []DirectoryLanguage `json:"languages,omitempty"`
}

// DirectoryContact is a named contact person or department.
type DirectoryContact struct {
	ID         string           `json:"id"`
	Name       string           `json:"name,omitempty"`
	Title      string           `json:"title,omitempty"`
	Department string           `json:"department,omitempty"`
	Email      string           `json:"email,omitempty"`
	Phones     []DirectoryPhone `json:"phones,omitempty"`
}

// DirectoryLanguage is a language a service is delivered in (not a translation).
type DirectoryLanguage struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Code string `json:"code,omitempty"`
	Note string `json:"note,omitempty"`
}

// ServiceArea is a territory a service covers.
type ServiceArea struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Extent      string `json:"extent,omitempty"`
	ExtentType  string `json:"extent_type,omitempty"`
	URI         string `json:"uri,omitempty"`
}

// CostOption is an HSDS cost option.
type CostOption struct {
	ID                string   `json:"id"`
	ValidFrom         string   `json:"valid_from,omitempty"`
	ValidTo           string   `json:"valid_to,omitempty"`
	Option            string   `json:"option,omitempty"`
	Currency          string   `json:"currency,omitempty"`
	Amount            *float64 `json:"amount,omitempty"`
	AmountDescription string   `json:"amount_description,omitempty"`
}

// RequiredDocument is a document a person must bring.
type RequiredDocument struct {
	ID       string `json:"id"`
	Document string `json:"document,omitempty"`
	URI      string `json:"uri,omitempty"`
}

// DirectoryFunding says where money comes from.
type DirectoryFunding struct {
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
}

// DirectoryURL is an HSDS 3.1 labelled link.
type DirectoryURL struct {
	ID    string `json:"id"`
	Label string `json:"label,omitempty"`
	URL   string `json:"url"`
}

// DirectoryUnit is what a capacity counts (beds, places…).
type DirectoryUnit struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Scheme     string `json:"scheme,omitempty"`
	Identifier string `json:"identifier,omitempty"`
	URI        string `json:"uri,omitempty"`
}

// ServiceCapacity is HSDS 3.1's capacity of a service.
type ServiceCapacity struct {
	ID          string        `json:"id"`
	Unit        DirectoryUnit `json:"unit"`
	Available   float64       `json:"available"`
	Maximum     *float64      `json:"maximum,omitempty"`
	Description string        `json:"description,omitempty"`
	Updated     string        `json:"updated"`
}

// DirectoryAttribute is an HSDS attribute Berceau does not interpret: kept as is.
type DirectoryAttribute struct {
	ID             string `json:"id"`
	TaxonomyTermID string `json:"taxonomy_term_id,omitempty"`
	LinkType       string `json:"link_type,omitempty"`
	LinkEntity     string `json:"link_entity,omitempty"`
	Value          string `json:"value,omitempty"`
	Label          string `json:"label,omitempty"`
}

// DirectoryChange is one HSDS metadata row: one field of one record
// changed, from what to what, by whom, when.
type DirectoryChange struct {
	ID, ResourceID, ResourceType, FieldName string
	PreviousValue, ReplacementValue         string
	UpdatedBy, ActionType                   string
	ActionDate                              time.Time
}
