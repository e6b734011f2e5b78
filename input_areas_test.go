package berceau_test

import (
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/directory"
)

// TestDomainLimitsNameTheField: every way in reaches these Validate
// methods, so their field errors are what forms, the API and imports say.
func TestDomainLimitsNameTheField(t *testing.T) {
	t.Parallel()
	s := directory.DirectoryService{ID: berceau.NewUUID(), Name: berceau.TextOf("fr", "Halte"), Status: directory.ServiceActive}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error, field, key string) {
		t.Helper()
		e, ok := err.(*berceau.Error)
		if !ok || e.Fields[field] != key {
			t.Errorf("%s: %v (fields %v), want %s: %s", what, err, berceau.FieldsOf(err), field, key)
		}
	}
	bad := s
	bad.URL, bad.Email = "javascript:alert(1)", "a@b.example, c@d.example"
	bad.Name.Set("en", strings.Repeat("n", berceau.MaxNameLength+1))
	bad.Description.Set("fr", strings.Repeat("d", berceau.MaxLongTextLength+1))
	bad.Details.URLs = []directory.DirectoryURL{{URL: "data:text/html,x"}}
	bad.Details.Contacts = []directory.DirectoryContact{{Email: "nobody"}}
	err := bad.Validate()
	check("service url", err, "url", berceau.KeyURLInvalid)
	check("service email", err, "email", berceau.KeyEmailInvalid)
	check("service name", err, "name.en", berceau.KeyTooLong)
	check("service description", err, "description.fr", berceau.KeyTooLong)
	check("service urls", err, "additional_urls.url", berceau.KeyURLInvalid)
	check("service contact", err, "contacts.email", berceau.KeyEmailInvalid)
	// A name of exactly the limit, in accented letters, is fine.
	ok := s
	ok.Name.Set("fr", strings.Repeat("é", berceau.MaxNameLength))
	if err := ok.Validate(); err != nil {
		t.Errorf("200 accented letters: %v", err)
	}
	check("organisation", directory.DirectoryOrganization{Website: "javascript:x"}.Validate(), "website", berceau.KeyURLInvalid)
	check("location", directory.DirectoryLocation{Details: directory.LocationDetails{URL: "vbscript:x"}}.Validate(), "url", berceau.KeyURLInvalid)

	f := care.Family{SiteID: 1, Members: []care.HouseholdMember{{Role: care.MemberParent, GivenName: strings.Repeat("N", 9<<20)}}}
	check("family name", f.Validate(), "members", berceau.KeyNameTooLong)
	c := care.Contact{Kind: care.ContactHomeVisit, Outcome: care.ContactDone, On: day("2026-01-10"), Notes: strings.Repeat("x", berceau.MaxLongTextLength+1)}
	check("contact notes", c.Validate(), "notes", berceau.KeyTooLong)
	c = care.Contact{Kind: care.ContactHomeVisit, Outcome: care.ContactDone, On: day("0000-01-10")}
	check("contact year 0", c.Validate(), "on", berceau.KeyDateRange)

	if key := directory.CheckSuggestedValue("url", "javascript:alert(1)"); key != berceau.KeyURLInvalid {
		t.Errorf("suggested url: %q", key)
	}
	if key := directory.CheckSuggestedValue("email", "Nid <a@b.example>"); key != berceau.KeyEmailInvalid {
		t.Errorf("suggested email: %q", key)
	}
	if key := directory.CheckSuggestedValue("name.fr", strings.Repeat("n", berceau.MaxNameLength+1)); key != berceau.KeyTooLong {
		t.Errorf("suggested name: %q", key)
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
