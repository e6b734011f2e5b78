package web

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/ui"
)

// The chrome is the part of every page's frame (layouts/base.html) that
// depends on little: the stylesheet and feed links of the head, the skip
// link, the brand, the family search box, the navigation, the footer. It
// took about a third of the template work of a family page (a dozen
// permission checks and twenty translations through reflection, on every
// view), for output that is the same for everyone with the same language,
// navigation entry and permissions. It is rendered once per chromeKey and
// kept for the life of the server: its inputs are the catalogs, the asset
// hashes and the version, fixed at start, and the key.

// chromePermissions are the permissions the chrome asks about, in the order
// of chromeKey.perms' bits. chromeView.Can refuses any other, so that a new
// navigation entry cannot depend on something the key does not hold.
var chromePermissions = []berceau.Permission{
	berceau.PermFamiliesRead, berceau.PermAssignments, berceau.PermInternshipsManage, berceau.PermInternshipsTakePart,
	berceau.PermIndicators, berceau.PermIndicatorsDeidentified, berceau.PermIndicatorsManage, berceau.PermVoiceManage,
	berceau.PermDirectoryModerate, berceau.PermAdminUsers, berceau.PermAdminOrganisations,
}

// chromeKey is everything the chrome shows depends on.
type chromeKey struct {
	lang, nav, langPrefix string
	moderationPage        bool // the navigation marks the moderation page rather than the directory
	signedIn              bool
	perms                 uint32 // bit i: the actor holds chromePermissions[i]
}

// chrome is the rendered chrome of one key.
type chrome struct{ head, top, foot template.HTML }

// chromeCache renders and keeps the chrome by key.
type chromeCache struct {
	tmpl    *template.Template
	version string
	assets  *assets
	bundle  *i18n.Bundle

	mu    sync.Mutex
	byKey map[chromeKey]*chrome
}

// maxChromes bounds the cache (languages × navigation entries × language
// prefixes × permission sets is far below it); past it, it starts over.
const maxChromes = 4096

func newChromeCache(bundle *i18n.Bundle, a *assets, version string) (*chromeCache, error) {
	t, err := template.New("chrome").ParseFS(ui.Templates, "templates/chrome/chrome.html",
		"templates/partials/family_search.html", "templates/partials/news_feed_links.html")
	if err != nil {
		return nil, fmt.Errorf("chrome: %w", err)
	}
	if len(chromePermissions) > 32 {
		return nil, fmt.Errorf("chrome: %d permissions do not fit the key", len(chromePermissions))
	}
	return &chromeCache{tmpl: t, version: version, assets: a, bundle: bundle, byKey: map[chromeKey]*chrome{}}, nil
}

// of returns the chrome of l, rendering it the first time its key is seen.
func (c *chromeCache) of(l *Layout) (*chrome, error) {
	key := chromeKey{lang: l.Lang, nav: l.Nav, langPrefix: l.LangPrefix,
		moderationPage: l.Path == "/directory/moderation", signedIn: l.Actor.SignedIn()}
	for i, p := range chromePermissions {
		if l.Actor.Can(p) {
			key.perms |= 1 << i
		}
	}
	c.mu.Lock()
	ch, ok := c.byKey[key]
	c.mu.Unlock()
	if ok {
		return ch, nil
	}
	v := &chromeView{key: key, Nav: key.nav, ModerationPage: key.moderationPage, SignedIn: key.signedIn,
		Version: c.version, loc: c.bundle.Localizer(key.lang), assets: c.assets}
	ch = &chrome{}
	for _, part := range []struct {
		name string
		out  *template.HTML
	}{{"chrome_head", &ch.head}, {"chrome_top", &ch.top}, {"chrome_foot", &ch.foot}} {
		var b strings.Builder
		if err := c.tmpl.ExecuteTemplate(&b, part.name, v); err != nil {
			return nil, err
		}
		*part.out = template.HTML(b.String()) // rendered by html/template: escaped already
	}
	c.mu.Lock()
	if len(c.byKey) >= maxChromes {
		c.byKey = map[chromeKey]*chrome{}
	}
	c.byKey[key] = ch
	c.mu.Unlock()
	return ch, nil
}

// chromeView is what the chrome's templates see: the key, and what is fixed
// for the life of the server.
type chromeView struct {
	key            chromeKey
	Nav            string
	ModerationPage bool
	SignedIn       bool
	Version        string
	loc            *i18n.Localizer
	assets         *assets
}

// T translates key in the chrome's language.
func (v *chromeView) T(key string, args ...any) string { return v.loc.T(key, args...) }

// Can answers for the permissions of the key only.
func (v *chromeView) Can(p string) (bool, error) {
	for i, q := range chromePermissions {
		if string(q) == p {
			return v.key.perms&(1<<i) != 0, nil
		}
	}
	return false, fmt.Errorf("chrome: permission %q is not in chromePermissions (the cache key)", p)
}

// NavInKnowledge is Layout.NavInKnowledge.
func (v *chromeView) NavInKnowledge() bool { return (&Layout{Nav: v.Nav}).NavInKnowledge() }

// Asset is Layout.Asset.
func (v *chromeView) Asset(name string) string { return v.assets.url(name) }

// Href is Layout.Href.
func (v *chromeView) Href(path string) string {
	return (&Layout{LangPrefix: v.key.langPrefix}).Href(path)
}

// NewsFeedLinks is Layout.NewsFeedLinks.
func (v *chromeView) NewsFeedLinks() newsFeedLinks {
	return (&Layout{Lang: v.key.lang, loc: v.loc}).NewsFeedLinks()
}

// ChromeHead, ChromeTop and ChromeFoot are the page's chrome, for
// layouts/base.html.
func (l *Layout) ChromeHead() (template.HTML, error) {
	return l.chromePart(func(c *chrome) template.HTML { return c.head })
}

func (l *Layout) ChromeTop() (template.HTML, error) {
	return l.chromePart(func(c *chrome) template.HTML { return c.top })
}

func (l *Layout) ChromeFoot() (template.HTML, error) {
	return l.chromePart(func(c *chrome) template.HTML { return c.foot })
}

func (l *Layout) chromePart(part func(*chrome) template.HTML) (template.HTML, error) {
	if l.chrome == nil {
		if l.chromes == nil {
			return "", fmt.Errorf("chrome: the layout was not made by newLayout")
		}
		ch, err := l.chromes.of(l)
		if err != nil {
			return "", err
		}
		l.chrome = ch
	}
	return part(l.chrome), nil
}
