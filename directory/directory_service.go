package directory

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau"
)

// DirectoryService is a service of the directory: what a family can get,
// from whom, where, when, for whom.
type DirectoryService struct {
	ID             string
	OrganizationID string
	ProgramID      string
	Status         ServiceStatus

	Name               berceau.Text
	AlternateName      string
	Description        berceau.Text
	Eligibility        berceau.Text
	ApplicationProcess berceau.Text
	FeesDescription    berceau.Text

	URL, Email             string
	InterpretationServices string
	Accreditations         string
	Alert                  string
	MinimumAge, MaximumAge *float64

	Profile  PerinatalProfile
	NeedIDs  []string // terms of the perinatal needs taxonomy
	Capacity CapacitySignal
	// TimeZone is the IANA zone its opening hours are in.
	TimeZone string

	Confirmation Confirmation

	// Professionals-only: never on public pages nor in the public API.
	ProfessionalPhones []DirectoryPhone
	InternalNotes      string

	Details      ServiceDetails
	Locations    []ServiceAtLocation
	LastModified time.Time
}

// ServiceDetails are the service's sub-objects, as HSDS has them.
type ServiceDetails struct {
	Phones            []DirectoryPhone     `json:"phones,omitempty"`
	Schedules         []DirectorySchedule  `json:"schedules,omitempty"`
	Areas             []ServiceArea        `json:"service_areas,omitempty"`
	Languages         []DirectoryLanguage  `json:"languages,omitempty"`
	Funding           []DirectoryFunding   `json:"funding,omitempty"`
	CostOptions       []CostOption         `json:"cost_options,omitempty"`
	RequiredDocuments []RequiredDocument   `json:"required_documents,omitempty"`
	Contacts          []DirectoryContact   `json:"contacts,omitempty"`
	Capacities        []ServiceCapacity    `json:"capacities,omitempty"`
	URLs              []DirectoryURL       `json:"additional_urls,omitempty"`
	Attributes        []DirectoryAttribute `json:"attributes,omitempty"`
	WaitTime          string               `json:"wait_time,omitempty"`
	Fees              string               `json:"fees,omitempty"`
	Licenses          string               `json:"licenses,omitempty"`
}

// ServiceAtLocation links a service to a location where it is offered.
type ServiceAtLocation struct {
	ID          string `json:"id"`
	LocationID  string `json:"location_id"`
	Description string `json:"description,omitempty"`
}

// PerinatalProfile says, in structured form, whom a service is for. Zero
// bounds mean "no bound".
type PerinatalProfile struct {
	GestationalWeeksMin, GestationalWeeksMax int
	ChildAgeMonthsMin, ChildAgeMonthsMax     int
	// DuringPregnancy and AfterBirth say which stages the service serves at
	// all; the bounds narrow them.
	DuringPregnancy, AfterBirth bool
	NoReferralNeeded            bool
	FreeOfCharge                bool
	AcceptsWithoutPapers        bool
	PartnerWelcome              bool
}

// ServesPregnancyWeek reports whether the service takes someone pregnant
// for week weeks.
func (p PerinatalProfile) ServesPregnancyWeek(week int) bool {
	if !p.DuringPregnancy {
		return false
	}
	return (p.GestationalWeeksMin == 0 || week >= p.GestationalWeeksMin) &&
		(p.GestationalWeeksMax == 0 || week <= p.GestationalWeeksMax)
}

// ServesChildAgeMonths reports whether the service takes a child of months.
func (p PerinatalProfile) ServesChildAgeMonths(months int) bool {
	if !p.AfterBirth {
		return false
	}
	return (p.ChildAgeMonthsMin == 0 || months >= p.ChildAgeMonthsMin) &&
		(p.ChildAgeMonthsMax == 0 || months <= p.ChildAgeMonthsMax)
}

// CapacityStatus is what a service says about taking new families.
type CapacityStatus string

const (
	CapacityUnknown   CapacityStatus = ""
	CapacityAccepting CapacityStatus = "accepting"
	CapacityWaitlist  CapacityStatus = "waitlist"
	CapacityFull      CapacityStatus = "full"
)

// CapacitySignal is a dated statement about capacity, shown with its age.
type CapacitySignal struct {
	Status        CapacityStatus
	WaitlistWeeks int
	At            time.Time
}

// ConfirmOutcome is what checking a record found.
type ConfirmOutcome string

const (
	ConfirmUnchanged   ConfirmOutcome = "unchanged"
	ConfirmUpdated     ConfirmOutcome = "updated"
	ConfirmClosed      ConfirmOutcome = "closed"
	ConfirmUnreachable ConfirmOutcome = "unreachable"
)

// Valid reports whether o is a known outcome.
func (o ConfirmOutcome) Valid() bool {
	switch o {
	case ConfirmUnchanged, ConfirmUpdated, ConfirmClosed, ConfirmUnreachable:
		return true
	}
	return false
}

// Confirmation is when and by whom a record was last checked (HSDS
// assured_date and assurer_email).
type Confirmation struct {
	At      time.Time
	By      string
	Outcome ConfirmOutcome
}

// DefaultStaleAfter is how long a confirmation holds unless the network
// says otherwise.
const DefaultStaleAfter = 365 * 24 * time.Hour

// SettingDirectoryStaleMonths is the settings key of how many months a
// confirmation holds; DefaultStaleMonths applies while it is unset, and
// MinStaleMonths..MaxStaleMonths bound it.
const (
	SettingDirectoryStaleMonths = "directory_stale_months"
	DefaultStaleMonths          = 12
	MinStaleMonths              = 1
	MaxStaleMonths              = 60
)

// StaleAfterMonths is the duration of months months (a twelfth of a
// 365-day year each, so 12 months is DefaultStaleAfter).
func StaleAfterMonths(months int) time.Duration {
	return time.Duration(months) * DefaultStaleAfter / 12
}

// Stale reports whether the record needs checking at now: never confirmed,
// or confirmed longer ago than staleAfter.
func (c Confirmation) Stale(now time.Time, staleAfter time.Duration) bool {
	return c.At.IsZero() || now.Sub(c.At) > staleAfter
}

// DirectorySchedule is an HSDS schedule. Berceau reads the weekly form (freq WEEKLY,
// byday, opens_at, closes_at) to say whether a service is open now.
type DirectorySchedule struct {
	ID            string   `json:"id"`
	ValidFrom     string   `json:"valid_from,omitempty"`
	ValidTo       string   `json:"valid_to,omitempty"`
	DTStart       string   `json:"dtstart,omitempty"`
	Timezone      *float64 `json:"timezone,omitempty"`
	Until         string   `json:"until,omitempty"`
	Count         *float64 `json:"count,omitempty"`
	Wkst          string   `json:"wkst,omitempty"`
	Freq          string   `json:"freq,omitempty"`
	Interval      *float64 `json:"interval,omitempty"`
	Byday         string   `json:"byday,omitempty"`
	Byweekno      string   `json:"byweekno,omitempty"`
	Bymonthday    string   `json:"bymonthday,omitempty"`
	Byyearday     string   `json:"byyearday,omitempty"`
	Description   string   `json:"description,omitempty"`
	OpensAt       string   `json:"opens_at,omitempty"`
	ClosesAt      string   `json:"closes_at,omitempty"`
	ScheduleLink  string   `json:"schedule_link,omitempty"`
	AttendingType string   `json:"attending_type,omitempty"`
	Notes         string   `json:"notes,omitempty"`
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Days lists the weekdays a weekly schedule names, in byday's order.
func (s DirectorySchedule) Days() []time.Weekday {
	var days []time.Weekday
	for _, code := range strings.Split(s.Byday, ",") {
		code = strings.ToUpper(strings.TrimSpace(code))
		// "1MO" (first Monday) and the like: keep the day.
		code = strings.TrimLeft(code, "+-0123456789")
		for i, c := range weekdayCodes {
			if c == code {
				days = append(days, time.Weekday(i))
			}
		}
	}
	return days
}

// ClockMinutes reads "HH:MM" (an offset after it is ignored: the service's
// time zone applies) as minutes after midnight.
func ClockMinutes(s string) (int, bool) {
	if len(s) < 5 || s[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil || h > 24 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// OpenAt reports whether a weekly schedule covers t, read in loc. A day
// outside valid_from/valid_to does not count.
func (s DirectorySchedule) OpenAt(t time.Time, loc *time.Location) bool {
	if s.Freq != "" && !strings.EqualFold(s.Freq, "WEEKLY") {
		return false
	}
	t = t.In(loc)
	day := t.Format("2006-01-02")
	if s.ValidFrom != "" && day < s.ValidFrom[:min(10, len(s.ValidFrom))] {
		return false
	}
	if s.ValidTo != "" && day > s.ValidTo[:min(10, len(s.ValidTo))] {
		return false
	}
	opens, ok1 := ClockMinutes(s.OpensAt)
	closes, ok2 := ClockMinutes(s.ClosesAt)
	if !ok1 || !ok2 {
		return false
	}
	now := t.Hour()*60 + t.Minute()
	for _, d := range s.Days() {
		if d == t.Weekday() && now >= opens && now < closes {
			return true
		}
	}
	return false
}

// OpenAt reports whether any of the service's schedules covers t in its
// time zone (UTC when unknown).
func (s DirectoryService) OpenAt(t time.Time) bool {
	loc := ServiceLocation(s.TimeZone)
	for _, sc := range s.Details.Schedules {
		if sc.OpenAt(t, loc) {
			return true
		}
	}
	return false
}

var zones sync.Map // name → *time.Location

// ServiceLocation loads an IANA time zone, UTC when unknown. Zones are
// loaded once: loading reads the time zone database.
func ServiceLocation(zone string) *time.Location {
	if zone == "" {
		return time.UTC
	}
	if loc, ok := zones.Load(zone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	zones.Store(zone, loc)
	return loc
}

// Validate checks what every stored service must have.
func (s DirectoryService) Validate() error {
	fields := map[string]string{}
	if !berceau.ValidUUID(s.ID) {
		fields["id"] = "directory.error.id_invalid"
	}
	if s.Name.Empty() {
		fields["name"] = "error.required"
	}
	if !s.Status.Valid() {
		fields["status"] = "directory.error.status_invalid"
	}
	if s.OrganizationID != "" && !berceau.ValidUUID(s.OrganizationID) {
		fields["organization_id"] = "directory.error.id_invalid"
	}
	p := s.Profile
	if p.GestationalWeeksMin < 0 || p.GestationalWeeksMax > 45 || (p.GestationalWeeksMax > 0 && p.GestationalWeeksMin > p.GestationalWeeksMax) {
		fields["gestational_weeks"] = "directory.error.range_invalid"
	}
	if p.ChildAgeMonthsMin < 0 || (p.ChildAgeMonthsMax > 0 && p.ChildAgeMonthsMin > p.ChildAgeMonthsMax) {
		fields["child_age_months"] = "directory.error.range_invalid"
	}
	s.checkInput().Merge(fields)
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// checkInput checks the lengths, web addresses and e-mail addresses of a
// service's fields; field names are HSDS's.
func (s DirectoryService) checkInput() berceau.FieldCheck {
	f := berceau.FieldCheck{}
	f.Text("name", s.Name, berceau.MaxNameLength)
	f.Length("alternate_name", s.AlternateName, berceau.MaxNameLength)
	f.Text("description", s.Description, berceau.MaxLongTextLength)
	f.Text("eligibility", s.Eligibility, berceau.MaxLongTextLength)
	f.Text("application_process", s.ApplicationProcess, berceau.MaxLongTextLength)
	f.Text("fees_description", s.FeesDescription, berceau.MaxLongTextLength)
	f.URL("url", s.URL)
	f.Email("email", s.Email)
	f.Length("interpretation_services", s.InterpretationServices, berceau.MaxShortTextLength)
	f.Length("accreditations", s.Accreditations, berceau.MaxShortTextLength)
	f.Length("alert", s.Alert, berceau.MaxShortTextLength)
	f.Length("internal_notes", s.InternalNotes, berceau.MaxLongTextLength)
	for _, u := range s.Details.URLs {
		f.URL("additional_urls.url", u.URL)
	}
	checkContacts(f, s.Details.Contacts)
	checkPhones(f, "phones", s.Details.Phones)
	checkPhones(f, "professional_phones", s.ProfessionalPhones)
	return f
}

func checkContacts(f berceau.FieldCheck, contacts []DirectoryContact) {
	for _, c := range contacts {
		f.Length("contacts.name", c.Name, berceau.MaxNameLength)
		f.Email("contacts.email", c.Email)
		checkPhones(f, "contacts.phones", c.Phones)
	}
}

func checkPhones(f berceau.FieldCheck, field string, phones []DirectoryPhone) {
	for _, p := range phones {
		f.Length(field+".number", p.Number, berceau.MaxNameLength)
		f.Length(field+".description", p.Description, berceau.MaxShortTextLength)
	}
}

// Validate checks a directory organisation's lengths, web and e-mail
// addresses (HSDS field names).
func (o DirectoryOrganization) Validate() error {
	f := berceau.FieldCheck{}
	f.Text("name", o.Name, berceau.MaxNameLength)
	f.Length("alternate_name", o.AlternateName, berceau.MaxNameLength)
	f.Text("description", o.Description, berceau.MaxLongTextLength)
	f.Email("email", o.Email)
	f.URL("website", o.Website)
	f.URL("logo", o.Details.Logo)
	f.URL("uri", o.Details.URI)
	for _, u := range o.Details.URLs {
		f.URL("additional_websites.url", u.URL)
	}
	checkContacts(f, o.Details.Contacts)
	checkPhones(f, "phones", o.Details.Phones)
	if len(f) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: f}
	}
	return nil
}

// Validate checks a directory location's lengths, web and e-mail
// addresses (HSDS field names).
func (l DirectoryLocation) Validate() error {
	f := berceau.FieldCheck{}
	f.Length("name", l.Name, berceau.MaxNameLength)
	f.Length("description", l.Description, berceau.MaxLongTextLength)
	f.URL("url", l.Details.URL)
	f.Length("transportation", l.Details.Transportation, berceau.MaxShortTextLength)
	for _, a := range l.Details.Addresses {
		for _, v := range []string{a.Attention, a.Address1, a.Address2, a.City, a.Region, a.StateProvince, a.PostalCode, a.Country} {
			f.Length("addresses", v, berceau.MaxShortTextLength)
		}
	}
	for _, a := range l.Details.Accessibility {
		f.URL("accessibility.url", a.URL)
	}
	checkContacts(f, l.Details.Contacts)
	checkPhones(f, "phones", l.Details.Phones)
	if len(f) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: f}
	}
	return nil
}
