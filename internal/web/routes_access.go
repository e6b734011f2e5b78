package web

import "github.com/berceau/berceau"

// accessRoutes are break-the-glass (access grants) and the coordinator's access reviews.
func (s *Server) accessRoutes() []route {
	return []route{
		{"GET /families/{id}/break-glass", berceau.PermFamiliesRead, s.handleBreakGlassForm},
		{"POST /families/{id}/break-glass", berceau.PermFamiliesRead, s.handleBreakGlass},
		{"GET /families/{id}/access-log", berceau.PermAssignments, s.handleFileAccessLog},
		{"GET /coordination/access", berceau.PermAssignments, s.handleAccessReview},
		{"POST /coordination/access/{id}/review", berceau.PermAssignments, s.handleAccessReviewed},
		// Openings at sites without a coordinator: the network's administrators review them.
		{"GET /admin/access-reviews", berceau.PermAdminAudit, s.handleAccessReview},
		{"POST /admin/access-reviews/{id}/review", berceau.PermAdminAudit, s.handleAccessReviewed},
	}
}
