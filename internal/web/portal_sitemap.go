package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
)

// sitemap.xml lists every public page in every language, each with its
// other languages' addresses (xhtml:link, as search engines read hreflang
// in sitemaps); robots.txt keeps crawlers out of the private areas and
// points to the sitemap. Both are built from data: the sources' public
// entries (app.Portal.Sitemap) and the route table.

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

// handleSitemap serves /sitemap.xml, kept in the page cache while nothing
// is written.
func (s *Server) handleSitemap(w http.ResponseWriter, r *http.Request) {
	site := absoluteSite(s.app.Portal.SiteURL(), r)
	generation, now := s.app.DataGeneration(), time.Now()
	// Cached only under the configured address: a Host header must not
	// make new entries.
	configured := s.app.Portal.SiteURL() != ""
	cached, ok := s.cache.get("sitemap.xml", generation, now)
	body := cached.body
	if !ok || !configured {
		entries, err := s.app.Portal.Sitemap(r.Context())
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		body = sitemapXML(site, s.publicLanguages(r), entries)
		if configured {
			s.cache.put("sitemap.xml", body, generation, now)
		}
	}
	h := w.Header()
	h.Set("Content-Type", "application/xml; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// sitemapXML writes entries once per language, each naming every
// language's address and the default one (x-default: no prefix, the
// visitor's language decides).
func sitemapXML(site string, langs []string, entries []app.SitemapEntry) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="` + sitemapNS + `" xmlns:xhtml="` + xhtmlNS + `">` + "\n")
	for _, e := range entries {
		for _, lang := range langs {
			b.WriteString("<url><loc>")
			xmlText(&b, site+"/"+lang+e.Path)
			b.WriteString("</loc>")
			if !e.Modified.IsZero() {
				b.WriteString("<lastmod>" + e.Modified.UTC().Format(time.RFC3339) + "</lastmod>")
			}
			for _, alt := range langs {
				b.WriteString(`<xhtml:link rel="alternate" hreflang="` + alt + `" href="`)
				xmlText(&b, site+"/"+alt+e.Path)
				b.WriteString(`"/>`)
			}
			b.WriteString(`<xhtml:link rel="alternate" hreflang="x-default" href="`)
			xmlText(&b, site+e.Path)
			b.WriteString("\"/></url>\n")
		}
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// absoluteSite is the configured base URL; a server started without one
// (tests) names itself by the request's host, since sitemaps and robots.txt
// need absolute addresses.
func absoluteSite(site string, r *http.Request) string {
	if site != "" {
		return site
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func xmlText(b *bytes.Buffer, s string) { _ = xml.EscapeText(b, []byte(s)) }

// robotsFixed are the private places no route table names as a GET page
// (the JSON API's personal routes, the forms anyone posts to).
var robotsFixed = []string{"/api/v1/me", "/signin", "/signout", "/password/", "/language", "/me"}

// handleRobots serves /robots.txt: every GET page that is not public is
// disallowed, its route pattern written as robots.txt reads it (RFC 9309:
// "*" for a path segment, "$" for the end).
func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for _, path := range s.privatePaths() {
		b.WriteString("Disallow: " + path + "\n")
	}
	b.WriteString("Allow: /\n\nSitemap: " + absoluteSite(s.app.Portal.SiteURL(), r) + "/sitemap.xml\n")
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte(b.String()))
}

// privatePaths are the robots.txt forms of the GET routes that are not
// public, and robotsFixed: a whole area (/admin, /families) when no public
// route starts like it, else its private routes one by one; a rule another
// one already covers is left out.
func (s *Server) privatePaths() []string {
	var private, public []string
	for _, rt := range s.routes() {
		method, pattern, ok := strings.Cut(rt.pattern, " ")
		if !ok || method != http.MethodGet || rt.permission == berceau.PermMetrics {
			continue
		}
		if rt.permission == berceau.PermPublic {
			public = append(public, robotsPattern(pattern))
		} else {
			private = append(private, robotsPattern(pattern))
		}
	}
	paths := append([]string(nil), robotsFixed...)
	for _, p := range private {
		area, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		area = "/" + area
		if !slices.ContainsFunc(public, func(pub string) bool { return strings.HasPrefix(pub, area) }) {
			p = area
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	var out []string
	for _, p := range paths {
		if !slices.ContainsFunc(out, func(shorter string) bool { return !strings.Contains(shorter, "*") && strings.HasPrefix(p, shorter) }) {
			out = append(out, p)
		}
	}
	return out
}

// robotsPattern writes a route pattern as robots.txt reads it:
// /events/{id}/edit → /events/*/edit, /families/{$} → /families/$.
func robotsPattern(pattern string) string {
	segments := strings.Split(pattern, "/")
	for i, seg := range segments {
		switch {
		case seg == "{$}":
			segments[i] = "$"
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "...}"):
			segments[i] = ""
		case strings.HasPrefix(seg, "{"):
			segments[i] = "*"
		}
	}
	// A trailing "*" adds nothing: robots.txt rules match prefixes.
	return strings.TrimSuffix(strings.Join(segments, "/"), "*")
}

// handleFavicon serves /favicon.ico, the brand's icon (48 px, PNG inside
// an ICO), for the browsers and tools that ask for it at the root.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	f, ok := s.assets.files[s.assets.url("img/favicon.ico")]
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/x-icon")
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", assetEpoch, bytes.NewReader(f.body))
}
