package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// ImportSummary counts what an import brought in.
type ImportSummary struct {
	Organizations, Locations, Services, Terms, History int
	// Remapped counts records matched to existing ones by an external
	// identifier rather than by id.
	Remapped int
}

// ImportDirectory writes an HSDS dataset into the directory in one
// transaction: all of it or, on any error, nothing. Records are matched by
// id, organisations also by their external identifiers and locations by
// theirs, so re-importing updates and never duplicates. progress, when not
// nil, is told how many services are written.
func (a *DirectoryService) ImportDirectory(ctx context.Context, actor berceau.Actor, ds *hsds.Dataset, progress func(done, total int)) (ImportSummary, error) {
	var sum ImportSummary
	target := auditTarget{Action: "directory.import", ObjectType: "directory"}
	if err := a.deny(ctx, actor, berceau.PermDirectoryModerate, target); err != nil {
		return sum, err // before checking a whole dataset for nobody
	}
	if err := checkDataset(ds); err != nil {
		return sum, err
	}
	// Rows go in in primary-key order: B-tree pages fill one after the
	// other instead of at random (3× faster at 100 000 services on SQLite).
	sort.Slice(ds.Services, func(i, j int) bool { return ds.Services[i].ID < ds.Services[j].ID })
	err := a.write(ctx, actor, berceau.PermDirectoryModerate, target, func(tx *store.Tx, entry *auditTarget) error {
		if err := tx.PrepareBulkWrite(ctx); err != nil {
			return err
		}
		for _, t := range append([]directory.DirectoryTaxonomy{directory.NeedsTaxonomy, directory.OrganizationKindTaxonomy, directory.ProfileTaxonomy}, ds.Taxonomies...) {
			if err := tx.PutTaxonomy(ctx, t); err != nil {
				return err
			}
		}
		for _, t := range ds.Terms {
			if err := tx.PutTaxonomyTerm(ctx, t); err != nil {
				return err
			}
			sum.Terms++
		}
		orgIDs := map[string]string{} // incoming id → stored id
		for _, o := range ds.Organizations {
			for _, id := range o.Identifiers {
				existing, ok, err := tx.OrganizationIDByIdentifier(ctx, id.IdentifierType, id.Identifier)
				if err != nil {
					return err
				}
				if ok && existing != o.ID {
					orgIDs[o.ID] = existing
					o.ID = existing
					sum.Remapped++
					break
				}
			}
			if err := tx.PutOrganization(ctx, o); err != nil {
				return err
			}
			sum.Organizations++
		}
		mapOrg := func(id string) string {
			if m, ok := orgIDs[id]; ok {
				return m
			}
			return id
		}
		locIDs := map[string]string{}
		for _, l := range ds.Locations {
			l.OrganizationID = mapOrg(l.OrganizationID)
			if l.ExternalIdentifier != "" {
				existing, ok, err := tx.LocationIDByExternalIdentifier(ctx, l.ExternalIdentifierType, l.ExternalIdentifier)
				if err != nil {
					return err
				}
				if ok && existing != l.ID {
					locIDs[l.ID] = existing
					l.ID = existing
					sum.Remapped++
				}
			}
			if err := tx.PutLocation(ctx, l); err != nil {
				return err
			}
			sum.Locations++
		}
		// Statements prepared once for all the services.
		services, err := tx.ServiceWriter(ctx)
		if err != nil {
			return err
		}
		defer services.Close(ctx)
		for i, s := range ds.Services {
			s.OrganizationID = mapOrg(s.OrganizationID)
			for j := range s.Locations {
				if m, ok := locIDs[s.Locations[j].LocationID]; ok {
					s.Locations[j].LocationID = m
				}
			}
			if err := services.Put(ctx, s); err != nil {
				return fmt.Errorf("service %s: %w", s.ID, err)
			}
			sum.Services++
			if progress != nil && (i%500 == 0 || i == len(ds.Services)-1) {
				progress(i+1, len(ds.Services))
			}
		}
		if err := services.Close(ctx); err != nil {
			return err
		}
		for _, h := range ds.History {
			if err := tx.AddHistory(ctx, h); err != nil {
				return err
			}
			sum.History++
		}
		entry.Detail = fmt.Sprintf("%d organisations, %d locations, %d services", sum.Organizations, sum.Locations, sum.Services)
		return nil
	})
	return sum, err
}

// maxImportProblems bounds the field errors an import reports: enough to
// fix a feed, not a second copy of a broken one.
const maxImportProblems = 200

// checkDataset validates every record of ds before anything is written, so
// that a refused import names each record and field at fault (e.g.
// "service 1f0c…: url"). The store checks each record again as it writes.
func checkDataset(ds *hsds.Dataset) error {
	fields := map[string]string{}
	note := func(kind, id string, err error) {
		var de *berceau.Error
		if !errors.As(err, &de) {
			return
		}
		for field, key := range de.Fields {
			if len(fields) < maxImportProblems {
				fields[kind+" "+id+": "+field] = key
			}
		}
	}
	for _, o := range ds.Organizations {
		note("organization", o.ID, o.Validate())
	}
	for _, l := range ds.Locations {
		note("location", l.ID, l.Validate())
	}
	for _, s := range ds.Services {
		note("service", s.ID, s.Validate())
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "hardening_input.import_invalid", Fields: fields}
	}
	return nil
}

// ExportDirectory reads the whole directory for an HSDS export, as reader
// may read it (DirectoryAudience, RedactDirectory): the export of a
// moderator for the public holds what an anonymous visitor reads.
func (a *DirectoryService) ExportDirectory(ctx context.Context, actor, reader berceau.Actor) (*hsds.Dataset, error) {
	aud := DirectoryAudience(reader)
	ds := &hsds.Dataset{}
	err := a.read(ctx, actor, berceau.PermDirectoryModerate, &auditTarget{Action: "directory.export", ObjectType: "directory"}, func(tx *store.Tx) error {
		return readDirectory(ctx, tx, ds, store.DirectoryPage{}, storeAudience(aud))
	})
	if err != nil {
		return nil, err
	}
	RedactDirectory(ds, aud)
	// Reading wrote nothing, so the entry has a transaction of its own.
	a.recordAlone(ctx, actor, "directory.export", "directory", 0, berceau.OutcomeSuccess, fmt.Sprintf("%d services", len(ds.Services)))
	return ds, nil
}

// readDirectory fills ds with the services p selects and everything they
// refer to (all organisations, locations and taxonomies when p is empty).
func readDirectory(ctx context.Context, tx *store.Tx, ds *hsds.Dataset, p store.DirectoryPage, aud store.Audience) error {
	var err error
	if ds.Services, _, err = tx.DirectoryServices(ctx, p, aud); err != nil {
		return err
	}
	whole := p.Limit == 0 && p.IDs == nil && p.ModifiedAfter.IsZero() && p.OrganizationID == ""
	orgPage, locPage := store.DirectoryPage{}, store.DirectoryPage{}
	if !whole {
		orgPage.IDs, locPage.IDs = []string{}, []string{}
		seenO, seenL := map[string]bool{}, map[string]bool{}
		for _, s := range ds.Services {
			if s.OrganizationID != "" && !seenO[s.OrganizationID] {
				seenO[s.OrganizationID] = true
				orgPage.IDs = append(orgPage.IDs, s.OrganizationID)
			}
			for _, l := range s.Locations {
				if !seenL[l.LocationID] {
					seenL[l.LocationID] = true
					locPage.IDs = append(locPage.IDs, l.LocationID)
				}
			}
		}
	}
	if ds.Organizations, _, err = tx.DirectoryOrganizations(ctx, orgPage); err != nil {
		return err
	}
	if ds.Locations, err = tx.DirectoryLocations(ctx, locPage); err != nil {
		return err
	}
	dropInvalidLegacyValues(ds)
	if whole {
		if ds.Taxonomies, err = tx.Taxonomies(ctx); err != nil {
			return err
		}
		if ds.Terms, err = tx.TaxonomyTerms(ctx, ""); err != nil {
			return err
		}
		if ds.History, err = tx.History(ctx, nil); err != nil {
			return err
		}
	}
	return nil
}

// dropInvalidLegacyValues clears the web and e-mail addresses of ds that
// the domain refuses today (a javascript: address accepted before the
// checks existed) and names each one in ds.Warnings: an export or an API
// answer never carries them, and one bad value never fails a whole export.
func dropInvalidLegacyValues(ds *hsds.Dataset) {
	warn := func(kind, id, field, value string) {
		ds.Warnings = append(ds.Warnings, fmt.Sprintf("%s %s: %s: %q is not valid and was left out", kind, id, field, value))
	}
	url := func(kind, id, field string, v *string) {
		if *v != "" && !berceau.ValidWebURL(*v) {
			warn(kind, id, field, *v)
			*v = ""
		}
	}
	email := func(kind, id, field string, v *string) {
		if *v != "" && !berceau.ValidEmailAddress(*v) {
			warn(kind, id, field, *v)
			*v = ""
		}
	}
	contacts := func(kind, id string, cs []directory.DirectoryContact) {
		for i := range cs {
			email(kind, id, "contacts.email", &cs[i].Email)
		}
	}
	links := func(kind, id, field string, us []directory.DirectoryURL) []directory.DirectoryURL {
		kept := us[:0]
		for _, u := range us {
			if berceau.ValidWebURL(u.URL) {
				kept = append(kept, u)
			} else {
				warn(kind, id, field, u.URL)
			}
		}
		return kept
	}
	for i := range ds.Organizations {
		o := &ds.Organizations[i]
		url("organization", o.ID, "website", &o.Website)
		url("organization", o.ID, "logo", &o.Details.Logo)
		url("organization", o.ID, "uri", &o.Details.URI)
		email("organization", o.ID, "email", &o.Email)
		o.Details.URLs = links("organization", o.ID, "additional_websites.url", o.Details.URLs)
		contacts("organization", o.ID, o.Details.Contacts)
	}
	for i := range ds.Locations {
		l := &ds.Locations[i]
		url("location", l.ID, "url", &l.Details.URL)
		for j := range l.Details.Accessibility {
			url("location", l.ID, "accessibility.url", &l.Details.Accessibility[j].URL)
		}
		contacts("location", l.ID, l.Details.Contacts)
	}
	for i := range ds.Services {
		s := &ds.Services[i]
		url("service", s.ID, "url", &s.URL)
		email("service", s.ID, "email", &s.Email)
		s.Details.URLs = links("service", s.ID, "additional_urls.url", s.Details.URLs)
		contacts("service", s.ID, s.Details.Contacts)
	}
}

// builtIndex is an index and the directory revision it was read at.
type builtIndex struct {
	index    *search.DirectoryIndex
	revision int64
}

// indexHolder serves the current index while at most one new one is built
// in the background.
type indexHolder struct {
	current atomic.Pointer[builtIndex]

	mu        sync.Mutex
	building  chan struct{} // closed when the running builds end; nil when none runs
	lastErr   error         // of the last build
	checked   time.Time
	generated uint64
}

// indexRecheck bounds how stale the index may be after another instance
// (sharing a PostgreSQL database) changed the directory.
const indexRecheck = 2 * time.Second

// DirectoryIndex returns the search index. It never builds one inside the
// request once an index exists: after a write, it answers with the previous
// index and starts building a new one in the background (at once after a
// write of this process, within indexRecheck after another instance's),
// which replaces it when ready. Only the very first call, when there is no
// index at all, waits for one. Pages showing a record just changed read the
// database, not this index.
func (a *DirectoryService) DirectoryIndex(ctx context.Context) (*search.DirectoryIndex, error) {
	h := a.index
	cur := h.current.Load()
	if cur == nil {
		if err := a.WaitDirectoryIndex(ctx); err != nil {
			return nil, err
		}
		return h.current.Load().index, nil
	}
	h.mu.Lock()
	gen := a.store.Generation()
	if gen == h.generated && time.Since(h.checked) < indexRecheck {
		h.mu.Unlock()
		return cur.index, nil
	}
	// This request checks; the others keep answering meanwhile.
	h.checked, h.generated = time.Now(), gen
	h.mu.Unlock()
	if rev, err := a.directoryRevision(ctx); err != nil {
		a.log.Warn("directory revision unreadable", "error", err)
	} else if rev != cur.revision {
		a.startIndexBuild(h)
	}
	return cur.index, nil
}

// WaitDirectoryIndex returns once the index holds the directory as it is
// now: it starts a build if the index is older than the directory, and waits
// for the builds running. Tests use it rather than sleeping; the first
// search of a process waits through it.
func (a *DirectoryService) WaitDirectoryIndex(ctx context.Context) error {
	h := a.index
	for {
		// Closed: no build will start, even if the last one is current.
		if a.ctx.Err() != nil {
			return ErrClosed
		}
		rev, err := a.directoryRevision(ctx)
		if err != nil {
			return err
		}
		if cur := h.current.Load(); cur != nil && cur.revision >= rev {
			return nil
		}
		done := a.startIndexBuild(h)
		select {
		case <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if a.ctx.Err() != nil {
			return ErrClosed
		}
		h.mu.Lock()
		err = h.lastErr
		h.mu.Unlock()
		if err != nil {
			return err
		}
	}
}

// BuildDirectoryIndex starts building the search index in the background,
// so that the first search does not wait for it (7 s at 100,000 services).
func (a *DirectoryService) BuildDirectoryIndex() { a.startIndexBuild(a.index) }

// startIndexBuild starts a background build unless one runs (which checks
// for changes when it ends); it returns a channel closed when the builds end,
// at once when the App is closed.
func (a *DirectoryService) startIndexBuild(h *indexHolder) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.building != nil {
		return h.building
	}
	done := make(chan struct{})
	if !a.goBackground(func(ctx context.Context) { a.buildIndexes(ctx, h, done) }) {
		close(done)
		return done
	}
	h.building = done
	return done
}

// buildIndexes builds until the index is as new as the directory: a write
// made during a build brings another build after it. Close ends it (ctx).
func (a *DirectoryService) buildIndexes(ctx context.Context, h *indexHolder, done chan struct{}) {
	for {
		start := time.Now()
		ix, rev, err := a.buildIndex(ctx)
		if err == nil {
			if cur := h.current.Load(); cur == nil || rev >= cur.revision {
				h.current.Store(&builtIndex{index: ix, revision: rev})
			}
			a.log.Info("directory index built", "services", ix.Len(), "revision", rev, "duration", time.Since(start).Round(time.Millisecond))
		} else if ctx.Err() == nil {
			a.log.Error("directory index build failed", "error", err)
		}
		// Checked under the lock: a request that sees a change after this
		// starts a build of its own.
		h.mu.Lock()
		h.lastErr = err
		if err != nil || !a.revisionMoved(ctx, rev) {
			h.building = nil
			close(done)
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
	}
}

// revisionMoved reports whether the directory changed since revision rev.
func (a *DirectoryService) revisionMoved(ctx context.Context, rev int64) bool {
	now, err := a.directoryRevision(ctx)
	return err == nil && now != rev
}

func (a *DirectoryService) directoryRevision(ctx context.Context) (int64, error) {
	var rev int64
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		rev, err = tx.DirectoryRevision(ctx)
		return err
	})
	return rev, err
}

// buildIndex reads the public fields of every service into a new index,
// with the revision it read them at (same transaction).
func (a *DirectoryService) buildIndex(ctx context.Context) (*search.DirectoryIndex, int64, error) {
	var entries []search.DirectoryEntry
	var rev int64
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if rev, err = tx.DirectoryRevision(ctx); err != nil {
			return err
		}
		orgs, _, err := tx.DirectoryOrganizations(ctx, store.DirectoryPage{})
		if err != nil {
			return err
		}
		orgByID := make(map[string]*directory.DirectoryOrganization, len(orgs))
		for i := range orgs {
			orgByID[orgs[i].ID] = &orgs[i]
		}
		locs, err := tx.DirectoryLocations(ctx, store.DirectoryPage{})
		if err != nil {
			return err
		}
		// Search is public: it knows what an anonymous visitor reads.
		public := DirectoryAudience(berceau.Anonymous(""))
		RedactDirectory(&hsds.Dataset{Locations: locs}, public)
		locByID := make(map[string]*directory.DirectoryLocation, len(locs))
		for i := range locs {
			locByID[locs[i].ID] = &locs[i]
		}
		links, err := tx.AllServiceLocations(ctx)
		if err != nil {
			return err
		}
		needName := map[string]berceau.Text{}
		for _, n := range directory.PerinatalNeeds {
			needName[n.ID] = n.Name
		}
		_, err = tx.EachDirectoryService(ctx, store.DirectoryPage{}, storeAudience(public), func(s directory.DirectoryService) error {
			s.Locations = links[s.ID]
			entries = append(entries, entryOf(s, orgByID[s.OrganizationID], locByID, needName))
			return nil
		})
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return search.BuildDirectoryIndex(entries), rev, nil
}

// entryOf is what search knows of a service: public fields only, and no
// position nor postal code of a redacted location (buildIndex reads them
// redacted for the public).
func entryOf(s directory.DirectoryService, org *directory.DirectoryOrganization, locs map[string]*directory.DirectoryLocation,
	needName map[string]berceau.Text) search.DirectoryEntry {
	e := search.DirectoryEntry{ServiceID: s.ID, OrganizationID: s.OrganizationID, Name: s.Name, Description: s.Description,
		Status: s.Status, NeedIDs: s.NeedIDs, Profile: s.Profile, Schedules: s.Details.Schedules, TimeZone: s.TimeZone,
		ConfirmedAt: s.Confirmation.At, LastModified: s.LastModified}
	e.Text = append(weighted(nil, s.Name, search.WeightName), search.WeightedText{Text: s.AlternateName, Weight: search.WeightName})
	e.Text = weighted(e.Text, s.Description, search.WeightDescription)
	e.Text = weighted(e.Text, s.Eligibility, search.WeightDescription)
	if org != nil {
		e.OrganizationName, e.OrganizationKind = org.Name, org.KindID
		e.Text = weighted(e.Text, org.Name, search.WeightOrganisaton)
	}
	for _, n := range s.NeedIDs {
		e.Text = weighted(e.Text, needName[n], search.WeightNeed)
	}
	for _, ar := range s.Details.Areas {
		if ar.Name != "" {
			e.Areas = append(e.Areas, ar.Name)
			e.Text = append(e.Text, search.WeightedText{Text: ar.Name, Weight: search.WeightArea})
		}
	}
	for _, l := range s.Details.Languages {
		if l.Code != "" {
			e.Languages = append(e.Languages, strings.ToLower(l.Code))
		}
	}
	for _, link := range s.Locations {
		l, ok := locs[link.LocationID]
		if !ok {
			continue
		}
		if line := l.AddressLine(); line != "" {
			e.Addresses = append(e.Addresses, line)
		}
		if l.Latitude == nil || l.Longitude == nil {
			continue
		}
		e.Points = append(e.Points, search.GeoPoint{Lat: *l.Latitude, Lon: *l.Longitude})
		e.PostalCodes = append(e.PostalCodes, search.NormalizePostalCode(l.PostalCode()))
	}
	return e
}

// ServicePage is everything a service page shows.
type ServicePage struct {
	Service      directory.DirectoryService
	Organization directory.DirectoryOrganization
	Locations    []directory.DirectoryLocation // redacted ones without address nor position for the public
	History      []directory.DirectoryChange
	// Professional is true when the reader may see professionals-only fields.
	Professional bool
}

// DirectoryServicePage reads a service for its page. Professionals-only
// fields reach only signed-in members of the network.
func (a *DirectoryService) DirectoryServicePage(ctx context.Context, actor berceau.Actor, id string) (ServicePage, error) {
	var p ServicePage
	if !berceau.ValidUUID(id) {
		return p, berceau.Errorf(berceau.KindNotFound, "directory.error.not_found")
	}
	aud := DirectoryAudience(actor)
	p.Professional = aud == hsds.Professionals
	err := a.store.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if p.Service, err = tx.DirectoryServiceByID(ctx, id, storeAudience(aud)); err != nil {
			return err
		}
		if p.Service.OrganizationID != "" {
			if p.Organization, err = tx.DirectoryOrganizationByID(ctx, p.Service.OrganizationID); err != nil && !berceau.IsNotFound(err) {
				return err
			}
		}
		ids := []string{}
		for _, l := range p.Service.Locations {
			ids = append(ids, l.LocationID)
		}
		if p.Locations, err = tx.DirectoryLocations(ctx, store.DirectoryPage{IDs: ids}); err != nil {
			return err
		}
		read := &hsds.Dataset{Services: []directory.DirectoryService{p.Service}, Locations: p.Locations}
		RedactDirectory(read, aud)
		p.Service, p.Locations = read.Services[0], read.Locations
		if p.Professional {
			p.History, err = tx.History(ctx, []string{id})
		}
		return err
	})
	return p, domainError(err)
}

// weighted adds a text in every language it has to what the search index
// reads, with one weight: a Dutch name is found like a French one.
func weighted(list []search.WeightedText, t berceau.Text, weight float32) []search.WeightedText {
	for _, lang := range t.Langs() {
		list = append(list, search.WeightedText{Text: t.Get(lang), Weight: weight})
	}
	return list
}
