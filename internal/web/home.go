package web

import (
	"net/http"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/knowledge"
)

// homePage is the network's front door: what social perinatal care is and
// who the network is for (the editable pages), what the public sources
// feature (upcoming events, news, resources…), a search over everything
// public, and the member organisations.
type homePage struct {
	Layout
	NetworkName   string
	Intro         []pageCard
	PageLinks     []pageCard
	Sections      []hitSection
	Search        searchBox
	Organisations []berceau.Organisation
	SiteCount     int
}

// pageCard is an editable page as the home page and the search show it.
type pageCard struct {
	Title, Summary, URL string
	Missing             bool // not written in the page's language
}

// hitSection is one kind of public items, with where to see them all. It
// carries the page's layout so that its partial translates.
type hitSection struct {
	*Layout
	Kind     string
	TitleKey string
	MoreURL  string
	Hits     []hitView
}

type hitView struct {
	Title, Summary, URL, When string
	Missing                   bool
}

// handleHome shows the network's front door. It is the same for every
// visitor in a language, so it is served from the page cache (assembled
// data and HTML both, kept while no write happens: pagecache.go).
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
	}
	if p.NetworkName == "" {
		p.NetworkName = p.T("app.default_network_name")
	}
	home, err := s.app.Portal.Home(r.Context(), p.Lang)
	if err != nil {
		return nil, err
	}
	for _, pg := range home.Intro {
		p.Intro = append(p.Intro, p.pageCard(pg))
	}
	for _, pg := range home.Pages {
		p.PageLinks = append(p.PageLinks, p.pageCard(pg))
	}
	p.Sections = p.hitSections(home.Sections)
	p.Search = searchBox{Layout: &p.Layout}
	if p.Public != nil {
		p.Public.SiteName = p.NetworkName
		if len(p.Intro) > 0 && p.Intro[0].Summary != "" {
			p.Public.Description = p.Intro[0].Summary
		}
	}
	return p, nil
}

func (l *Layout) pageCard(pg knowledge.Page) pageCard {
	title, missing := pg.Title.In(l.Lang)
	summary, _ := pg.Summary.In(l.Lang)
	return pageCard{Title: title, Summary: summary, URL: l.Href("/pages/" + pg.Slug), Missing: missing}
}

// kindPages are the lists of the kinds that have one, linked from their
// section ("all events").
var kindPages = map[string]string{"event": "/events", "service": "/directory", "news": "/news", "resource": "/library",
	"training": "/trainings", "outreach": "/outreach"}

func (l *Layout) hitSections(sections []app.PublicSection) []hitSection {
	out := make([]hitSection, 0, len(sections))
	for _, sec := range sections {
		hs := hitSection{Layout: l, Kind: sec.Kind, TitleKey: "portal.kind." + sec.Kind}
		if _, known := l.loc.Lookup(hs.TitleKey); !known {
			hs.TitleKey = "portal.kind_other" // a source whose kind the catalogs do not name yet
		}
		if more, ok := kindPages[sec.Kind]; ok {
			hs.MoreURL = l.Href(more)
		}
		for _, h := range sec.Hits {
			hs.Hits = append(hs.Hits, hitView{Title: h.Title, Summary: h.Summary, URL: l.Href(h.URL), When: l.whenOf(h.When),
				Missing: h.Missing})
		}
		out = append(out, hs)
	}
	return out
}

// searchBox is the portal's search form, on the home page and the search
// page.
type searchBox struct {
	*Layout
	Query string
}

// whenOf is an item's day: a hit carries an instant without its zone, so
// the time of day is left to the item's own page (an event's in its zone).
func (l *Layout) whenOf(t time.Time) string { return l.Day(t) }
