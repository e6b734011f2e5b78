package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/auth"
	demodata "github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
)

const crashClients = 16

// crashHarness is the crash test's world: the built program, its demo
// database, a personal access token of the demo nurse, and the clients with
// what each of them saw acknowledged.
type crashHarness struct {
	bin, db string
	clients []*crashClient
	http    *http.Client
}

func newCrashHarness(t *testing.T) *crashHarness {
	t.Helper()
	dir := t.TempDir()
	h := &crashHarness{bin: filepath.Join(dir, "berceau"), db: filepath.Join(dir, "crash.db"),
		http: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: crashClients}}}
	build := exec.Command("go", "build", "-o", h.bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The database is made by the demo command, as a person would, then
	// stopped cleanly.
	demo := h.startWith(t, "demo")
	if err := demo.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := demo.cmd.Wait(); err != nil {
		t.Fatalf("demo did not stop cleanly: %v\n%s", err, tail(demo.logs.String()))
	}

	// A token of the nurse, her team's families and one referral per client,
	// written through the app as the account page and the pages would.
	ctx := context.Background()
	st, err := store.Open(ctx, h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := app.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{
		Hasher: auth.NewHasher(auth.Argon2Params{MemoryKiB: 64, Iterations: 1, Parallelism: 1}, 1)})
	var nurseID int64
	if err := st.ReadTx(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(ctx, "infirmiere@berceau.example")
		nurseID = u.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	nurse, err := a.Accounts.ActorFor(ctx, nurseID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	nurse.SecondFactor = true // as a session that passed the demo's second factor
	token, _, err := a.Accounts.CreateToken(ctx, nurse, app.NewToken{Name: "crash test", CurrentPassword: demodata.Password,
		Scopes: []berceau.Permission{berceau.PermFamiliesRead, berceau.PermFamiliesWrite}})
	if err != nil {
		t.Fatal(err)
	}
	scope, err := a.FamilyScope(ctx, nurse)
	if err != nil {
		t.Fatal(err)
	}
	var families []care.Family
	if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		families, err = tx.ListFamilies(ctx, scope)
		return err
	}); err != nil || len(families) == 0 {
		t.Fatalf("the nurse's families: %d, %v", len(families), err)
	}
	for c := 0; c < crashClients; c++ {
		f := families[c%len(families)]
		r, err := a.Care.ProposeReferral(ctx, nurse, care.Referral{FamilyID: f.ID, ExternalResource: "Ressource fictive du test",
			Reason: fmt.Sprintf("client %d", c)})
		if err != nil {
			t.Fatal(err)
		}
		h.clients = append(h.clients, &crashClient{id: c, token: token, http: h.http, family: f.ID,
			referral: r.ID, referralVersion: r.Version, contacts: map[int64]ackedContact{}})
	}
	return h
}

// crashServer is one run of the program.
type crashServer struct {
	cmd  *exec.Cmd
	url  string
	logs *lockedBuffer
}

func (h *crashHarness) start(t *testing.T) *crashServer { return h.startWith(t, "serve") }

// startWith runs the program on a free port and waits until it says where
// it listens.
func (h *crashHarness) startWith(t *testing.T, command string) *crashServer {
	t.Helper()
	s := &crashServer{logs: &lockedBuffer{}}
	s.cmd = exec.Command(h.bin, command, "--db", h.db, "--addr", "127.0.0.1:0")
	s.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	s.cmd.Stderr = s.logs
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "Berceau is running at "); ok {
				found <- strings.TrimSuffix(strings.Fields(rest)[0], "/")
			}
		}
	}()
	select {
	case s.url = <-found:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		t.Fatalf("berceau %s did not start:\n%s", command, tail(s.logs.String()))
	}
	return s
}

// kill ends the process with SIGKILL: no shutdown, no flush, no goodbye.
func (s *crashServer) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Wait()
}

// crashClient is one of the 16 clients. It records a contact, then edits the
// last one acknowledged, then moves its referral on (keeping it proposed
// and changing its follow-up date and reason, which needs no consent), and
// so on, remembering only what the server acknowledged.
type crashClient struct {
	id              int
	token           string
	http            *http.Client
	family          int64
	referral        int64
	referralVersion int // last acknowledged
	referralReason  string
	contacts        map[int64]ackedContact
	last            int64 // the last contact acknowledged, to edit next
	seq             int
	totals          crashTotals
}

type ackedContact struct {
	version int
	notes   string
}

type apiContact struct {
	ID      int64  `json:"id"`
	Version int    `json:"version"`
	Notes   string `json:"notes"`
}

type apiReferral struct {
	ID      int64  `json:"id"`
	Version int    `json:"version"`
	Reason  string `json:"reason"`
}

// work sends requests until ctx ends or the server stops answering.
func (c *crashClient) work(ctx context.Context, base string, round int) {
	for ctx.Err() == nil {
		c.seq++
		var err error
		switch {
		case c.seq%3 == 1 && c.last != 0:
			err = c.edit(ctx, base, round)
		case c.seq%3 == 2:
			err = c.move(ctx, base, round)
		default:
			err = c.record(ctx, base, round)
		}
		if err != nil {
			c.totals.failed++
			return
		}
	}
}

func (c *crashClient) send(ctx context.Context, method, url string, body any) (int, []byte, error) {
	data, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(data))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, err // the answer was cut: not acknowledged
	}
	return resp.StatusCode, answer, nil
}

func (c *crashClient) record(ctx context.Context, base string, round int) error {
	notes := fmt.Sprintf("crash r%d c%d s%d", round, c.id, c.seq)
	status, body, err := c.send(ctx, "POST", fmt.Sprintf("%s/api/v1/families/%d/contacts", base, c.family),
		map[string]any{"kind": "call", "date": time.Now().UTC().Format("2006-01-02"), "minutes": 10, "outcome": "done", "notes": notes})
	if err != nil {
		return err
	}
	if status != http.StatusCreated {
		return fmt.Errorf("record: %d %s", status, body)
	}
	var got apiContact
	if err := json.Unmarshal(body, &got); err != nil || got.ID == 0 || got.Notes != notes {
		return fmt.Errorf("record: %s", body)
	}
	c.contacts[got.ID] = ackedContact{version: got.Version, notes: got.Notes}
	c.last = got.ID
	c.totals.contacts++
	return nil
}

func (c *crashClient) edit(ctx context.Context, base string, round int) error {
	known := c.contacts[c.last]
	notes := fmt.Sprintf("crash r%d c%d s%d edited", round, c.id, c.seq)
	status, body, err := c.send(ctx, "PATCH", fmt.Sprintf("%s/api/v1/families/%d/contacts/%d", base, c.family, c.last),
		map[string]any{"version": known.version, "notes": notes, "minutes": 20})
	if err != nil {
		return err
	}
	switch status {
	case http.StatusOK:
		var got apiContact
		if err := json.Unmarshal(body, &got); err != nil || got.Notes != notes {
			return fmt.Errorf("edit: %s", body)
		}
		c.contacts[c.last] = ackedContact{version: got.Version, notes: got.Notes}
		c.totals.edits++
	case http.StatusConflict:
		// An edit committed before a kill was never acknowledged: the
		// conflict answer shows it, committed.
		var p struct{ Current apiContact }
		if err := json.Unmarshal(body, &p); err != nil || p.Current.Version <= known.version {
			return fmt.Errorf("edit conflict: %s", body)
		}
		c.contacts[c.last] = ackedContact{version: p.Current.Version, notes: p.Current.Notes}
	default:
		return fmt.Errorf("edit: %d %s", status, body)
	}
	return nil
}

func (c *crashClient) move(ctx context.Context, base string, round int) error {
	reason := fmt.Sprintf("relance r%d c%d s%d", round, c.id, c.seq)
	next := time.Now().UTC().AddDate(0, 0, 1+c.seq%30).Format("2006-01-02")
	status, body, err := c.send(ctx, "POST", fmt.Sprintf("%s/api/v1/families/%d/referrals/%d/moves", base, c.family, c.referral),
		map[string]any{"version": c.referralVersion, "status": "proposed", "reason": reason, "next_follow_up": next})
	if err != nil {
		return err
	}
	switch status {
	case http.StatusCreated:
		var got apiReferral
		if err := json.Unmarshal(body, &got); err != nil || got.Version != c.referralVersion+1 {
			return fmt.Errorf("move: %s", body)
		}
		c.referralVersion = got.Version
		c.totals.moves++
	case http.StatusConflict:
		var p struct{ Current apiReferral }
		if err := json.Unmarshal(body, &p); err != nil || p.Current.Version <= c.referralVersion {
			return fmt.Errorf("move conflict: %s", body)
		}
		c.referralVersion = p.Current.Version
	default:
		return fmt.Errorf("move: %d %s", status, body)
	}
	return nil
}

// verify opens the database after a kill, as the restarted program does
// (SQLite recovers the write-ahead log on opening), checks its integrity
// and that every acknowledged write is there, and returns this round's
// acknowledged writes and what it found wrong.
func (h *crashHarness) verify(t *testing.T, round int) (crashTotals, []string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+h.db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var problems []string
	var check string
	if err := db.QueryRow(`PRAGMA quick_check`).Scan(&check); err != nil || check != "ok" {
		problems = append(problems, fmt.Sprintf("round %d: quick_check %q, %v", round, check, err))
	}
	var got crashTotals
	for _, c := range h.clients {
		for id, want := range c.contacts {
			var version int
			var notes string
			err := db.QueryRow(`SELECT version, notes FROM contacts WHERE id = ?`, id).Scan(&version, &notes)
			switch {
			case err != nil:
				problems = append(problems, fmt.Sprintf("round %d: acknowledged contact %d (client %d): %v", round, id, c.id, err))
			case version < want.version || version == want.version && notes != want.notes:
				problems = append(problems, fmt.Sprintf("round %d: contact %d is at version %d %q, acknowledged at %d %q",
					round, id, version, notes, want.version, want.notes))
			}
		}
		var version int
		if err := db.QueryRow(`SELECT version FROM referrals WHERE id = ?`, c.referral).Scan(&version); err != nil || version < c.referralVersion {
			problems = append(problems, fmt.Sprintf("round %d: referral %d at version %d, acknowledged at %d (%v)",
				round, c.referral, version, c.referralVersion, err))
		}
		got.add(c.totals)
		c.totals = crashTotals{}
	}
	return got, problems
}

// tail is the end of a program's logs.
func tail(s string) string {
	if len(s) > 4000 {
		return "…" + s[len(s)-4000:]
	}
	return s
}
