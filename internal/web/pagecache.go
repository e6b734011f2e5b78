package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// pageCache keeps the rendered HTML of public pages that are the same for
// every visitor in a language (the home page). An entry is used while no
// write has been committed by this process since it was rendered, and for at
// most pageCacheTTL, which bounds staleness when another instance writes.
// Pages that depend on who is asking must never go through it.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
}

type cachedPage struct {
	body       []byte
	gzipped    []byte // body compressed once, for the browsers that accept gzip (all of them)
	generation uint64
	expires    time.Time
}

const pageCacheTTL = 5 * time.Second

func newPageCache() *pageCache { return &pageCache{entries: map[string]cachedPage{}} }

func (c *pageCache) get(key string, generation uint64, now time.Time) (cachedPage, bool) {
	c.mu.RLock()
	e, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || e.generation != generation || now.After(e.expires) {
		return cachedPage{}, false
	}
	return e, true
}

// put keeps body and its gzip form: a page cached is served many times, so
// it is compressed once here rather than on every answer.
func (c *pageCache) put(key string, body []byte, generation uint64, now time.Time) cachedPage {
	e := cachedPage{body: body, gzipped: gzipped(body), generation: generation, expires: now.Add(pageCacheTTL)}
	c.mu.Lock()
	c.entries[key] = e
	c.mu.Unlock()
	return e
}

func gzipped(body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body) / 3)
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level: no error
	_, _ = zw.Write(body)                                    // a bytes.Buffer does not fail
	_ = zw.Close()
	return buf.Bytes()
}

// acceptsGzip says whether the request's Accept-Encoding takes gzip
// (RFC 9110 §12.5.3): "gzip" named with a weight above 0, or, when gzip is
// not named, "*" with a weight above 0.
func acceptsGzip(r *http.Request) bool {
	gzipOK, starOK, named := false, false, false
	for _, field := range r.Header.Values("Accept-Encoding") {
		for _, coding := range strings.Split(field, ",") {
			name, params, _ := strings.Cut(coding, ";")
			ok := !zeroWeight(params)
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "gzip", "x-gzip":
				gzipOK, named = ok, true
			case "*":
				starOK = ok
			}
		}
	}
	if named {
		return gzipOK
	}
	return starOK
}

// zeroWeight says whether a coding's parameters are "q=0" (or 0.0, 0.000).
func zeroWeight(params string) bool {
	q, found := strings.CutPrefix(strings.ToLower(strings.ReplaceAll(params, " ", "")), "q=")
	return found && strings.Trim(q, "0.") == "" && strings.HasPrefix(q, "0")
}

// writeCached sends a cached page, compressed when the client accepts it.
// Vary tells shared caches that the answer depends on Accept-Encoding.
func writeCached(w http.ResponseWriter, r *http.Request, e cachedPage) {
	w.Header().Add("Vary", "Accept-Encoding")
	if len(e.gzipped) > 0 && acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		writeHTML(w, http.StatusOK, e.gzipped)
		return
	}
	writeHTML(w, http.StatusOK, e.body)
}

// renderShared serves a page that is the same for everyone in a language
// from the cache, building and rendering it only when the cache is stale.
func (s *Server) renderShared(w http.ResponseWriter, r *http.Request, name string, build func() (page, error)) {
	s.renderSharedKey(w, r, name, name, build)
}

// renderSharedKey is renderShared for a page that has several shared
// forms (the agenda's upcoming, past and month views): key names the form.
func (s *Server) renderSharedKey(w http.ResponseWriter, r *http.Request, name, key string, build func() (page, error)) {
	if state(r).actor.SignedIn() {
		// The page shows who is signed in: render it for them alone.
		p, err := build()
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, name, p)
		return
	}
	// A page served at a language's own address (/en/...) links with that
	// prefix and names that address: it is cached apart.
	key += "|" + state(r).lang + state(r).langPrefix
	generation, now := s.app.DataGeneration(), time.Now()
	if e, ok := s.cache.get(key, generation, now); ok {
		writeCached(w, r, e)
		return
	}
	p, err := build()
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	body, err := s.execute(name, p)
	if err != nil {
		s.log.Error("render page", "page", name, "id", state(r).id, "err", err)
		s.renderError(w, r, http.StatusInternalServerError)
		return
	}
	writeCached(w, r, s.cache.put(key, body, generation, now))
}

// writeHTML sends a whole rendered page. Its length is known, so the
// response is not chunked: one write for most pages instead of several.
func writeHTML(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
