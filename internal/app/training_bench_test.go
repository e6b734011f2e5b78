package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/demo"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
	"github.com/berceau/berceau/knowledge"
	"github.com/berceau/berceau/training"
)

// The learning records at a network's size: 500 professionals at 5 sites
// over 5 years; each year 12 meetings (each attended by a third of the
// people) and 4 trainings of 2 sessions (each followed by a fifth, most to
// the end); two external trainings a person a year, approved. That is
// about 80,000 attendances, 5,000 declarations and 20 trainings a year.
//
//	go test ./internal/app -run X -bench LearningRecord -benchtime 20x
//	BERCEAU_TEST_POSTGRES=… go test ./internal/app -run X -bench 'LearningRecord.*postgres' -benchtime 20x
const (
	benchPeople = 500
	benchYears  = 5
)

type learningWorld struct {
	a           *App
	person      berceau.Actor
	coordinator berceau.Actor
	admin       berceau.Actor
}

func newLearningWorld(b *testing.B, engine string) *learningWorld {
	b.Helper()
	ctx := context.Background()
	st := testutil.OpenStore(b, engine)
	if _, err := demo.Load(ctx, st, cheapHasher, testBox); err != nil {
		b.Fatal(err)
	}
	a := newTestApp(b, st)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	a.SetClock(func() time.Time { return now })
	org := directory.NameUUID("demo-org:nid-hochelaga")
	var firstUser int64
	err := st.WriteTx(ctx, func(tx *store.Tx) error {
		o, err := tx.OrganisationBySlug(ctx, "premiers-pas")
		if err != nil {
			return err
		}
		var sites []int64
		for i := range 5 {
			s := berceau.Site{OrganisationID: o.ID, Slug: fmt.Sprintf("bench-site-%d", i), Name: fmt.Sprintf("Site %d", i)}
			if err := tx.CreateSite(ctx, &s); err != nil {
				return err
			}
			sites = append(sites, s.ID)
		}
		coordinator := berceau.User{Email: "coord.bench@reseau.example", DisplayName: "Coordination", Locale: "fr",
			Roles: []berceau.RoleGrant{{Role: berceau.RoleSiteCoordinator, OrganisationID: o.ID, SiteID: sites[0]}}}
		if err := tx.CreateUser(ctx, &coordinator, ""); err != nil {
			return err
		}
		var users []berceau.User
		for i := range benchPeople {
			u := berceau.User{Email: fmt.Sprintf("pro.%03d@reseau.example", i), DisplayName: fmt.Sprintf("Professionnelle %03d", i),
				Discipline: berceau.Disciplines[i%len(berceau.Disciplines)], Locale: "fr",
				Roles: []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: o.ID, SiteID: sites[i%len(sites)]}}}
			if err := tx.CreateUser(ctx, &u, ""); err != nil {
				return err
			}
			users = append(users, u)
		}
		firstUser = users[0].ID
		event := func(start time.Time, kind knowledge.EventKind, title string) (knowledge.Event, error) {
			e := knowledge.Event{Kind: kind, Title: berceau.TextOf("fr", title), Organizers: []string{org},
				Place: knowledge.Place{Kind: knowledge.PlaceAddress, Address: "2110, rue Ontario Est"}, Start: start, End: start.Add(3 * time.Hour),
				TimeZone: "America/Toronto", Audience: knowledge.AudienceMembers, Free: true, Status: knowledge.StatusScheduled}
			return e, tx.CreateEvent(ctx, &e)
		}
		attend := func(e knowledge.Event, u berceau.User) error {
			r := knowledge.Registration{EventID: e.ID, UserID: u.ID, Name: u.DisplayName, Email: u.Email, Sector: knowledge.SectorHealth,
				Language: "fr", State: knowledge.StateAttended}
			if err := tx.CreateRegistration(ctx, &r, "s", 0); err != nil {
				return err
			}
			return tx.SetLearningHours(ctx, r, 180, 0)
		}
		for y := range benchYears {
			year := 2022 + y
			for m := range 12 {
				e, err := event(time.Date(year, time.Month(m+1), 10, 14, 0, 0, 0, time.UTC), knowledge.KindMeeting, "Rencontre")
				if err != nil {
					return err
				}
				for i, u := range users {
					if (i+m)%3 == 0 {
						if err := attend(e, u); err != nil {
							return err
						}
					}
				}
			}
			for k := range 4 {
				t := training.Training{Title: berceau.TextOf("fr", fmt.Sprintf("Formation %d-%d", year, k)), Minutes: 6 * 60,
					Modality: training.InPerson, Language: "fr", OrganizationID: org}
				var sessions []knowledge.Event
				for s := range 2 {
					e, err := event(time.Date(year, time.Month(3*k+1), 5+7*s, 14, 0, 0, 0, time.UTC), knowledge.KindTraining, "Séance")
					if err != nil {
						return err
					}
					sessions = append(sessions, e)
					t.SessionIDs = append(t.SessionIDs, e.ID)
				}
				if err := tx.CreateTraining(ctx, &t); err != nil {
					return err
				}
				for i, u := range users {
					if (i+k)%5 != 0 {
						continue
					}
					for s, e := range sessions {
						if s == 1 && i%10 == 0 {
							continue // missed the second session
						}
						if err := attend(e, u); err != nil {
							return err
						}
					}
				}
			}
			for _, u := range users {
				for d := range 2 {
					decl := training.Declaration{UserID: u.ID, Title: "Formation externe", Provider: "Ailleurs",
						On: time.Date(year, time.Month(4+4*d), 15, 0, 0, 0, 0, time.UTC), Minutes: 120, ProofName: "a.pdf", ProofType: "application/pdf"}
					if err := tx.CreateDeclaration(ctx, &decl, []byte("%PDF-1.4\n")); err != nil {
						return err
					}
					if err := tx.DecideDeclaration(ctx, decl.ID, training.Approved, coordinator.ID, ""); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	w := &learningWorld{a: a}
	actor := func(id int64) berceau.Actor {
		act, err := a.Accounts.ActorFor(ctx, id, "192.0.2.9")
		if err != nil {
			b.Fatal(err)
		}
		return act
	}
	w.person = actor(firstUser)
	var coord, admin berceau.User
	_ = st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		if coord, err = tx.UserByEmail(ctx, "coord.bench@reseau.example"); err != nil {
			return err
		}
		admin, err = tx.UserByEmail(ctx, "admin@berceau.example")
		return err
	})
	w.coordinator, w.admin = actor(coord.ID), actor(admin.ID)
	return w
}

func benchLearning(b *testing.B, engine string, run func(ctx context.Context, w *learningWorld) (int, error)) {
	w := newLearningWorld(b, engine)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		n, err := run(ctx, w)
		if err != nil || n == 0 {
			b.Fatalf("%d, %v", n, err)
		}
	}
}

func myRecord(ctx context.Context, w *learningWorld) (int, error) {
	r, err := w.a.Trainings.MyLearningRecord(ctx, w.person, 0, "fr")
	return r.Ledger.Minutes(), err
}

func siteRecords(ctx context.Context, w *learningWorld) (int, error) {
	r, err := w.a.Trainings.SiteLearningRecords(ctx, w.coordinator, 2025, "fr")
	return len(r.People), err
}

func networkRecords(ctx context.Context, w *learningWorld) (int, error) {
	r, err := w.a.Trainings.NetworkLearningRecords(ctx, w.admin, 2025)
	return r.TotalMinutes, err
}

func BenchmarkLearningRecordOfOnePerson_sqlite(b *testing.B) { benchLearning(b, "sqlite", myRecord) }
func BenchmarkLearningRecordsOfASite_sqlite(b *testing.B)    { benchLearning(b, "sqlite", siteRecords) }
func BenchmarkLearningRecordsOfTheNetwork_sqlite(b *testing.B) {
	benchLearning(b, "sqlite", networkRecords)
}

func BenchmarkLearningRecordOfOnePerson_postgres(b *testing.B) {
	benchLearning(b, "postgres", myRecord)
}
func BenchmarkLearningRecordsOfASite_postgres(b *testing.B) {
	benchLearning(b, "postgres", siteRecords)
}
func BenchmarkLearningRecordsOfTheNetwork_postgres(b *testing.B) {
	benchLearning(b, "postgres", networkRecords)
}
