package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
)

// The scaled demo (berceau demo --families N) adds N generated households
// to the small demo network, for load tests and for trying the pages with a
// network's real volume: extra fictional practitioners so that each key
// worker follows 30 to 60 families, five years of contacts (about 100 per
// family on average, some files with 300 and more), planned visits in the
// coming week, goals, and referrals in every status with follow-up dates.
// Every name is drawn from lists of common first names and surnames of
// Montreal and Brussels and combined at random: nobody real is described.
//
// The history is written straight through the store in large transactions,
// contacts with multi-row inserts (store.BulkContacts), without an audit
// entry per row: it is generated history loaded by the operator's
// command line before the server starts, like the small demo (see
// ARCHITECTURE.md, "Departures"), and nobody read or changed a real file.

// ScaleSeed makes the generated dataset the same on every run (its dates
// stay relative to the day it is loaded).
const ScaleSeed = 20261123

// scaledSetting records that a database holds a scaled demo, and of how
// many families; "loading" is appended while a load is under way.
const scaledSetting = "demo.scaled_families"

// ShowcaseContacts is the number of contacts of the showcase family: the
// first family the demo nurse (infirmiere@berceau.example) follows in the
// scaled demo, whose follow-up page is the one load tests measure.
const ShowcaseContacts = 300

// familiesPerChunk is how many families one write transaction carries.
const familiesPerChunk = 250

// ScaleReport says what a scaled load wrote.
type ScaleReport struct {
	Families, Workers, Contacts, Planned, Referrals int
	// NotAdmitted are households screened but not admitted (not eligible,
	// or refused by a team decision), beside the Families followed.
	NotAdmitted      int
	ShowcaseFamilyID int64  // a family with ShowcaseContacts contacts
	ShowcaseWorker   string // its key worker's email
	AlreadyLoaded    bool   // nothing was written: the database already holds it
	Elapsed          time.Duration
}

// Scale adds n generated families to a database that holds the small demo
// (Load first). Loading the same n again writes nothing; another n, or a
// load that was interrupted, is refused: start from a fresh database.
func Scale(ctx context.Context, st *store.Store, hasher *auth.Hasher, box *auth.SecretBox, n int) (ScaleReport, error) {
	began := time.Now()
	report := ScaleReport{Families: n}
	if n <= 0 {
		return report, nil
	}
	var previous string
	if err := st.ReadTx(ctx, func(tx *store.Tx) (err error) {
		previous, err = tx.Setting(ctx, scaledSetting)
		if berceau.IsNotFound(err) {
			return nil
		}
		return err
	}); err != nil {
		return report, err
	}
	switch {
	case previous == strconv.Itoa(n):
		report.AlreadyLoaded = true
		return report, showcase(ctx, st, &report)
	case strings.HasSuffix(previous, "loading"):
		return report, fmt.Errorf("demo: an earlier scaled load (%s) was interrupted: start from a fresh database", previous)
	case previous != "":
		return report, fmt.Errorf("demo: this database already holds a scaled demo of %s families: start from a fresh database for %d", previous, n)
	}
	w, err := newWorld(ctx, st)
	if err != nil {
		return report, err
	}
	hash, err := hasher.Hash(ctx, Password)
	if err != nil {
		return report, err
	}
	sealed, err := box.Seal(TOTPSecret)
	if err != nil {
		return report, err
	}
	g := &generator{rnd: rand.New(rand.NewPCG(ScaleSeed, uint64(n))), access: rand.New(rand.NewPCG(ScaleSeed+1, uint64(n))), world: w}
	plan := g.caseloads(n)
	// The workers and the marker first, in one transaction: a later run sees
	// the marker and never loads twice.
	if err := st.WriteTx(ctx, func(tx *store.Tx) error {
		if v, err := tx.Setting(ctx, scaledSetting); err == nil {
			return fmt.Errorf("demo: a scaled demo (%s) was loaded meanwhile", v)
		}
		if err := tx.SetSetting(ctx, scaledSetting, strconv.Itoa(n)+" loading"); err != nil {
			return err
		}
		return g.createWorkers(ctx, tx, plan, hash, sealed)
	}); err != nil {
		return report, fmt.Errorf("demo: scaled workers: %w", err)
	}
	report.Workers = len(plan)
	for start := 0; start < n; start += familiesPerChunk {
		end := min(start+familiesPerChunk, n)
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return g.createFamilies(ctx, tx, start, end, &report) }); err != nil {
			return report, fmt.Errorf("demo: scaled families %d–%d: %w", start, end, err)
		}
	}
	if err := st.WriteTx(ctx, func(tx *store.Tx) error {
		if err := g.expectedBirths(ctx, tx); err != nil {
			return err
		}
		return tx.SetSetting(ctx, scaledSetting, strconv.Itoa(n))
	}); err != nil {
		return report, err
	}
	report.Elapsed = time.Since(began)
	return report, nil
}

// showcase finds the showcase family of a scaled demo loaded earlier.
func showcase(ctx context.Context, st *store.Store, report *ScaleReport) error {
	return st.ReadTx(ctx, func(tx *store.Tx) error {
		v, err := tx.Setting(ctx, showcaseSetting)
		if err != nil {
			return err
		}
		report.ShowcaseFamilyID, err = strconv.ParseInt(v, 10, 64)
		report.ShowcaseWorker = "infirmiere@berceau.example"
		return err
	})
}

// showcaseSetting keeps the showcase family's id.
const showcaseSetting = "demo.scaled_showcase_family"

// world is the small demo's network, which the scaled demo extends.
type world struct {
	teams []scaleTeam
	nurse berceau.User
}

type scaleTeam struct {
	berceau.Team
	orgID      int64
	programme  care.Programme
	brussels   bool
	coordinate int64 // a member who signs the key worker changes
}

func newWorld(ctx context.Context, st *store.Store) (world, error) {
	var w world
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		var err error
		if w.nurse, err = tx.UserByEmail(ctx, "infirmiere@berceau.example"); err != nil {
			return fmt.Errorf("load the small demo first: %w", err)
		}
		all, err := tx.ListTeams(ctx)
		if err != nil {
			return err
		}
		programmeOf := map[string]string{"parc-ex-perinatalite": "sippe", "hochelaga-pediatrie-sociale": "cspc", "saint-gilles-1000-jours": "mille-jours"}
		orgOf := map[string]string{"parc-ex-perinatalite": "premiers-pas", "hochelaga-pediatrie-sociale": "premiers-pas", "saint-gilles-1000-jours": "maison-mille-jours"}
		for _, t := range all {
			slug, ok := programmeOf[t.Slug]
			if !ok {
				continue
			}
			p, err := tx.ProgrammeBySlug(ctx, slug)
			if err != nil {
				return err
			}
			org, err := tx.OrganisationBySlug(ctx, orgOf[t.Slug])
			if err != nil {
				return err
			}
			st := scaleTeam{Team: t, orgID: org.ID, programme: p, brussels: slug == "mille-jours"}
			if len(t.MemberIDs) > 0 {
				st.coordinate = t.MemberIDs[0]
			}
			w.teams = append(w.teams, st)
		}
		if len(w.teams) != len(programmeOf) {
			return fmt.Errorf("demo: the small demo's teams are missing")
		}
		return nil
	})
	return w, err
}

// generator draws the scaled demo from one seeded source.
type generator struct {
	rnd *rand.Rand
	// access draws the access history (scale_access.go) from its own
	// source, so the rest of the dataset is drawn as before it existed.
	access *rand.Rand
	world  world
	// admitted counts admissions by site and year (expected births).
	admitted map[[2]int64]int
	plan     []caseload
	// family index → its caseload (worker) index
	owner []int
}

// caseload is one key worker and the families they follow.
type caseload struct {
	team     int // index in world.teams
	userID   int64
	email    string
	families int
}

// caseloads spreads n families over key workers following 30 to 60 each:
// the demo nurse takes the first 45 (the showcase family first), generated
// practitioners the rest, over the three demo teams (half of them in
// Parc-Extension, where the SIPPE volume is).
func (g *generator) caseloads(n int) []caseload {
	nurseTeam := 0
	for i, t := range g.world.teams {
		if t.Slug == "parc-ex-perinatalite" {
			nurseTeam = i
		}
	}
	plan := []caseload{{team: nurseTeam, userID: g.world.nurse.ID, email: g.world.nurse.Email, families: min(45, n)}}
	left := n - plan[0].families
	for left > 0 {
		k := min(30+g.rnd.IntN(31), left)
		team := nurseTeam
		if r := g.rnd.IntN(4); r >= 2 {
			team = (nurseTeam + r - 1) % len(g.world.teams)
		}
		plan = append(plan, caseload{team: team, families: k})
		left -= k
	}
	g.plan = plan
	g.owner = make([]int, 0, n)
	for i, c := range plan {
		for j := 0; j < c.families; j++ {
			g.owner = append(g.owner, i)
		}
	}
	return plan
}

// createWorkers adds the generated practitioners, with the demo password
// (hashed once: every account shares it, as in the small demo) and second
// factor, each a member of their team.
func (g *generator) createWorkers(ctx context.Context, tx *store.Tx, plan []caseload, hash, sealedTOTP string) error {
	for i := 1; i < len(plan); i++ {
		t := g.world.teams[plan[i].team]
		given, surname := g.person(t.brussels)
		email := fmt.Sprintf("%s.%s.%03d@berceau.example", slug(given), slug(surname), i)
		discipline := []berceau.Discipline{berceau.DisciplineNurse, berceau.DisciplineSocialWorker, berceau.DisciplineCommunityWorker,
			berceau.DisciplinePsychoeducator, berceau.DisciplineMidwife}[g.rnd.IntN(5)]
		u := berceau.User{Email: email, DisplayName: given + " " + surname, Discipline: discipline, Locale: "fr",
			Roles: []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: t.orgID, SiteID: t.SiteID}}}
		if err := tx.CreateUser(ctx, &u, hash); err != nil {
			return err
		}
		if err := tx.EnableTOTP(ctx, u.ID, sealedTOTP, 0, nil); err != nil {
			return err
		}
		if err := tx.AddTeamMember(ctx, t.ID, u.ID); err != nil {
			return err
		}
		plan[i].userID, plan[i].email = u.ID, email
	}
	return nil
}

// slug is a name in lower-case ASCII, for an email address.
func slug(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, _ := transform.String(t, s)
	var b strings.Builder
	for _, r := range strings.ToLower(plain) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '\'':
			b.WriteRune('-')
		}
	}
	return b.String()
}

func (g *generator) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

func (g *generator) person(brussels bool) (given, surname string) {
	if brussels {
		return g.pick(brusselsGiven), g.pick(brusselsSurnames)
	}
	return g.pick(montrealGiven), g.pick(montrealSurnames)
}

// createFamilies writes families [from, to) with their follow-up.
func (g *generator) createFamilies(ctx context.Context, tx *store.Tx, from, to int, report *ScaleReport) error {
	today := civilDay(tx.Now())
	var contacts []care.Contact
	for i := from; i < to; i++ {
		owner := g.plan[g.owner[i]]
		team := g.world.teams[owner.team]
		showcase := i == 0
		f := g.household(team, owner.userID, today)
		// Five years at most: SIPPE follows a family until the child goes to school.
		startDaysAgo := 60 + g.rnd.IntN(5*365-60)
		if showcase {
			startDaysAgo = 5*365 - 10
		}
		start := today.AddDate(0, 0, -startDaysAgo)
		// The demo nurse's caseload stays open: the pages load tests measure
		// show her 45 files followed.
		story := g.accessStory(team, start, today, g.owner[i] == 0)
		story.shape(&f)
		if err := tx.CreateFamily(ctx, &f); err != nil {
			return err
		}
		if showcase {
			report.ShowcaseFamilyID, report.ShowcaseWorker = f.ID, owner.email
			if err := tx.SetSetting(ctx, showcaseSetting, strconv.FormatInt(f.ID, 10)); err != nil {
				return err
			}
		}
		if err := g.admit(ctx, tx, f.ID, g.owner[i], team, start, story); err != nil {
			return err
		}
		levels := team.programme.Levels
		level := levels[g.rnd.IntN(len(levels))]
		if _, err := tx.AddIntensityChange(ctx, f.ID, care.LevelChange{On: start, Level: level, Reason: "Niveau fixé à l’admission"}, owner.userID); err != nil {
			return err
		}
		if startDaysAgo > 240 && g.rnd.IntN(2) == 0 {
			later := levels[g.rnd.IntN(len(levels))]
			on := start.AddDate(0, 0, 180+g.rnd.IntN(startDaysAgo-200))
			if _, err := tx.AddIntensityChange(ctx, f.ID, care.LevelChange{On: on, Level: later, Reason: "Réévaluation : rythme ajusté"}, owner.userID); err != nil {
				return err
			}
		}
		goalIDs, err := g.goals(ctx, tx, f.ID, team.programme.Slug, today)
		if err != nil {
			return err
		}
		if err := g.dateGoals(ctx, tx, goalIDs, start, story.until(today)); err != nil {
			return err
		}
		n := g.contactCount(showcase)
		contacts = append(contacts, g.history(f.ID, owner.userID, start, story.until(today), n, goalIDs)...)
		planned := 0
		if !showcase && story.closedOn.IsZero() {
			for k := 0; k < 2; k++ {
				if g.rnd.IntN(10) < []int{6, 2}[k] {
					c := care.Contact{FamilyID: f.ID, Kind: g.kind(), On: today.AddDate(0, 0, g.rnd.IntN(7)), Minutes: 60,
						Outcome: care.ContactPlanned, Notes: "Visite prévue.", WorkerIDs: []int64{owner.userID}}
					contacts = append(contacts, c)
					planned++
				}
			}
		}
		report.Planned += planned
		if err := g.datedReferrals(ctx, tx, f.ID, owner.userID, start, story.until(today), today, report); err != nil {
			return err
		}
		if err := g.reassessments(ctx, tx, f.ID, owner.userID, level.Code, start, story.until(today)); err != nil {
			return err
		}
		if err := g.close(ctx, tx, f.ID, owner.userID, story); err != nil {
			return err
		}
		if !showcase && g.access.IntN(100) < notAdmittedPercent {
			if err := g.notAdmitted(ctx, tx, team, owner.userID, today, report); err != nil {
				return err
			}
		}
	}
	report.Contacts += len(contacts)
	return tx.BulkContacts(ctx, contacts, g.world.nurse.ID)
}

// household draws a fictional household at the team's site.
func (g *generator) household(t scaleTeam, keyWorker int64, today time.Time) care.Family {
	given, surname := g.person(t.brussels)
	f := care.Family{SiteID: t.SiteID, TeamID: t.ID, KeyWorkerID: keyWorker, Status: care.FamilyActive}
	if t.brussels {
		f.Languages = g.pick([]string{"français", "néerlandais, français", "arabe, français", "lingala, français", "turc, français", "roumain, français"})
		f.Phone = fmt.Sprintf("+32 470 55 %02d %02d", g.rnd.IntN(100), g.rnd.IntN(100))
		f.Address = fmt.Sprintf("%s %d, 1060 Saint-Gilles", g.pick(brusselsStreets), 1+g.rnd.IntN(220))
	} else {
		f.Languages = g.pick([]string{"français", "anglais, français", "arabe, français", "espagnol, français", "créole haïtien, français", "pendjabi, anglais", "vietnamien, français"})
		f.Phone = fmt.Sprintf("514 555-%04d", g.rnd.IntN(10000))
		f.Address = fmt.Sprintf("%d, %s, Montréal", 100+g.rnd.IntN(9000), g.pick(montrealStreets))
	}
	f.InterpreterNeeded = !strings.HasPrefix(f.Languages, "français") && g.rnd.IntN(2) == 0
	f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberParent, GivenName: given, Surname: surname,
		BirthDate: today.AddDate(-(19 + g.rnd.IntN(22)), 0, -g.rnd.IntN(365))})
	if g.rnd.IntN(2) == 0 {
		partner := g.pick(montrealPartners)
		if t.brussels {
			partner = g.pick(brusselsPartners)
		}
		f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberPartner, GivenName: partner, Surname: surname,
			BirthDate: today.AddDate(-(21 + g.rnd.IntN(22)), 0, -g.rnd.IntN(365))})
	}
	f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberChild, GivenName: g.pick(childNames), Surname: surname,
		BirthDate: today.AddDate(0, 0, -30-g.rnd.IntN(4*365))})
	return f
}

// contactCount is about 100 on average: most files have 20 to 170
// contacts, one in twenty has 300 to 420.
func (g *generator) contactCount(showcase bool) int {
	if showcase {
		return ShowcaseContacts
	}
	if g.rnd.IntN(20) == 0 {
		return 300 + g.rnd.IntN(121)
	}
	return 20 + g.rnd.IntN(151)
}

func (g *generator) kind() care.ContactKind {
	r := g.rnd.IntN(100)
	switch {
	case r < 45:
		return care.ContactHomeVisit
	case r < 65:
		return care.ContactCall
	case r < 80:
		return care.ContactOfficeVisit
	case r < 84:
		return care.ContactGroupMeeting
	case r < 88:
		return care.ContactAccompaniment
	case r < 95:
		return care.ContactDaycareIntegration
	}
	return care.ContactAssessmentOrientation
}

// history draws n past contacts between start and yesterday.
func (g *generator) history(familyID, worker int64, start, today time.Time, n int, goalIDs []int64) []care.Contact {
	span := int(today.Sub(start).Hours()/24) - 1
	out := make([]care.Contact, 0, n)
	for k := 0; k < n; k++ {
		c := care.Contact{FamilyID: familyID, Kind: g.kind(), On: start.AddDate(0, 0, g.rnd.IntN(max(span, 1))),
			WorkerIDs: []int64{worker}}
		r := g.rnd.IntN(100)
		switch {
		case r < 84:
			c.Outcome, c.Minutes = care.ContactDone, 15+5*g.rnd.IntN(22)
			c.Notes = g.pick(doneNotes[c.Kind])
		case r < 93:
			c.Outcome, c.Notes = care.ContactMissed, "Personne au rendez-vous ; message laissé."
		default:
			c.Outcome, c.Notes = care.ContactCancelled, "Annulé à la demande de la famille."
		}
		out = append(out, c)
	}
	return out
}

var doneNotes = map[care.ContactKind][]string{
	care.ContactHomeVisit: {"Visite à domicile : allaitement et sommeil discutés.", "Visite : le bébé prend bien du poids.",
		"Visite : budget du mois revu avec la mère.", "Visite : jeux d’éveil montrés aux parents.", "Visite : préparation à l’arrivée du bébé."},
	care.ContactCall: {"Appel : rendez-vous confirmé.", "Appel : nouvelles de la famille, tout va bien.", "Appel : rappel du groupe de mardi."},
	care.ContactOfficeVisit: {"Rencontre au bureau : suivi de croissance.", "Rencontre au bureau : formulaires d’allocations remplis.",
		"Rencontre au bureau : vaccination à jour."},
	care.ContactGroupMeeting: {"Rencontre de groupe : les repas du tout-petit.", "Rencontre de groupe : le sommeil de bébé.",
		"Rencontre de groupe : jeux et comptines."},
	care.ContactAccompaniment:         {"Accompagnement à la banque alimentaire.", "Accompagnement au bureau d’aide au logement.", "Accompagnement à la clinique."},
	care.ContactDaycareIntegration:    {"Matinée d’intégration à la halte-garderie.", "Rencontre avec l’éducatrice de la halte-garderie."},
	care.ContactAssessmentOrientation: {"Rencontre d’évaluation-orientation avec la médecin et la travailleuse sociale."},
}

type goalSeed struct{ words, orientation, sub string }

var goalSeeds = []goalSeed{
	{"Allaiter mon bébé au moins trois mois", "child_development", "breastfeeding"},
	{"Trouver un logement plus grand", "living_conditions", "access_services"},
	{"Aller à tous mes rendez-vous de suivi", "health", "health_follow_up"},
	{"Que mon enfant aille à la halte-garderie", "child_development", "stimulation"},
	{"Reprendre mes études", "living_conditions", "socio_professional"},
	{"Mieux dormir la nuit", "health", "lifestyle"},
}

// cspcGoalSeeds are goals under a social pediatrics centre's own domains.
var cspcGoalSeeds = []goalSeed{
	{"Que mon enfant voie l’orthophoniste", "cspc_health", "cspc_specialised_care"},
	{"Que mon enfant entre à la garderie en septembre", "cspc_environment", "cspc_daycare_school"},
	{"Avoir de l’aide pour l’épicerie en fin de mois", "cspc_environment", "cspc_housing_food"},
	{"Jouer plus souvent avec mon enfant", "cspc_family", "cspc_bond"},
	{"Régler la garde de mon enfant devant la médiation", "cspc_rights", "cspc_legal_support"},
	{"Que mon enfant soit à jour dans ses vaccins", "cspc_health", "cspc_medical_follow_up"},
}

// goals writes two goals of the family's plan.
func (g *generator) goals(ctx context.Context, tx *store.Tx, familyID int64, programme string, today time.Time) ([]int64, error) {
	var ids []int64
	seeds := goalSeeds
	if programme == "cspc" {
		seeds = cspcGoalSeeds
	}
	first := g.rnd.IntN(len(seeds))
	for k := 0; k < 2; k++ {
		s := seeds[(first+k*3)%len(seeds)]
		status := []care.GoalStatus{care.GoalNotStarted, care.GoalInProgress, care.GoalInProgress, care.GoalAchieved, care.GoalAbandoned}[g.rnd.IntN(5)]
		goal := care.Goal{FamilyID: familyID, Words: s.words, Orientation: s.orientation, SubObjective: s.sub, Status: status,
			Progress: g.rnd.IntN(care.MaxProgress + 1), TargetDate: today.AddDate(0, 0, 30+g.rnd.IntN(180))}
		if err := tx.CreateGoal(ctx, &goal); err != nil {
			return nil, err
		}
		ids = append(ids, goal.ID)
	}
	return ids, nil
}

var referralSeeds = []struct{ resource, partner, reason string }{
	{"Banque alimentaire du quartier", "Banque alimentaire du quartier", "Fin de mois difficile"},
	{"Halte-garderie communautaire", "Halte-garderie communautaire", "Répit et socialisation de l’enfant"},
	{"Clinique d’allaitement", "Clinique d’allaitement", "Difficultés d’allaitement"},
	{"Aide au logement", "Comité logement", "Logement trop petit"},
	{"Cours de français pour adultes", "Centre d’éducation des adultes", "Apprendre le français"},
	{"Consultation psychologique périnatale", "Service de santé mentale périnatale", "Fatigue et tristesse après la naissance"},
}

// referrals writes zero to three referrals, in every status over the
// dataset (the path a referral took to reach it is in its history), with a
// follow-up date from a week ago to three weeks ahead when still open.
func (g *generator) referrals(ctx context.Context, tx *store.Tx, familyID, worker int64, today time.Time, report *ScaleReport) error {
	return g.datedReferrals(ctx, tx, familyID, worker, time.Time{}, today, today, report)
}

// datedReferrals writes referrals as referrals does; with a start, each is
// made on a day of the follow-up [start, until) and moves on over the
// following weeks (its first appointment 7 to 56 days after it was made),
// never after today.
func (g *generator) datedReferrals(ctx context.Context, tx *store.Tx, familyID, worker int64, start, until, today time.Time, report *ScaleReport) error {
	for k := g.rnd.IntN(4); k > 0; k-- {
		s := referralSeeds[g.rnd.IntN(len(referralSeeds))]
		status := care.ReferralStatuses[g.rnd.IntN(len(care.ReferralStatuses))]
		r := care.Referral{FamilyID: familyID, ExternalResource: s.resource, Partner: s.partner, Reason: s.reason,
			Status: care.ReferralProposed, CreatedBy: worker}
		if !status.Terminal() {
			r.NextFollowUp = today.AddDate(0, 0, g.rnd.IntN(29)-7)
		}
		if err := tx.CreateReferral(ctx, &r); err != nil {
			return err
		}
		at := tx.Now()
		if !start.IsZero() {
			at = start.AddDate(0, 0, g.access.IntN(max(1, int(until.Sub(start).Hours()/24)))).Add(time.Duration(9+g.access.IntN(8)) * time.Hour)
			if err := tx.Backdate(ctx, store.BackdateReferral, r.ID, at); err != nil {
				return err
			}
		}
		for _, to := range referralPath[status] {
			if !start.IsZero() {
				step := 2 + g.access.IntN(12)
				if to == care.ReferralFirstAppointmentHeld {
					step = 7 + g.access.IntN(50)
				}
				at = at.AddDate(0, 0, step)
				if now := tx.Now(); at.After(now) {
					at = now
				}
			}
			change := care.ReferralChange{From: r.Status, To: to, NextFollowUp: r.NextFollowUp, By: worker, At: at}
			r.Status = to
			if to == care.ReferralDeclined || to == care.ReferralNotReached {
				change.Reason = "Places complètes pour la session"
				if to == care.ReferralDeclined {
					r.DeclineReason = change.Reason
				}
			}
			var err error
			if r.Version, err = tx.SaveReferralChange(ctx, r, r.Version, change); err != nil {
				return err
			}
		}
		report.Referrals++
	}
	return nil
}

// Lists of common first names and surnames heard in Montreal and Brussels,
// combined at random: no combination describes anyone.
var montrealGiven = []string{"Yasmine", "Amira", "Sofia", "Léa", "Chloé", "Mariam", "Fatou", "Ana", "Gabriela", "Nour", "Emma",
	"Jade", "Zoé", "Rosalie", "Florence", "Maëlle", "Aïcha", "Priya", "Harpreet", "Mei", "Thi Lan", "Nadia", "Samira", "Kenza",
	"Rania", "Inès", "Olivia", "Alicia", "Daniela", "Marie-Ève", "Geneviève", "Josée", "Stéphanie", "Audrey", "Kimberly",
	"Tatiana", "Esther", "Rebecca", "Widline", "Mirlande", "Nathalie", "Djeneba", "Awa", "Roxane", "Camila", "Valentina"}
var montrealSurnames = []string{"Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Ouellet",
	"Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher", "Caron", "Beaulieu",
	"Cloutier", "Dubé", "Poirier", "Fournier", "Nguyen", "Tran", "Pham", "Haddad", "Khoury", "Benali", "Joseph", "Jean-Baptiste",
	"Pierre", "Charles", "Singh", "Kaur", "Patel", "Rodriguez", "Garcia", "Silva", "Santos", "Diallo", "Traoré", "Koné", "Ahmed",
	"Hussain", "Chen", "Wang", "Li"}
var montrealPartners = []string{"Karim", "Mathieu", "Jonathan", "Olivier", "Samuel", "Mohamed", "Youssef", "Jean-Philippe",
	"Ricardo", "Minh", "Gurpreet", "Wilson", "Kevin", "Alexandre", "Marc-André", "Ibrahima"}
var brusselsGiven = []string{"Els", "Fien", "Lotte", "Sarah", "Fatima", "Khadija", "Salma", "Aya", "Grâce", "Merveille", "Chantal",
	"Ioana", "Elena", "Marta", "Ayşe", "Elif", "Zeynep", "Hanna", "Laura", "Camille", "Manon", "Julie", "Lina", "Amal", "Nora",
	"Imane", "Sanae", "Anaïs", "Charlotte", "Noor"}
var brusselsSurnames = []string{"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
	"De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Lejeune", "Renard", "El Amrani", "Bouzid",
	"El Idrissi", "Mbuyi", "Kabeya", "Tshibanda", "Nsimba", "Lukusa", "Yilmaz", "Demir", "Kaya", "Popescu", "Ionescu", "Nowak",
	"Rossi"}
var brusselsPartners = []string{"Pieter", "Bram", "Wout", "Mehdi", "Rachid", "Yassine", "Emre", "Mihai", "Patrick", "Thomas",
	"Jean-Marc", "Christian", "Arnaud", "Sébastien"}
var childNames = []string{"Noah", "Liam", "Adam", "Léo", "Nathan", "Éli", "Jayden", "Mohamed", "Ayoub", "Lucas", "Louis", "Mila",
	"Alice", "Lina", "Sarah", "Éva", "Romy", "Hana", "Divine", "Elikia", "Maya", "Kiara", "Nahia", "Rayan"}
var montrealStreets = []string{"avenue Bloomfield", "rue Jean-Talon Ouest", "avenue Champagneur", "rue Ontario Est",
	"rue Davidson", "avenue de l’Épée", "rue Hochelaga", "rue Sainte-Catherine Est", "avenue Querbes", "rue Ogilvy",
	"rue Adam", "rue Lafontaine", "avenue d’Orléans", "rue Saint-Roch"}
var brusselsStreets = []string{"Rue de la Victoire", "Rue de Mérode", "Chaussée de Waterloo", "Rue de Moscou", "Rue Théodore Verhaegen",
	"Avenue du Parc", "Rue de Parme", "Rue Fernand Bernier", "Rue de Bosnie", "Chaussée de Forest"}
