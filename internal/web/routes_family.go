package web

import "github.com/berceau/berceau"

// familyRoutes are the family-file pages: list, search, intake, the file
// itself, its contact details, a birth, and its consents.
func (s *Server) familyRoutes() []route {
	return []route{
		{"GET /families", berceau.PermFamiliesRead, s.handleFamilies},
		{"GET /families/search", berceau.PermFamiliesRead, s.handleFamilySearch},
		{"GET /families/new", berceau.PermFamiliesWrite, s.handleFamilyNewForm},
		{"POST /families", berceau.PermFamiliesWrite, s.handleFamilyCreate},
		{"GET /families/{id}", berceau.PermFamiliesRead, s.cacheAudited(s.handleFamily)},
		{"GET /families/{id}/contact", berceau.PermFamiliesWrite, s.handleFamilyContactForm},
		{"POST /families/{id}/contact", berceau.PermFamiliesWrite, s.handleFamilyContact},
		{"GET /families/{id}/members/{mid}/birth", berceau.PermFamiliesWrite, s.handleBirthForm},
		{"POST /families/{id}/members/{mid}/birth", berceau.PermFamiliesWrite, s.handleBirth},

		{"GET /families/{id}/consents", berceau.PermFamiliesRead, s.handleConsents},
		{"POST /families/{id}/consents", berceau.PermFamiliesWrite, s.handleConsentRecord},
		{"POST /families/{id}/consents/{cid}/withdraw", berceau.PermFamiliesWrite, s.handleConsentWithdraw},
	}
}
