package web

// glassRoutes are break-the-glass and the coordinator's access reviews.
func (s *Server) glassRoutes() []route { return nil }
