package berceau

import (
	"strings"
	"testing"
)

func TestValidWebURLTakesAbsoluteHTTPOnly(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"https://nid.example/halte": true, "http://nid.example": true, "HTTPS://nid.example/a?b=c#d": true,
		"javascript:alert(1)": false, "JavaScript:alert(1)": false, "data:text/html,<b>": false, "ftp://f.example/x": false,
		"//nid.example": false, "/halte": false, "nid.example": false, "https://": false, "https:///path": false,
		"https://nid.example/a b": false, "https://nid.example/\x00": false, "https://nid.example/\n": false,
		"https://nid.example/" + strings.Repeat("a", MaxURLLength): false, "": false,
	} {
		if got := ValidWebURL(s); got != want {
			t.Errorf("ValidWebURL(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidEmailAddressTakesOneBareAddress(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"accueil@nid.example": true, "a.b+c@d.example": true,
		"Nid <accueil@nid.example>": false, "a@b.example, c@d.example": false, "accueil": false, "@nid.example": false,
		"accueil@nid.example\x00": false, "": false, strings.Repeat("a", 250) + "@b.example": false,
	} {
		if got := ValidEmailAddress(s); got != want {
			t.Errorf("ValidEmailAddress(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParsePageRefusesWhatWouldOverflow(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]int{"": 1, "1": 1, "42": 42, "1000000": MaxPage} {
		if got, ok := ParsePage(s); !ok || got != want {
			t.Errorf("ParsePage(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"0", "-1", "1000001", "9223372036854775807", "99999999999999999999", "1e3", " 1", "un"} {
		if _, ok := ParsePage(s); ok {
			t.Errorf("ParsePage(%q) accepted", s)
		}
	}
}

func TestParseDateRefusesYearZeroAndFarDates(t *testing.T) {
	t.Parallel()
	if d, err := ParseDate("2026-02-28"); err != nil || d.Year() != 2026 {
		t.Fatalf("a plain date: %v %v", d, err)
	}
	for s, key := range map[string]string{"0000-01-01": KeyDateRange, "1899-12-31": KeyDateRange, "2101-01-01": KeyDateRange,
		"31/02/1990": KeyDateInvalid, "2026-02-30": KeyDateInvalid} {
		_, err := ParseDate(s)
		if e, ok := err.(*Error); !ok || e.Key != key || e.Kind != KindInvalid {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
}

// TestDomainLimitsNameTheField: every way in reaches these Validate
// methods, so their field errors are what forms, the API and imports say.
func TestDomainLimitsNameTheField(t *testing.T) {
	t.Parallel()
	s := DirectoryService{ID: NewUUID(), Name: Text{FR: "Halte"}, Status: ServiceActive}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error, field, key string) {
		t.Helper()
		e, ok := err.(*Error)
		if !ok || e.Fields[field] != key {
			t.Errorf("%s: %v (fields %v), want %s: %s", what, err, fieldsOf(err), field, key)
		}
	}
	bad := s
	bad.URL, bad.Email = "javascript:alert(1)", "a@b.example, c@d.example"
	bad.Name.EN = strings.Repeat("n", MaxNameLength+1)
	bad.Description.FR = strings.Repeat("d", MaxLongTextLength+1)
	bad.Details.URLs = []DirectoryURL{{URL: "data:text/html,x"}}
	bad.Details.Contacts = []DirectoryContact{{Email: "nobody"}}
	err := bad.Validate()
	check("service url", err, "url", KeyURLInvalid)
	check("service email", err, "email", KeyEmailInvalid)
	check("service name", err, "name.en", KeyTooLong)
	check("service description", err, "description.fr", KeyTooLong)
	check("service urls", err, "additional_urls.url", KeyURLInvalid)
	check("service contact", err, "contacts.email", KeyEmailInvalid)
	// A name of exactly the limit, in accented letters, is fine.
	ok := s
	ok.Name.FR = strings.Repeat("é", MaxNameLength)
	if err := ok.Validate(); err != nil {
		t.Errorf("200 accented letters: %v", err)
	}
	check("organisation", DirectoryOrganization{Website: "javascript:x"}.Validate(), "website", KeyURLInvalid)
	check("location", DirectoryLocation{Details: LocationDetails{URL: "vbscript:x"}}.Validate(), "url", KeyURLInvalid)

	f := Family{SiteID: 1, Members: []HouseholdMember{{Role: MemberParent, GivenName: strings.Repeat("N", 9<<20)}}}
	check("family name", f.Validate(), "members", KeyNameTooLong)
	c := Contact{Kind: ContactHomeVisit, Outcome: ContactDone, On: day("2026-01-10"), Notes: strings.Repeat("x", MaxLongTextLength+1)}
	check("contact notes", c.Validate(), "notes", KeyTooLong)
	c = Contact{Kind: ContactHomeVisit, Outcome: ContactDone, On: day("0000-01-10")}
	check("contact year 0", c.Validate(), "on", KeyDateRange)

	if key := CheckSuggestedValue("url", "javascript:alert(1)"); key != KeyURLInvalid {
		t.Errorf("suggested url: %q", key)
	}
	if key := CheckSuggestedValue("email", "Nid <a@b.example>"); key != KeyEmailInvalid {
		t.Errorf("suggested email: %q", key)
	}
	if key := CheckSuggestedValue("name.fr", strings.Repeat("n", MaxNameLength+1)); key != KeyTooLong {
		t.Errorf("suggested name: %q", key)
	}
}

func fieldsOf(err error) map[string]string {
	if e, ok := err.(*Error); ok {
		return e.Fields
	}
	return nil
}
