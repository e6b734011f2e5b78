// Package app holds Berceau's use cases. Each exported method authorizes its
// actor, runs in one transaction, applies the domain's rules, writes its audit
// entry in that same transaction and returns domain values or domain errors.
// HTML and JSON handlers call only this layer.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
)

// Options configure the use cases.
type Options struct {
	Hasher    *auth.Hasher
	SecretBox *auth.SecretBox // encrypts second-factor secrets at rest
	BaseURL   string          // for links in mail, e.g. https://berceau.example.org
	Issuer    string          // name shown in authenticator apps
	I18n      *i18n.Bundle    // for mail, written in the recipient's language
	Mailer    Mailer          // nil: mail stays in the outbox for administrators to read
	MailFrom  string          // the sender of mail, named ORGANIZER in calendar invitations
	// LibraryMaxFileBytes bounds a file uploaded to the library; 0:
	// DefaultLibraryMaxFileBytes.
	LibraryMaxFileBytes int64
}

// App is the core the use cases share over one store: the clock, the
// store, the audit trail, the authorization helpers and background work.
// The use cases themselves are its services, one per area (services.go).
type App struct {
	// The use cases, one service per area (services.go), each on this core.
	Care      *CareService
	Directory *DirectoryService
	Accounts  *AccountService
	Admin     *AdminService

	// Events are the use cases of events and meeting cycles.
	Events *EventService
	// News are the use cases of news, feeds and the newsletter.
	News *NewsService
	// Outreach are the use cases of the outreach register.
	Outreach *OutreachService
	// Languages are the network's languages (network_language.go).
	Languages *LanguageService
	// Portal holds the public portal's pages, home page, search and sitemap.
	Portal *PortalService
	// Voice are the use cases of the families' voice (voice.go).
	Voice *VoiceService

	// Indicators are the process and outcome indicators (indicator.go).
	Indicators *IndicatorService

	// Trainings are the use cases of trainings, learning records and
	// certificates (training*.go).
	Trainings *TrainingService
	// Internships are the use cases of the host sites' internship register.
	Internships *InternshipService
	// Library holds the use cases of the resource library (library.go).
	Library        *LibraryService
	libraryIndexes *libraryIndexHolder // its search index (library_search.go)

	store *store.Store
	log   *slog.Logger
	opts  Options
	// dummyHash is verified when an email is unknown, so that an unknown
	// address and a wrong password take the same time.
	dummyHash string
	now       func() time.Time

	// DirectoryQueries selects directory records for the open-data API.
	DirectoryQueries *DirectoryQueryService

	// Caches of this App's store, read again after a write (the store's
	// generation) or when another instance changed the database.
	index *indexHolder  // the directory search index (directory.go)
	stale *staleSetting // the directory's stale period (settings.go)
	// languages caches the network's languages (network_language.go).
	languages *languageSetting
	points    *pointsHolder // the directory's location points (directory_api.go)
	// filterChoices are the agenda's filter choices (event_choices.go).
	filterChoices *filterChoicesHolder
	// actors keeps signed-in sessions' actors (actor_cache.go).
	actors *actorCache

	// Jobs runs scheduled background work (jobs.go).
	Jobs *Jobs

	// Public are the areas' public contents the portal shows and searches
	// (public_source.go).
	Public *PublicSources

	// Background work (index builds, housekeeping) runs under ctx and is
	// counted in background, so that Close can stop it and wait for it.
	ctx        context.Context
	cancel     context.CancelFunc
	backMu     sync.Mutex // orders closed against background.Add
	closed     bool
	background sync.WaitGroup
	running    atomic.Int32 // background goroutines not yet ended, for tests
}

// ErrClosed is returned by work asked of an App after Close.
var ErrClosed = errors.New("app: closed")

// New returns the use cases over st.
func New(st *store.Store, log *slog.Logger, opts Options) *App {
	if opts.Hasher == nil {
		opts.Hasher = auth.NewHasher(auth.OWASPMinimum, 4)
	}
	if opts.Issuer == "" {
		opts.Issuer = "Berceau"
	}
	if opts.I18n == nil {
		opts.I18n, _ = i18n.Load(log)
	}
	a := &App{store: st, log: log, opts: opts, now: func() time.Time { return time.Now().UTC() },
		index: &indexHolder{}, stale: &staleSetting{}, languages: &languageSetting{}, points: &pointsHolder{revision: -1},
		filterChoices: &filterChoicesHolder{}, actors: newActorCache()}
	a.Public = &PublicSources{}
	a.attachServices()
	a.DirectoryQueries = &DirectoryQueryService{a}
	a.Events = &EventService{a}
	a.Library, a.libraryIndexes = &LibraryService{a}, &libraryIndexHolder{}
	a.Indicators = &IndicatorService{App: a, cache: &measureCache{}, recent: &recentResults{}, sideTx: make(chan struct{}, max(1, st.ReadConnections()/2))}
	a.News = &NewsService{a}
	a.Outreach = &OutreachService{a}
	a.Portal = &PortalService{a}
	a.registerPublicSources()
	a.Trainings = &TrainingService{a}
	// The home page's sections come in this order after the portal's own
	// (upcoming events): the latest news, featured resources, trainings
	// with a session to come, the outreach register.
	a.Public.Register(a.News)
	a.Public.Register(a.Library)
	a.Public.Register(a.Trainings)
	a.Public.Register(a.Outreach)
	a.Voice = &VoiceService{a}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	a.Jobs = newJobs(a)
	a.Events.registerJobs()
	a.News.registerJobs()
	a.dummyHash, _ = opts.Hasher.Hash(context.Background(), "no such account: dummy password")
	return a
}

// Close stops the App's background work and waits for it to end. Call it
// before closing the store; work asked afterwards does not start.
func (a *App) Close() {
	a.backMu.Lock()
	a.closed = true
	a.backMu.Unlock()
	a.cancel()
	a.background.Wait()
}

// goBackground runs work in a goroutine under the App's context, unless the
// App is closed; it reports whether work started.
func (a *App) goBackground(work func(ctx context.Context)) bool {
	a.backMu.Lock()
	defer a.backMu.Unlock()
	if a.closed {
		return false
	}
	a.background.Add(1)
	a.running.Add(1)
	go func() {
		defer a.background.Done()
		defer a.running.Add(-1)
		work(a.ctx)
	}()
	return true
}

// SetClock replaces the clock of the use cases and of the store that stamps
// their rows, so that tests (and the demo) run on a chosen date.
func (a *App) SetClock(now func() time.Time) {
	a.now = now
	a.store.SetClock(now)
}

// Now is the use cases' clock, in UTC.
func (a *App) Now() time.Time { return a.now() }

// Ready reports whether the database answers.
func (a *App) Ready(ctx context.Context) error { return a.store.Ping(ctx) }

// DataGeneration changes whenever this process commits a write; pages cached
// from an older generation are stale.
func (a *App) DataGeneration() uint64 { return a.store.Generation() }

// SoleWriter reports whether this process is its database's only writer
// (SQLite), so that DataGeneration sees every change: caches of family
// records are kept only then.
func (a *App) SoleWriter() bool { return a.store.Engine() == "sqlite" }

// Unavailable reports whether err means the database cannot answer now
// (down, restarting, busy): handlers answer 503 with Retry-After, not 500.
func Unavailable(err error) bool { return store.Unavailable(err) }
