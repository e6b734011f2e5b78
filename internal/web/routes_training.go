package web

import "github.com/berceau/berceau"

// trainingRoutes are the trainings and learning records: the public
// catalogue and the certificates' verification; the trainers' forms and
// participants (events.manage, then the app checks the training's giving
// organisation); one's own learning record (community.participate); the
// coordinators' view of their sites (learning.review, then the app checks
// the site); the network's view (admin.users). A certificate's PDF,
// revocation and a declaration's proof are reached by several roles: the
// app decides (holder, coordinator, trainer).
func (s *Server) trainingRoutes() []route {
	return []route{
		{"GET /trainings", berceau.PermPublic, s.handleTrainings},
		{"GET /trainings/{id}", berceau.PermPublic, s.handleTraining},
		{"GET /verify", berceau.PermPublic, s.handleVerifyForm},
		{"GET /verify/{code}", berceau.PermPublic, s.handleVerify},

		{"GET /trainings/new", berceau.PermEventsManage, s.handleTrainingNew},
		{"POST /trainings", berceau.PermEventsManage, s.handleTrainingCreate},
		{"GET /trainings/{id}/edit", berceau.PermEventsManage, s.handleTrainingEdit},
		{"POST /trainings/{id}", berceau.PermEventsManage, s.handleTrainingUpdate},
		{"GET /trainings/{id}/participants", berceau.PermEventsManage, s.handleTrainingParticipants},
		{"POST /trainings/{id}/participants/{user}/complete", berceau.PermEventsManage, s.handleTrainingMarkComplete},

		{"GET /me/learning-record", berceau.PermCommunity, s.handleMyLearningRecord},
		{"GET /me/learning-record.csv", berceau.PermCommunity, s.handleMyLearningRecordCSV},
		{"GET /me/learning-record.pdf", berceau.PermCommunity, s.handleMyLearningRecordPDF},
		{"GET /me/learning-record/declarations/new", berceau.PermCommunity, s.handleDeclarationNew},
		{"POST /me/learning-record/declarations", berceau.PermCommunity, s.handleDeclarationCreate},
		{"POST /me/certificates", berceau.PermCommunity, s.handleIssueCertificate},

		{"GET /certificates/{id}/pdf", berceau.PermSignedIn, s.handleCertificatePDF},
		{"POST /certificates/{id}/revoke", berceau.PermSignedIn, s.handleCertificateRevoke},
		{"GET /learning-records/declarations/{id}/proof", berceau.PermSignedIn, s.handleDeclarationProof},

		{"GET /learning-records", berceau.PermLearningReview, s.handleSiteLearningRecords},
		{"GET /learning-records/people/{id}", berceau.PermLearningReview, s.handlePersonLearningRecord},
		{"POST /learning-records/declarations/{id}/decision", berceau.PermLearningReview, s.handleDeclarationDecide},
		{"GET /learning-records/network", berceau.PermAdminUsers, s.handleNetworkLearningRecords},
	}
}
