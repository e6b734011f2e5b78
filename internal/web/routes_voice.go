package web

import "github.com/berceau/berceau"

// voiceRoutes are the families' voice: offering the questionnaire from a
// family's file (a one-time link and its QR code, or the worker's tablet in
// kiosk mode), the public questionnaire a link opens (no account, no family
// data), the results under the small-cell rule, the comments shared after
// moderation, the moderation itself and the questionnaire's management.
// The results and shared comments are open to the network's staff by the
// route (network.read); the app lets through only those who follow
// families, coordinate, evaluate or manage the questionnaire.
func (s *Server) voiceRoutes() []route {
	return []route{
		{"GET /families/{id}/voice", berceau.PermFamiliesRead, s.handleFamilyVoice},
		{"POST /families/{id}/voice/link", berceau.PermFamiliesWrite, s.handleVoiceLinkCreate},
		{"POST /families/{id}/voice/kiosk", berceau.PermFamiliesWrite, s.handleVoiceKioskStart},

		{"GET /voice/{token}", berceau.PermPublic, s.handleVoiceForm},
		{"POST /voice/{token}", berceau.PermPublic, s.handleVoiceAnswer},
		{"GET /voice/thanks", berceau.PermPublic, s.handleVoiceThanks},

		{"GET /voice", berceau.PermNetworkRead, s.handleVoiceResults},
		{"GET /voice/comments", berceau.PermNetworkRead, s.handleVoiceComments},
		{"GET /voice/moderation", berceau.PermVoiceManage, s.handleVoiceModeration},
		{"POST /voice/moderation/{id}/{action}", berceau.PermVoiceManage, s.handleVoiceModerate},
		{"GET /voice/questions", berceau.PermVoiceManage, s.handleVoiceQuestions},
		{"POST /voice/questions", berceau.PermVoiceManage, s.handleVoiceQuestionAdd},
		{"GET /voice/questions/{id}", berceau.PermVoiceManage, s.handleVoiceQuestion},
		{"POST /voice/questions/{id}", berceau.PermVoiceManage, s.handleVoiceQuestionReword},
		{"POST /voice/questions/{id}/{action}", berceau.PermVoiceManage, s.handleVoiceQuestionAction},
	}
}
