package web

import "github.com/berceau/berceau"

// careRoutes are the pages of a followed family's daily work (its
// follow-up: level, contacts, plan, referrals, reassessments) and the
// worker's and coordinator's views. Each handler goes through internal/app,
// so a file out of the person's scope is not found whatever the route.
func (s *Server) careRoutes() []route {
	return []route{
		{"GET /families/{id}/follow-up", berceau.PermFamiliesRead, s.cacheAudited(s.handleFollowUp)},
		{"POST /families/{id}/level", berceau.PermFamiliesWrite, s.handleSetLevel},
		{"GET /families/{id}/contacts/new", berceau.PermFamiliesWrite, s.handleContactNew},
		{"POST /families/{id}/contacts", berceau.PermFamiliesWrite, s.handleContactCreate},
		{"GET /families/{id}/contacts/{cid}", berceau.PermFamiliesRead, s.handleContactEdit},
		{"POST /families/{id}/contacts/{cid}", berceau.PermFamiliesWrite, s.handleContactUpdate},

		{"GET /families/{id}/plan", berceau.PermFamiliesRead, s.cacheAudited(s.handlePlan)},
		{"GET /families/{id}/plan/print", berceau.PermFamiliesRead, s.handlePlanPrint},
		{"POST /families/{id}/plan/goals", berceau.PermFamiliesWrite, s.handleGoalCreate},
		{"POST /families/{id}/plan/goals/{gid}", berceau.PermFamiliesWrite, s.handleGoalUpdate},
		{"POST /families/{id}/plan/goals/{gid}/notes", berceau.PermFamiliesWrite, s.handleGoalNote},

		{"GET /families/{id}/referrals/new", berceau.PermFamiliesWrite, s.handleReferralNew},
		{"POST /families/{id}/referrals", berceau.PermFamiliesWrite, s.handleReferralCreate},
		{"GET /families/{id}/referrals/{rid}", berceau.PermFamiliesRead, s.handleReferral},
		{"POST /families/{id}/referrals/{rid}/move", berceau.PermFamiliesWrite, s.handleReferralMove},

		{"GET /families/{id}/reassessments/new", berceau.PermFamiliesWrite, s.handleReassessNew},
		{"POST /families/{id}/reassessments", berceau.PermFamiliesWrite, s.handleReassessCreate},

		{"GET /my-day", berceau.PermFamiliesRead, s.cacheAudited(s.handleMyDay)},
		{"GET /groups/new", berceau.PermFamiliesWrite, s.handleGroupNew},
		{"POST /groups", berceau.PermFamiliesWrite, s.handleGroupCreate},
		{"GET /coordination/caseloads", berceau.PermAssignments, s.handleCaseloads},
		{"GET /coordination/compartments", berceau.PermAssignments, s.handleCompartments},
		{"POST /coordination/compartments", berceau.PermAssignments, s.handleCompartmentSet},
	}
}
