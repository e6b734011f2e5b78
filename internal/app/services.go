package app

// The use cases are grouped in one service per area, each a struct on the
// core App (clock, store, audit, the authorization helpers, background
// work), reached as app.Care.OpenFamily(...). A new area adds its service
// here and in App, and no method to App itself.

// CareService holds the use cases of families and their follow-up (package
// care): files, screening, admission decisions, enrollment, consents, contacts,
// plans, referrals, break-the-glass.
type CareService struct{ *App }

// DirectoryService holds the use cases of the resource directory (package
// directory): import and export, search index, service pages, suggestions and
// moderation, editors, the HSDS read API.
type DirectoryService struct{ *App }

// AccountService holds the use cases of a person's own account: signing in and
// out, second factor, password, sessions, tokens, language.
type AccountService struct{ *App }

// AdminService holds the use cases of administering the network: people and
// their roles, organisations, sites and teams, settings, the audit trail, the
// outbox.
type AdminService struct{ *App }

// attachServices creates the services of a new App.
func (a *App) attachServices() {
	a.Care = &CareService{a}
	a.Directory = &DirectoryService{a}
	a.Accounts = &AccountService{a}
	a.Admin = &AdminService{a}
	a.Languages = &LanguageService{a}
	a.Internships = &InternshipService{a}
}
