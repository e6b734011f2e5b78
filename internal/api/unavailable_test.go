package api

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testdb"
)

// tcpProxy stands between the store and PostgreSQL, so a test can take the
// database away the way a network or a server failure would.
type tcpProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.cut)
	return p
}

// cut stops accepting and breaks every open connection.
func (p *tcpProxy) cut() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestTheAPIAnswers503WhileTheDatabaseIsDown: with PostgreSQL unreachable
// (or a SQLite store closed under it), the API answers 503 with
// Retry-After and a translated problem, not 500.
func TestTheAPIAnswers503WhileTheDatabaseIsDown(t *testing.T) {
	t.Parallel()
	for _, engine := range testdb.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := testdb.NewDatabase(t, engine)
			var proxy *tcpProxy
			if engine == "postgres" {
				u, err := url.Parse(dsn)
				if err != nil {
					t.Fatal(err)
				}
				proxy = newTCPProxy(t, u.Host)
				u.Host = proxy.ln.Addr().String()
				dsn = u.String()
			}
			st, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, st)
			if resp, body := e.do(t, "GET", "/api/v1/organisations", bearer(e.full)); resp.StatusCode != http.StatusOK {
				t.Fatalf("before: %d %s", resp.StatusCode, body)
			}
			if proxy != nil {
				proxy.cut()
			} else {
				st.Close()
			}
			// The first request meets the broken connections, the next ones
			// a refused connection: both are 503.
			for i := 0; i < 2; i++ {
				resp, body := e.do(t, "GET", "/api/v1/organisations", map[string]string{"Authorization": "Bearer " + e.full, "Accept-Language": "en"})
				if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
					!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") ||
					!strings.Contains(body, "The database cannot answer at the moment") {
					t.Fatalf("while down (%d): %d Retry-After=%q %s\n%s", i, resp.StatusCode, resp.Header.Get("Retry-After"), body, e.logs.String())
				}
			}
		})
	}
}
