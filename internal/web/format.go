package web

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

func sortPermissions(ps []berceau.Permission) {
	sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
}

// printers format numbers the way each language writes them: "0,2" and
// "25 000" in French, "0.2" and "25,000" in English, "0,2" and "25.000" in
// Dutch. A Printer is safe for concurrent use.
var printers = map[string]*message.Printer{
	"fr": message.NewPrinter(language.French),
	"en": message.NewPrinter(language.English),
	"nl": message.NewPrinter(language.Dutch),
}

func printerFor(lang string) *message.Printer {
	if p, ok := printers[lang]; ok {
		return p
	}
	return printers["fr"]
}

// formatNumber is the one place numbers meant for reading are written:
// thousands separated and the decimal mark of lang, with at most decimals
// digits after it (0 for whole numbers). Handlers and templates (through
// the Layout methods below) both use it; machine values (coordinates, form
// values) keep strconv.
func formatNumber(lang string, v float64, decimals int) string {
	return printerFor(lang).Sprint(number.Decimal(v, number.MaxFractionDigits(decimals), number.MinFractionDigits(decimals)))
}

// Number shows a whole number in the page's language ("25 000").
func (l *Layout) Number(n int) string { return formatNumber(l.Lang, float64(n), 0) }

// Decimal shows a number with one decimal in the page's language: a
// distance reads "à 0,2 km" in French, "0.2 km away" in English.
func (l *Layout) Decimal(v float64) string { return formatNumber(l.Lang, v, 1) }

// Date formats a time for the page's language, in Montreal or Brussels
// style alike: day, month number, year and 24-hour time, UTC converted to
// the server's zone.
func (l *Layout) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	if l.Lang == "en" {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02/01/2006 15:04")
}

// Day formats a civil date (a birth, a confirmation) for the page's
// language, without a time of day.
func (l *Layout) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.Lang == "en" {
		return t.Format("2006-01-02")
	}
	return t.Format("02/01/2006")
}

// ReasonText shows a status change's reason: the admission bases Berceau
// writes itself are translated, what a person wrote is shown as written.
func (l *Layout) ReasonText(reason string) string {
	switch care.AdmissionBasis(reason) {
	case care.BasisCriteriaMet, care.BasisTeamDecision:
		return l.T("enrollment.basis." + reason)
	}
	return reason
}

// PermissionName names a permission (an API token's scope) in the page's
// language; the code itself stays what the API speaks.
func (l *Layout) PermissionName(p berceau.Permission) string {
	return l.T("daily_language.permission." + strings.ReplaceAll(string(p), ".", "_"))
}

// ThresholdsLabel shows where a low-income table comes from: the embedded
// example's warning in the page's language, a network's own label as its
// administrator wrote it.
func (l *Layout) ThresholdsLabel(label string) string {
	if label == care.DefaultIncomeThresholds().Label {
		return l.T("daily_language.thresholds_example")
	}
	return label
}

// auditPhrases are the details Berceau writes into the audit trail in
// English (the trail is a record and stays as written): the pages show
// them in the page's language.
var auditPhrases = map[string]string{
	"whole file":                         "whole_file",
	"follow-up":                          "follow_up",
	"outside scope or absent":            "outside_scope_or_absent",
	"outside scope":                      "outside_scope",
	"no active account":                  "no_active_account",
	"wrong current password":             "wrong_current_password",
	"wrong password":                     "wrong_password",
	"unknown account":                    "unknown_account",
	"account disabled":                   "account_disabled",
	"no password set":                    "no_password_set",
	"not a member of a coordinated team": "not_team_member",
	"not coordinator of the source site": "not_source_coordinator",
	"possible duplicates set aside":      "duplicates_set_aside",
	"cleared":                            "key_worker_cleared",
}

// auditPatterns are the details with numbers or codes in them; each
// submatch becomes the named argument of the message.
var auditPatterns = []struct {
	re   *regexp.Regexp
	key  string
	args []string
}{
	{regexp.MustCompile(`^(\d+) file\(s\)$`), "files", []string{"Count"}},
	{regexp.MustCompile(`^(\d+) team\(s\)$`), "teams", []string{"Count"}},
	{regexp.MustCompile(`^(\d+) screening\(s\)$`), "screenings", []string{"Count"}},
	{regexp.MustCompile(`^(\d+) services$`), "services", []string{"Count"}},
	{regexp.MustCompile(`^(\d+) organisations, (\d+) locations, (\d+) services$`), "imported", []string{"Organisations", "Locations", "Services"}},
	{regexp.MustCompile(`^decision (\d+)$`), "decision", []string{"ID"}},
	{regexp.MustCompile(`^decision (\d+), quorum reached$`), "decision_quorum", []string{"ID"}},
	{regexp.MustCompile(`^(admit|refuse), decision (\d+)$`), "decision_proposed", []string{"Verdict", "ID"}},
	{regexp.MustCompile(`^named user (\d+)$`), "key_worker_named", []string{"ID"}},
	{regexp.MustCompile(`^replaced by user (\d+)$`), "key_worker_replaced", []string{"ID"}},
	{regexp.MustCompile(`^site (\d+) team (\d+) → site (\d+) team (\d+)$`), "transfer", []string{"FromSite", "FromTeam", "ToSite", "ToTeam"}},
	{regexp.MustCompile(`^follow-up; sensitive: (.+)$`), "follow_up_sensitive", []string{"Compartments"}},
	{regexp.MustCompile(`^revoked (.+)$`), "revoked", []string{"Compartments"}},
	{regexp.MustCompile(`^programme (.+)$`), "programme", []string{"Programme"}},
	{regexp.MustCompile(`^break the glass: (\d+) min grant, to be reviewed$`), "break_glass", []string{"Minutes"}},
	{regexp.MustCompile(`^([a-z_]+) → ([a-z_]+)(?:, ([a-z_]+))?$`), "status_change", []string{"From", "To", "Closure"}},
	{regexp.MustCompile(`^([a-z_]+): (error\.[a-z_.]+)$`), "refused", []string{"Kind", "Reason"}},
}

// AuditDetail shows an audit entry's detail in the page's language: the
// phrases Berceau writes and the codes an action's detail holds (a contact
// kind, a status) are translated; anything else (a slug, a name a person
// typed) is shown as written.
func (l *Layout) AuditDetail(action, detail string) string {
	if key, ok := auditPhrases[detail]; ok {
		return l.T("daily_language.audit." + key)
	}
	for _, p := range auditPatterns {
		m := p.re.FindStringSubmatch(detail)
		if m == nil {
			continue
		}
		var args []any
		for i, name := range p.args {
			v := m[i+1]
			switch name {
			case "Verdict":
				v = l.T("admission.verdict." + v)
			case "Compartments":
				v = l.codeList("care.compartment.", v)
			case "Programme":
				v = l.T("programme.name." + v)
			case "From", "To":
				v = l.T("enrollment.status." + v)
			case "Closure":
				if v != "" {
					v = l.T("enrollment.closure." + v)
				}
			case "Kind":
				v = l.T("daily_language.audit.kind_" + v)
			case "Reason":
				if reason, ok := l.loc.Lookup(v); ok {
					v = reason
				}
			}
			args = append(args, name, v)
		}
		return l.T("daily_language.audit."+p.key, args...)
	}
	if prefix, ok := auditCodes[action]; ok {
		return l.codeList(prefix, detail)
	}
	return detail
}

// auditCodes are the actions whose detail is a code (or a comma-separated
// list of codes) of the domain, and how its name reads.
var auditCodes = map[string]string{
	"family.contact":          "care.kind.",
	"family.contact.outcome":  "care.outcome.",
	"family.contact.update":   "care.outcome.",
	"family.group_meeting":    "care.outcome.",
	"family.referral":         "care.referral_state.",
	"family.referral.move":    "care.referral_state.",
	"family.screening":        "screening.outcome.",
	"family.consent":          "consent.kind_",
	"compartment.set":         "care.compartment.",
	"family.admit":            "enrollment.basis.",
	"account.locale":          "account.language_",
	"admin.user.invite":       "role.",
	"admin.user.roles":        "role.",
	"family.decision.confirm": "daily_language.audit.kind_",
}

// AuditObject names the kind of object an audit entry is about ("dossier
// de famille" for family); a kind the catalogs do not know stays a code.
func (l *Layout) AuditObject(objectType string) string {
	if name, ok := l.loc.Lookup("daily_language.object." + objectType); ok {
		return name
	}
	return objectType
}

// codeList names each code of a comma-separated list, keeping a code the
// catalog does not know as written.
func (l *Layout) codeList(prefix, codes string) string {
	if codes == "" {
		return ""
	}
	parts := strings.Split(codes, ",")
	for i, c := range parts {
		c = strings.TrimSpace(c)
		if name, ok := l.loc.Lookup(prefix + c); ok {
			parts[i] = name
		} else {
			parts[i] = c
		}
	}
	return strings.Join(parts, ", ")
}
