package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/knowledge"
)

// The portal's home page and search read only the registered public
// sources (public_source.go); none of this reads another area's tables.

// PublicSection is one source's hits on the home page or in a search: its
// kind and its items, in the source's order.
type PublicSection struct {
	Kind string
	Hits []PublicHit
}

// PortalHome is what the public home page shows in one language: the
// introduction pages (what social perinatal care is, who the network is
// for), the links to every published page, and one section per source
// with something to show, in the sources' order.
type PortalHome struct {
	Intro    []knowledge.Page // the published About and social perinatal care pages, in that order
	Pages    []knowledge.Page // every published page, standard ones first
	Sections []PublicSection
}

// homeItems is how many items a home page section shows, and homeSections
// how many sections it has at most: the first sources, in their order, with
// something to show (events, news, resources in the network's order). The
// others (trainings, outreach) have their own pages in the navigation and
// are found by the search. A front door of three short sections stays light
// (about 10 KB) and is read to its end on a phone.
const (
	homeItems    = 3
	homeSections = 3
)

// Home assembles the home page in lang from the published pages and the
// public sources' featured items. It reads only public content.
func (s *PortalService) Home(ctx context.Context, lang string) (PortalHome, error) {
	var out PortalHome
	pages, err := s.publishedPages(ctx)
	if err != nil {
		return out, err
	}
	out.Pages = standardFirst(pages)
	for _, slug := range []string{knowledge.PageAbout, knowledge.PagePerinatal} {
		for _, p := range pages {
			if p.Slug == slug {
				out.Intro = append(out.Intro, p)
			}
		}
	}
	for _, src := range s.Public.All() {
		if len(out.Sections) == homeSections {
			break
		}
		hits, err := src.FeaturedPublic(ctx, lang, homeItems)
		if err != nil {
			return out, err
		}
		if len(hits) > homeItems {
			hits = hits[:homeItems]
		}
		if len(hits) > 0 {
			out.Sections = append(out.Sections, PublicSection{Kind: src.PublicKind(), Hits: hits})
		}
	}
	return out, nil
}

// standardFirst orders pages as the portal links them: the standard pages
// in their order, then the others by address.
func standardFirst(pages []knowledge.Page) []knowledge.Page {
	out := make([]knowledge.Page, 0, len(pages))
	for _, slug := range knowledge.StandardPages {
		for _, p := range pages {
			if p.Slug == slug {
				out = append(out, p)
			}
		}
	}
	for _, p := range pages {
		if !isStandardPage(p.Slug) {
			out = append(out, p)
		}
	}
	return out
}

func isStandardPage(slug string) bool {
	for _, s := range knowledge.StandardPages {
		if s == slug {
			return true
		}
	}
	return false
}

// MaxSearchLength bounds what the portal's search reads of a query.
const MaxSearchLength = 200

// searchItems is how many hits of each kind a search shows.
const searchItems = 10

// Search looks for words in every public source and groups the hits by
// kind, in the sources' order; kinds without hits are left out.
func (s *PortalService) Search(ctx context.Context, lang, words string) ([]PublicSection, error) {
	words = strings.TrimSpace(words)
	if len([]rune(words)) > MaxSearchLength {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "portal.error.query_too_long",
			Fields: map[string]string{"q": "portal.error.query_too_long"}}
	}
	if len(berceau.QueryWords(words)) == 0 {
		return nil, nil
	}
	var out []PublicSection
	for _, src := range s.Public.All() {
		hits, err := src.SearchPublic(ctx, PublicQuery{Lang: lang, Words: words, Limit: searchItems})
		if err != nil {
			return nil, err
		}
		if len(hits) > searchItems {
			hits = hits[:searchItems]
		}
		if len(hits) > 0 {
			out = append(out, PublicSection{Kind: src.PublicKind(), Hits: hits})
		}
	}
	return out, nil
}

// SiteURL is the network's public address (the --base-url), without a
// trailing slash: sitemaps and Open Graph need absolute links.
func (s *PortalService) SiteURL() string { return strings.TrimRight(s.opts.BaseURL, "/") }

// matchesAll reports whether every query word starts a word of text
// (accents and case folded): "peri" finds "Périnatalité".
func matchesAll(queryWords []string, texts ...string) bool {
	var words []string
	for _, t := range texts {
		words = append(words, berceau.SearchWords(t)...)
	}
	for _, q := range queryWords {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
