package web

import "github.com/berceau/berceau"

// admissionRoutes are the screening, team-decision and enrollment pages of a
// family file. Each handler reads the file through internal/app first, so a
// file out of the person's scope is not found whatever the route.
func (s *Server) admissionRoutes() []route {
	return []route{
		{"GET /families/{id}/screenings/new", berceau.PermFamiliesWrite, s.handleScreeningForm},
		{"POST /families/{id}/screenings", berceau.PermFamiliesWrite, s.handleScreeningCreate},
		{"GET /families/{id}/screenings/{sid}", berceau.PermFamiliesRead, s.handleScreening},
		{"POST /families/{id}/screenings/{sid}/orientation", berceau.PermFamiliesWrite, s.handleScreeningOrientation},

		{"GET /families/{id}/decisions/new", berceau.PermTeamDecisions, s.handleDecisionForm},
		{"POST /families/{id}/decisions", berceau.PermTeamDecisions, s.handleDecisionCreate},
		{"GET /families/{id}/decisions/{did}", berceau.PermFamiliesRead, s.handleDecision},
		{"POST /families/{id}/decisions/{did}/confirm", berceau.PermTeamDecisions, s.handleDecisionConfirm},

		{"GET /families/{id}/enrollment", berceau.PermFamiliesRead, s.handleEnrollment},
		{"POST /families/{id}/admit", berceau.PermFamiliesWrite, s.enrollmentAction("admitted", s.handleAdmit)},
		{"POST /families/{id}/enroll", berceau.PermFamiliesWrite, s.enrollmentAction("enrolled", s.handleEnroll)},
		{"POST /families/{id}/status", berceau.PermFamiliesWrite, s.enrollmentAction("status", s.handleStatusChange)},
		{"POST /families/{id}/key-worker", berceau.PermAssignments, s.enrollmentAction("key_worker", s.handleKeyWorker)},
		{"POST /families/{id}/transfer", berceau.PermAssignments, s.enrollmentAction("transferred", s.handleTransfer)},
		{"GET /families/{id}/transferred", berceau.PermAssignments, s.handleTransferred},
	}
}
