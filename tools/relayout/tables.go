package main

import "strings"

// Area packages, relative to the module root; "" is the kernel (the root
// package berceau).
const (
	kernel    = ""
	care      = "care"
	directory = "directory"
	search    = "directory/search"
)

// packageDocs are written when an area package has no doc.go yet.
var packageDocs = map[string]string{
	care: `// Package care is the domain of families and their follow-up: the file and
// its household, screening and eligibility rulebooks, team admission
// decisions, enrollment and status, consents, contacts and their
// compartments, the action plan's goals, referrals to partners, the
// programmes' rhythms and intensity, group meetings. Plain Go: it imports the
// standard library and the kernel (package berceau) only.
package care
`,
	directory: `// Package directory is the domain of the HSDS resource directory:
// organisations, services, locations, schedules, capacity signals and
// confirmations, taxonomies and suggested changes. Plain Go: it imports the
// standard library and the kernel (package berceau) only.
package directory
`,
	search: `// Package search is the directory's in-memory search index: folded words
// with postings, facets, opening hours, distances and ranking, built from
// the public fields of the directory's services.
package search
`,
}

// rootFiles says where each file of the root package goes. A file not
// listed goes by the prefixes below, else stays in the kernel.
var rootFiles = map[string]string{
	"actor.go": kernel, "audit.go": kernel, "error.go": kernel, "role.go": kernel, "scope.go": kernel,
	"network.go": kernel, "input.go": kernel, "doc.go": kernel,

	"admission.go": care, "consent.go": care, "contact.go": care, "enrollment.go": care, "family.go": care,
	"family_search.go": care, "goal.go": care, "intensity.go": care, "programme.go": care,
	"referral.go": care, "screening.go": care,

	"directory.go": directory, "directory_service.go": directory, "directory_suggestion.go": directory,
	"directory_taxonomy.go": directory,

	"directory_search.go": search, "directory_map.go": search, "directory_bench_test.go": search,
}

var areaPrefixes = []struct{ prefix, pkg string }{
	{"directory_search", search}, {"directory_map", search}, {"directory_index", search},
	{"directory", directory}, {"hsds", directory},
	{"family", care}, {"screening", care}, {"admission", care}, {"enrollment", care}, {"consent", care},
	{"contact", care}, {"goal", care}, {"referral", care}, {"intensity", care}, {"programme", care},
	{"group_meeting", care}, {"access_grant", care}, {"glass", care}, {"compartment", care},
	{"decision", care}, {"reassess", care},
}

// rootFileDest is the package a root file goes to.
func rootFileDest(base string) (string, bool) {
	if d, ok := rootFiles[base]; ok {
		return d, true
	}
	if d, ok := rootFiles[strings.TrimSuffix(base, "_test.go")+".go"]; ok {
		return d, true
	}
	for _, p := range areaPrefixes {
		if strings.HasPrefix(base, p.prefix) {
			return p.pkg, true
		}
	}
	return kernel, false
}

// declMove sends a declaration (by name) somewhere else than its file's
// package: to a file of the kernel when it is shared by several areas, or
// to the area it belongs to.
type place struct{ pkg, file string }

var rootDecls = map[string]place{
	// Multilingual text and identifiers are the kernel's, not the directory's.
	"Text": {kernel, "text.go"}, "NewUUID": {kernel, "text.go"}, "ValidUUID": {kernel, "text.go"},
	// Folding words is shared by the directory's index and the family search.
	"foldMap": {kernel, "fold.go"}, "FoldText": {kernel, "fold.go"}, "SearchWords": {kernel, "fold.go"},
	"stopWords": {kernel, "fold.go"}, "QueryWords": {kernel, "fold.go"},
	// A taxonomy lookup, in the file of the taxonomy.
	"OrganizationKindByCode": {directory, "directory_taxonomy.go"},
}

// scopeCovers: FamilyScope.CoversFamily(f Family) made the kernel depend on
// care; it becomes care.ScopeCovers(scope, f).
const (
	coversMethod  = "CoversFamily"
	coversFunc    = "ScopeCovers"
	coversFile    = "scope.go"
	coversPackage = care
)

// Services of internal/app: the field of App, its type, and the files whose
// *App methods it takes. Methods of files not listed stay on the core App
// (reported).
type service struct{ field, typ, doc string }

var services = []service{
	{"Care", "CareService", "the use cases of families and their follow-up (package care): files, screening, admission decisions, enrollment, consents, contacts, plans, referrals, break-the-glass"},
	{"Directory", "DirectoryService", "the use cases of the resource directory (package directory): import and export, search index, service pages, suggestions and moderation, editors, the HSDS read API"},
	{"Accounts", "AccountService", "the use cases of a person's own account: signing in and out, second factor, password, sessions, tokens, language"},
	{"Admin", "AdminService", "the use cases of administering the network: people and their roles, organisations, sites and teams, settings, the audit trail, the outbox"},
}

// appFiles maps a file of internal/app (its name before step 3) to a
// service field; "" keeps its methods on the core App.
var appFiles = map[string]string{
	"app.go": "", "services.go": "", "audit.go": "", "authorize.go": "", "scope.go": "", "housekeeping.go": "", "mail.go": "",

	"admission.go": "Care", "compartment.go": "Care", "consent.go": "Care", "contact.go": "Care",
	"decision_awaiting.go": "Care", "decision_read.go": "Care", "enrollment.go": "Care", "family.go": "Care",
	"family_edit.go": "Care", "family_file.go": "Care", "family_search.go": "Care", "family_summary.go": "Care",
	"followup.go": "Care", "glass.go": "Care", "goal.go": "Care", "myday.go": "Care", "reassess.go": "Care",
	"referral.go": "Care", "screening.go": "Care", "screening_store.go": "Care", "thresholds_read.go": "Care",
	"transfer_receipt.go": "Care",

	"directory.go": "Directory", "directory_api.go": "Directory", "directory_editors.go": "Directory",
	"directory_map.go": "Directory", "directory_moderation.go": "Directory",
	"directory_suggestion_outcome.go": "Directory", "directory_upkeep.go": "Directory",

	"account.go": "Accounts", "signin.go": "Accounts", "secondfactor.go": "Accounts", "token.go": "Accounts",

	"admin_user.go": "Admin", "organisation.go": "Admin", "organisation_edit.go": "Admin", "network.go": "Admin",
	"settings.go": "Admin", "audit_trail.go": "Admin", "user.go": "Admin",
}

var appPrefixes = []struct{ prefix, field string }{
	{"directory", "Directory"}, {"hsds", "Directory"},
	{"family", "Care"}, {"screening", "Care"}, {"admission", "Care"}, {"enrollment", "Care"}, {"consent", "Care"},
	{"contact", "Care"}, {"goal", "Care"}, {"referral", "Care"}, {"intensity", "Care"}, {"programme", "Care"},
	{"group_meeting", "Care"}, {"glass", "Care"}, {"compartment", "Care"}, {"decision", "Care"}, {"followup", "Care"},
	{"account", "Accounts"}, {"signin", "Accounts"}, {"token", "Accounts"}, {"secondfactor", "Accounts"}, {"session", "Accounts"},
	{"admin", "Admin"}, {"organisation", "Admin"}, {"user", "Admin"},
}

// appMethods overrides the file's service for one method: the authorization
// and audit helpers every service uses stay on the core, and the
// directory's own settings go with the directory.
var appMethods = map[string]string{
	"familyInScope": "", "familyInWriteScope": "", "familyInWriteReach": "", "familyInScopeFor": "",
	"authorizeFamily": "", "refused": "", "mayChangeFamily": "", "planWrite": "", "denied": "",
	"queueMail": "", "FamilyScope": "", "familyInReach": "",
	"DirectoryStaleMonths": "Directory", "DirectoryStaleAfter": "Directory",
}

// appMethodNames is where each use case of the first wave went, by name:
// a method of a file not in appFiles (say a wrapper added in store_view.go)
// goes where its name went, or where the exported form of its name went.
var appMethodNames = map[string]string{
	// Care
	"AccessGrantsToReview": "Care", "AddGoal": "Care", "AddGoalNote": "Care", "Admit": "Care",
	"AssignKeyWorker": "Care", "BreakGlass": "Care", "BreakGlassExpiry": "Care", "CareTeam": "Care",
	"ChangeStatus": "Care", "CompartmentMembers": "Care", "ConfirmDecision": "Care", "Consents": "Care",
	"Contact": "Care", "CreateFamily": "Care", "Decision": "Care", "DecisionParticipants": "Care",
	"DecisionsAwaiting": "Care", "EditContact": "Care", "Enroll": "Care", "EvaluateScreening": "Care",
	"FamiliesBehind": "Care", "FamilyDecisions": "Care", "FamilyForPlan": "Care", "FamilyHistory": "Care",
	"FamilyPlan": "Care", "FamilyScreenings": "Care", "FileAccessLog": "Care", "IncomeThresholds": "Care",
	"LastTransferBy": "Care", "ListFamilies": "Care", "ListProgrammes": "Care", "MailDecisions": "Care",
	"MoveReferral": "Care", "OpenCoordinatorView": "Care", "OpenFamily": "Care", "OpenFamilyFile": "Care",
	"OpenFamilySummary": "Care", "OpenFollowUp": "Care", "OpenFollowUpRecent": "Care", "OpenMyDay": "Care",
	"PartnerOrganisations": "Care", "Plan": "Care", "ProposeDecision": "Care", "ProposeReferral": "Care",
	"Reassess": "Care", "RecordBirth": "Care", "RecordConsent": "Care", "RecordContact": "Care",
	"RecordGroupMeeting": "Care", "RecordOrientation": "Care", "Referral": "Care",
	"ReplaceIncomeThresholds": "Care", "ReviewAccessGrant": "Care", "ScreenFamily": "Care",
	"SearchFamilies": "Care", "SetCompartment": "Care", "SetIntensity": "Care", "SetLevel": "Care",
	"SetMailDecisions": "Care", "TransferFamily": "Care", "UpdateContact": "Care",
	"UpdateContactOutcome": "Care", "UpdateGoal": "Care", "WithdrawConsent": "Care",
	"checkSensitiveWrite": "Care", "coordinatedMembers": "Care", "currentThresholds": "Care",
	"glassRefusal": "Care", "reviewSites": "Care", "tellParticipants": "Care",
	// Directory
	"AddService": "Directory", "BuildDirectoryIndex": "Directory", "ConfirmService": "Directory",
	"DecideSuggestion": "Directory", "DirectoryEditorsPage": "Directory", "DirectoryIndex": "Directory",
	"DirectoryOrganizationRecords": "Directory", "DirectoryOrganizationsOfKind": "Directory",
	"DirectoryRecords": "Directory", "DirectoryServiceAtLocationRecords": "Directory",
	"DirectoryServiceLocationPoints": "Directory", "DirectoryServiceMaintenance": "Directory",
	"DirectoryServicePage": "Directory", "DirectoryStaleAfter": "Directory",
	"DirectoryStaleMonths": "Directory", "DirectoryTaxonomies": "Directory", "EditServiceField": "Directory",
	"ExportDirectory": "Directory", "GrantDirectoryEditor": "Directory", "ImportDirectory": "Directory",
	"MaintainsDirectory": "Directory", "MySuggestions": "Directory", "OpenSuggestions": "Directory",
	"RemoveDirectoryEditor": "Directory", "SetWeeklyHours": "Directory", "SuggestChange": "Directory",
	"ToVerify": "Directory", "UpdateCapacity": "Directory", "WaitDirectoryIndex": "Directory",
	"buildIndex": "Directory", "buildIndexes": "Directory", "directoryRevision": "Directory",
	"revisionMoved": "Directory", "startIndexBuild": "Directory", "tellSuggester": "Directory",
	// Accounts
	"ActorFor": "Accounts", "ActorForToken": "Accounts", "BeginEnrollment": "Accounts",
	"ChangePassword": "Accounts", "CompleteSignIn": "Accounts", "ConfirmEnrollment": "Accounts",
	"CreateToken": "Accounts", "EndSession": "Accounts", "Invite": "Accounts", "LinkAccount": "Accounts",
	"ListTokens": "Accounts", "ReopenEnrollment": "Accounts", "ReplaceSecondFactor": "Accounts",
	"RequestPasswordReset": "Accounts", "RevokeToken": "Accounts", "SessionActor": "Accounts",
	"SessionStore": "Accounts", "Sessions": "Accounts", "SetLocale": "Accounts",
	"SetPasswordWithLink": "Accounts", "SignIn": "Accounts", "SignOut": "Accounts",
	"VerifySecondFactor": "Accounts", "openSecret": "Accounts", "reauthenticate": "Accounts",
	"sealSecret": "Accounts", "startPendingSignIn": "Accounts",
	// Admin
	"AddUser": "Admin", "ApproveSecondFactorReset": "Admin", "AuditTrail": "Admin",
	"CreateOrganisation": "Admin", "CreateSite": "Admin", "CreateTeam": "Admin", "EndAllSessions": "Admin",
	"ListOrganisations": "Admin", "ListSites": "Admin", "ListTeams": "Admin", "ListUsers": "Admin",
	"NetworkOverview": "Admin", "OperatorOutbox": "Admin", "Outbox": "Admin",
	"PendingSecondFactorReset": "Admin", "RenameUnit": "Admin", "RequestSecondFactorReset": "Admin",
	"SaveNetworkSettings": "Admin", "SetDisabled": "Admin", "SetNetworkName": "Admin", "SetRoles": "Admin",
	"SetTeams": "Admin", "User": "Admin",
}

func appMethodService(base, name string) (string, bool) {
	if f, ok := appMethods[name]; ok {
		return f, true
	}
	if f, ok := appFiles[base]; ok {
		return f, true
	}
	if f, ok := appMethodNames[name]; ok {
		return f, true
	}
	if f, ok := appMethodNames[exported(name)]; ok {
		return f, true
	}
	return appFileService(base)
}

func appFileService(base string) (string, bool) {
	if f, ok := appFiles[base]; ok {
		return f, true
	}
	for _, p := range appPrefixes {
		if strings.HasPrefix(base, p.prefix) {
			return p.field, true
		}
	}
	return "", false
}

// Step 3: the files of internal/app named by the nouns they hold. A
// declaration (function, method or type, by name) moves to the file named;
// a file emptied by the moves is removed; then files are renamed.
var appDeclFiles = map[string]string{
	// "contact.go" held the intensity of the follow-up.
	"SetIntensity": "intensity.go", "FamiliesBehind": "intensity.go", "FamilyRhythm": "intensity.go",
	// the core's authorization helpers, beside the one helper.
	"mayChangeFamily": "authorize.go", "familyInScope": "authorize.go", "familyInWriteScope": "authorize.go",
	"familyInWriteReach": "authorize.go", "familyInScopeFor": "authorize.go", "authorizeFamily": "authorize.go",
	"refused": "authorize.go", "planWrite": "authorize.go", "denied": "authorize.go",
	// "followup.go" held the contacts and the group meetings.
	"Contact": "contact.go", "EditContact": "contact.go", "checkSensitiveWrite": "contact.go",
	"RecordGroupMeeting": "group_meeting.go",
	// mail queued by every service.
	"queueMail": "mail.go",
	// the directory's settings.
	"DirectoryStaleMonths": "directory_settings.go", "DirectoryStaleAfter": "directory_settings.go",
	"staleSetting": "directory_settings.go",
}

var appRenames = map[string]string{
	"followup.go":      "followup_page.go", // the follow-up page: contacts, rhythm, plan of one family
	"followup_test.go": "followup_page_test.go",
	"reassess.go":      "reassessment.go",
	"settings.go":      "network_settings.go",
	"myday.go":         "my_day.go",
}
