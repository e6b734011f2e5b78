package demo

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// DemoLanguages are the demo network's languages: the Bassin Sud works with
// Flemish partners (the Huis van het Kind), so Dutch is enabled beside
// French, the default, and English.
const DemoLanguages = "fr,en,nl"

// dutchServices are the Dutch names and descriptions of a few Brussels
// services: the others show their French text, marked "translation
// missing", to a Dutch reader.
var dutchServices = map[string][2]string{
	"parvis:sagefemme": {"Raadplegingen bij de vroedvrouw",
		"Zwangerschaps- en postnatale opvolging door een vroedvrouw, ook voor wie geen ziekenfonds heeft."},
	"parvis:social": {"Sociale permanentie",
		"Hulp bij het OCMW, het ziekenfonds, de groeipakketten en huisvesting."},
	"one-molenbeek:prenatale": {"Prenatale raadpleging",
		"Gratis preventieve medische opvolging van de zwangerschap, met een medisch-sociaal werker."},
	"one-molenbeek:enfants": {"Consultatiebureau voor kinderen van 0 tot 6 jaar",
		"Wegen, vaccinatie, screenings en advies, gratis."},
	"one-molenbeek:visites": {"Huisbezoeken na de geboorte",
		"Een medisch-sociaal werker komt in de weken na de geboorte bij jullie thuis langs."},
	"one-molenbeek:massage": {"Workshop babymassage",
		"Vier sessies om je baby te leren masseren en zijn huilen beter te begrijpen."},
	"lucioles:halte": {"Occasionele kinderopvang",
		"Occasionele opvang van kinderen van 6 maanden tot 3 jaar, enkele halve dagen per week."},
}

// dutchEvents are the Dutch titles and summaries of the Brussels cycle's
// sessions, by their demo UID suffix.
var dutchEvents = map[string][2]string{
	"bassin-sud-1": {"Ontmoeting 1 — Elkaar leren kennen over de sectoren heen",
		"Sessie 1 van de cyclus Perinatale ontmoetingen 2026 — inschrijving enkel voor deze sessie."},
	"bassin-sud-2": {"Ontmoeting 2 — De eerste 1000 dagen in het Bassin Sud",
		"Sessie 2 van de cyclus Perinatale ontmoetingen 2026 — inschrijving enkel voor deze sessie."},
	"bassin-sud-3": {"Ontmoeting 3 — Perinatale geestelijke gezondheid: wie doet wat?",
		"Sessie 3 van de cyclus Perinatale ontmoetingen 2026 — inschrijving enkel voor deze sessie."},
}

// LoadLanguages enables the demo network's languages, unless its
// administrator already chose, and gives some Brussels services and events
// their Dutch text. It runs at every start and changes nothing the second
// time.
func LoadLanguages(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Setting(ctx, berceau.SettingLanguages); berceau.IsNotFound(err) {
			if err := tx.SetSetting(ctx, berceau.SettingLanguages, DemoLanguages); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		for key, nl := range dutchServices {
			s, err := tx.DirectoryServiceByID(ctx, directory.NameUUID("demo-service:"+key), store.Professionals)
			if berceau.IsNotFound(err) {
				continue // a directory without the demo's services
			}
			if err != nil {
				return err
			}
			if s.Name.Get("nl") != "" {
				continue
			}
			s.Name.Set("nl", nl[0])
			s.Description.Set("nl", nl[1])
			if err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		return dutchDemoEvents(ctx, tx)
	})
}

func dutchDemoEvents(ctx context.Context, tx *store.Tx) error {
	events, err := tx.Events(ctx, knowledge.EventFilter{}, store.EventReach{All: true})
	if err != nil {
		return err
	}
	for _, e := range events {
		for suffix, nl := range dutchEvents {
			if e.UID != directory.NameUUID("demo-event:"+suffix) || e.Title.Get("nl") != "" {
				continue
			}
			e.Title.Set("nl", nl[0])
			e.Summary.Set("nl", nl[1])
			if err := tx.UpdateEvent(ctx, &e); err != nil {
				return err
			}
		}
	}
	cycles, err := tx.Cycles(ctx)
	if err != nil {
		return err
	}
	for _, c := range cycles {
		if c.UID != DemoCycleUID || c.Title.Get("nl") != "" {
			continue
		}
		c.Title.Set("nl", "Perinatale ontmoetingen 2026")
		c.Summary.Set("nl", "Drie ontmoetingen die openstaan voor iedereen, zonder verplichting om alle drie bij te wonen: professionals uit de sociale sector en de gezondheidszorg, geestelijke gezondheidszorg inbegrepen, om de voorzieningen in de buurt beter te leren kennen, bruggen te slaan tussen beroepen en samen na te denken over de eerste 1000 dagen. Workshops en tijd voor uitwisseling op elke sessie.")
		if err := tx.UpdateCycle(ctx, &c); err != nil {
			return err
		}
	}
	return nil
}
