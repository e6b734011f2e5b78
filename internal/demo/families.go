package demo

import (
	"context"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// familySeed is a fictional household. Dates are relative to the day the
// demo is loaded, so pregnancies are always current.
type familySeed struct {
	site, team  string
	languages   string
	interpreter bool
	phone       string
	address     string
	members     []memberSeed
	status      care.FamilyStatus
	keyWorker   string // email
}

type memberSeed struct {
	role           care.MemberRole
	given, surname string
	bornDaysAgo    int // 0: unknown
	dueInDays      int // unborn only
}

var families = []familySeed{
	{site: "premiers-pas-parc-ex", team: "parc-ex-perinatalite", languages: "arabe, français", interpreter: true,
		phone: "514 555-0142", address: "7320, avenue Champagneur, app. 3, Montréal", status: care.FamilyActive, keyWorker: "infirmiere@berceau.example",
		members: []memberSeed{
			{care.MemberPregnantPerson, "Yasmine", "Haddad", 29*365 + 40, 0},
			{care.MemberPartner, "Karim", "Haddad", 33*365 + 200, 0},
			{care.MemberUnborn, "", "Haddad", 0, 120},
		}},
	{site: "premiers-pas-parc-ex", team: "parc-ex-perinatalite", languages: "pendjabi, anglais", interpreter: true,
		phone: "438 555-0187", address: "815, rue Jean-Talon Ouest, Montréal", status: care.FamilyScreening,
		members: []memberSeed{
			{care.MemberPregnantPerson, "Harpreet", "Kaur", 24*365 + 100, 0},
			{care.MemberUnborn, "", "Kaur", 0, 230},
		}},
	{site: "premiers-pas-hochelaga", team: "hochelaga-pediatrie-sociale", languages: "français", phone: "514 555-0119",
		address: "2245, rue Davidson, Montréal", status: care.FamilyActive, keyWorker: "medecin@berceau.example",
		members: []memberSeed{
			{care.MemberParent, "Jessica", "Gagné", 21*365 + 12, 0},
			{care.MemberCaregiver, "Lise", "Gagné", 52*365 + 300, 0},
			{care.MemberChild, "Noah", "Gagné", 140, 0},
		}},
	{site: "mille-jours-saint-gilles", team: "saint-gilles-1000-jours", languages: "lingala, français", phone: "+32 470 55 01 23",
		address: "Rue de Mérode 214, 1060 Saint-Gilles", status: care.FamilyActive, keyWorker: "sage-femme@berceau.example",
		members: []memberSeed{
			{care.MemberParent, "Grâce", "Mbuyi", 27*365 + 80, 0},
			{care.MemberChild, "Divine", "Mbuyi", 60, 0},
			{care.MemberChild, "Elikia", "Mbuyi", 3*365 + 20, 0},
		}},
}

// createFamilies adds the demo households, each with its current status and
// key worker.
func createFamilies(ctx context.Context, tx *store.Tx, siteIDs, teamIDs, userIDs map[string]int64) error {
	today := tx.Now()
	familyIDs, keyWorkers := map[string]int64{}, map[string]int64{}
	for _, fs := range families {
		f := care.Family{SiteID: siteIDs[fs.site], TeamID: teamIDs[fs.team], Languages: fs.languages,
			InterpreterNeeded: fs.interpreter, Phone: fs.phone, Address: fs.address, Status: fs.status}
		for _, ms := range fs.members {
			m := care.HouseholdMember{Role: ms.role, GivenName: ms.given, Surname: ms.surname}
			if ms.bornDaysAgo > 0 {
				m.BirthDate = civilDay(today.AddDate(0, 0, -ms.bornDaysAgo))
			}
			if ms.dueInDays > 0 {
				m.DueDate = civilDay(today.AddDate(0, 0, ms.dueInDays))
			}
			f.Members = append(f.Members, m)
		}
		if err := tx.CreateFamily(ctx, &f); err != nil {
			return err
		}
		familyIDs[fs.members[0].surname], keyWorkers[fs.members[0].surname] = f.ID, userIDs[fs.keyWorker]
		// Every demo family consented to the processing of its data at
		// intake, as a real one must before any screening.
		consent := care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: civilDay(today.AddDate(0, 0, -30)),
			RecordedBy: userIDs["infirmiere@berceau.example"]}
		if err := tx.CreateConsent(ctx, &consent); err != nil {
			return err
		}
		if fs.status == care.FamilyActive {
			// Active files were admitted: their history says how.
			change := care.StatusChange{FamilyID: f.ID, From: care.FamilyScreening, To: care.FamilyActive,
				Reason: string(care.BasisCriteriaMet), ChangedBy: userIDs[fs.keyWorker]}
			if err := tx.AddStatusChange(ctx, &change); err != nil {
				return err
			}
		}
		if fs.keyWorker != "" {
			if err := tx.SetKeyWorker(ctx, f.ID, 0, userIDs[fs.keyWorker]); err != nil {
				return err
			}
			change := care.KeyWorkerChange{FamilyID: f.ID, UserID: userIDs[fs.keyWorker], Reason: "Intervenante pivot désignée à l’admission"}
			if err := tx.AddKeyWorkerChange(ctx, &change); err != nil {
				return err
			}
		}
	}
	return createFollowUps(ctx, tx, familyIDs, keyWorkers, userIDs["infirmiere@berceau.example"], userIDs["coordination@berceau.example"])
}

func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
