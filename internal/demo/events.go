package demo

import (
	"context"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The demo agenda: the Bassin Sud's cycle of meetings in Brussels (three
// sessions: one past, two open), an interdisciplinary training day in
// Montréal in the manner of La Maison Bleue, a webinar and an open house,
// in French and English, organised by organisations of the demo directory.
// Dates are counted from the store's clock, so the agenda always has past
// and upcoming events.

// DemoCycleUID is the stable UID of the demo cycle.
var DemoCycleUID = directory.NameUUID("demo-cycle:rencontres-perinatalite-2026")

func demoOrg(code string) string { return directory.NameUUID("demo-org:" + code) }
func demoLoc(code string) string { return directory.NameUUID("demo-loc:" + code) }

// at is the instant of hh:mm local time in zone, days after today there.
func at(now time.Time, zone string, days, hh, mm int) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	d := now.In(loc).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc).UTC()
}

// LoadEvents adds the demo agenda unless it is there. Loading twice adds
// nothing.
func LoadEvents(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		cycles, err := tx.Cycles(ctx)
		if err != nil {
			return err
		}
		for _, c := range cycles {
			if c.UID == DemoCycleUID {
				return nil
			}
		}
		return createEvents(ctx, tx, tx.Now())
	})
}

func createEvents(ctx context.Context, tx *store.Tx, now time.Time) error {
	const brussels, montreal = "Europe/Brussels", "America/Toronto"
	cycle := knowledge.Cycle{UID: DemoCycleUID,
		Title: berceau.TextOf("fr", "Rencontres périnatalité 2026", "en", "Perinatal meetings 2026"),
		Summary: berceau.TextOf(
			"fr", "Trois rencontres ouvertes à toutes et à tous, sans engagement de venir aux trois : des professionnel·les du social et de la santé, santé mentale comprise, pour mieux connaître les ressources du territoire, créer des ponts entre métiers et réfléchir ensemble aux 1000 premiers jours. Ateliers et temps d'échange à chaque séance.",
			"en", "Three meetings open to all, with no commitment to attend all three: social and health professionals, mental health included, getting to know the area's resources, building bridges between professions and thinking together about the first 1000 days. Workshops and time to talk at each session.",
		),
		Organizers: []string{demoOrg("parvis"), demoOrg("lucioles")}}
	if err := tx.CreateCycle(ctx, &cycle); err != nil {
		return err
	}
	session := func(n int, days int, title, titleEN string, place knowledge.Place, capacity int) knowledge.Event {
		return knowledge.Event{UID: directory.NameUUID("demo-event:bassin-sud-" + string(rune('0'+n))), CycleID: cycle.ID,
			Kind:    knowledge.KindMeeting,
			Title:   berceau.TextOf("fr", title, "en", titleEN),
			Summary: berceau.TextOf("fr", "Séance "+string(rune('0'+n))+" du cycle Rencontres périnatalité 2026 — inscription à cette séance seulement.", "en", "Session "+string(rune('0'+n))+" of the Perinatal meetings 2026 cycle — registration to this session only."),
			Body: berceau.TextOf(
				"fr", "Accueil et café, tour de table des services présents, deux ateliers en petits groupes (orientation des familles ; santé mentale périnatale), puis mise en commun.\n\nOuvert aux secteurs social, santé, santé mentale et petite enfance, y compris aux services qui n'interviennent pas seulement en périnatalité.",
				"en", "Welcome and coffee, a round of the services present, two workshops in small groups (guiding families; perinatal mental health), then a shared summary.\n\nOpen to the social, health, mental health and early childhood sectors, including services that do not work only in perinatal care.",
			),
			Organizers: cycle.Organizers, Place: place,
			Start: at(now, brussels, days, 9, 30), End: at(now, brussels, days, 12, 30), TimeZone: brussels,
			Audience: knowledge.AudiencePublic, Capacity: capacity, Languages: []string{"fr"}, InterpretationLanguages: []string{"nl"},
			Accessibility: berceau.TextOf("fr", "Salle de plain-pied, toilettes accessibles. Garde d'enfants sur demande.", "en", "Step-free room, accessible toilets. Childcare on request."),
			Free:          true, Status: knowledge.StatusScheduled}
	}
	events := []knowledge.Event{
		session(1, -21, "Rencontre 1 — Se connaître entre secteurs", "Meeting 1 — Getting to know each other across sectors",
			knowledge.Place{Kind: knowledge.PlaceLocation, LocationID: demoLoc("parvis")}, 30),
		session(2, 12, "Rencontre 2 — Les 1000 premiers jours dans le Bassin Sud", "Meeting 2 — The first 1000 days in the Bassin Sud",
			knowledge.Place{Kind: knowledge.PlaceLocation, LocationID: demoLoc("lucioles")}, 10),
		session(3, 54, "Rencontre 3 — Santé mentale périnatale : qui fait quoi ?", "Meeting 3 — Perinatal mental health: who does what?",
			knowledge.Place{Kind: knowledge.PlaceAddress, Address: "Maison communale de Saint-Gilles, place Maurice Van Meenen 39, 1060 Bruxelles"}, 40),
		{UID: directory.NameUUID("demo-event:journee-interdisciplinaire"), Kind: knowledge.KindTraining,
			Title: berceau.TextOf("fr", "Journée de formation interdisciplinaire en périnatalité sociale", "en", "Interdisciplinary training day in social perinatal care"),
			Summary: berceau.TextOf("fr", "Une journée pour infirmières, travailleuses sociales, sages-femmes, médecins et éducatrices : les déterminants sociaux de la santé dès la conception, et l'accompagnement intégré des familles en contexte de vulnérabilités multiples.",
				"en", "A day for nurses, social workers, midwives, physicians and educators: the social determinants of health from conception, and integrated support for families living with multiple vulnerabilities."),
			Body: berceau.TextOf("fr", "Matin : conférences et étude de cas. Après-midi : ateliers par discipline, puis plénière.\n\nAttestation de participation (6 heures).",
				"en", "Morning: talks and a case study. Afternoon: workshops by discipline, then a plenary.\n\nCertificate of attendance (6 hours)."),
			Organizers: []string{demoOrg("nid-hochelaga"), demoOrg("mere-veille")},
			Place:      knowledge.Place{Kind: knowledge.PlaceLocation, LocationID: demoLoc("nid-hochelaga")},
			Start:      at(now, montreal, 26, 8, 30), End: at(now, montreal, 26, 16, 30), TimeZone: montreal,
			Audience: knowledge.AudienceMembers, Capacity: 60, ApprovalRequired: true, Languages: []string{"fr"}, InterpretationLanguages: []string{"lsq"},
			Accessibility: berceau.TextOf("fr", "Ascenseur, interprétation en LSQ sur demande.", "en", "Lift; Quebec Sign Language interpretation on request."),
			Free:          false, Status: knowledge.StatusScheduled},
		{UID: directory.NameUUID("demo-event:webinaire-allaitement"), Kind: knowledge.KindWebinar,
			Title:      berceau.TextOf("fr", "Webinaire : soutenir l'allaitement quand la vie est précaire", "en", "Webinar: supporting breastfeeding when life is precarious"),
			Summary:    berceau.TextOf("fr", "Une heure d'échange avec une consultante en lactation et une intervenante communautaire.", "en", "An hour's conversation with a lactation consultant and a community worker."),
			Organizers: []string{demoOrg("clsc-parcex")},
			Place:      knowledge.Place{Kind: knowledge.PlaceOnline, JoinURL: "https://visio.example.org/berceau-allaitement"},
			Start:      at(now, montreal, 5, 12, 0), End: at(now, montreal, 5, 13, 0), TimeZone: montreal,
			Audience: knowledge.AudiencePublic, Languages: []string{"fr", "en"}, Free: true, Status: knowledge.StatusScheduled},
		{UID: directory.NameUUID("demo-event:portes-ouvertes-lucioles"), Kind: knowledge.KindOpenHouse,
			Title:      berceau.TextOf("fr", "Portes ouvertes aux Lucioles", "en", "Open house at Les Lucioles"),
			Summary:    berceau.TextOf("fr", "Venez découvrir l'espace parents-bébés, ses activités et son équipe, autour d'un goûter.", "en", "Come and see the parents-and-babies space, its activities and its team, over a snack."),
			Organizers: []string{demoOrg("lucioles")},
			Place:      knowledge.Place{Kind: knowledge.PlaceLocation, LocationID: demoLoc("lucioles")},
			Start:      at(now, brussels, 33, 14, 0), End: at(now, brussels, 33, 17, 0), TimeZone: brussels,
			Audience: knowledge.AudiencePublic, Languages: []string{"fr", "nl"}, Free: true, Status: knowledge.StatusScheduled},
	}
	for i := range events {
		if err := tx.CreateEvent(ctx, &events[i]); err != nil {
			return err
		}
	}
	return nil
}
