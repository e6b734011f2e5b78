package web

import "github.com/berceau/berceau"

// eventRegistrationRoutes are registration's pages: registering (members in
// one click, guests through a form confirmed by mail), the page a mailed
// link opens, my registrations and my calendar feed, and the organisers'
// pages (attendee list, CSV, sign-in sheet, check-in at the door, feedback,
// documents). The organisers' routes require events.manage; the app checks,
// inside each transaction, that the actor organises that event.
func (s *Server) eventRegistrationRoutes() []route {
	return []route{
		{"GET /events/{id}/registration", berceau.PermPublic, s.handleRegistrationPage},
		{"POST /events/{id}/registration", berceau.PermCommunity, s.handleRegisterMember},
		{"POST /events/{id}/registration/guest", berceau.PermPublic, s.handleRegisterGuest},
		{"POST /events/{id}/registration/{action}", berceau.PermCommunity, s.handleMyRegistrationAction},
		{"GET /events/{id}/documents/{doc}/download", berceau.PermPublic, s.handleEventDocument},

		{"GET /registrations/{token}", berceau.PermPublic, s.handleLinkPage},
		{"POST /registrations/{token}/feedback", berceau.PermPublic, s.handleLinkFeedback},
		{"POST /registrations/{token}/{action}", berceau.PermPublic, s.handleLinkAction},

		{"GET /me/registrations", berceau.PermCommunity, s.handleMyRegistrations},
		{"POST /me/registrations/calendar/reset", berceau.PermCommunity, s.handleResetCalendarFeed},
		{"GET /calendar/me/{token}", berceau.PermPublic, s.handlePersonalCalendar},

		{"GET /events/{id}/attendees", berceau.PermEventsManage, s.handleAttendees},
		{"GET /events/{id}/attendees.csv", berceau.PermEventsManage, s.handleAttendeesCSV},
		{"GET /events/{id}/attendees/sheet", berceau.PermEventsManage, s.handleSignInSheet},
		{"POST /events/{id}/attendees/{reg}/{action}", berceau.PermEventsManage, s.handleOrganizerAction},
		{"GET /events/{id}/attendees/{reg}/history", berceau.PermEventsManage, s.handleRegistrationHistory},
		{"GET /events/{id}/checkin", berceau.PermEventsManage, s.handleCheckIn},
		{"POST /events/{id}/checkin/{reg}", berceau.PermEventsManage, s.handleCheckInMark},
		{"GET /events/{id}/feedback", berceau.PermEventsManage, s.handleFeedbackResults},
		{"POST /events/{id}/documents", berceau.PermEventsManage, s.handleAddDocument},
		{"POST /events/{id}/documents/{doc}/delete", berceau.PermEventsManage, s.handleDeleteDocument},

		{"GET /admin/settings/registration", berceau.PermAdminOrganisations, s.handleRegistrationSettings},
		{"POST /admin/settings/registration", berceau.PermAdminOrganisations, s.handleRegistrationSettingsSave},
	}
}
