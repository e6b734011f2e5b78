package hsds

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
)

// Options say how to read records that carry text in one language only.
type Options struct {
	// Lang is the language of HSDS text fields a record gives without
	// Berceau's "fr."/"en." attributes: "fr" (default) or "en".
	Lang string
	// MaxInputBytes bounds the input's total uncompressed size;
	// 0 means DefaultMaxInputBytes.
	MaxInputBytes int64
}

func (o Options) lang() string {
	if o.Lang == "en" {
		return "en"
	}
	return "fr"
}

// decode turns a flat row into a Berceau sub-object of the same shape.
func decode[T any](o obj) T {
	var v T
	raw, _ := json.Marshal(o)
	_ = json.Unmarshal(raw, &v)
	return v
}

func decodeAll[T any](rows []obj) []T {
	var out []T
	for _, r := range rows {
		out = append(out, decode[T](r))
	}
	return out
}

// encode turns a Berceau sub-object into a flat row with fk set.
func encode(v any, fk, parent string) obj {
	raw, _ := json.Marshal(v)
	var o obj
	_ = json.Unmarshal(raw, &o)
	for k, val := range o {
		switch val.(type) {
		case []any, obj:
			delete(o, k)
		}
	}
	if fk != "" {
		o[fk] = parent
	}
	return o
}

func setText(t *berceau.Text, lang, v string) {
	if lang != "en" {
		lang = "fr"
	}
	t.Set(lang, v)
}

var (
	needByID  = map[string]directory.TaxonomyTerm{}
	kindByID  = map[string]directory.TaxonomyTerm{}
	profileBy = map[string]string{} // term id → code
)

func init() {
	for _, t := range directory.PerinatalNeeds {
		needByID[t.ID] = t
	}
	for _, t := range directory.OrganizationKinds {
		kindByID[t.ID] = t
	}
	for _, c := range directory.ProfileCodes {
		profileBy[directory.ProfileTermID(c)] = c
	}
}

// owner picks the one object a sub-object belongs to when a CSV row names
// several (HSDS's example phones name a service, a location and more).
func owner(o obj, fks ...string) string {
	for _, fk := range fks {
		if str(o, fk) != "" {
			return fk
		}
	}
	return ""
}

// assemble builds Berceau records from flat rows.
func assemble(ts *tables, opts Options) *Dataset {
	ds := &Dataset{}
	lang := opts.lang()
	attrs := ts.index("attribute", "link_id")
	group := func(table string, fks ...string) map[string]map[string][]obj {
		out := map[string]map[string][]obj{}
		for _, fk := range fks {
			out[fk] = map[string][]obj{}
		}
		for _, r := range ts.rows[table] {
			if fk := owner(r.obj, fks...); fk != "" {
				out[fk][str(r.obj, fk)] = append(out[fk][str(r.obj, fk)], r.obj)
			}
		}
		return out
	}
	phones := group("phone", "service_id", "service_at_location_id", "location_id", "organization_id", "contact_id")
	contacts := group("contact", "service_id", "service_at_location_id", "location_id", "organization_id")
	schedules := group("schedule", "service_id", "service_at_location_id", "location_id")
	languages := group("language", "service_id", "location_id", "phone_id")
	funding := group("funding", "service_id", "organization_id")
	urls := group("url", "service_id", "organization_id")
	areas := group("service_area", "service_id", "service_at_location_id")
	salByService := ts.index("service_at_location", "service_id")
	units := map[string]obj{}
	for _, r := range ts.rows["unit"] {
		units[str(r.obj, "id")] = r.obj
	}
	phonesOf := func(fk, id string) []directory.DirectoryPhone {
		var out []directory.DirectoryPhone
		for _, p := range phones[fk][id] {
			ph := decode[directory.DirectoryPhone](p)
			ph.Languages = decodeAll[directory.DirectoryLanguage](languages["phone_id"][ph.ID])
			out = append(out, ph)
		}
		return out
	}
	contactsOf := func(fk, id string) []directory.DirectoryContact {
		var out []directory.DirectoryContact
		for _, c := range contacts[fk][id] {
			ct := decode[directory.DirectoryContact](c)
			ct.Phones = phonesOf("contact_id", ct.ID)
			out = append(out, ct)
		}
		return out
	}

	for _, r := range ts.rows["taxonomy"] {
		o := r.obj
		ds.Taxonomies = append(ds.Taxonomies, directory.DirectoryTaxonomy{ID: str(o, "id"), Name: str(o, "name"),
			Description: str(o, "description"), URI: str(o, "uri"), Version: str(o, "version")})
	}
	for _, r := range ts.rows["taxonomy_term"] {
		o := r.obj
		t := directory.TaxonomyTerm{ID: str(o, "id"), TaxonomyID: str(o, "taxonomy_id"), Code: str(o, "code"),
			ParentID: str(o, "parent_id"), Language: str(o, "language"), TermURI: str(o, "term_uri")}
		tl := lang
		if l := str(o, "language"); l == "en" || l == "fr" {
			tl = l
		}
		setText(&t.Name, tl, str(o, "name"))
		setText(&t.Description, tl, str(o, "description"))
		if b, ok := kindByID[t.ID]; ok {
			t.Name, t.Description = b.Name, b.Description
		} else if b, ok := needByID[t.ID]; ok {
			t.Name, t.Description = b.Name, b.Description
		}
		ds.Terms = append(ds.Terms, t)
	}

	programs := ts.index("program", "organization_id")
	identifiers := ts.index("organization_identifier", "organization_id")
	for _, r := range ts.rows["organization"] {
		o := r.obj
		org := directory.DirectoryOrganization{ID: str(o, "id"), AlternateName: str(o, "alternate_name"), Email: str(o, "email"),
			Website: str(o, "website"), LastModified: time.Time{}}
		orgLang := textLanguage(attrs[org.ID], lang)
		setText(&org.Name, orgLang, str(o, "name"))
		setText(&org.Description, orgLang, str(o, "description"))
		org.Identifiers = decodeAll[directory.OrganizationIdentifier](identifiers[org.ID])
		org.Details = directory.OrganizationDetails{TaxStatus: str(o, "tax_status"), TaxID: str(o, "tax_id"),
			YearIncorporated: num(o, "year_incorporated"), LegalStatus: str(o, "legal_status"), Logo: str(o, "logo"), URI: str(o, "uri"),
			ParentID: str(o, "parent_organization_id"), URLs: decodeAll[directory.DirectoryURL](urls["organization_id"][org.ID]),
			Phones: phonesOf("organization_id", org.ID), Contacts: contactsOf("organization_id", org.ID),
			Funding: decodeAll[directory.DirectoryFunding](funding["organization_id"][org.ID]), Programs: decodeAll[directory.DirectoryProgram](programs[org.ID])}
		for _, a := range attrs[org.ID] {
			term := str(a, "taxonomy_term_id")
			code := profileBy[term]
			switch {
			case kindByID[term].ID != "":
				org.KindID = term
			case code == directory.ProfileTextLanguage:
			case strings.HasPrefix(code, "fr.") || strings.HasPrefix(code, "en."):
				l, field := code[:2], code[3:]
				if field == "name" {
					setText(&org.Name, l, str(a, "value"))
				} else if field == "description" {
					setText(&org.Description, l, str(a, "value"))
				}
			default:
				org.Details.Attributes = append(org.Details.Attributes, decode[directory.DirectoryAttribute](a))
			}
		}
		ds.Organizations = append(ds.Organizations, org)
	}

	addressOf := ts.index("address", "location_id")
	access := ts.index("accessibility", "location_id")
	for _, r := range ts.rows["location"] {
		o := r.obj
		l := directory.DirectoryLocation{ID: str(o, "id"), OrganizationID: str(o, "organization_id"), Type: str(o, "location_type"),
			Name: str(o, "name"), Description: str(o, "description"), Latitude: num(o, "latitude"), Longitude: num(o, "longitude"),
			ExternalIdentifier: str(o, "external_identifier"), ExternalIdentifierType: str(o, "external_identifier_type")}
		l.Details = directory.LocationDetails{URL: str(o, "url"), AlternateName: str(o, "alternate_name"), Transportation: str(o, "transportation"),
			Addresses: decodeAll[directory.DirectoryAddress](addressOf[l.ID]), Accessibility: decodeAll[directory.Accessibility](access[l.ID]),
			Phones: phonesOf("location_id", l.ID), Schedules: decodeAll[directory.DirectorySchedule](schedules["location_id"][l.ID]),
			Languages: decodeAll[directory.DirectoryLanguage](languages["location_id"][l.ID]), Contacts: contactsOf("location_id", l.ID)}
		for _, a := range attrs[l.ID] {
			if profileBy[str(a, "taxonomy_term_id")] == directory.ProfileRedacted {
				l.Redacted = str(a, "value") == "true"
				continue
			}
			l.Details.Attributes = append(l.Details.Attributes, decode[directory.DirectoryAttribute](a))
		}
		ds.Locations = append(ds.Locations, l)
	}

	capacities := ts.index("service_capacity", "service_id")
	costs := ts.index("cost_option", "service_id")
	docs := ts.index("required_document", "service_id")
	for _, r := range ts.rows["service"] {
		o := r.obj
		s := directory.DirectoryService{ID: str(o, "id"), OrganizationID: str(o, "organization_id"), ProgramID: str(o, "program_id"),
			Status: directory.ServiceStatus(str(o, "status")), AlternateName: str(o, "alternate_name"), URL: str(o, "url"), Email: str(o, "email"),
			InterpretationServices: str(o, "interpretation_services"), Accreditations: str(o, "accreditations"), Alert: str(o, "alert"),
			MinimumAge: num(o, "minimum_age"), MaximumAge: num(o, "maximum_age")}
		texts := map[string]*berceau.Text{"name": &s.Name, "description": &s.Description, "eligibility_description": &s.Eligibility,
			"application_process": &s.ApplicationProcess, "fees_description": &s.FeesDescription}
		for field, t := range texts {
			setText(t, textLanguage(attrs[s.ID], lang), str(o, field))
		}
		if d := str(o, "assured_date"); d != "" {
			if at, err := time.Parse("2006-01-02", d[:min(10, len(d))]); err == nil {
				s.Confirmation.At = at
			}
			s.Confirmation.By = str(o, "assurer_email")
		}
		if lm := str(o, "last_modified"); lm != "" {
			if at, err := time.Parse(time.RFC3339Nano, lm); err == nil {
				s.LastModified = at.UTC()
			}
		}
		s.Details = directory.ServiceDetails{Phones: phonesOf("service_id", s.ID), Schedules: decodeAll[directory.DirectorySchedule](schedules["service_id"][s.ID]),
			Areas: decodeAll[directory.ServiceArea](areas["service_id"][s.ID]), Languages: decodeAll[directory.DirectoryLanguage](languages["service_id"][s.ID]),
			Funding: decodeAll[directory.DirectoryFunding](funding["service_id"][s.ID]), CostOptions: decodeAll[directory.CostOption](costs[s.ID]),
			RequiredDocuments: decodeAll[directory.RequiredDocument](docs[s.ID]), Contacts: contactsOf("service_id", s.ID),
			URLs: decodeAll[directory.DirectoryURL](urls["service_id"][s.ID]), WaitTime: str(o, "wait_time"), Fees: str(o, "fees"), Licenses: str(o, "licenses")}
		for _, c := range capacities[s.ID] {
			capa := decode[directory.ServiceCapacity](c)
			if u, ok := units[str(c, "unit_id")]; ok {
				capa.Unit = decode[directory.DirectoryUnit](u)
			}
			s.Details.Capacities = append(s.Details.Capacities, capa)
		}
		for _, sal := range salByService[s.ID] {
			s.Locations = append(s.Locations, directory.ServiceAtLocation{ID: str(sal, "id"), LocationID: str(sal, "location_id"), Description: str(sal, "description")})
			// What HSDS hangs on the service-at-location joins the service.
			s.Details.Schedules = append(s.Details.Schedules, decodeAll[directory.DirectorySchedule](schedules["service_at_location_id"][str(sal, "id")])...)
			s.Details.Phones = append(s.Details.Phones, phonesOf("service_at_location_id", str(sal, "id"))...)
			s.Details.Contacts = append(s.Details.Contacts, contactsOf("service_at_location_id", str(sal, "id"))...)
			s.Details.Areas = append(s.Details.Areas, decodeAll[directory.ServiceArea](areas["service_at_location_id"][str(sal, "id")])...)
		}
		applyServiceAttributes(&s, attrs[s.ID], lang)
		// Attributes on a phone of the service mark professionals-only lines.
		public := s.Details.Phones[:0]
		for _, p := range s.Details.Phones {
			pro := false
			for _, a := range attrs[p.ID] {
				if profileBy[str(a, "taxonomy_term_id")] == directory.ProfileProfessionalsOnly && str(a, "value") == "true" {
					pro = true
				}
			}
			if pro {
				s.ProfessionalPhones = append(s.ProfessionalPhones, p)
			} else {
				public = append(public, p)
			}
		}
		s.Details.Phones = public
		ds.Services = append(ds.Services, s)
	}

	for _, r := range ts.rows["metadata"] {
		o := r.obj
		ch := directory.DirectoryChange{ID: str(o, "id"), ResourceID: str(o, "resource_id"), ResourceType: str(o, "resource_type"),
			FieldName: str(o, "field_name"), PreviousValue: str(o, "previous_value"), ReplacementValue: str(o, "replacement_value"),
			UpdatedBy: str(o, "updated_by"), ActionType: str(o, "last_action_type")}
		if d := str(o, "last_action_date"); d != "" {
			if at, err := time.Parse(time.RFC3339Nano, d); err == nil {
				ch.ActionDate = at.UTC()
			} else if at, err := time.Parse("2006-01-02", d[:min(10, len(d))]); err == nil {
				ch.ActionDate = at
			}
		}
		ds.History = append(ds.History, ch)
	}
	return ds
}

func applyServiceAttributes(s *directory.DirectoryService, attrs []obj, lang string) {
	p := &s.Profile
	for _, a := range attrs {
		term, value := str(a, "taxonomy_term_id"), str(a, "value")
		if _, ok := needByID[term]; ok {
			s.NeedIDs = append(s.NeedIDs, term)
			continue
		}
		code, ok := profileBy[term]
		if !ok {
			s.Details.Attributes = append(s.Details.Attributes, decode[directory.DirectoryAttribute](a))
			continue
		}
		n, _ := strconv.Atoi(value)
		yes := value == "true"
		switch code {
		case directory.ProfileGestationalWeeksMin:
			p.GestationalWeeksMin = n
		case directory.ProfileGestationalWeeksMax:
			p.GestationalWeeksMax = n
		case directory.ProfileChildAgeMonthsMin:
			p.ChildAgeMonthsMin = n
		case directory.ProfileChildAgeMonthsMax:
			p.ChildAgeMonthsMax = n
		case directory.ProfileDuringPregnancy:
			p.DuringPregnancy = yes
		case directory.ProfileAfterBirth:
			p.AfterBirth = yes
		case directory.ProfileNoReferralNeeded:
			p.NoReferralNeeded = yes
		case directory.ProfileFreeOfCharge:
			p.FreeOfCharge = yes
		case directory.ProfileAcceptsNoPapers:
			p.AcceptsWithoutPapers = yes
		case directory.ProfilePartnerWelcome:
			p.PartnerWelcome = yes
		case directory.ProfileCapacityStatus:
			s.Capacity.Status = directory.CapacityStatus(value)
		case directory.ProfileWaitlistWeeks:
			s.Capacity.WaitlistWeeks = n
		case directory.ProfileCapacityAt:
			s.Capacity.At, _ = time.Parse(time.RFC3339, value)
		case directory.ProfileTimeZone:
			s.TimeZone = value
		case directory.ProfileConfirmOutcome:
			s.Confirmation.Outcome = directory.ConfirmOutcome(value)
		case directory.ProfileInternalNotes:
			s.InternalNotes = value
		case directory.ProfileTextLanguage:
		default:
			if len(code) > 3 && (code[:3] == "fr." || code[:3] == "en.") {
				texts := map[string]*berceau.Text{"name": &s.Name, "description": &s.Description, "eligibility_description": &s.Eligibility,
					"application_process": &s.ApplicationProcess, "fees_description": &s.FeesDescription}
				if t, ok := texts[code[3:]]; ok {
					setText(t, code[:2], value)
				}
			}
		}
	}
	_ = lang
}

// textLanguage is the language of a record's HSDS text fields: what its
// text_language attribute says, else the import's language.
func textLanguage(attrs []obj, def string) string {
	for _, a := range attrs {
		if profileBy[str(a, "taxonomy_term_id")] == directory.ProfileTextLanguage {
			if v := str(a, "value"); v == "fr" || v == "en" {
				return v
			}
		}
	}
	return def
}
