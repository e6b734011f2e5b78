package web

import "github.com/berceau/berceau"

// eventRoutes are the knowledge space's events: the public agenda, event
// and cycle pages and their calendar feeds; the organisers' forms. The
// organiser routes need events.manage; the app then lets through network
// coordinators and the staff of an organising organisation only.
func (s *Server) eventRoutes() []route {
	return []route{
		{"GET /events", berceau.PermPublic, s.handleAgenda},
		{"GET /events/calendar.ics", berceau.PermPublic, s.handleAgendaFeed},
		{"GET /events/kinds/{kind}/calendar.ics", berceau.PermPublic, s.handleAgendaFeed},
		{"GET /events/{id}", berceau.PermPublic, s.handleEvent},
		{"GET /events/{id}/calendar.ics", berceau.PermPublic, s.handleEventFeed},
		{"GET /cycles/{id}", berceau.PermPublic, s.handleCycle},
		{"GET /cycles/{id}/calendar.ics", berceau.PermPublic, s.handleCycleFeed},

		{"GET /events/new", berceau.PermEventsManage, s.handleEventNew},
		{"POST /events", berceau.PermEventsManage, s.handleEventCreate},
		{"GET /events/{id}/edit", berceau.PermEventsManage, s.handleEventEdit},
		{"POST /events/{id}", berceau.PermEventsManage, s.handleEventUpdate},
		{"POST /events/{id}/cancel", berceau.PermEventsManage, s.handleEventCancel},
		{"GET /cycles/new", berceau.PermEventsManage, s.handleCycleNew},
		{"POST /cycles", berceau.PermEventsManage, s.handleCycleSave},
		{"GET /cycles/{id}/edit", berceau.PermEventsManage, s.handleCycleEdit},
		{"POST /cycles/{id}", berceau.PermEventsManage, s.handleCycleSave},
	}
}
