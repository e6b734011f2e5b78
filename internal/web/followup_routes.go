package web

// followupRoutes are the screening, team-decision and enrollment pages of a
// family file.
func (s *Server) followupRoutes() []route { return nil }
