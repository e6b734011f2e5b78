package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// Volumes of the five-year family file of BenchmarkFamilyPageWithFiveYearsOfHistory.
const (
	benchQuarters          = 20 // five years, one write transaction per quarter
	benchScreenings        = 20
	benchStatusChanges     = 10
	benchKeyWorkerChanges  = 8
	benchDecisions         = 6
	benchConsents          = 6
	benchFamilyAudit       = 3000  // audit entries about the family: five years of visits
	benchOtherAudit        = 30000 // audit entries about other objects
	benchNewestOrientation = "Orientation la plus récente : banc-essai-T20"
)

// benchTeam is the Parc-Extension perinatal team of the demo network with
// the users the history is written by.
type benchTeam struct {
	team                 berceau.Team
	nurse, coord, social berceau.User
	otherTeam            berceau.Team
	otherFamilyIDs       []int64
}

func loadBenchTeam(b *testing.B, st *store.Store) benchTeam {
	b.Helper()
	ctx := context.Background()
	var bt benchTeam
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		teams, err := tx.ListTeams(ctx)
		if err != nil {
			return err
		}
		for _, t := range teams {
			if t.Slug == "parc-ex-perinatalite" {
				bt.team = t
			} else if bt.otherTeam.ID == 0 {
				bt.otherTeam = t
			}
		}
		for email, u := range map[string]*berceau.User{"infirmiere@berceau.example": &bt.nurse,
			"coordination@berceau.example": &bt.coord, "travail.social@berceau.example": &bt.social} {
			if *u, err = tx.UserByEmail(ctx, email); err != nil {
				return err
			}
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		var siteIDs []int64
		for _, s := range sites {
			siteIDs = append(siteIDs, s.ID)
		}
		families, err := tx.ListFamilies(ctx, berceau.FamilyScope{SiteIDs: siteIDs})
		for _, f := range families {
			bt.otherFamilyIDs = append(bt.otherFamilyIDs, f.ID)
		}
		return err
	})
	if err != nil || bt.team.ID == 0 || bt.otherTeam.ID == 0 || len(bt.otherFamilyIDs) == 0 {
		b.Fatalf("demo network: %v (team %d)", err, bt.team.ID)
	}
	return bt
}

func benchFamily(bt benchTeam, status care.FamilyStatus, keyWorker int64, start time.Time) *care.Family {
	return &care.Family{SiteID: bt.team.SiteID, TeamID: bt.team.ID, KeyWorkerID: keyWorker, Status: status,
		Languages: "ourdou, anglais, français", InterpreterNeeded: true, Phone: "514 555-0199",
		Address: "7400, rue Durocher, app. 2, Montréal",
		Members: []care.HouseholdMember{
			{Role: care.MemberParent, GivenName: "Ayesha", Surname: "Banc-Essai", BirthDate: start.AddDate(0, 0, -27*365)},
			{Role: care.MemberPartner, GivenName: "Imran", Surname: "Banc-Essai", BirthDate: start.AddDate(0, 0, -31*365)},
			{Role: care.MemberChild, GivenName: "Zara", Surname: "Banc-Essai", BirthDate: start.AddDate(0, 0, 61)},
			{Role: care.MemberChild, GivenName: "Omar", Surname: "Banc-Essai", BirthDate: start.AddDate(0, 0, 3*365+31)},
		}}
}

// seedFiveYearFamily writes one Parc-Extension family with five years of
// history straight through the store, one write transaction per quarter,
// the store's clock moved to each quarter so the rows' timestamps spread.
func seedFiveYearFamily(b *testing.B, st *store.Store, bt benchTeam) int64 {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	start := now.AddDate(0, 0, -5*365)
	quarter := func(q int) time.Time { return start.Add(time.Duration(q) * (5 * 365 * 24 * time.Hour / benchQuarters)) }
	defer st.SetClock(func() time.Time { return time.Now().UTC() })

	rulebook := care.SIPPERulebook(care.DefaultIncomeThresholds())
	workers := []berceau.User{bt.social, bt.nurse, bt.coord, bt.nurse, bt.social, bt.coord, bt.social, bt.nurse} // the last one stays
	var familyID int64
	var keyWorker int64
	otherTypes := []string{"user", "session", "screening", "decision", "family", "team", "site"}
	otherActions := map[string]string{"user": "admin.user.update", "session": "auth.sign_in", "screening": "family.screening.create",
		"decision": "family.decision.confirm", "family": "family.read", "team": "admin.team.update", "site": "admin.site.update"}
	actors := []berceau.User{bt.nurse, bt.coord, bt.social}
	familyActions := []string{"family.read", "family.history.read", "family.screening.read"}
	var statusDone, kwDone, decisionsDone, consentsDone, familyAudit, otherAudit int

	for q := 0; q < benchQuarters; q++ {
		at := quarter(q)
		st.SetClock(func() time.Time { return at })
		err := st.WriteTx(ctx, func(tx *store.Tx) error {
			if q == 0 {
				f := benchFamily(bt, care.FamilyActive, bt.nurse.ID, start)
				if err := tx.CreateFamily(ctx, f); err != nil {
					return err
				}
				familyID = f.ID
			}
			// A screening every quarter; the household's income moves
			// around the threshold, so outcomes vary.
			if q < benchScreenings {
				date := at.Truncate(24 * time.Hour)
				size, income := 4, 24000+(q%5)*6000
				diploma, isolated := q%3 == 0, q%4 == 0
				youngest := start.AddDate(0, 0, 61)
				if q >= 12 {
					youngest = start.AddDate(0, 0, 3*365+31)
				}
				in := care.ScreeningInput{Date: date, YoungestChildBirthDate: &youngest, HouseholdSize: &size,
					AnnualIncome: &income, SecondaryDiploma: &diploma, SociallyIsolated: &isolated}
				if q == 10 {
					due := start.AddDate(0, 0, 3*365+31)
					in.PregnancyDueDate = &due
				}
				s := &care.StoredScreening{FamilyID: familyID, Programme: care.ProgrammeSIPPE, Input: in,
					Screening: rulebook.Evaluate(in), ScreenedBy: actors[q%3].ID}
				if q == benchScreenings-1 {
					s.Orientation = benchNewestOrientation
				}
				if err := tx.CreateScreening(ctx, s); err != nil {
					return err
				}
			}
			// Status: screening → active, then four closures and reopenings,
			// and one transfer from another team.
			if q%2 == 0 && statusDone < benchStatusChanges {
				c := &care.StatusChange{FamilyID: familyID, ChangedBy: bt.coord.ID}
				switch {
				case statusDone == 0:
					c.From, c.To, c.Reason = care.FamilyScreening, care.FamilyActive, "admise au SIPPE"
				case statusDone == 5:
					c.From, c.To, c.Reason = care.FamilyActive, care.FamilyActive, "déménagement dans Parc-Extension"
					c.FromSiteID, c.FromTeamID, c.ToSiteID, c.ToTeamID = bt.otherTeam.SiteID, bt.otherTeam.ID, bt.team.SiteID, bt.team.ID
				case statusDone == 1 || statusDone == 3 || statusDone == 6 || statusDone == 8:
					c.From, c.To, c.Reason, c.Closure = care.FamilyActive, care.FamilyClosed, "plus de nouvelles", care.ClosureUnreachable
				default:
					c.From, c.To, c.Reason = care.FamilyClosed, care.FamilyActive, "la famille revient"
				}
				if err := tx.AddStatusChange(ctx, c); err != nil {
					return err
				}
				statusDone++
			}
			if kwDone < benchKeyWorkerChanges && q >= kwDone*benchQuarters/benchKeyWorkerChanges {
				keyWorker = workers[kwDone].ID
				if err := tx.AddKeyWorkerChange(ctx, &care.KeyWorkerChange{FamilyID: familyID, UserID: keyWorker,
					Reason: "répartition des dossiers", ChangedBy: bt.coord.ID}); err != nil {
					return err
				}
				kwDone++
			}
			if decisionsDone < benchDecisions && q >= 1+decisionsDone*3 {
				d := &care.AdmissionDecision{FamilyID: familyID, Verdict: care.VerdictAdmit,
					Rationale: "jugement clinique : isolement et précarité", Quorum: care.DefaultQuorum, ProposedBy: bt.nurse.ID,
					Participants: []care.Participant{{UserID: bt.nurse.ID, Discipline: bt.nurse.Discipline},
						{UserID: bt.social.ID, Discipline: bt.social.Discipline}, {UserID: bt.coord.ID, Discipline: bt.coord.Discipline}}}
				if decisionsDone == 2 {
					d.Verdict, d.Orientation = care.VerdictRefuse, "CLSC de Parc-Extension"
				}
				if err := tx.CreateAdmissionDecision(ctx, d); err != nil {
					return err
				}
				decisionsDone++
			}
			if consentsDone < benchConsents && q >= consentsDone*3 {
				c := &care.Consent{FamilyID: familyID, Kind: care.ConsentProcessing, GivenOn: at, RecordedBy: bt.nurse.ID}
				if consentsDone%2 == 1 {
					c.Kind, c.Partner, c.ExpiresOn = care.ConsentSharing, "CLSC de Parc-Extension", at.AddDate(0, 0, 365)
				}
				if err := tx.CreateConsent(ctx, c); err != nil {
					return err
				}
				consentsDone++
			}
			// The quarter's audit trail: visits of this file among the
			// network's other work.
			nFamily, nOther := benchFamilyAudit/benchQuarters, benchOtherAudit/benchQuarters
			step := (5 * 365 * 24 * time.Hour / benchQuarters) / time.Duration(nFamily+nOther+1)
			for i := 0; i < nFamily+nOther; i++ {
				e := &berceau.AuditEntry{At: at.Add(time.Duration(i+1) * step), Outcome: berceau.OutcomeSuccess,
					ClientAddress: "10.0.0." + strconv.Itoa(1+i%200)}
				actor := actors[i%len(actors)]
				e.ActorID, e.ActorEmail = actor.ID, actor.Email
				if i%11 == 0 && familyAudit < benchFamilyAudit {
					e.Action, e.ObjectType, e.ObjectID = familyActions[i%3], "family", strconv.FormatInt(familyID, 10)
					familyAudit++
				} else if otherAudit < benchOtherAudit {
					typ := otherTypes[i%len(otherTypes)]
					e.Action, e.ObjectType = otherActions[typ], typ
					if typ == "family" {
						e.ObjectID = strconv.FormatInt(bt.otherFamilyIDs[i%len(bt.otherFamilyIDs)], 10)
					} else {
						e.ObjectID = strconv.Itoa(1 + i%500)
					}
					otherAudit++
				} else {
					continue
				}
				if err := tx.AppendAudit(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatalf("quarter %d: %v", q, err)
		}
	}
	got := fmt.Sprint(statusDone, kwDone, decisionsDone, consentsDone, familyAudit, otherAudit)
	want := fmt.Sprint(benchStatusChanges, benchKeyWorkerChanges, benchDecisions, benchConsents, benchFamilyAudit, benchOtherAudit)
	if got != want {
		b.Fatalf("seeded %s, want %s", got, want)
	}
	return familyID
}

func benchFamilyPage(b *testing.B, ts *testServer, familyID int64, want string) {
	br := ts.newBrowser(b)
	br.signIn("infirmiere@berceau.example")
	path := "/families/" + itoa(familyID)
	if resp, body := br.get(path); resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
		b.Fatalf("GET %s: status %d, %q missing", path, resp.StatusCode, want)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resp, body := br.get(path)
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
		if !strings.Contains(body, want) {
			b.Fatalf("%q missing", want)
		}
	}
}

// BenchmarkFamilyPageWithFiveYearsOfHistory serves GET /families/{id} over
// real HTTP to the family's nurse for a Parc-Extension family with five
// years of history (20 screenings, 10 status changes, 8 key worker changes,
// 6 decisions, 6 consents, 4 members) and 33,000 audit entries, 3,000 of
// them about this family.
func BenchmarkFamilyPageWithFiveYearsOfHistory(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	bt := loadBenchTeam(b, ts.store)
	id := seedFiveYearFamily(b, ts.store, bt)
	benchFamilyPage(b, ts, id, benchNewestOrientation)
}

// BenchmarkFamilyPageNewFile is the same page for a new Parc-Extension file
// with no history at all, on the demo network as loaded.
func BenchmarkFamilyPageNewFile(b *testing.B) {
	ts := newSQLiteServer(b, Options{})
	bt := loadBenchTeam(b, ts.store)
	ctx := context.Background()
	f := benchFamily(bt, care.FamilyScreening, bt.nurse.ID, time.Now().UTC().AddDate(0, 0, -365))
	if err := ts.store.WriteTx(ctx, func(tx *store.Tx) error { return tx.CreateFamily(ctx, f) }); err != nil {
		b.Fatal(err)
	}
	benchFamilyPage(b, ts, f.ID, "Banc-Essai")
}
