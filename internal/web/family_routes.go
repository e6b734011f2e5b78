package web

// familyRoutes are the family-file pages: list, intake, the file itself.
func (s *Server) familyRoutes() []route { return nil }
