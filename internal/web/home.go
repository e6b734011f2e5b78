package web

import (
	"net/http"

	"github.com/berceau/berceau"
)

type homePage struct {
	Layout
	NetworkName   string
	Organisations []berceau.Organisation
	SiteCount     int
	DemoLogins    []demoLogin
	DemoPassword  string
}

type demoLogin struct {
	Name          string
	Email         string
	RoleKey       string
	DisciplineKey string
}

// handleHome shows the network's public overview. It is the same for every
// visitor in a language, so it is served from the page cache.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	s.renderShared(w, r, "home", func() (page, error) { return s.buildHome(r) })
}

func (s *Server) buildHome(r *http.Request) (page, error) {
	overview, err := s.app.Admin.NetworkOverview(r.Context())
	if err != nil {
		return nil, err
	}
	p := &homePage{
		Layout:        s.newLayout(r, "home", "home.title"),
		NetworkName:   overview.Name,
		Organisations: overview.Organisations,
		SiteCount:     overview.SiteCount(),
		DemoPassword:  s.opts.DemoPassword,
	}
	if p.NetworkName == "" {
		p.NetworkName = p.T("app.default_network_name")
	}
	for _, u := range s.opts.DemoAccounts {
		login := demoLogin{Name: u.DisplayName, Email: u.Email}
		if len(u.Roles) > 0 {
			login.RoleKey = "role." + string(u.Roles[0].Role)
		}
		if u.Discipline != "" {
			login.DisciplineKey = "discipline." + string(u.Discipline)
		}
		p.DemoLogins = append(p.DemoLogins, login)
	}
	return p, nil
}
