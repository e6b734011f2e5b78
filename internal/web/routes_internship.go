package web

import "github.com/berceau/berceau"

// internshipRoutes are the host site's internship register: the register
// and an internship's page (its intern, supervisors and the coordinators
// who keep it; the app decides inside each transaction), logging and
// countersigning weeks, evaluations, the agreement, the yearly report
// (page, CSV, PDF) and the network's lists.
func (s *Server) internshipRoutes() []route {
	return []route{
		{"GET /internships", berceau.PermNetworkRead, s.handleInternshipRegister},
		{"GET /internships/new", berceau.PermInternshipsManage, s.handleInternshipNew},
		{"POST /internships", berceau.PermInternshipsManage, s.handleInternshipCreate},
		{"GET /internships/{id}", berceau.PermNetworkRead, s.handleInternshipPage},
		{"GET /internships/{id}/edit", berceau.PermInternshipsManage, s.handleInternshipEdit},
		{"POST /internships/{id}", berceau.PermInternshipsManage, s.handleInternshipUpdate},
		{"POST /internships/{id}/weeks", berceau.PermInternshipsTakePart, s.handleInternshipLogWeek},
		{"POST /internships/{id}/weeks/{week}/countersign", berceau.PermInternshipsTakePart, s.handleInternshipCountersign},
		{"POST /internships/{id}/evaluations/{stage}", berceau.PermInternshipsTakePart, s.handleInternshipEvaluate},
		{"POST /internships/{id}/agreement", berceau.PermInternshipsManage, s.handleInternshipAgreementUpload},
		{"GET /internships/{id}/agreement", berceau.PermNetworkRead, s.handleInternshipAgreement},

		{"GET /internships/report", berceau.PermInternshipsManage, s.handleInternshipReport},
		{"GET /internships/report.csv", berceau.PermInternshipsManage, s.handleInternshipReportCSV},
		{"GET /internships/report.pdf", berceau.PermInternshipsManage, s.handleInternshipReportPDF},

		{"GET /internships/settings", berceau.PermAdminOrganisations, s.handleInternshipSettings},
		{"POST /internships/settings/fiscal-year", berceau.PermAdminOrganisations, s.handleInternshipFiscalYear},
		{"POST /internships/settings/kinds", berceau.PermAdminOrganisations, s.handleInternshipKindSave},
		{"POST /internships/settings/fields", berceau.PermAdminOrganisations, s.handleInternshipFieldSave},
		{"POST /internships/settings/evaluation", berceau.PermAdminOrganisations, s.handleInternshipEvaluationFieldSave},
	}
}
