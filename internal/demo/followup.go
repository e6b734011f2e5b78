package demo

import (
	"context"
	"time"

	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/store"
)

// followUpSeed is the daily work of an active demo household: its
// programme and level, plan, contacts, referrals and last reassessment, so
// that every follow-up page shows something true. Days are relative to the
// day the demo is loaded.
type followUpSeed struct {
	surname      string
	programme    string
	startDaysAgo int
	level        string
	goals        []care.Goal
	contacts     []contactSeed
	referrals    []referralSeed
	reassessed   int // days ago; 0: never
	summary      string
}

type contactSeed struct {
	daysFromNow int
	kind        care.ContactKind
	minutes     int
	outcome     care.ContactOutcome
	notes       string
	compartment care.Compartment
	sensitive   string
}

type referralSeed struct {
	resource, partner, reason string
	status                    care.ReferralStatus
	declineReason             string
	followUpDays              int // from today; 0: none
}

var followUps = []followUpSeed{
	{surname: "Haddad", programme: "sippe", startDaysAgo: 75, level: "1",
		goals: []care.Goal{
			{Words: "Je veux allaiter Bébé au moins trois mois", Orientation: "child_development", SubObjective: "breastfeeding", Status: care.GoalInProgress, Progress: 1},
			{Words: "Trouver un logement plus grand avant l’hiver", Orientation: "living_conditions", SubObjective: "access_services", Status: care.GoalInProgress, Progress: 2},
			{Words: "Aller à tous mes rendez-vous de grossesse", Orientation: "health", SubObjective: "health_follow_up", Status: care.GoalAchieved, Progress: 4},
		},
		contacts: []contactSeed{
			{-70, care.ContactOfficeVisit, 90, care.ContactDone, "Première rencontre avec l’interprète ; présentation du programme.", "", ""},
			{-56, care.ContactHomeVisit, 75, care.ContactDone, "Visite à domicile : préparation à l’arrivée du bébé.", "", ""},
			{-42, care.ContactHomeVisit, 0, care.ContactMissed, "Personne à la maison ; message laissé.", "", ""},
			{-35, care.ContactCall, 20, care.ContactDone, "Appel : rendez-vous d’échographie confirmé.", "", ""},
			{-21, care.ContactHomeVisit, 80, care.ContactDone, "Visite : allaitement discuté, documentation remise en arabe.",
				care.CompartmentConjugalViolence, "Mme dit que son conjoint contrôle l’argent du ménage ; plan de sécurité discuté, numéro de SOS violence conjugale remis."},
			{-10, care.ContactAccompaniment, 120, care.ContactDone, "Accompagnement à l’Office municipal d’habitation.", "", ""},
			{0, care.ContactHomeVisit, 60, care.ContactPlanned, "Visite prévue avec l’interprète.", "", ""},
			{4, care.ContactCall, 15, care.ContactPlanned, "Rappel pour la clinique d’allaitement.", "", ""},
		},
		referrals: []referralSeed{
			{"Office municipal d’habitation de Montréal — demande de logement social", "OMHM", "Logement trop petit et insalubre", care.ReferralWaitlisted, "", -1},
			{"Clinique d’allaitement du CLSC de Parc-Extension", "CLSC de Parc-Extension", "Préparer l’allaitement", care.ReferralProposed, "", 3},
			{"Banque alimentaire du quartier", "Banque alimentaire de Parc-Extension", "Fin de mois difficile", care.ReferralCompleted, "", 0},
		}},
	{surname: "Gagné", programme: "cspc", startDaysAgo: 200, level: "2", reassessed: 170,
		summary: "Noah grandit bien ; Jessica reprend ses études à l’automne. Rythme aux deux semaines.",
		goals: []care.Goal{
			{Words: "Que Noah aille à la halte-garderie deux matins par semaine", Orientation: "cspc_environment", SubObjective: "cspc_daycare_school", Status: care.GoalInProgress, Progress: 2},
			{Words: "Que Noah voie l’orthophoniste avant ses trois ans", Orientation: "cspc_health", SubObjective: "cspc_specialised_care", Status: care.GoalNotStarted},
			{Words: "Avoir de l’aide pour l’épicerie en fin de mois", Orientation: "cspc_environment", SubObjective: "cspc_housing_food", Status: care.GoalInProgress, Progress: 1},
		},
		contacts: []contactSeed{
			{-60, care.ContactAssessmentOrientation, 90, care.ContactDone, "Rencontre d’évaluation-orientation avec la médecin et la travailleuse sociale.", "", ""},
			{-45, care.ContactOfficeVisit, 45, care.ContactDone, "Suivi de croissance de Noah.", "", ""},
			{-30, care.ContactDaycareIntegration, 60, care.ContactCancelled, "Annulé par la halte-garderie.", "", ""},
			{2, care.ContactDaycareIntegration, 60, care.ContactPlanned, "Première matinée de Noah à la halte-garderie.", "", ""},
		},
		referrals: []referralSeed{
			{"Halte-garderie La Maisonnette", "La Maisonnette", "Répit et socialisation de Noah", care.ReferralAccepted, "", 2},
			{"Carrefour jeunesse-emploi Hochelaga-Maisonneuve", "CJE Hochelaga-Maisonneuve", "Retour aux études", care.ReferralDeclined, "Complet pour la session", 0},
		}},
	{surname: "Mbuyi", programme: "mille-jours", startDaysAgo: 120, level: "2",
		goals: []care.Goal{
			{Words: "Dormir mieux la nuit avec le bébé", Orientation: "health", SubObjective: "lifestyle", Status: care.GoalInProgress, Progress: 1},
		},
		contacts: []contactSeed{
			{-50, care.ContactHomeVisit, 60, care.ContactDone, "Visite postnatale : Divine tète bien.", "", ""},
			{-20, care.ContactGroupMeeting, 120, care.ContactDone, "Groupe des mamans du mardi.", "", ""},
			{1, care.ContactHomeVisit, 60, care.ContactPlanned, "Visite postnatale.", "", ""},
		},
		referrals: []referralSeed{
			{"Maison médicale du Parvis — consultation pédiatrique", "Maison médicale du Parvis", "Suivi des vaccins de Divine", care.ReferralFirstAppointmentHeld, "", 10},
		}},
}

// referralPath is the way a referral went to reach each status.
var referralPath = map[care.ReferralStatus][]care.ReferralStatus{
	care.ReferralProposed:             nil,
	care.ReferralSent:                 {care.ReferralSent},
	care.ReferralWaitlisted:           {care.ReferralSent, care.ReferralWaitlisted},
	care.ReferralAccepted:             {care.ReferralSent, care.ReferralAccepted},
	care.ReferralDeclined:             {care.ReferralSent, care.ReferralDeclined},
	care.ReferralFirstAppointmentHeld: {care.ReferralSent, care.ReferralAccepted, care.ReferralFirstAppointmentHeld},
	care.ReferralCompleted:            {care.ReferralSent, care.ReferralAccepted, care.ReferralFirstAppointmentHeld, care.ReferralCompleted},
	care.ReferralNotReached:           {care.ReferralSent, care.ReferralNotReached},
}

// createFollowUps adds the follow-up of the active demo households, and
// grants the Parc-Extension nurse the conjugal-violence compartment (the
// Haddad file has a note in it; nobody else reads it).
func createFollowUps(ctx context.Context, tx *store.Tx, familyIDs map[string]int64, keyWorkers map[string]int64, nurse, coordinator int64) error {
	today := civilDay(tx.Now())
	days := func(n int) time.Time { return today.AddDate(0, 0, n) }
	if err := tx.GrantCompartment(ctx, nurse, care.CompartmentConjugalViolence, coordinator); err != nil {
		return err
	}
	for _, seed := range followUps {
		id, worker := familyIDs[seed.surname], keyWorkers[seed.surname]
		start := days(-seed.startDaysAgo)
		if err := tx.CreateEnrollment(ctx, &care.Enrollment{FamilyID: id, Programme: seed.programme, StartDate: start}); err != nil {
			return err
		}
		p, err := tx.ProgrammeBySlug(ctx, seed.programme)
		if err != nil {
			return err
		}
		level, _ := p.Level(seed.level)
		if _, err := tx.AddIntensityChange(ctx, id, care.LevelChange{On: start, Level: level, Reason: "Niveau fixé à l’admission"}, worker); err != nil {
			return err
		}
		var goalIDs []int64
		for _, g := range seed.goals {
			g.FamilyID, g.TargetDate = id, days(90)
			if err := tx.CreateGoal(ctx, &g); err != nil {
				return err
			}
			goalIDs = append(goalIDs, g.ID)
			note := care.ProgressNote{Text: "Objectif posé avec la famille.", By: worker}
			if err := tx.AddGoalNote(ctx, id, g.ID, &note); err != nil {
				return err
			}
			if g.SubObjective == "access_services" {
				internal := care.ProgressNote{Text: "Note interne : le propriétaire menace d’expulsion, à suivre en équipe.", Internal: true, By: worker}
				if err := tx.AddGoalNote(ctx, id, g.ID, &internal); err != nil {
					return err
				}
			}
		}
		for i, cs := range seed.contacts {
			c := care.Contact{FamilyID: id, Kind: cs.kind, On: days(cs.daysFromNow), Minutes: cs.minutes, Outcome: cs.outcome,
				Notes: cs.notes, Compartment: cs.compartment, SensitiveNotes: cs.sensitive, WorkerIDs: []int64{worker}}
			if cs.outcome == care.ContactPlanned {
				c.Time = demoPlannedTime(cs.daysFromNow)
			}
			if cs.outcome == care.ContactDone && len(goalIDs) > 0 {
				c.GoalIDs = []int64{goalIDs[i%len(goalIDs)]}
			}
			if err := tx.CreateContact(ctx, &c, worker); err != nil {
				return err
			}
		}
		for _, rs := range seed.referrals {
			r := care.Referral{FamilyID: id, ExternalResource: rs.resource, Partner: rs.partner, Reason: rs.reason,
				Status: care.ReferralProposed, CreatedBy: worker}
			if rs.followUpDays != 0 && !rs.status.Terminal() {
				r.NextFollowUp = days(rs.followUpDays)
			}
			if err := tx.CreateReferral(ctx, &r); err != nil {
				return err
			}
			for _, to := range referralPath[rs.status] {
				reason := ""
				if to == care.ReferralDeclined {
					reason = rs.declineReason
				}
				change := care.ReferralChange{From: r.Status, To: to, Reason: reason, NextFollowUp: r.NextFollowUp, By: worker, At: tx.Now()}
				r.Status = to
				if to == care.ReferralDeclined {
					r.DeclineReason = reason
				}
				if r.Version, err = tx.SaveReferralChange(ctx, r, r.Version, change); err != nil {
					return err
				}
			}
		}
		if seed.reassessed > 0 {
			re := care.Reassessment{FamilyID: id, On: days(-seed.reassessed), Summary: seed.summary, By: worker}
			if err := tx.AddReassessment(ctx, &re); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoPlannedTime gives the demo's planned visits a time of day, so that my
// day shows them in order: mornings and early afternoons.
func demoPlannedTime(daysFromNow int) string {
	return []string{"10:30", "14:00", "09:15", "13:30", "11:00"}[(daysFromNow%5+5)%5]
}
