package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau/internal/app"
)

// auditedPages keeps, for one session, the HTML of the pages that show a
// family's record (the file, its follow-up, its plan, my day), so that the
// same page asked again while nothing changed is not read and rendered
// again. Reading is what costs (SQL and templates, 1.2–2 ms of CPU a page);
// the audit does not go away: a page served from here writes the very
// entries its reads wrote, for the person now asking, group-committed and
// durable before the page is sent (app.RecordRepeatedReads).
//
// An entry is used only
//   - by the session that rendered it, in the same language and address,
//     on the same civil day of the app's clock;
//   - while this process has committed no write since it was rendered (the
//     store's generation: a contact saved, a role removed, a grant, a
//     break-the-glass access, a denial) and for at most auditedPageTTL;
//   - when the page's whole audit was successful reads (no denial, no
//     change) and it showed no break-the-glass access (whose end is not a
//     day's);
//   - when this process is the database's only writer (SQLite). On
//     PostgreSQL several instances may serve one database and a write on
//     another would go unseen for the TTL: its pages are always read.
type auditedPages struct {
	mu      sync.Mutex
	entries map[string]auditedPage
	bytes   int // the bodies' total size
	// rendering holds the renders under way, by key (begin, end).
	rendering map[string]chan struct{}
	hits      atomic.Uint64
	misses    atomic.Uint64
}

type auditedPage struct {
	body       []byte
	gzipped    []byte // made on the first answer to a client that accepts gzip
	receipts   []app.ReadReceipt
	generation uint64
	expires    time.Time
}

const (
	// auditedPageTTL bounds how long a page is served again: a person who
	// reloads sees what another saved on this instance at once (the
	// generation), and anything else within this delay.
	auditedPageTTL = 2 * time.Second
	// auditedPagesMax and auditedPagesMaxBytes bound what is kept (a
	// family page is 6–60 KB); past either, expired entries go first, then
	// any, until an eighth is free.
	auditedPagesMax      = 1024
	auditedPagesMaxBytes = 32 << 20
	// auditedPageMaxBytes: a larger page is not kept.
	auditedPageMaxBytes = 256 << 10
)

func newAuditedPages() *auditedPages {
	return &auditedPages{entries: map[string]auditedPage{}, rendering: map[string]chan struct{}{}}
}

func (c *auditedPages) get(key string, generation uint64, now time.Time) (auditedPage, bool) {
	c.mu.Lock()
	e, ok := c.entries[key]
	if ok && (e.generation != generation || now.After(e.expires)) {
		c.drop(key, e)
		ok = false
	}
	c.mu.Unlock()
	return e, ok
}

func (c *auditedPages) put(key string, e auditedPage, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok {
		c.drop(key, old)
	}
	if len(c.entries) >= auditedPagesMax || c.bytes+len(e.body) > auditedPagesMaxBytes {
		for k, old := range c.entries {
			if now.After(old.expires) {
				c.drop(k, old)
			}
		}
		for k, old := range c.entries { // still full: drop some (map order is random)
			if len(c.entries) < auditedPagesMax*7/8 && c.bytes+len(e.body) <= auditedPagesMaxBytes*7/8 {
				break
			}
			c.drop(k, old)
		}
	}
	c.entries[key] = e
	c.bytes += len(e.body)
}

// keepGzipped stores the compressed form of an entry still kept.
func (c *auditedPages) keepGzipped(key string, e auditedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.entries[key]; ok && cur.generation == e.generation && cur.expires.Equal(e.expires) &&
		cur.gzipped == nil && c.bytes+len(e.gzipped) <= auditedPagesMaxBytes {
		c.entries[key] = e
		c.bytes += len(e.gzipped)
	}
}

// begin registers a render of key, or returns the channel closed when the
// render under way ends.
func (c *auditedPages) begin(key string) (wait <-chan struct{}, lead bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.rendering[key]; ok {
		return ch, false
	}
	ch := make(chan struct{})
	c.rendering[key] = ch
	return ch, true
}

// end ends the render of key begun by begin.
func (c *auditedPages) end(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.rendering[key])
	delete(c.rendering, key)
}

// drop removes an entry; c.mu is held.
func (c *auditedPages) drop(key string, e auditedPage) {
	delete(c.entries, key)
	c.bytes -= len(e.body) + len(e.gzipped)
}

// pageCapture passes a page through to the client and keeps a copy of it.
type pageCapture struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	tooBig bool
}

func (p *pageCapture) WriteHeader(status int) {
	if p.status == 0 {
		p.status = status
	}
	p.ResponseWriter.WriteHeader(status)
}

func (p *pageCapture) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.status = http.StatusOK
	}
	if !p.tooBig {
		if p.body.Len()+len(b) > auditedPageMaxBytes {
			p.tooBig = true
			p.body = bytes.Buffer{}
		} else {
			p.body.Write(b)
		}
	}
	return p.ResponseWriter.Write(b)
}

// cacheAudited wraps the handler of a GET page that shows family records
// and audits its reads: see auditedPages.
func (s *Server) cacheAudited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		ctx := r.Context()
		if s.audited == nil || r.Method != http.MethodGet || !st.actor.SignedIn() || st.actor.System ||
			!hasSessionCookie(r) || s.sessions.Exists(ctx, languageOfferKey) {
			h(w, r)
			return
		}
		token := s.sessions.Token(ctx)
		if token == "" {
			h(w, r)
			return
		}
		key := token + "\x00" + st.lang + "\x00" + st.langPrefix + "\x00" +
			s.civilToday().Format(time.DateOnly) + "\x00" + r.URL.RequestURI()
		generation, now := s.app.DataGeneration(), time.Now()
		if e, ok := s.audited.get(key, generation, now); ok {
			s.sendAgain(w, r, key, e)
			return
		}
		// One render of a page at a time: the session's other requests for
		// it wait and are sent its result (at 10,000 families sixteen
		// renders of my day at once, each time an entry expired, made the
		// slowest answers 70 ms).
		wait, lead := s.audited.begin(key)
		if !lead {
			select {
			case <-wait:
			case <-ctx.Done():
				return
			}
			if e, ok := s.audited.get(key, s.app.DataGeneration(), time.Now()); ok {
				s.sendAgain(w, r, key, e)
				return
			}
			h(w, r) // the page could not be kept: read it anew
			return
		}
		defer s.audited.end(key)
		s.audited.misses.Add(1)
		ctx, receipts := app.WithReadReceipts(ctx)
		capture := &pageCapture{ResponseWriter: w}
		h(capture, r.WithContext(ctx))
		read, whole := receipts.Receipts()
		if capture.status != http.StatusOK || capture.tooBig || !whole || st.uncacheable ||
			w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			return
		}
		s.audited.put(key, auditedPage{body: capture.body.Bytes(), receipts: read,
			generation: generation, expires: now.Add(auditedPageTTL)}, now)
	}
}

// sendAgain sends a kept page once its reads are on record again.
func (s *Server) sendAgain(w http.ResponseWriter, r *http.Request, key string, e auditedPage) {
	if err := s.app.RecordRepeatedReads(r.Context(), state(r).actor, e.receipts); err != nil {
		// Nothing is shown whose reading is not on record (a database that
		// cannot answer is a 503, as for a read).
		s.renderDomainError(w, r, err)
		return
	}
	s.audited.hits.Add(1)
	w.Header().Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		if e.gzipped == nil {
			// Compressed once, when the page is first sent again (most
			// pages never are): a third of the bytes to copy.
			e.gzipped = gzippedFast(e.body)
			s.audited.keepGzipped(key, e)
		}
		w.Header().Set("Content-Encoding", "gzip")
		writeHTML(w, http.StatusOK, e.gzipped)
		return
	}
	writeHTML(w, http.StatusOK, e.body)
}

// gzippedFast compresses a page at gzip's fastest level: it is done while a
// person waits for the page.
func gzippedFast(body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body) / 3)
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // a valid level: no error
	_, _ = zw.Write(body)                              // a bytes.Buffer does not fail
	_ = zw.Close()
	return buf.Bytes()
}
