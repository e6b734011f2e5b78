package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
)

// The small demo's history: two years of a network's ordinary work before
// the day the demo is loaded, so that the indicator dashboards and the
// evaluator's de-identified view show true numbers (cells under five
// families are hidden from evaluators; a handful of files would hide them
// all). 160 fictional households at the three sites, each with its
// path: intake and consent, screening (stored as the SIPPE rulebook
// evaluates it; team review for the programmes without one), admission by
// the criteria or by a team decision, or a refusal with an orientation;
// a pregnancy and its birth, or an admission after birth; enrollment with
// a key worker, intensity changes, contacts at the level's rhythm (home
// visits, office, calls, group meetings, some with an interpreter), plan
// goals, referrals to directory services with their outcome and first
// appointment, reassessments (most on time), closures with reasons for
// about half, the expected births of each site and year, and the families'
// anonymous voice.
//
// The households belong to a second care team at each site, followed by
// ten fictional practitioners of their own: the demo accounts' files, lists
// and days stay as they are (tests and load runs read them), and the site
// coordinator sees both teams.
//
// Everything is drawn from one seeded source relative to the day the demo
// is loaded (historyPlan, a pure function), then written straight through
// the store in one transaction, each row stamped with the day it happened
// (tx.At), without an audit entry per row: it is generated history loaded
// by the operator's command line before the server starts, like the rest of
// the demo (see scale.go and ARCHITECTURE.md, "Departures").

// HistorySeed makes the history the same on every run (its dates stay
// relative to the day it is loaded).
const HistorySeed = 20261202

// historySetting records that the history is loaded: loading twice adds
// nothing.
const historySetting = "demo.history"

// historyDays is how far back the history goes.
const historyDays = 730

type historyWorker struct {
	email, name string
	discipline  berceau.Discipline
}

// historySite is one site's share of the history.
type historySite struct {
	site, org        string // slugs of the small demo
	team, teamName   string
	households       int
	sippeShare       int // % of households in SIPPE; the rest in other
	other            string
	brussels         bool
	expectedBirths   [3]int // the year before last, last year, this year
	favourable       int    // % of agreeing voice answers
	workers          []historyWorker
	groupTitle       string
	firstContactNote string
}

var historySites = []historySite{
	{site: "premiers-pas-parc-ex", org: "premiers-pas", team: "parc-ex-familles", teamName: "Équipe familles Parc-Extension",
		households: 66, sippeShare: 100, expectedBirths: [3]int{92, 96, 100}, favourable: 84,
		groupTitle: "Groupe des mamans du jeudi", firstContactNote: "Première rencontre : présentation du programme SIPPE.",
		workers: []historyWorker{
			{"nadia.benali@berceau.example", "Nadia Benali", berceau.DisciplineNurse},
			{"marie-eve.tremblay@berceau.example", "Marie-Ève Tremblay", berceau.DisciplineSocialWorker},
			{"widline.joseph@berceau.example", "Widline Joseph", berceau.DisciplineCommunityWorker},
			{"priya.singh@berceau.example", "Priya Singh", berceau.DisciplinePsychoeducator},
		}},
	{site: "premiers-pas-hochelaga", org: "premiers-pas", team: "hochelaga-accueil-suivi", teamName: "Équipe accueil et suivi Hochelaga",
		households: 48, sippeShare: 45, other: "cspc", expectedBirths: [3]int{60, 62, 64}, favourable: 72,
		groupTitle: "Café-rencontre des parents", firstContactNote: "Première rencontre : évaluation-orientation avec la famille.",
		workers: []historyWorker{
			{"genevieve.cote@berceau.example", "Geneviève Côté", berceau.DisciplineSocialWorker},
			{"olivier.pelletier@berceau.example", "Olivier Pelletier", berceau.DisciplineNurse},
			{"djeneba.traore@berceau.example", "Djeneba Traoré", berceau.DisciplineCommunityWorker},
		}},
	{site: "mille-jours-saint-gilles", org: "maison-mille-jours", team: "saint-gilles-quartier", teamName: "Équipe de quartier Saint-Gilles",
		households: 46, other: "mille-jours", brussels: true, expectedBirths: [3]int{54, 57, 60}, favourable: 80,
		groupTitle: "Groupe des parents du mardi", firstContactNote: "Première rencontre : présentation de l’accompagnement des 1000 premiers jours.",
		workers: []historyWorker{
			{"fien.peeters@berceau.example", "Fien Peeters", berceau.DisciplineMidwife},
			{"khadija.el-amrani@berceau.example", "Khadija El Amrani", berceau.DisciplineSocialWorker},
			{"ioana.popescu@berceau.example", "Ioana Popescu", berceau.DisciplineNurse},
		}},
}

// HistoryWorkers is the number of practitioners the history adds.
func HistoryWorkers() int {
	n := 0
	for _, s := range historySites {
		n += len(s.workers)
	}
	return n
}

// historyService is a directory service families are referred to, with
// how its referrals tend to end: weights of reached, waitlisted, refused,
// no answer.
type historyService struct {
	org, code string
	outcomes  [4]int
	reason    string
}

var montrealServices = []historyService{
	{"clsc-parcex", "allaitement", [4]int{8, 1, 0, 1}, "Difficultés d’allaitement"},
	{"clsc-parcex", "vaccination", [4]int{9, 0, 0, 1}, "Vaccins du bébé à mettre à jour"},
	{"marmite", "paniers", [4]int{6, 3, 1, 0}, "Fin de mois difficile"},
	{"maison-familles-stmichel", "francisation", [4]int{3, 6, 1, 0}, "Apprendre le français"},
	{"clinique-juridique-nord", "logement", [4]int{3, 3, 1, 3}, "Logement insalubre, propriétaire qui ne répond pas"},
	{"clinique-juridique-nord", "immigration", [4]int{5, 1, 1, 3}, "Statut d’immigration et accès aux soins"},
	{"mere-veille", "blues", [4]int{6, 3, 0, 1}, "Fatigue et tristesse après la naissance"},
	{"mere-veille", "accompagnante", [4]int{7, 1, 2, 0}, "Préparer l’accouchement sans famille proche"},
	{"nid-hochelaga", "halte", [4]int{3, 6, 1, 0}, "Répit pour la mère"},
	{"envol-parcex", "eval", [4]int{4, 5, 0, 1}, "Retard de langage à évaluer"},
	{"marraines", "jumelage", [4]int{5, 2, 0, 3}, "Isolement depuis l’arrivée à Montréal"},
}

var brusselsServices = []historyService{
	{"parvis", "psy", [4]int{3, 6, 0, 1}, "Fatigue et tristesse après la naissance"},
	{"parvis", "social", [4]int{8, 0, 1, 1}, "Démarches pour les allocations familiales"},
	{"one-molenbeek", "enfants", [4]int{9, 0, 0, 1}, "Suivi de croissance et vaccins"},
	{"panier-anderlecht", "epicerie", [4]int{5, 1, 3, 1}, "Fin de mois difficile"},
	{"panier-anderlecht", "cpas", [4]int{6, 2, 1, 1}, "Ouvrir un dossier au CPAS"},
	{"horta", "sejour", [4]int{5, 1, 0, 4}, "Titre de séjour à renouveler"},
	{"horta", "mediation", [4]int{3, 5, 1, 1}, "Conflit avec le propriétaire"},
	{"lucioles", "halte", [4]int{3, 6, 1, 0}, "Répit et socialisation de l’enfant"},
	{"lucioles", "parents", [4]int{8, 1, 0, 1}, "Rompre l’isolement"},
	{"tilleuls", "ppd", [4]int{4, 5, 0, 1}, "Anxiété pendant la grossesse"},
}

// serviceNames finds a service's and its organisation's names in the demo
// directory.
func serviceNames(s historyService) (service, org string) {
	for _, o := range directoryOrgs {
		if o.code != s.org {
			continue
		}
		for _, sv := range o.services {
			if sv.code == s.code {
				return sv.fr, o.fr
			}
		}
	}
	panic("demo: history service " + s.org + ":" + s.code + " is not in the demo directory")
}

// The plan: every household's path, as dates relative to today.

type hhPlan struct {
	site       int
	programme  string
	parent     string
	partner    string
	surname    string
	childName  string
	languages  string
	interpret  bool
	phone      string
	address    string
	intake     time.Time
	due        time.Time // zero: admitted after birth
	born       time.Time // the child's birth date; zero while unborn
	screenings []plannedScreening
	decision   *plannedDecision
	admitted   time.Time // zero: not admitted
	basis      care.AdmissionBasis
	worker     int // index in the site's workers
	change     *plannedWorkerChange
	levels     []plannedLevel
	closed     time.Time
	closure    care.ClosureReason
	contacts   []care.Contact // FamilyID and workers set when written
	planned    []care.Contact
	goals      []plannedGoal
	referrals  []plannedReferral
	reassessed []plannedLevel // reassessments: day, and the new level ("" unchanged)
	voice      []time.Time    // months the family answered the questionnaire
}

type plannedScreening struct {
	in          care.ScreeningInput
	result      care.Screening
	orientation string
}

type plannedDecision struct {
	on           time.Time
	verdict      care.AdmissionVerdict
	rationale    string
	orientation  string
	participants [2]int
}

type plannedWorkerChange struct {
	on     time.Time
	to     int
	reason string
}

type plannedLevel struct {
	on   time.Time
	code string
}

type plannedGoal struct {
	on   time.Time
	seed goalSeed
	care.Goal
}

type plannedReferral struct {
	on      time.Time
	service historyService
	steps   []plannedStep
	next    time.Time
}

type plannedStep struct {
	on time.Time
	to care.ReferralStatus
}

// end is the last day of the household's follow-up so far (exclusive).
func (h *hhPlan) end(today time.Time) time.Time {
	if !h.closed.IsZero() {
		return h.closed
	}
	return today
}

// levelOn is the intensity level in force on a day.
func (h *hhPlan) levelOn(d time.Time) string {
	code := ""
	for _, l := range h.levels {
		if !l.on.After(d) {
			code = l.code
		}
	}
	return code
}

var levelInterval = map[string]int{"1": 7, "2": 14, "3": 28}

type historyGen struct {
	rnd   *rand.Rand
	today time.Time
	sippe care.Rulebook
}

func (g *historyGen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }
func (g *historyGen) between(a, b int) int      { return a + g.rnd.IntN(b-a+1) }
func (g *historyGen) chance(pct int) bool       { return g.rnd.IntN(100) < pct }
func (g *historyGen) day(back int) time.Time    { return g.today.AddDate(0, 0, -back) }

// historyPlan draws the households of every site, the same for the same
// today.
func historyPlan(today time.Time) []hhPlan {
	today = civilDay(today)
	rb, ok := care.RulebookFor(care.ProgrammeSIPPE, care.DefaultIncomeThresholds())
	if !ok {
		panic("demo: no SIPPE rulebook")
	}
	g := &historyGen{rnd: rand.New(rand.NewPCG(HistorySeed, 2)), today: today, sippe: rb}
	var plan []hhPlan
	for si, s := range historySites {
		for i := 0; i < s.households; i++ {
			// The last two of each site came in the last fortnight: their
			// screening is stored, the rest is still to come.
			pending := i >= s.households-2
			plan = append(plan, g.household(si, s, pending))
		}
	}
	return plan
}

func (g *historyGen) household(si int, s historySite, pending bool) hhPlan {
	h := hhPlan{site: si, programme: s.other}
	if g.chance(s.sippeShare) {
		h.programme = "sippe"
	}
	h.parent, h.surname = g.personName(s.brussels)
	if g.chance(55) {
		h.partner = g.pick(montrealPartners)
		if s.brussels {
			h.partner = g.pick(brusselsPartners)
		}
	}
	h.childName = g.pick(childNames)
	if s.brussels {
		h.languages = g.pick([]string{"français", "néerlandais, français", "arabe, français", "lingala, français", "turc, français", "roumain, français", "arabe", "dari, anglais"})
		h.phone = fmt.Sprintf("+32 470 55 %02d %02d", g.rnd.IntN(100), g.rnd.IntN(100))
		h.address = fmt.Sprintf("%s %d, 1060 Saint-Gilles", g.pick(brusselsStreets), 1+g.rnd.IntN(220))
	} else {
		h.languages = g.pick([]string{"français", "français", "anglais, français", "arabe, français", "espagnol, français", "créole haïtien, français", "pendjabi, anglais", "vietnamien, français", "tamoul, anglais", "bengali"})
		h.phone = fmt.Sprintf("514 555-%04d", g.rnd.IntN(10000))
		h.address = fmt.Sprintf("%d, %s, Montréal", 100+g.rnd.IntN(9000), g.pick(montrealStreets))
	}
	h.interpret = !slices.Contains([]string{"français", "anglais, français", "néerlandais, français"}, h.languages) && g.chance(60)

	// Intake: more in the last year than the year before (the network grew).
	back := g.between(15, 365)
	if g.chance(42) {
		back = g.between(366, historyDays-5)
	}
	if pending {
		back = g.between(2, 12)
	}
	h.intake = g.day(back)

	// A pregnancy, or a child already born.
	pregnant := h.programme != "cspc" && g.chance(68)
	if pregnant {
		ga := g.between(70, 136) // weeks 10 to 19
		switch {
		case g.chance(24):
			ga = g.between(141, 230) // weeks 20 to 33
		case h.programme == "sippe" && g.chance(8):
			ga = g.between(60, 80) // before 12 weeks: admissible later
		}
		h.due = h.intake.AddDate(0, 0, 280-ga)
		if born := h.due.AddDate(0, 0, g.between(-14, 9)); born.Before(g.today) {
			h.born = born
		}
	} else {
		age := g.between(10, 320)
		if h.programme == "cspc" {
			age = g.between(60, 4*365)
		}
		h.born = h.intake.AddDate(0, 0, -age)
	}

	// Screening.
	size := 2 + g.rnd.IntN(3)
	if h.partner == "" {
		size = 1 + g.rnd.IntN(3)
	}
	in := care.ScreeningInput{Date: h.intake, HouseholdSize: &size}
	if pregnant {
		due := h.due
		in.PregnancyDueDate = &due
	} else {
		born := h.born
		in.YoungestChildBirthDate = &born
	}
	threshold, _ := care.DefaultIncomeThresholds().Threshold(size)
	income := threshold * g.between(45, 92) / 100
	r := g.rnd.IntN(100)
	switch {
	case r < 14:
		income = threshold * g.between(104, 135) / 100 // not eligible
	case r < 28:
		income = -1 // not told: the team reviews
	}
	if income >= 0 {
		in.AnnualIncome = &income
	}
	noDiploma, isolated := g.chance(45), g.chance(60)
	if !noDiploma && !isolated {
		isolated = true
	}
	diploma := !noDiploma
	in.SecondaryDiploma, in.SociallyIsolated = &diploma, &isolated
	result := care.Screening{Outcome: care.ScreeningTeamReview}
	if h.programme == "sippe" {
		result = g.sippe.Evaluate(in)
	}
	h.screenings = append(h.screenings, plannedScreening{in: in, result: result})
	if pending {
		return h
	}

	workers := len(historySites[si].workers)
	h.worker = g.rnd.IntN(workers)
	other := (h.worker + 1 + g.rnd.IntN(workers-1)) % workers
	decide := func(admit bool, on time.Time) {
		d := &plannedDecision{on: on, verdict: care.VerdictAdmit, participants: [2]int{h.worker, other}}
		if admit {
			d.rationale = g.pick([]string{
				"Isolement marqué depuis l’arrivée, revenu juste au-dessus du seuil : le suivi est indiqué.",
				"Information manquante sur le revenu, mais grande vulnérabilité observée à la première rencontre.",
				"Jeune mère sans réseau, suivi de grossesse irrégulier : l’équipe admet sur jugement clinique.",
				"Famille référée par le CLSC ; conditions de logement précaires et stress important.",
			})
		} else {
			d.verdict = care.VerdictRefuse
			d.rationale = g.pick([]string{
				"La famille dispose d’un bon réseau et les besoins relèvent d’un service ponctuel.",
				"Les besoins dépassent ce que le programme offre : une ressource spécialisée convient mieux.",
				"La famille souhaite un soutien ponctuel plutôt qu’un suivi.",
			})
			// A refusal always says where the family was oriented.
			d.orientation = g.pick([]string{
				"Orientée vers les rencontres prénatales de groupe du CLSC.",
				"Orientée vers la halte-garderie et le café-rencontre du quartier.",
				"Orientée vers la banque alimentaire et le comptoir de matériel pour bébé.",
				"Orientée vers le service social de la maison médicale.",
			})
		}
		h.decision = d
		if admit {
			h.admitted, h.basis = on, care.BasisTeamDecision
		}
	}
	switch result.Outcome {
	case care.ScreeningEligible:
		h.admitted, h.basis = h.intake.AddDate(0, 0, g.between(2, 10)), care.BasisCriteriaMet
	case care.ScreeningNotYet:
		again := result.AdmissibleFrom.AddDate(0, 0, g.between(0, 6))
		if !again.Before(g.today) {
			again = g.today.AddDate(0, 0, -1)
		}
		second := in
		second.Date = again
		res := g.sippe.Evaluate(second)
		h.screenings = append(h.screenings, plannedScreening{in: second, result: res})
		if res.Outcome == care.ScreeningEligible {
			h.admitted, h.basis = again.AddDate(0, 0, g.between(1, 5)), care.BasisCriteriaMet
		} else {
			decide(true, again.AddDate(0, 0, g.between(5, 12)))
		}
	case care.ScreeningNotEligible:
		h.screenings[0].orientation = g.pick([]string{
			"Orientée vers les rencontres prénatales de groupe du CLSC.",
			"Orientée vers la maison de la famille du quartier.",
			"Orientée vers le comptoir de matériel pour bébé.",
		})
		decide(g.chance(30), h.intake.AddDate(0, 0, g.between(6, 20)))
	default: // team review
		admit := 75
		if h.programme != "sippe" {
			admit = 78
		}
		decide(g.chance(admit), h.intake.AddDate(0, 0, g.between(6, 20)))
	}
	if !h.admitted.IsZero() && !h.admitted.Before(g.today) {
		h.admitted = g.today.AddDate(0, 0, -1)
		if h.decision != nil {
			h.decision.on = h.admitted
		}
	}
	if h.admitted.IsZero() {
		return h
	}
	g.followUp(&h)
	return h
}

// personName draws a name from the scaled demo's lists, never the surname
// of one of the small demo's households: tests, the README and reviewers
// find the Haddad, Kaur, Gagné and Mbuyi files by it.
func (g *historyGen) personName(brussels bool) (given, surname string) {
	for {
		if brussels {
			given, surname = g.pick(brusselsGiven), g.pick(brusselsSurnames)
		} else {
			given, surname = g.pick(montrealGiven), g.pick(montrealSurnames)
		}
		if !slices.ContainsFunc(families, func(f familySeed) bool { return f.members[0].surname == surname }) {
			return given, surname
		}
	}
}

// followUp draws an admitted household's follow-up to today or its closure.
func (g *historyGen) followUp(h *hhPlan) {
	start := h.admitted
	pregnantAtStart := !h.due.IsZero() && (h.born.IsZero() || h.born.After(start))
	// Closure: most follow-ups end within a year and a half (a move, the
	// goals met, the family's own choice); about half have ended by today.
	if g.chance(85) {
		closed := start.AddDate(0, 0, g.between(75, 520))
		if closed.Before(g.today.AddDate(0, 0, -3)) {
			h.closed = closed
			r := g.rnd.IntN(100)
			switch {
			case r < 30:
				h.closure = care.ClosureGoalsMet
			case r < 52:
				h.closure = care.ClosureFamilyMoved
			case r < 72:
				h.closure = care.ClosureFamilyEndedFollowUp
			case r < 85:
				h.closure = care.ClosureUnreachable
			default:
				h.closure = care.ClosureTransferred
			}
		}
	}
	end := h.end(g.today)

	// Level at admission, then changes at reassessments.
	level := "2"
	switch r := g.rnd.IntN(100); {
	case r < 30 && pregnantAtStart, r < 18:
		level = "1"
	case r >= 75:
		level = "3"
	}
	h.levels = []plannedLevel{{start, level}}
	for on := start.AddDate(0, 0, g.reassessGap()); on.Before(end); on = on.AddDate(0, 0, g.reassessGap()) {
		change := ""
		if g.chance(40) {
			switch level {
			case "1":
				change = "2"
			case "2":
				change = []string{"1", "3", "3"}[g.rnd.IntN(3)]
			case "3":
				change = "2"
			}
			level = change
			h.levels = append(h.levels, plannedLevel{on, change})
		}
		h.reassessed = append(h.reassessed, plannedLevel{on, change})
		if g.chance(55) {
			h.voice = append(h.voice, on)
		}
	}
	if !h.closed.IsZero() && h.closure != care.ClosureUnreachable && g.chance(60) {
		h.voice = append(h.voice, h.closed.AddDate(0, 0, -1))
	}

	// Key worker change for about a third of the longer follow-ups
	// (departures, leaves and caseload rebalancing are common).
	if span := days(start, end); span > 120 && g.chance(33) {
		workers := len(historySites[h.site].workers)
		h.change = &plannedWorkerChange{on: start.AddDate(0, 0, g.between(60, span-30)), to: (h.worker + 1 + g.rnd.IntN(workers-1)) % workers,
			reason: g.pick([]string{"Départ en congé de maternité de l’intervenante", "Rééquilibrage des charges de travail de l’équipe",
				"À la demande de la famille", "L’intervenante change d’équipe"})}
	}

	g.contactsOf(h, start, end)
	g.goalsOf(h, start, end)
	g.referralsOf(h, start, end)
}

// reassessGap is the time to the next reassessment: most within the
// programmes' six months (31-day months), some late.
func (g *historyGen) reassessGap() int {
	if g.chance(84) {
		return g.between(150, 183)
	}
	return g.between(192, 240)
}

func days(a, b time.Time) int { return int(b.Sub(a).Hours()/24 + 0.5) }

var historyNotes = map[care.ContactKind][]string{
	care.ContactHomeVisit: {"Visite à domicile : préparation à l’arrivée du bébé.", "Visite : allaitement et sommeil discutés.",
		"Visite : le bébé prend bien du poids.", "Visite : budget du mois revu avec la mère.", "Visite : jeux d’éveil montrés aux parents.",
		"Visite : démarches de logement faites ensemble.", "Visite : nouvelles de la grossesse, rendez-vous médicaux à jour."},
	care.ContactOfficeVisit: {"Rencontre au bureau : suivi de croissance.", "Rencontre au bureau : formulaires d’allocations remplis.",
		"Rencontre au bureau : plan d’action revu avec la famille."},
	care.ContactCall:               {"Appel : rendez-vous confirmé.", "Appel : nouvelles de la famille, tout va bien.", "Appel : rappel du groupe de la semaine."},
	care.ContactAccompaniment:      {"Accompagnement à la clinique.", "Accompagnement au bureau d’aide au logement.", "Accompagnement à la banque alimentaire."},
	care.ContactDaycareIntegration: {"Matinée d’intégration à la halte-garderie.", "Rencontre avec l’éducatrice de la halte-garderie."},
}

// contactsOf draws the contacts of [start, end) at the family's level's
// rhythm: most families keep it (contacts a little more often than the
// interval), about a third fall behind. Group meetings come on top for those who
// join the site's group; active families have a visit planned this week.
func (g *historyGen) contactsOf(h *hhPlan, start, end time.Time) {
	keeps := g.chance(68)
	s := historySites[h.site]
	add := func(c care.Contact) {
		if h.interpret && (c.Kind == care.ContactHomeVisit || c.Kind == care.ContactOfficeVisit) && c.Outcome == care.ContactDone {
			c.Notes += " Avec l’interprète."
		}
		h.contacts = append(h.contacts, c)
	}
	first := start.AddDate(0, 0, g.between(1, 5))
	if first.Before(end) {
		add(care.Contact{Kind: care.ContactOfficeVisit, On: first, Minutes: 75, Outcome: care.ContactDone, Notes: s.firstContactNote})
	}
	for d := first; ; {
		interval := levelInterval[h.levelOn(d)]
		factor := g.between(55, 95)
		if !keeps {
			factor = g.between(115, 210)
		}
		d = d.AddDate(0, 0, max(2, interval*factor/100))
		if !d.Before(end) {
			break
		}
		c := care.Contact{On: d, Kind: g.contactKind(h, d)}
		switch r := g.rnd.IntN(100); {
		case r < 86:
			c.Outcome = care.ContactDone
			c.Minutes = map[care.ContactKind]int{care.ContactHomeVisit: 60, care.ContactOfficeVisit: 45, care.ContactCall: 15,
				care.ContactAccompaniment: 120, care.ContactDaycareIntegration: 90}[c.Kind] + 5*g.rnd.IntN(5)
			c.Notes = g.pick(historyNotes[c.Kind])
		case r < 95:
			c.Outcome, c.Notes = care.ContactMissed, "Personne au rendez-vous ; message laissé."
		default:
			c.Outcome, c.Notes = care.ContactCancelled, "Annulé à la demande de la famille."
		}
		add(c)
	}
	if g.chance(38) {
		// The group meets every second week; the family comes from a few
		// weeks after admission, for a few months.
		from := start.AddDate(0, 0, g.between(14, 60))
		until := from.AddDate(0, 0, g.between(60, 200))
		for d := from; d.Before(end) && d.Before(until); d = d.AddDate(0, 0, 14) {
			c := care.Contact{Kind: care.ContactGroupMeeting, On: d, Minutes: 120, Outcome: care.ContactDone, Notes: s.groupTitle + "."}
			if g.chance(28) {
				c.Outcome, c.Minutes, c.Notes = care.ContactMissed, 0, s.groupTitle+" : absente."
			}
			add(c)
		}
	}
	if h.closed.IsZero() && g.chance(60) {
		on := g.today.AddDate(0, 0, g.between(0, 6))
		h.planned = append(h.planned, care.Contact{Kind: care.ContactHomeVisit, On: on, Minutes: 60, Outcome: care.ContactPlanned,
			Notes: "Visite prévue.", Time: demoPlannedTime(days(g.today, on) + h.site)})
	}
}

func (g *historyGen) contactKind(h *hhPlan, d time.Time) care.ContactKind {
	r := g.rnd.IntN(100)
	switch {
	case r < 52:
		return care.ContactHomeVisit
	case r < 70:
		return care.ContactCall
	case r < 86:
		return care.ContactOfficeVisit
	case r < 94 || h.programme != "cspc" || h.born.IsZero() || h.born.After(d):
		return care.ContactAccompaniment
	}
	return care.ContactDaycareIntegration
}

// goalsOf draws the plan's goals: two or three set in the first weeks,
// one more at some reassessments; the older a goal, the likelier achieved.
func (g *historyGen) goalsOf(h *hhPlan, start, end time.Time) {
	seeds := goalSeeds
	if h.programme == "cspc" {
		seeds = cspcGoalSeeds
	}
	var dates []time.Time
	first := start.AddDate(0, 0, g.between(7, 30))
	for k := 2 + g.rnd.IntN(2); k > 0; k-- {
		dates = append(dates, first)
	}
	for _, r := range h.reassessed {
		if g.chance(30) {
			dates = append(dates, r.on)
		}
	}
	offset := g.rnd.IntN(len(seeds))
	for i, on := range dates {
		if !on.Before(end) {
			continue
		}
		s := seeds[(offset+i*5)%len(seeds)]
		goal := plannedGoal{on: on, seed: s, Goal: care.Goal{Words: s.words, Orientation: s.orientation, SubObjective: s.sub,
			TargetDate: on.AddDate(0, 0, g.between(90, 240))}}
		age := days(on, end)
		achieved := min(70, age*100/420)
		if h.closure == care.ClosureGoalsMet {
			achieved = 85
		}
		switch r := g.rnd.IntN(100); {
		case r < achieved:
			goal.Status, goal.Progress = care.GoalAchieved, care.MaxProgress
		case r < achieved+8:
			goal.Status = care.GoalAbandoned
		case age < 45:
			goal.Status = care.GoalNotStarted
		default:
			goal.Status, goal.Progress = care.GoalInProgress, 1+g.rnd.IntN(care.MaxProgress-1)
		}
		h.goals = append(h.goals, goal)
	}
}

// referralsOf draws zero to three referrals during the follow-up, each
// going the way its service's referrals tend to, as far as today.
func (g *historyGen) referralsOf(h *hhPlan, start, end time.Time) {
	services := montrealServices
	if historySites[h.site].brussels {
		services = brusselsServices
	}
	n := []int{0, 1, 1, 2, 2, 2, 3, 3}[g.rnd.IntN(8)]
	span := days(start, end)
	for k := 0; k < n && span > 3; k++ {
		svc := services[g.rnd.IntN(len(services))]
		r := plannedReferral{on: start.AddDate(0, 0, g.rnd.IntN(span-1)), service: svc}
		on := r.on
		step := func(after int, to care.ReferralStatus) bool {
			on = on.AddDate(0, 0, after)
			if !on.Before(end) || !on.Before(g.today) {
				return false
			}
			r.steps = append(r.steps, plannedStep{on, to})
			return true
		}
		if step(g.between(0, 2), care.ReferralSent) {
			w := svc.outcomes
			x := g.rnd.IntN(w[0] + w[1] + w[2] + w[3])
			switch {
			case x < w[0]:
				_ = step(g.between(3, 14), care.ReferralAccepted) && step(g.between(3, 35), care.ReferralFirstAppointmentHeld) &&
					g.chance(60) && step(g.between(20, 90), care.ReferralCompleted)
			case x < w[0]+w[1]:
				_ = step(g.between(4, 12), care.ReferralWaitlisted) && g.chance(40) &&
					step(g.between(25, 90), care.ReferralAccepted) && step(g.between(5, 20), care.ReferralFirstAppointmentHeld)
			case x < w[0]+w[1]+w[2]:
				step(g.between(5, 20), care.ReferralDeclined)
			default:
				step(g.between(15, 35), care.ReferralNotReached)
			}
		}
		status := care.ReferralProposed
		if len(r.steps) > 0 {
			status = r.steps[len(r.steps)-1].to
		}
		if !status.Terminal() && h.closed.IsZero() {
			r.next = g.today.AddDate(0, 0, g.between(-4, 14))
		}
		h.referrals = append(h.referrals, r)
	}
}

var historyDeclineReasons = []string{"Places complètes pour la session", "Hors du territoire desservi", "La famille ne correspond pas aux critères d’âge"}

// historyComments are anonymous comments of the families' voice, months
// back, with the state the coordination gave them (only Parc-Extension's
// coordinator moderates in the demo: the other sites' wait).
var historyComments = []struct {
	site   string
	months int
	body   string
	state  indicator.VoiceCommentState
}{
	{"premiers-pas-parc-ex", 8, "Le groupe du jeudi, c’est le seul moment de la semaine où je sors de la maison avec le bébé.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", 11, "Nadia est venue même quand il neigeait. Je me suis sentie moins seule.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", 14, "On m’a aidée pour les papiers des allocations, je n’y serais pas arrivée seule.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", 17, "J’aurais aimé avoir les documents en tamoul.", indicator.VoiceShared},
	{"premiers-pas-parc-ex", 20, "Appelez-moi au 514 555 0123 svp, c’est ma voisine qui a rempli.", indicator.VoiceHidden},
	{"premiers-pas-hochelaga", 9, "La halte-garderie m’a donné du répit quand j’en avais besoin.", indicator.VoicePending},
	{"premiers-pas-hochelaga", 15, "Long waiting list for the speech therapist, but the team kept calling me.", indicator.VoicePending},
	{"mille-jours-saint-gilles", 10, "Merci pour les visites après la naissance, et pour l’interprète.", indicator.VoicePending},
	{"mille-jours-saint-gilles", 19, "Het was soms moeilijk om een afspraak te vinden die paste.", indicator.VoicePending},
}

// LoadHistory adds the small demo's two years of history unless it is
// there already (the network, its sites and the directory first: Load
// calls it last). Loading twice adds nothing.
func LoadHistory(ctx context.Context, st *store.Store, hasher *auth.Hasher, box *auth.SecretBox) error {
	loaded := false
	if err := st.ReadTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Setting(ctx, historySetting)
		if berceau.IsNotFound(err) {
			return nil
		}
		loaded = err == nil
		return err
	}); err != nil || loaded {
		return err
	}
	// Hashed once, outside the write transaction: every history account
	// shares the demo password, as in the scaled demo.
	hash, err := hasher.Hash(ctx, Password)
	if err != nil {
		return err
	}
	sealed, err := box.Seal(TOTPSecret)
	if err != nil {
		return err
	}
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Setting(ctx, historySetting); err == nil {
			return nil // loaded meanwhile
		}
		w, err := newHistoryWriter(ctx, tx, hash, sealed)
		if err != nil {
			return err
		}
		for _, h := range historyPlan(tx.Now()) {
			if err := w.household(ctx, h); err != nil {
				return err
			}
		}
		if err := w.finish(ctx); err != nil {
			return err
		}
		return tx.SetSetting(ctx, historySetting, "loaded")
	})
}

// historyWriter writes the plan through the store.
type historyWriter struct {
	tx          *store.Tx
	today       time.Time
	siteIDs     []int64
	teamIDs     []int64
	workers     [][]berceau.User
	programmes  map[string]care.Programme
	coordinator int64
	contacts    [][]care.Contact // per site
	voice       []indicator.VoiceResponse
	questions   []indicator.VoiceQuestion
	kinds       map[int64]indicator.VoiceAnswerKind
	rnd         *rand.Rand
}

// at is the transaction stamping rows at mid-morning of a day.
func (w *historyWriter) at(day time.Time) *store.Tx {
	return w.tx.At(civilDay(day).Add(10*time.Hour + 30*time.Minute))
}

func newHistoryWriter(ctx context.Context, tx *store.Tx, hash, sealed string) (*historyWriter, error) {
	w := &historyWriter{tx: tx, today: civilDay(tx.Now()), programmes: map[string]care.Programme{},
		rnd: rand.New(rand.NewPCG(HistorySeed, 3)), contacts: make([][]care.Contact, len(historySites))}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	coordinator, err := tx.UserByEmail(ctx, "coordination@berceau.example")
	if err != nil {
		return nil, fmt.Errorf("demo history: load the small demo first: %w", err)
	}
	w.coordinator = coordinator.ID
	for _, slug := range []string{"sippe", "cspc", "mille-jours"} {
		if w.programmes[slug], err = tx.ProgrammeBySlug(ctx, slug); err != nil {
			return nil, err
		}
	}
	for _, hs := range historySites {
		var site berceau.Site
		for _, s := range sites {
			if s.Slug == hs.site {
				site = s
			}
		}
		if site.ID == 0 {
			return nil, fmt.Errorf("demo history: no site %s", hs.site)
		}
		team := berceau.Team{SiteID: site.ID, Slug: hs.team, Name: hs.teamName}
		if err := tx.CreateTeam(ctx, &team); err != nil {
			return nil, err
		}
		var users []berceau.User
		for _, hw := range hs.workers {
			u := berceau.User{Email: hw.email, DisplayName: hw.name, Discipline: hw.discipline, Locale: "fr",
				Roles: []berceau.RoleGrant{{Role: berceau.RolePractitioner, OrganisationID: site.OrganisationID, SiteID: site.ID}}}
			if err := tx.CreateUser(ctx, &u, hash); err != nil {
				return nil, err
			}
			if err := tx.EnableTOTP(ctx, u.ID, sealed, 0, nil); err != nil {
				return nil, err
			}
			if err := tx.AddTeamMember(ctx, team.ID, u.ID); err != nil {
				return nil, err
			}
			users = append(users, u)
		}
		w.siteIDs, w.teamIDs, w.workers = append(w.siteIDs, site.ID), append(w.teamIDs, team.ID), append(w.workers, users)
		// The territory's expected eligible births, as the coordination
		// enters them, for the years the history covers.
		for k, births := range hs.expectedBirths {
			b := indicator.ExpectedBirths{SiteID: site.ID, Year: w.today.Year() - 2 + k, Births: births}
			if err := tx.SetExpectedBirths(ctx, b, coordinator.ID); err != nil {
				return nil, err
			}
		}
	}
	if w.questions, err = tx.VoiceQuestions(ctx, true); err != nil {
		return nil, err
	}
	w.kinds = map[int64]indicator.VoiceAnswerKind{}
	for _, q := range w.questions {
		w.kinds[q.VersionID] = q.Kind
	}
	return w, nil
}

func (w *historyWriter) household(ctx context.Context, h hhPlan) error {
	s := historySites[h.site]
	workers := w.workers[h.site]
	f := care.Family{SiteID: w.siteIDs[h.site], TeamID: w.teamIDs[h.site], Status: care.FamilyScreening, Languages: h.languages,
		InterpreterNeeded: h.interpret, Phone: h.phone, Address: h.address}
	parentRole := care.MemberParent
	unborn := !h.due.IsZero() && (h.born.IsZero() || h.born.After(h.intake))
	if unborn {
		parentRole = care.MemberPregnantPerson
	}
	f.Members = append(f.Members, care.HouseholdMember{Role: parentRole, GivenName: h.parent, Surname: h.surname,
		BirthDate: h.intake.AddDate(-(19 + w.rnd.IntN(21)), 0, -w.rnd.IntN(365))})
	if h.partner != "" {
		f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberPartner, GivenName: h.partner, Surname: h.surname,
			BirthDate: h.intake.AddDate(-(21 + w.rnd.IntN(22)), 0, -w.rnd.IntN(365))})
	}
	if unborn {
		f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberUnborn, Surname: h.surname, DueDate: h.due})
	} else {
		f.Members = append(f.Members, care.HouseholdMember{Role: care.MemberChild, GivenName: h.childName, Surname: h.surname, BirthDate: h.born})
	}
	tx := w.at(h.intake)
	if err := tx.CreateFamily(ctx, &f); err != nil {
		return err
	}
	first := workers[h.worker].ID
	if err := tx.CreateConsent(ctx, &care.Consent{FamilyID: f.ID, Kind: care.ConsentProcessing, GivenOn: h.intake, RecordedBy: first}); err != nil {
		return err
	}
	for _, ps := range h.screenings {
		sc := care.StoredScreening{FamilyID: f.ID, Programme: h.programme, Input: ps.in, Screening: ps.result,
			Orientation: ps.orientation, ScreenedBy: first}
		if err := w.at(ps.in.Date).CreateScreening(ctx, &sc); err != nil {
			return err
		}
	}
	if unborn && !h.born.IsZero() {
		child := care.HouseholdMember{GivenName: h.childName, BirthDate: h.born, BornFrom: f.Members[len(f.Members)-1].ID}
		if err := w.at(h.born).RecordBirth(ctx, f.ID, child); err != nil {
			return err
		}
	}
	if d := h.decision; d != nil {
		tx := w.at(d.on)
		dec := care.AdmissionDecision{FamilyID: f.ID, Verdict: d.verdict, Rationale: d.rationale, Orientation: d.orientation,
			Quorum: care.DefaultQuorum, ProposedBy: workers[d.participants[0]].ID}
		for _, p := range d.participants {
			dec.Participants = append(dec.Participants, care.Participant{UserID: workers[p].ID, Name: workers[p].DisplayName, Discipline: workers[p].Discipline})
		}
		if err := tx.CreateAdmissionDecision(ctx, &dec); err != nil {
			return err
		}
		for i := range dec.Participants {
			if err := dec.Confirm(dec.Participants[i].UserID, tx.Now().Add(time.Duration(i+1)*time.Hour)); err != nil {
				return err
			}
		}
		if err := tx.SaveConfirmations(ctx, dec); err != nil {
			return err
		}
		if d.verdict == care.VerdictRefuse {
			if err := tx.ChangeFamilyStatus(ctx, f.ID, care.FamilyScreening, care.FamilyClosed); err != nil {
				return err
			}
			return tx.AddStatusChange(ctx, &care.StatusChange{FamilyID: f.ID, From: care.FamilyScreening, To: care.FamilyClosed,
				Reason: string(care.BasisTeamDecision), ChangedBy: dec.Participants[1].UserID})
		}
	}
	if h.admitted.IsZero() {
		return nil
	}
	return w.followUp(ctx, h, f, s)
}

func (w *historyWriter) followUp(ctx context.Context, h hhPlan, f care.Family, s historySite) error {
	workers := w.workers[h.site]
	worker := workers[h.worker].ID
	p := w.programmes[h.programme]
	tx := w.at(h.admitted)
	if err := tx.ChangeFamilyStatus(ctx, f.ID, care.FamilyScreening, care.FamilyActive); err != nil {
		return err
	}
	if err := tx.AddStatusChange(ctx, &care.StatusChange{FamilyID: f.ID, From: care.FamilyScreening, To: care.FamilyActive,
		Reason: string(h.basis), ChangedBy: worker}); err != nil {
		return err
	}
	if err := tx.CreateEnrollment(ctx, &care.Enrollment{FamilyID: f.ID, Programme: h.programme, StartDate: h.admitted}); err != nil {
		return err
	}
	if err := tx.SetKeyWorker(ctx, f.ID, 0, worker); err != nil {
		return err
	}
	if err := tx.AddKeyWorkerChange(ctx, &care.KeyWorkerChange{FamilyID: f.ID, UserID: worker, ChangedBy: w.coordinator,
		Reason: "Intervenante pivot désignée à l’admission"}); err != nil {
		return err
	}
	for i, l := range h.levels {
		level, _ := p.Level(l.code)
		reason := "Niveau fixé à l’admission"
		if i > 0 {
			reason = "Réévaluation : rythme ajusté"
		}
		if _, err := w.at(l.on).AddIntensityChange(ctx, f.ID, care.LevelChange{On: l.on, Level: level, Reason: reason}, worker); err != nil {
			return err
		}
	}
	current := worker
	if c := h.change; c != nil {
		next := workers[c.to].ID
		tx := w.at(c.on)
		if err := tx.SetKeyWorker(ctx, f.ID, worker, next); err != nil {
			return err
		}
		if err := tx.AddKeyWorkerChange(ctx, &care.KeyWorkerChange{FamilyID: f.ID, UserID: next, ChangedBy: w.coordinator, Reason: c.reason}); err != nil {
			return err
		}
		current = next
	}
	workerOn := func(d time.Time) int64 {
		if h.change != nil && !d.Before(h.change.on) {
			return current
		}
		return worker
	}
	for _, c := range h.contacts {
		c.FamilyID, c.WorkerIDs = f.ID, []int64{workerOn(c.On)}
		w.contacts[h.site] = append(w.contacts[h.site], c)
	}
	for _, c := range h.planned {
		c.FamilyID, c.WorkerIDs = f.ID, []int64{current}
		if err := w.tx.CreateContact(ctx, &c, current); err != nil {
			return err
		}
	}
	for _, g := range h.goals {
		goal := g.Goal
		goal.FamilyID = f.ID
		if err := w.at(g.on).CreateGoal(ctx, &goal); err != nil {
			return err
		}
	}
	partners := map[string]bool{}
	for _, r := range h.referrals {
		if err := w.referral(ctx, f.ID, workerOn(r.on), r, partners); err != nil {
			return err
		}
	}
	for _, r := range h.reassessed {
		re := care.Reassessment{FamilyID: f.ID, On: r.on, LevelCode: r.code, By: workerOn(r.on),
			Summary: "Réévaluation avec la famille : objectifs du plan revus."}
		if r.code != "" {
			re.Summary = "Réévaluation avec la famille : objectifs revus, rythme des visites ajusté."
		}
		if err := w.at(r.on).AddReassessment(ctx, &re); err != nil {
			return err
		}
	}
	for _, on := range h.voice {
		w.voice = append(w.voice, w.voiceResponse(w.siteIDs[h.site], h.programme, on, s.favourable))
	}
	if !h.closed.IsZero() {
		tx := w.at(h.closed)
		if err := tx.ChangeFamilyStatus(ctx, f.ID, care.FamilyActive, care.FamilyClosed); err != nil {
			return err
		}
		if _, err := tx.CloseEnrollments(ctx, f.ID, h.closure); err != nil {
			return err
		}
		if err := tx.AddStatusChange(ctx, &care.StatusChange{FamilyID: f.ID, From: care.FamilyActive, To: care.FamilyClosed,
			Closure: h.closure, ChangedBy: current}); err != nil {
			return err
		}
	}
	return nil
}

// referral writes one referral and its history, each change on its day,
// with the family's consent to share with the partner first.
func (w *historyWriter) referral(ctx context.Context, familyID, worker int64, pr plannedReferral, partners map[string]bool) error {
	name, org := serviceNames(pr.service)
	orgID := directory.NameUUID("demo-org:" + pr.service.org)
	if !partners[orgID] {
		partners[orgID] = true
		c := care.Consent{FamilyID: familyID, Kind: care.ConsentSharing, Partner: org, PartnerOrgID: orgID, GivenOn: pr.on,
			ExpiresOn: pr.on.AddDate(1, 0, 0), RecordedBy: worker}
		if err := w.at(pr.on).CreateConsent(ctx, &c); err != nil {
			return err
		}
	}
	r := care.Referral{FamilyID: familyID, ServiceID: directory.NameUUID("demo-service:" + pr.service.org + ":" + pr.service.code),
		ServiceName: name, Partner: org, PartnerOrgID: orgID, Reason: pr.service.reason, Status: care.ReferralProposed, CreatedBy: worker}
	if len(pr.steps) == 0 {
		r.NextFollowUp = pr.next
	}
	if err := w.at(pr.on).CreateReferral(ctx, &r); err != nil {
		return err
	}
	for i, s := range pr.steps {
		tx := w.at(s.on)
		change := care.ReferralChange{From: r.Status, To: s.to, By: worker, At: tx.Now()}
		r.Status = s.to
		if i == len(pr.steps)-1 {
			r.NextFollowUp = pr.next
			change.NextFollowUp = pr.next
		}
		if s.to == care.ReferralDeclined {
			change.Reason = historyDeclineReasons[int(familyID)%len(historyDeclineReasons)]
			r.DeclineReason = change.Reason
		}
		var err error
		if r.Version, err = tx.SaveReferralChange(ctx, r, r.Version, change); err != nil {
			return err
		}
	}
	return nil
}

// voiceResponse draws one family's anonymous answers in a month.
func (w *historyWriter) voiceResponse(siteID int64, programme string, on time.Time, favourable int) indicator.VoiceResponse {
	r := indicator.VoiceResponse{SiteID: siteID, Programme: programme, Period: indicator.VoicePeriod(on)}
	for _, q := range w.questions {
		switch q.Kind {
		case indicator.VoiceAgreement:
			v := 2 + w.rnd.IntN(2)
			if w.rnd.IntN(100) < favourable {
				v = 4 + w.rnd.IntN(2)
			}
			if w.rnd.IntN(20) == 0 {
				continue // left out, as some families do
			}
			r.Answers = append(r.Answers, indicator.VoiceAnswer{VersionID: q.VersionID, Value: v})
		case indicator.VoiceYesNo:
			yes := 0
			if w.rnd.IntN(100) < favourable+5 {
				yes = 1
			}
			r.Answers = append(r.Answers, indicator.VoiceAnswer{VersionID: q.VersionID, Value: yes})
		}
	}
	return r
}

// finish writes the contacts in bulk, the families' voice and its
// comments.
func (w *historyWriter) finish(ctx context.Context) error {
	for i, list := range w.contacts {
		if err := w.tx.BulkContacts(ctx, list, w.workers[i][0].ID); err != nil {
			return err
		}
	}
	for _, r := range w.voice {
		if err := w.tx.AddVoiceResponse(ctx, r, w.kinds); err != nil {
			return err
		}
	}
	var comment indicator.VoiceQuestion
	for _, q := range w.questions {
		if q.Kind == indicator.VoiceFreeComment && comment.VersionID == 0 {
			comment = q
		}
	}
	if comment.VersionID == 0 {
		return nil
	}
	want := map[string]indicator.VoiceCommentState{}
	for _, c := range historyComments {
		site := slices.IndexFunc(historySites, func(s historySite) bool { return s.site == c.site })
		programme := "sippe"
		if historySites[site].other != "" && historySites[site].sippeShare == 0 {
			programme = historySites[site].other
		}
		r := indicator.VoiceResponse{SiteID: w.siteIDs[site], Programme: programme, Period: indicator.VoicePeriod(w.today.AddDate(0, -c.months, 0)),
			Answers: []indicator.VoiceAnswer{{VersionID: comment.VersionID, Comment: c.body}}}
		if err := w.tx.AddVoiceResponse(ctx, r, w.kinds); err != nil {
			return err
		}
		want[c.body] = c.state
	}
	pending, err := w.tx.VoiceComments(ctx, store.VoiceCommentFilter{State: indicator.VoicePending, AllSites: true, From: "1900-01", To: "2100-12"})
	if err != nil {
		return err
	}
	for _, c := range pending {
		if to := want[c.Body]; to == indicator.VoiceShared || to == indicator.VoiceHidden {
			if err := w.tx.ModerateVoiceComment(ctx, c.ID, indicator.VoicePending, to, w.coordinator); err != nil {
				return err
			}
		}
	}
	return nil
}
