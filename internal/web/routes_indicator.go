package web

import "github.com/berceau/berceau"

// indicatorRoutes are the indicators' dashboards and exports: coordinators
// see identified aggregates of their sites under /indicators; evaluators
// see the network's, de-identified, under /evaluation (the same pages, with
// small cells and their complements suppressed by the app). The catalogue
// and the threshold need indicators.manage.
func (s *Server) indicatorRoutes() []route {
	return []route{
		{"GET /indicators", berceau.PermIndicators, s.handleIndicatorDashboard},
		{"GET /indicators/export.csv", berceau.PermIndicators, s.handleIndicatorCSV},
		{"GET /indicators/report.pdf", berceau.PermIndicators, s.handleIndicatorReport},
		{"GET /indicators/expected-births", berceau.PermIndicators, s.handleExpectedBirths},
		{"POST /indicators/expected-births", berceau.PermIndicators, s.handleExpectedBirthsSave},

		{"GET /indicators/catalogue", berceau.PermIndicatorsManage, s.handleIndicatorCatalogue},
		{"POST /indicators/catalogue", berceau.PermIndicatorsManage, s.handleIndicatorSave},
		{"POST /indicators/settings", berceau.PermIndicatorsManage, s.handleIndicatorSettings},

		{"GET /evaluation", berceau.PermIndicatorsDeidentified, s.handleIndicatorDashboard},
		{"GET /evaluation/export.csv", berceau.PermIndicatorsDeidentified, s.handleIndicatorCSV},
	}
}
