package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// The demo's internship register: the Montréal sites hosted, over the
// fiscal year 2025-04-01 → 2026-03-31, fictional interns whose
// countersigned hours and internships tell La Maison Bleue's sentence —
// more than 2,400 hours: 17 professional internships (nursing, special
// education, nutrition, drama therapy, social work, midwifery), 14
// social-medicine internships, 32 medical externs, 62 medical residents.
// Camille Nguyen (the demo trainee) is in a current internship on the
// store's clock, supervised by Amina Diallo: some of her weeks are
// countersigned, three wait for it for more than 14 days.

// DemoFiscalYear is the past fiscal year the demo register fills.
var DemoFiscalYear = [2]time.Time{
	time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC),
	time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC),
}

// Figures the demo's past fiscal year yields (a test rebuilds them).
const (
	DemoProfessionalInternships   = 17
	DemoSocialMedicineInternships = 14
	DemoMedicalExterns            = 32
	DemoMedicalResidents          = 62
	// DemoCountersignedHours: 17×5 weeks×7 h + 14×3×8.5 h + 32×2×7 h +
	// 62×2×8.5 h.
	DemoCountersignedHours = 17*5*7 + 14*3*17/2 + 32*2*7 + 62*2*17/2
)

// demoInternGroup is a group of alike past internships.
type demoInternGroup struct {
	kind, field, site string
	count             int
	weeks             int
	minutes           int // per week
	supervisors       []string
	schools           []string
}

var demoInternGroups = []demoInternGroup{
	{"professional", "nursing", "premiers-pas-parc-ex", 4, 5, 7 * 60, []string{"infirmiere@berceau.example"},
		[]string{"Université de Montréal", "Cégep du Vieux Montréal"}},
	{"professional", "special_education", "premiers-pas-parc-ex", 3, 5, 7 * 60, []string{"travail.social@berceau.example"},
		[]string{"Cégep de Saint-Jérôme", "Cégep du Vieux Montréal"}},
	{"professional", "nutrition", "premiers-pas-hochelaga", 2, 5, 7 * 60, []string{"medecin@berceau.example"},
		[]string{"Université McGill"}},
	{"professional", "drama_therapy", "premiers-pas-parc-ex", 2, 5, 7 * 60, []string{"coordination@berceau.example"},
		[]string{"Université Concordia"}},
	{"professional", "social_work", "premiers-pas-parc-ex", 4, 5, 7 * 60, []string{"travail.social@berceau.example"},
		[]string{"Université du Québec à Montréal", "Université de Montréal"}},
	{"professional", "midwifery", "premiers-pas-parc-ex", 2, 5, 7 * 60, []string{"infirmiere@berceau.example"},
		[]string{"Université du Québec à Trois-Rivières"}},
	{"social_medicine", "medicine", "premiers-pas-hochelaga", 14, 3, 8*60 + 30, []string{"medecin@berceau.example"},
		[]string{"Université de Montréal", "Université McGill"}},
	{"medical_extern", "medicine", "premiers-pas-hochelaga", 32, 2, 7 * 60, []string{"medecin@berceau.example"},
		[]string{"Université de Montréal", "Université McGill", "Université de Sherbrooke"}},
	{"medical_resident", "medicine", "premiers-pas-hochelaga", 62, 2, 8*60 + 30, []string{"medecin@berceau.example"},
		[]string{"Université de Montréal", "Université McGill", "Université de Sherbrooke", "Université Laval"}},
}

var demoFirstNames = []string{"Léa", "Mathis", "Chloé", "Samuel", "Inès", "Olivier", "Noémie", "Karim", "Rosalie", "Thomas",
	"Aïcha", "Félix", "Maëlle", "Yacine", "Gabrielle", "Antoine", "Mei", "Jérémie", "Sofia", "Raphaël", "Florence", "Ismaël"}

var demoLastNames = []string{"Tremblay", "Nguyen", "Bouchard", "Haddad", "Gauthier", "Morin", "Lavoie", "Benali", "Côté", "Pelletier",
	"Dufour", "Ouellet", "Chen", "Fortin", "Traoré", "Girard", "Lemieux", "Caron", "Rahman", "Bergeron", "Paquette", "Diaz", "Leclerc"}

// LoadInternships adds the demo register unless it is there. Loading twice
// adds nothing.
func LoadInternships(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		existing, err := tx.Internships(ctx, store.InternshipFilter{AllSites: true})
		if err != nil || len(existing) > 0 {
			return err
		}
		kinds, err := tx.InternshipKinds(ctx)
		if err != nil {
			return err
		}
		kindIDs := map[string]int64{}
		for _, k := range kinds {
			kindIDs[k.Code] = k.ID
		}
		fields, err := tx.StudyFields(ctx)
		if err != nil {
			return err
		}
		fieldIDs := map[string]int64{}
		for _, f := range fields {
			fieldIDs[f.Code] = f.ID
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		siteIDs := map[string]int64{}
		for _, s := range sites {
			siteIDs[s.Slug] = s.ID
		}
		userID := func(email string) (int64, error) {
			u, err := tx.UserByEmail(ctx, email)
			return u.ID, err
		}
		// The fiscal year's first Monday; internships start every other
		// week or so, and all end before the year does.
		firstMonday := training.WeekStart(DemoFiscalYear[0].AddDate(0, 0, 6))
		n := 0
		for _, g := range demoInternGroups {
			var supervisors []int64
			for _, email := range g.supervisors {
				id, err := userID(email)
				if err != nil {
					return fmt.Errorf("demo internships: supervisor %s: %w", email, err)
				}
				supervisors = append(supervisors, id)
			}
			for k := 0; k < g.count; k++ {
				start := firstMonday.AddDate(0, 0, 7*((n*17)%45))
				i := training.Internship{SiteID: siteIDs[g.site], KindID: kindIDs[g.kind], FieldID: fieldIDs[g.field],
					InternName: demoFirstNames[n%len(demoFirstNames)] + " " + demoLastNames[(n*7+n/len(demoFirstNames))%len(demoLastNames)],
					School:     g.schools[k%len(g.schools)], SupervisorIDs: supervisors,
					StartsOn: start, EndsOn: start.AddDate(0, 0, 7*g.weeks-3), PlannedHours: g.weeks * g.minutes / 60}
				if err := tx.CreateInternship(ctx, &i); err != nil {
					return err
				}
				for w := 0; w < g.weeks; w++ {
					logged := g.minutes
					if n%9 == 4 && w == 0 {
						logged += 30 // the supervisor corrects it to the planned figure
					}
					week := training.WeekHours{InternshipID: i.ID, Week: start.AddDate(0, 0, 7*w), LoggedMinutes: logged, LoggedBy: supervisors[0]}
					if err := tx.LogInternshipWeek(ctx, &week); err != nil {
						return err
					}
					note := ""
					if logged != g.minutes {
						note = "Demi-heure de pause comptée par erreur."
					}
					if err := tx.SignInternshipWeek(ctx, week.ID, g.minutes, supervisors[0], note); err != nil {
						return err
					}
				}
				n++
			}
		}
		return loadCurrentInternship(ctx, tx, kindIDs["professional"], fieldIDs["nursing"], siteIDs["premiers-pas-parc-ex"])
	})
}

// loadCurrentInternship puts the demo trainee in an internship running on
// the store's clock (after the demo's past fiscal year): six weeks logged,
// three countersigned, three waiting for Amina Diallo for over 14 days.
func loadCurrentInternship(ctx context.Context, tx *store.Tx, kindID, fieldID, siteID int64) error {
	trainee, err := tx.UserByEmail(ctx, "stagiaire@berceau.example")
	if err != nil {
		return err
	}
	nurse, err := tx.UserByEmail(ctx, "infirmiere@berceau.example")
	if err != nil {
		return err
	}
	today := training.Civil(tx.Now())
	thisMonday := training.WeekStart(today)
	start := thisMonday.AddDate(0, 0, -8*7)
	if after := training.WeekStart(DemoFiscalYear[1].AddDate(0, 0, 7)); start.Before(after) {
		start = after
	}
	i := training.Internship{SiteID: siteID, KindID: kindID, FieldID: fieldID, InternUserID: trainee.ID, InternName: trainee.DisplayName,
		School: "Université de Montréal", SupervisorIDs: []int64{nurse.ID}, StartsOn: start,
		EndsOn: thisMonday.AddDate(0, 0, 10*7+4), PlannedHours: 18 * 21}
	if err := tx.CreateInternship(ctx, &i); err != nil {
		return err
	}
	notes := []string{"Accueil, visites à domicile avec Amina.", "Rencontres prénatales du mardi.", "Halte-allaitement et suivi de poids.",
		"Visites à domicile, dossier de la famille Haddad.", "Atelier « Bébé dort », préparation.", "Rencontre d'équipe et lectures."}
	for w := 0; w < 6; w++ {
		monday := start.AddDate(0, 0, 7*w)
		if monday.After(today) {
			break
		}
		week := training.WeekHours{InternshipID: i.ID, Week: monday, LoggedMinutes: 21 * 60, Note: notes[w], LoggedBy: trainee.ID}
		if w == 1 {
			week.LoggedMinutes = 22 * 60
		}
		if err := tx.LogInternshipWeek(ctx, &week); err != nil {
			return err
		}
		switch w {
		case 0, 2:
			err = tx.SignInternshipWeek(ctx, week.ID, week.LoggedMinutes, nurse.ID, "")
		case 1:
			err = tx.SignInternshipWeek(ctx, week.ID, 21*60, nurse.ID, "La réunion du jeudi a été annulée.")
		}
		if err != nil {
			return err
		}
	}
	return nil
}
