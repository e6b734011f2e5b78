package directory

import (
	"crypto/sha1"
	"fmt"

	"github.com/berceau/berceau"
)

// DirectoryTaxonomy is an HSDS taxonomy: a list of terms.
type DirectoryTaxonomy struct {
	ID          string
	Name        string
	Description string
	URI         string
	Version     string
}

// TaxonomyTerm is a term of a taxonomy, named in the network's languages.
type TaxonomyTerm struct {
	ID          string
	TaxonomyID  string
	Code        string
	Name        berceau.Text
	Description berceau.Text
	ParentID    string
	Language    string
	TermURI     string
}

// NameUUID derives a stable UUID (version 5, in Berceau's namespace) from a
// name, so that Berceau's own taxonomies keep their ids everywhere.
func NameUUID(name string) string {
	h := sha1.Sum([]byte("berceau:" + name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// Berceau's own taxonomies. Their ids never change.
var (
	NeedsTaxonomy = DirectoryTaxonomy{ID: NameUUID("taxonomy:perinatal-needs"), Name: "Berceau perinatal needs",
		Description: "Needs of pregnant people and young families that perinatal resources answer", Version: "1"}
	OrganizationKindTaxonomy = DirectoryTaxonomy{ID: NameUUID("taxonomy:organization-kinds"), Name: "Berceau organisation kinds",
		Description: "Kinds of organisations of a perinatal network", Version: "1"}
	// ProfileTaxonomy's terms type the attributes that carry what HSDS has
	// no field for: the perinatal profile, translations, capacity signal,
	// visibility. Exported as attributes, nothing is lost.
	ProfileTaxonomy = DirectoryTaxonomy{ID: NameUUID("taxonomy:berceau-profile"), Name: "Berceau profile",
		Description: "Attributes of Berceau's perinatal profile of HSDS", Version: "1"}
)

// needTerm makes a term of the needs taxonomy from its code and its names
// in French, English and Dutch.
func needTerm(code, fr, en, nl string) TaxonomyTerm {
	name := berceau.TextOf("fr", fr, "en", en, "nl", nl)
	return TaxonomyTerm{ID: NameUUID("need:" + code), TaxonomyID: NeedsTaxonomy.ID, Code: code, Name: name, Description: name}
}

// PerinatalNeeds is the needs taxonomy, in the order filters show it.
var PerinatalNeeds = []TaxonomyTerm{
	needTerm("prenatal-care", "Suivi prénatal", "Prenatal follow-up", "Prenatale opvolging"),
	needTerm("postnatal-care", "Suivi postnatal", "Postnatal follow-up", "Postnatale opvolging"),
	needTerm("breastfeeding", "Allaitement", "Breastfeeding", "Borstvoeding"),
	needTerm("perinatal-mental-health", "Santé mentale périnatale", "Perinatal mental health", "Perinatale geestelijke gezondheid"),
	needTerm("child-health", "Santé de l'enfant et pédiatrie", "Child health and pediatrics", "Gezondheid van het kind en pediatrie"),
	needTerm("housing", "Logement et hébergement", "Housing and shelter", "Huisvesting en opvang"),
	needTerm("food", "Aide alimentaire", "Food aid", "Voedselhulp"),
	needTerm("material-aid", "Matériel pour bébé", "Baby supplies", "Babyspullen"),
	needTerm("income-legal", "Revenus et aide juridique", "Income and legal aid", "Inkomen en juridische hulp"),
	needTerm("conjugal-violence", "Violence conjugale", "Conjugal violence", "Partnergeweld"),
	needTerm("migration", "Migration et accès aux soins", "Migration and access to care", "Migratie en toegang tot zorg"),
	needTerm("daycare", "Garde d'enfants", "Daycare", "Kinderopvang"),
	needTerm("parenting-groups", "Groupes de parents", "Parenting groups", "Oudergroepen"),
	needTerm("birth-preparation", "Préparation à la naissance", "Birth preparation", "Voorbereiding op de geboorte"),
}

// NeedByCode finds a need by its code.
func NeedByCode(code string) (TaxonomyTerm, bool) {
	for _, t := range PerinatalNeeds {
		if t.Code == code {
			return t, true
		}
	}
	return TaxonomyTerm{}, false
}

func kindTerm(code, fr, en, nl string) TaxonomyTerm {
	name := berceau.TextOf("fr", fr, "en", en, "nl", nl)
	return TaxonomyTerm{ID: NameUUID("kind:" + code), TaxonomyID: OrganizationKindTaxonomy.ID, Code: code, Name: name, Description: name}
}

// OrganizationKinds are the kinds of organisations the map groups by.
var OrganizationKinds = []TaxonomyTerm{
	kindTerm("social-pediatrics", "Centre de pédiatrie sociale en communauté", "Community social pediatrics centre", "Centrum voor sociale pediatrie in de gemeenschap"),
	kindTerm("public-health", "Service public de santé (CLSC, ONE)", "Public health service (CLSC, ONE)", "Openbare gezondheidsdienst (CLSC, ONE, Kind en Gezin)"),
	kindTerm("hospital", "Hôpital et maternité", "Hospital and maternity", "Ziekenhuis en kraamafdeling"),
	kindTerm("community", "Organisme communautaire", "Community organisation", "Buurtorganisatie"),
	kindTerm("shelter", "Maison d'hébergement", "Shelter", "Opvanghuis"),
	kindTerm("legal-aid", "Aide juridique", "Legal aid", "Juridische hulp"),
}

// Profile attribute codes (terms of ProfileTaxonomy).
const (
	ProfileGestationalWeeksMin = "gestational_weeks_min"
	ProfileGestationalWeeksMax = "gestational_weeks_max"
	ProfileChildAgeMonthsMin   = "child_age_months_min"
	ProfileChildAgeMonthsMax   = "child_age_months_max"
	ProfileDuringPregnancy     = "during_pregnancy"
	ProfileAfterBirth          = "after_birth"
	ProfileNoReferralNeeded    = "no_referral_needed"
	ProfileFreeOfCharge        = "free_of_charge"
	ProfileAcceptsNoPapers     = "accepts_without_papers"
	ProfilePartnerWelcome      = "partner_welcome"
	ProfileCapacityStatus      = "capacity_status"
	ProfileWaitlistWeeks       = "waitlist_weeks"
	ProfileCapacityAt          = "capacity_at"
	ProfileTimeZone            = "time_zone"
	ProfileConfirmOutcome      = "confirm_outcome"
	ProfileProfessionalsOnly   = "professionals_only"
	ProfileInternalNotes       = "internal_notes"
	ProfileRedacted            = "redacted"
	ProfileOrganizationKind    = "organization_kind"
	ProfileTextLanguage        = "text_language"
)

// TextFields are the service fields a person reads; each exists in French
// and English. HSDS carries one language: the French text goes in the HSDS
// field and the English one in an attribute "en.FIELD" (older exports also
// wrote "fr.FIELD", still read).
var TextFields = []string{"name", "description", "eligibility_description", "application_process", "fees_description"}

// ProfileCodes lists the profile attribute codes.
var ProfileCodes = []string{
	ProfileGestationalWeeksMin, ProfileGestationalWeeksMax, ProfileChildAgeMonthsMin, ProfileChildAgeMonthsMax,
	ProfileDuringPregnancy, ProfileAfterBirth, ProfileNoReferralNeeded, ProfileFreeOfCharge, ProfileAcceptsNoPapers,
	ProfilePartnerWelcome, ProfileCapacityStatus, ProfileWaitlistWeeks, ProfileCapacityAt, ProfileTimeZone,
	ProfileConfirmOutcome, ProfileProfessionalsOnly, ProfileInternalNotes, ProfileRedacted, ProfileOrganizationKind,
	ProfileTextLanguage,
}

func init() {
	for _, lang := range []string{"fr", "en"} {
		for _, f := range TextFields {
			ProfileCodes = append(ProfileCodes, lang+"."+f)
		}
	}
}

// ProfileTermID is the id of a profile attribute's term.
func ProfileTermID(code string) string { return NameUUID("profile:" + code) }

// BerceauTerms are every term of Berceau's own taxonomies.
func BerceauTerms() []TaxonomyTerm {
	terms := append(append([]TaxonomyTerm{}, PerinatalNeeds...), OrganizationKinds...)
	for _, code := range ProfileCodes {
		terms = append(terms, TaxonomyTerm{ID: ProfileTermID(code), TaxonomyID: ProfileTaxonomy.ID, Code: code,
			Name: berceau.TextOf("fr", code, "en", code), Description: berceau.TextOf("fr", code, "en", code)})
	}
	return terms
}

// OrganizationKindByCode finds a kind of organisation by its code.
func OrganizationKindByCode(code string) (TaxonomyTerm, bool) {
	for _, k := range OrganizationKinds {
		if k.Code == code {
			return k, true
		}
	}
	return TaxonomyTerm{}, false
}
