package i18n_test

import (
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/knowledge"
)

// dynamicKeys lists, for every key the code completes at run time
// ("care.kind."+kind, printf "role.%s"), the values it can be completed
// with: the domain's own lists where it has one, else the values the
// handler accepts (its switch on ?done=, for example). A new dynamic key
// fails TestEveryKeyTheCodeUsesExists until it is listed here.
var dynamicKeys = map[string][]string{
	// Notices after a redirect: the values each handler's switch accepts.
	"account.done_":             {"locale", "password", "session", "token_revoked"},
	"admin.created_":            {"organisation", "site", "team", "renamed"},
	"admin.done_":               {"roles", "teams", "second_factor", "disabled", "enabled", "sessions"},
	"care.done_":                {"level", "contact", "reassessed"},
	"consent.":                  {"recorded", "withdrawn"},
	"directory_editors.notice_": {"granted", "removed"},
	"directory.notice_":         {"suggested", "accepted", "rejected", "confirmed", "outdated"},
	"enrollment.done_":          {"admitted", "enrolled", "status", "key_worker", "transferred"},
	"news.notice_":              {"saved", "deleted", "category"},
	"outreach.notice_":          {"saved", "deleted", "imported"},
	"outreach.field_":           {"kind", "title", "authors", "date", "outlet", "doi", "url", "abstract", "language", "other"},

	// Values of the domain.
	"daily_flows.day.":              {"MO", "TU", "WE", "TH", "FR", "SA", "SU"},
	"daily_flows.suggestion_state.": strs(directory.SuggestionOpen, directory.SuggestionAccepted, directory.SuggestionRejected),
	"daily_flows_mail.suggestion_":  strs(directory.SuggestionAccepted, directory.SuggestionRejected),
	"account.language_":             i18n.Languages,
	"admin.outcome_":                strs(berceau.OutcomeSuccess, berceau.OutcomeFailure, berceau.OutcomeDenied),
	"care.compartment.":             strs(care.Compartments...),
	"care.kind.":                    strs(care.ContactKinds...),
	"care.outcome.":                 strs(care.ContactPlanned, care.ContactDone, care.ContactMissed, care.ContactCancelled),
	"care.referral_state.":          strs(care.ReferralStatuses...),
	"consent.kind_":                 strs(care.ConsentProcessing, care.ConsentSharing),
	"directory.capacity_":           strs(directory.CapacityAccepting, directory.CapacityWaitlist, directory.CapacityFull),
	"directory.day_":                {"mo", "tu", "we", "th", "fr", "sa", "su"},
	"directory.error.":              {"week", "months"},
	"directory.field_":              fieldKeys(directory.SuggestableFields),
	"directory.language_":           {"fr", "en", "es", "ar", "pa", "ht", "tl", "nl", "tr", "ro", "ur", "pl"},
	"directory.outcome_":            strs(directory.ConfirmUnchanged, directory.ConfirmUpdated, directory.ConfirmClosed, directory.ConfirmUnreachable),
	"discipline.":                   strs(berceau.Disciplines...),
	"enrollment.basis.":             strs(care.BasisCriteriaMet, care.BasisTeamDecision),
	"enrollment.closure.":           strs(care.ClosureReasons...),
	"enrollment.status.":            strs(care.FamilyStatuses...),
	"family.key_worker_":            {"me", "named", "none"},
	"family.member_role.":           strs(care.MemberPregnantPerson, care.MemberParent, care.MemberPartner, care.MemberCaregiver, care.MemberChild, care.MemberUnborn),
	"family.screening_outcome.":     strs(care.ScreeningOutcomes...),
	"family_actions.verdict_":       strs(care.VerdictAdmit, care.VerdictRefuse),
	"screening.choice.":             {"yes", "no", "unknown"},
	"screening.criterion.":          {care.CriterionSituation, care.CriterionIncome, care.CriterionRiskFactor},
	"admission.decision.field.":     {"verdict", "rationale", "orientation", "participants"},
	"screening.outcome.":            strs(care.ScreeningOutcomes...),
	"screening.outcome_help.":       strs(care.ScreeningOutcomes...),
	"programme.name.":               care.Programmes,
	"screening.field.":              {"programme", "date", "pregnancy_due_date", "youngest_child_birth_date", "household_size", "annual_income", "secondary_diploma", "socially_isolated", "lonely"},
	"screening.state.":              {"met", "not_met", "unknown"},
	"admission.verdict.":            strs(care.VerdictAdmit, care.VerdictRefuse),
	"plan.status.":                  strs(care.GoalStatuses...),
	"daily_language.permission.":    fieldKeys(strs(berceau.AllPermissions...)),
	"daily_language.audit.kind_":    strs(berceau.KindInvalid, berceau.KindNotFound, berceau.KindForbidden, berceau.KindConflict, berceau.KindInternal),
	// The kinds of object audit entries name (internal/app).
	"daily_language.object.": {"access_grant", "admission_decision", "api_token", "audit", "directory", "directory_organization",
		"directory_service", "directory_suggestion", "family", "income_thresholds", "organisation", "outbox", "route", "screening",
		"setting", "site", "team", "user"},
	// The audit details the pages translate (internal/web/format.go).
	"daily_language.audit.": {"whole_file", "follow_up", "outside_scope_or_absent", "outside_scope", "no_active_account",
		"wrong_current_password", "wrong_password", "unknown_account", "account_disabled", "no_password_set", "not_team_member",
		"not_source_coordinator", "duplicates_set_aside", "key_worker_cleared", "files", "teams", "screenings", "services", "imported",
		"decision", "decision_quorum", "decision_proposed", "key_worker_named", "key_worker_replaced", "transfer",
		"follow_up_sensitive", "revoked", "programme", "break_glass", "status_change", "refused"},
	"role.": strs(berceau.Roles...),

	// Event registration (issue 14).
	"registration.state.":          strs(knowledge.RegistrationStates...),
	"registration.sector.":         strs(knowledge.Sectors...),
	"registration.mail.":           registrationMailKeys(),
	"registration.action.":         strs(knowledge.RegistrationActions...),
	"registration.do.":             {"approve", "reject", "attend", "no_show", "cancel"},
	"registration.document_kind.":  {"minutes", "document"},
	"registration.done_":           {"registered", "cancelled", "accepted", "declined", "guest", "confirmed", "feedback", "calendar_reset"},
	"registration.done_organizer_": {"approve", "reject", "cancel", "attend", "no_show", "document", "document_deleted"},
}

// registrationMailKeys are the subject and body of every registration
// mail (internal/app/event_registration_mail.go).
func registrationMailKeys() []string {
	var out []string
	for _, kind := range []string{"confirm_address", "link_again", "confirmed", "waitlisted", "awaiting_approval", "rejected",
		"offered", "expired", "cancelled", "reminder", "changed", "event_cancelled", "feedback"} {
		out = append(out, kind+".subject", kind+".body")
	}
	return out
}

func strs[T ~string](values ...T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// fieldKeys names suggestable fields as the moderation page does:
// "name.fr" reads directory.field_name_fr.
func fieldKeys(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.ReplaceAll(f, ".", "_")
	}
	return out
}
