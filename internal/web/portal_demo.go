package web

// demoLogins is the demo's accounts block of the sign-in page, shown only
// when the server runs the demo (berceau demo): the portal's home page is
// the network's front door, the demo hints live where one signs in.
type demoLogins struct {
	Password string
	Logins   []demoLogin
}

type demoLogin struct {
	Name          string
	Email         string
	RoleKey       string
	DisciplineKey string
}

// demoBlock is nil outside the demo.
func (s *Server) demoBlock() *demoLogins {
	if len(s.opts.DemoAccounts) == 0 {
		return nil
	}
	d := &demoLogins{Password: s.opts.DemoPassword}
	for _, u := range s.opts.DemoAccounts {
		login := demoLogin{Name: u.DisplayName, Email: u.Email}
		if len(u.Roles) > 0 {
			login.RoleKey = "role." + string(u.Roles[0].Role)
		}
		if u.Discipline != "" {
			login.DisciplineKey = "discipline." + string(u.Discipline)
		}
		d.Logins = append(d.Logins, login)
	}
	return d
}
