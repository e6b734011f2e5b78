package hsds

import (
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// Audience says whether professionals-only fields go out.
type Audience int

const (
	// Public output leaves out professionals-only phones, internal notes
	// and the address and coordinates of redacted locations.
	Public Audience = iota
	// Professionals output carries everything, marked so that a re-import
	// keeps it apart.
	Professionals
)

// berceauAttr is an attribute typed by a term of Berceau's profile.
func berceauAttr(linkID, entity, code, value string) obj {
	return obj{"id": directory.NameUUID("attr:" + linkID + ":" + code), "link_id": linkID, "link_entity": entity,
		"link_type": "berceau_profile", "taxonomy_term_id": directory.ProfileTermID(code), "value": value}
}

// textAttrs carries the English text of a field whose HSDS value is the
// French one. A record in English only has its HSDS values in English and
// says so with a text_language attribute (languageAttr).
func textAttrs(ts *tables, linkID, entity, field string, t berceau.Text) {
	if t.Get("fr") != "" && t.Get("en") != "" {
		ts.add("attribute", row{obj: berceauAttr(linkID, entity, "en."+field, t.Get("en"))})
	}
}

// languageAttr says which language a record's HSDS text fields are in.
func languageAttr(ts *tables, linkID, entity string, texts ...berceau.Text) {
	lang := "fr"
	for _, t := range texts {
		if t.Get("fr") == "" && t.Get("en") != "" {
			lang = "en"
		}
		if t.Get("fr") != "" {
			lang = "fr"
			break
		}
	}
	ts.add("attribute", row{obj: berceauAttr(linkID, entity, directory.ProfileTextLanguage, lang)})
}

func putIf(o obj, key, value string) {
	if value != "" {
		o[key] = value
	}
}

func putNum(o obj, key string, f *float64) {
	if f != nil {
		o[key] = *f
	}
}

// dissolve turns Berceau records into flat HSDS rows.
func dissolve(ds *Dataset, a Audience) *tables {
	ts := newTables()
	taxonomies := append([]directory.DirectoryTaxonomy{directory.NeedsTaxonomy, directory.OrganizationKindTaxonomy, directory.ProfileTaxonomy}, ds.Taxonomies...)
	for _, t := range taxonomies {
		o := obj{"id": t.ID, "name": t.Name, "description": t.Description}
		putIf(o, "uri", t.URI)
		putIf(o, "version", t.Version)
		ts.add("taxonomy", row{obj: o})
	}
	for _, t := range append(directory.BerceauTerms(), ds.Terms...) {
		o := obj{"id": t.ID, "name": t.Name.String(), "description": t.Description.String()}
		if o["description"] == "" {
			o["description"] = o["name"]
		}
		putIf(o, "code", t.Code)
		putIf(o, "parent_id", t.ParentID)
		putIf(o, "taxonomy_id", t.TaxonomyID)
		putIf(o, "language", t.Language)
		putIf(o, "term_uri", t.TermURI)
		ts.add("taxonomy_term", row{obj: o})
	}
	phones := func(list []directory.DirectoryPhone, fk, id string) {
		for _, p := range list {
			ts.add("phone", row{obj: encode(p, fk, id)})
			for _, l := range p.Languages {
				ts.add("language", row{obj: encode(l, "phone_id", p.ID)})
			}
		}
	}
	contacts := func(list []directory.DirectoryContact, fk, id string) {
		for _, c := range list {
			ts.add("contact", row{obj: encode(c, fk, id)})
			phones(c.Phones, "contact_id", c.ID)
		}
	}
	attributes := func(list []directory.DirectoryAttribute, entity, id string) {
		for _, at := range list {
			o := encode(at, "link_id", id)
			if str(o, "link_entity") == "" {
				o["link_entity"] = entity
			}
			ts.add("attribute", row{obj: o})
		}
	}

	for _, org := range ds.Organizations {
		o := obj{"id": org.ID, "name": org.Name.String(), "description": org.Description.String()}
		if o["description"] == "" {
			o["description"] = o["name"]
		}
		putIf(o, "alternate_name", org.AlternateName)
		putIf(o, "email", org.Email)
		putIf(o, "website", org.Website)
		d := org.Details
		putIf(o, "tax_status", d.TaxStatus)
		putIf(o, "tax_id", d.TaxID)
		putNum(o, "year_incorporated", d.YearIncorporated)
		putIf(o, "legal_status", d.LegalStatus)
		putIf(o, "logo", d.Logo)
		putIf(o, "uri", d.URI)
		putIf(o, "parent_organization_id", d.ParentID)
		ts.add("organization", row{obj: o})
		languageAttr(ts, org.ID, "organization", org.Name)
		textAttrs(ts, org.ID, "organization", "name", org.Name)
		textAttrs(ts, org.ID, "organization", "description", org.Description)
		if org.KindID != "" {
			ts.add("attribute", row{obj: obj{"id": directory.NameUUID("attr:" + org.ID + ":kind"), "link_id": org.ID,
				"link_entity": "organization", "link_type": "organization_kind", "taxonomy_term_id": org.KindID}})
		}
		for _, id := range org.Identifiers {
			ts.add("organization_identifier", row{obj: encode(id, "organization_id", org.ID)})
		}
		for _, u := range d.URLs {
			ts.add("url", row{obj: encode(u, "organization_id", org.ID)})
		}
		for _, f := range d.Funding {
			ts.add("funding", row{obj: encode(f, "organization_id", org.ID)})
		}
		for _, p := range d.Programs {
			ts.add("program", row{obj: encode(p, "organization_id", org.ID)})
		}
		phones(d.Phones, "organization_id", org.ID)
		contacts(d.Contacts, "organization_id", org.ID)
		attributes(d.Attributes, "organization", org.ID)
	}

	for _, l := range ds.Locations {
		hide := l.Redacted && a == Public
		o := obj{"id": l.ID, "location_type": l.Type}
		putIf(o, "organization_id", l.OrganizationID)
		putIf(o, "name", l.Name)
		putIf(o, "description", l.Description)
		putIf(o, "url", l.Details.URL)
		putIf(o, "alternate_name", l.Details.AlternateName)
		putIf(o, "transportation", l.Details.Transportation)
		putIf(o, "external_identifier", l.ExternalIdentifier)
		putIf(o, "external_identifier_type", l.ExternalIdentifierType)
		if !hide {
			putNum(o, "latitude", l.Latitude)
			putNum(o, "longitude", l.Longitude)
			for _, ad := range l.Details.Addresses {
				ts.add("address", row{obj: encode(ad, "location_id", l.ID)})
			}
		}
		ts.add("location", row{obj: o})
		if l.Redacted {
			ts.add("attribute", row{obj: berceauAttr(l.ID, "location", directory.ProfileRedacted, "true")})
		}
		for _, ac := range l.Details.Accessibility {
			ts.add("accessibility", row{obj: encode(ac, "location_id", l.ID)})
		}
		phones(l.Details.Phones, "location_id", l.ID)
		contacts(l.Details.Contacts, "location_id", l.ID)
		for _, sc := range l.Details.Schedules {
			ts.add("schedule", row{obj: encode(sc, "location_id", l.ID)})
		}
		for _, lg := range l.Details.Languages {
			ts.add("language", row{obj: encode(lg, "location_id", l.ID)})
		}
		attributes(l.Details.Attributes, "location", l.ID)
	}

	for _, s := range ds.Services {
		dissolveService(ts, s, a, phones, contacts, attributes)
	}
	for _, h := range ds.History {
		o := obj{"id": h.ID, "resource_id": h.ResourceID, "resource_type": h.ResourceType, "last_action_date": h.ActionDate.UTC().Format(time.RFC3339),
			"last_action_type": h.ActionType, "field_name": h.FieldName, "previous_value": h.PreviousValue,
			"replacement_value": h.ReplacementValue, "updated_by": h.UpdatedBy}
		ts.add("metadata", row{obj: o})
	}
	return ts
}

func dissolveService(ts *tables, s directory.DirectoryService, a Audience,
	phones func([]directory.DirectoryPhone, string, string), contacts func([]directory.DirectoryContact, string, string),
	attributes func([]directory.DirectoryAttribute, string, string)) {
	o := obj{"id": s.ID, "name": s.Name.String(), "status": string(s.Status)}
	putIf(o, "organization_id", s.OrganizationID)
	putIf(o, "program_id", s.ProgramID)
	putIf(o, "alternate_name", s.AlternateName)
	putIf(o, "description", s.Description.String())
	putIf(o, "url", s.URL)
	putIf(o, "email", s.Email)
	putIf(o, "interpretation_services", s.InterpretationServices)
	putIf(o, "application_process", s.ApplicationProcess.String())
	putIf(o, "fees_description", s.FeesDescription.String())
	putIf(o, "eligibility_description", s.Eligibility.String())
	putIf(o, "accreditations", s.Accreditations)
	putIf(o, "alert", s.Alert)
	putIf(o, "wait_time", s.Details.WaitTime)
	putIf(o, "fees", s.Details.Fees)
	putIf(o, "licenses", s.Details.Licenses)
	putNum(o, "minimum_age", s.MinimumAge)
	putNum(o, "maximum_age", s.MaximumAge)
	if !s.Confirmation.At.IsZero() {
		o["assured_date"] = s.Confirmation.At.UTC().Format("2006-01-02")
		putIf(o, "assurer_email", s.Confirmation.By)
	}
	if !s.LastModified.IsZero() {
		o["last_modified"] = s.LastModified.UTC().Format(time.RFC3339)
	}
	ts.add("service", row{obj: o})

	languageAttr(ts, s.ID, "service", s.Name)
	textAttrs(ts, s.ID, "service", "name", s.Name)
	textAttrs(ts, s.ID, "service", "description", s.Description)
	textAttrs(ts, s.ID, "service", "eligibility_description", s.Eligibility)
	textAttrs(ts, s.ID, "service", "application_process", s.ApplicationProcess)
	textAttrs(ts, s.ID, "service", "fees_description", s.FeesDescription)
	add := func(code, value string) { ts.add("attribute", row{obj: berceauAttr(s.ID, "service", code, value)}) }
	p := s.Profile
	for code, n := range map[string]int{directory.ProfileGestationalWeeksMin: p.GestationalWeeksMin, directory.ProfileGestationalWeeksMax: p.GestationalWeeksMax,
		directory.ProfileChildAgeMonthsMin: p.ChildAgeMonthsMin, directory.ProfileChildAgeMonthsMax: p.ChildAgeMonthsMax} {
		if n != 0 {
			add(code, strconv.Itoa(n))
		}
	}
	for code, yes := range map[string]bool{directory.ProfileDuringPregnancy: p.DuringPregnancy, directory.ProfileAfterBirth: p.AfterBirth,
		directory.ProfileNoReferralNeeded: p.NoReferralNeeded, directory.ProfileFreeOfCharge: p.FreeOfCharge,
		directory.ProfileAcceptsNoPapers: p.AcceptsWithoutPapers, directory.ProfilePartnerWelcome: p.PartnerWelcome} {
		if yes {
			add(code, "true")
		}
	}
	if s.Capacity.Status != "" {
		add(directory.ProfileCapacityStatus, string(s.Capacity.Status))
		if s.Capacity.WaitlistWeeks > 0 {
			add(directory.ProfileWaitlistWeeks, strconv.Itoa(s.Capacity.WaitlistWeeks))
		}
		if !s.Capacity.At.IsZero() {
			add(directory.ProfileCapacityAt, s.Capacity.At.UTC().Format(time.RFC3339))
		}
	}
	putAttr := func(code, v string) {
		if v != "" {
			add(code, v)
		}
	}
	putAttr(directory.ProfileTimeZone, s.TimeZone)
	putAttr(directory.ProfileConfirmOutcome, string(s.Confirmation.Outcome))
	for _, need := range s.NeedIDs {
		ts.add("attribute", row{obj: obj{"id": directory.NameUUID("attr:" + s.ID + ":" + need), "link_id": s.ID, "link_entity": "service",
			"link_type": "need", "taxonomy_term_id": need}})
	}
	d := s.Details
	phones(d.Phones, "service_id", s.ID)
	if a == Professionals {
		putAttr(directory.ProfileInternalNotes, s.InternalNotes)
		phones(s.ProfessionalPhones, "service_id", s.ID)
		for _, ph := range s.ProfessionalPhones {
			ts.add("attribute", row{obj: berceauAttr(ph.ID, "phone", directory.ProfileProfessionalsOnly, "true")})
		}
	}
	contacts(d.Contacts, "service_id", s.ID)
	for _, sc := range d.Schedules {
		ts.add("schedule", row{obj: encode(sc, "service_id", s.ID)})
	}
	for _, ar := range d.Areas {
		ts.add("service_area", row{obj: encode(ar, "service_id", s.ID)})
	}
	for _, lg := range d.Languages {
		ts.add("language", row{obj: encode(lg, "service_id", s.ID)})
	}
	for _, f := range d.Funding {
		ts.add("funding", row{obj: encode(f, "service_id", s.ID)})
	}
	for _, c := range d.CostOptions {
		ts.add("cost_option", row{obj: encode(c, "service_id", s.ID)})
	}
	for _, r := range d.RequiredDocuments {
		ts.add("required_document", row{obj: encode(r, "service_id", s.ID)})
	}
	for _, u := range d.URLs {
		ts.add("url", row{obj: encode(u, "service_id", s.ID)})
	}
	for _, c := range d.Capacities {
		o := encode(c, "service_id", s.ID)
		if c.Unit.ID != "" {
			o["unit_id"] = c.Unit.ID
			ts.add("unit", row{obj: encode(c.Unit, "", "")})
		}
		ts.add("service_capacity", row{obj: o})
	}
	for _, sal := range s.Locations {
		o := obj{"id": sal.ID, "service_id": s.ID, "location_id": sal.LocationID}
		putIf(o, "description", sal.Description)
		ts.add("service_at_location", row{obj: o})
	}
	attributes(d.Attributes, "service", s.ID)
}
