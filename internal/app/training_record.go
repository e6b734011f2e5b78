package app

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// The learning record: one hours ledger per professional (package
// training builds it), read by the person, by the coordinators of their
// sites, and summed for the network.

// ledgerScope is whose ledgers to build: one person (userID), the people
// of userIDs, or everyone (both zero); year (0: every year) lets the store
// skip the events of other years that are no training's session.
type ledgerScope struct {
	userID  int64
	userIDs []int64
	year    int
}

// ledgersTx builds the ledgers of the people of scope, by user id;
// providers are named in lang.
func ledgersTx(ctx context.Context, tx *store.Tx, scope ledgerScope, lang string) (map[int64]training.Ledger, error) {
	userID := scope.userID
	trainings, _, err := tx.Trainings(ctx, store.TrainingFilter{})
	if err != nil {
		return nil, err
	}
	sessions, err := tx.TrainingSessions(ctx, nil)
	if err != nil {
		return nil, err
	}
	marks, err := tx.CompletionMarks(ctx, userID, 0)
	if err != nil {
		return nil, err
	}
	ids := scope.userIDs
	if userID != 0 {
		ids = []int64{userID}
	}
	var from, to time.Time
	if scope.year != 0 {
		// A day's margin each side: an event's day is its own zone's.
		from = time.Date(scope.year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		to = time.Date(scope.year+1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	}
	attended, err := tx.LearningAttendancesOf(ctx, ids, from, to)
	if err != nil {
		return nil, err
	}
	approved, err := tx.Declarations(ctx, userID, scope.userIDs, training.Approved)
	if err != nil {
		return nil, err
	}
	providers := map[int64]string{}
	orgs := map[string]directory.DirectoryOrganization{}
	for _, t := range trainings {
		o, err := cachedOrganization(ctx, tx, orgs, t.OrganizationID)
		if err != nil {
			return nil, err
		}
		providers[t.ID], _ = o.Name.In(lang)
	}
	declared := map[int64][]training.Declaration{}
	for _, d := range approved {
		declared[d.UserID] = append(declared[d.UserID], d)
	}
	users := map[int64]bool{}
	if userID != 0 {
		users[userID] = true
	}
	if scope.userIDs != nil {
		wanted := map[int64]bool{}
		for _, id := range scope.userIDs {
			wanted[id] = true
		}
		for id := range marks {
			if !wanted[id] {
				delete(marks, id)
			}
		}
	}
	for id := range attended {
		users[id] = true
	}
	for id := range marks {
		users[id] = true
	}
	for id := range declared {
		users[id] = true
	}
	out := map[int64]training.Ledger{}
	// A training counts for a person when they attended one of its
	// sessions or hold a mark; the others cannot be complete.
	sessionOf := map[int64]int64{}
	for tid, list := range sessions {
		for _, s := range list {
			sessionOf[s.EventID] = tid
		}
	}
	byID := map[int64]training.Training{}
	for _, t := range trainings {
		byID[t.ID] = t
	}
	for id := range users {
		relevant := map[int64]bool{}
		for _, a := range attended[id] {
			if tid, ok := sessionOf[a.EventID]; ok {
				relevant[tid] = true
			}
		}
		for tid := range marks[id] {
			relevant[tid] = true
		}
		in := training.LedgerInput{Attended: attended[id], Sessions: sessions, Marks: marks[id], Providers: providers, Approved: declared[id]}
		for tid := range relevant {
			if t, ok := byID[tid]; ok {
				in.Trainings = append(in.Trainings, t)
			}
		}
		sort.Slice(in.Trainings, func(i, j int) bool { return in.Trainings[i].ID < in.Trainings[j].ID })
		out[id] = training.BuildLedger(in)
	}
	return out, nil
}

// coordinatedSitesTx lists the sites the actor coordinates and may review
// the learning records of (learning.review).
func coordinatedSitesTx(ctx context.Context, tx *store.Tx, actor berceau.Actor) ([]int64, error) {
	if !actor.Can(berceau.PermLearningReview) || actor.User.ID == 0 {
		return nil, nil
	}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	return berceau.CoordinatedSites(actor.User.Roles, func(org int64) []int64 {
		var ids []int64
		for _, s := range sites {
			if s.OrganisationID == org {
				ids = append(ids, s.ID)
			}
		}
		return ids
	}), nil
}

// coordinatesTx reports whether the actor coordinates a site the person
// works at. Nobody coordinates themselves: their own declarations go to
// another coordinator.
func coordinatesTx(ctx context.Context, tx *store.Tx, actor berceau.Actor, userID int64) (bool, error) {
	if userID == actor.User.ID {
		return false, nil
	}
	mine, err := coordinatedSitesTx(ctx, tx, actor)
	if err != nil || len(mine) == 0 {
		return false, err
	}
	theirs, err := tx.UserSiteIDs(ctx, userID)
	if err != nil {
		return false, err
	}
	for _, id := range theirs {
		if slices.Contains(mine, id) {
			return true, nil
		}
	}
	return false, nil
}

// learner reports whether the actor keeps a learning record of their own:
// the network's professionals who take part in its community (events,
// trainings: community.participate).
func learner(actor berceau.Actor) bool { return actor.User.ID != 0 && actor.Can(berceau.PermCommunity) }

var errNotLearner = berceau.Errorf(berceau.KindForbidden, "training.error.not_learner")

var errNotCoordinator = berceau.Errorf(berceau.KindForbidden, "training.error.not_coordinator")

// LearningRecord is one person's record as their page shows it.
type LearningRecord struct {
	Person training.Person
	// Ledger holds every year; Year is the one asked (0: all).
	Ledger training.Ledger
	Year   int
	// Declarations are the person's external trainings, in every status.
	Declarations []training.Declaration
	// Certificates are the person's certificates, revoked ones too.
	Certificates []training.Certificate
	// Reviewer: the reader is a coordinator of the person (not the person).
	Reviewer bool
}

// Shown is the ledger of the year asked.
func (r LearningRecord) Shown() training.Ledger { return r.Ledger.In(r.Year) }

// CertificateFor returns the certificate in force for a ledger entry.
func (r LearningRecord) CertificateFor(e training.Entry) *training.Certificate {
	for i, c := range r.Certificates {
		if c.Revoked() {
			continue
		}
		if (e.TrainingID != 0 && c.TrainingID == e.TrainingID) || (e.EventID != 0 && c.EventID == e.EventID) {
			return &r.Certificates[i]
		}
	}
	return nil
}

// MyLearningRecord reads the actor's own record for year (0: all years).
func (s *TrainingService) MyLearningRecord(ctx context.Context, actor berceau.Actor, year int, lang string) (LearningRecord, error) {
	if !learner(actor) {
		s.recordAlone(ctx, actor, "learning_record.read", "user", actor.User.ID, berceau.OutcomeDenied, "")
		return LearningRecord{}, errNotLearner
	}
	return s.readRecord(ctx, actor, actor.User.ID, year, lang)
}

// PersonLearningRecord reads the record of a person the actor coordinates
// (learning.review on one of their sites), audited.
func (s *TrainingService) PersonLearningRecord(ctx context.Context, actor berceau.Actor, userID int64, year int, lang string) (LearningRecord, error) {
	return s.readRecord(ctx, actor, userID, year, lang)
}

func (s *TrainingService) readRecord(ctx context.Context, actor berceau.Actor, userID int64, year int, lang string) (LearningRecord, error) {
	out := LearningRecord{Year: year}
	err := s.readAudited(ctx, actor, "learning_record.read", "user", userID, func(tx *store.Tx) (string, error) {
		if userID != actor.User.ID {
			ok, err := coordinatesTx(ctx, tx, actor, userID)
			if err != nil || !ok {
				return "", firstErr(err, errNotCoordinator)
			}
			out.Reviewer = true
		}
		u, err := tx.UserByID(ctx, userID)
		if err != nil {
			return "", err
		}
		out.Person = training.Person{UserID: u.ID, Name: u.DisplayName, Discipline: u.Discipline, Locale: u.Locale}
		ledgers, err := ledgersTx(ctx, tx, ledgerScope{userID: userID}, lang)
		if err != nil {
			return "", err
		}
		out.Ledger = ledgers[userID]
		if out.Declarations, err = tx.Declarations(ctx, userID, nil, ""); err != nil {
			return "", err
		}
		if out.Certificates, err = tx.Certificates(ctx, userID, 0); err != nil {
			return "", err
		}
		return "year " + strconv.Itoa(year), nil
	})
	return out, domainError(err)
}

// PersonTotal is one person's hours in a year, by category.
type PersonTotal struct {
	Person     training.Person
	Minutes    int
	ByCategory map[training.Category]int
}

// SiteRecords is what a coordinator sees of their sites' people.
type SiteRecords struct {
	Year    int
	People  []PersonTotal
	Pending []training.Declaration // external trainings waiting for a decision
	// ByDiscipline sums the year's minutes per discipline.
	ByDiscipline map[berceau.Discipline]int
}

// SiteLearningRecords lists the people of the sites the actor coordinates
// with their hours in year (0: every year) and the declarations waiting
// for their decision; audited.
func (s *TrainingService) SiteLearningRecords(ctx context.Context, actor berceau.Actor, year int, lang string) (SiteRecords, error) {
	out := SiteRecords{Year: year, ByDiscipline: map[berceau.Discipline]int{}}
	err := s.readAudited(ctx, actor, "learning_record.site", "site", 0, func(tx *store.Tx) (string, error) {
		sites, err := coordinatedSitesTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		if len(sites) == 0 {
			return "", errNotCoordinator
		}
		people, err := tx.LearningPeople(ctx, sites)
		if err != nil {
			return "", err
		}
		everyone := make([]int64, 0, len(people))
		for _, p := range people {
			everyone = append(everyone, p.UserID)
		}
		ledgers, err := ledgersTx(ctx, tx, ledgerScope{userIDs: everyone, year: year}, lang)
		if err != nil {
			return "", err
		}
		var ids []int64
		for _, p := range people {
			l := ledgers[p.UserID].In(year)
			out.People = append(out.People, PersonTotal{Person: p, Minutes: l.Minutes(), ByCategory: l.ByCategory()})
			out.ByDiscipline[p.Discipline] += l.Minutes()
			if p.UserID != actor.User.ID {
				ids = append(ids, p.UserID)
			}
		}
		if out.Pending, err = tx.Declarations(ctx, 0, ids, training.Pending); err != nil {
			return "", err
		}
		return strconv.Itoa(len(people)) + " people", nil
	})
	return out, domainError(err)
}

// NetworkCell is the hours of one discipline at one site.
type NetworkCell struct {
	SiteID     int64
	SiteName   string
	Discipline berceau.Discipline
	People     int
	Minutes    int
}

// NetworkRecords is the network's hours in a year by discipline and site.
type NetworkRecords struct {
	Year         int
	Cells        []NetworkCell // by site name then discipline
	Sites        []NetworkCell // one per site, every discipline
	Disciplines  []NetworkCell // one per discipline, every site
	TotalMinutes int
	People       int
}

// NetworkLearningRecords sums every professional's hours in year (0: every
// year) by discipline and site, each person counted at their first site:
// the network administrator's view (admin.users); names stay out of it.
func (s *TrainingService) NetworkLearningRecords(ctx context.Context, actor berceau.Actor, year int) (NetworkRecords, error) {
	out := NetworkRecords{Year: year}
	err := s.readAudited(ctx, actor, "learning_record.network", "network", 0, func(tx *store.Tx) (string, error) {
		if !actor.Can(berceau.PermAdminUsers) {
			return "", berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
		}
		people, err := tx.LearningPeople(ctx, nil)
		if err != nil {
			return "", err
		}
		ledgers, err := ledgersTx(ctx, tx, ledgerScope{year: year}, "fr")
		if err != nil {
			return "", err
		}
		type key struct {
			site int64
			d    berceau.Discipline
		}
		cells := map[key]*NetworkCell{}
		sites := map[int64]*NetworkCell{}
		disciplines := map[berceau.Discipline]*NetworkCell{}
		for _, p := range people {
			minutes := ledgers[p.UserID].In(year).Minutes()
			k := key{p.SiteID, p.Discipline}
			if cells[k] == nil {
				cells[k] = &NetworkCell{SiteID: p.SiteID, SiteName: p.SiteName, Discipline: p.Discipline}
			}
			if sites[p.SiteID] == nil {
				sites[p.SiteID] = &NetworkCell{SiteID: p.SiteID, SiteName: p.SiteName}
			}
			if disciplines[p.Discipline] == nil {
				disciplines[p.Discipline] = &NetworkCell{Discipline: p.Discipline}
			}
			for _, c := range []*NetworkCell{cells[k], sites[p.SiteID], disciplines[p.Discipline]} {
				c.People++
				c.Minutes += minutes
			}
			out.TotalMinutes += minutes
			out.People++
		}
		bySite := func(list []NetworkCell) {
			sort.Slice(list, func(i, j int) bool {
				a, b := list[i], list[j]
				if (a.SiteID == 0) != (b.SiteID == 0) {
					return b.SiteID == 0 // no site last
				}
				if a.SiteName != b.SiteName {
					return strings.ToLower(a.SiteName) < strings.ToLower(b.SiteName)
				}
				return a.Discipline < b.Discipline
			})
		}
		for _, c := range cells {
			out.Cells = append(out.Cells, *c)
		}
		bySite(out.Cells)
		for _, c := range sites {
			out.Sites = append(out.Sites, *c)
		}
		bySite(out.Sites)
		for _, d := range append(append([]berceau.Discipline(nil), berceau.Disciplines...), "") {
			if c := disciplines[d]; c != nil {
				out.Disciplines = append(out.Disciplines, *c)
			}
		}
		return "year " + strconv.Itoa(year), nil
	})
	return out, domainError(err)
}
