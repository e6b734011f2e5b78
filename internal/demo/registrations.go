package demo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The demo registrations: the past Bassin Sud session with its attendance,
// hours and feedback (social, health, mental health and early childhood
// came; no general practitioner, gynaecologist nor hospital, as the real
// cycle noted), the second session full with a waiting list, and a few
// people for the webinar; members and guests, in French and English.

type demoGuest struct {
	name, email, organisation string
	sector                    knowledge.Sector
	lang                      string
}

var demoGuests = []demoGuest{
	{"Nadia El Amrani", "nadia.elamrani@cpas-stgilles.example", "CPAS de Saint-Gilles", knowledge.SectorSocial, "fr"},
	{"Tom Peeters", "tom.peeters@kindengezin.example", "Kind en Gezin", knowledge.SectorEarlyChildhood, "en"},
	{"Fatou Ndiaye", "fatou.ndiaye@ssm-forest.example", "Service de santé mentale de Forest", knowledge.SectorMentalHealth, "fr"},
	{"Claire Dumont", "claire.dumont@one.example", "ONE — consultations prénatales", knowledge.SectorHealth, "fr"},
	{"Yasmina Benali", "yasmina.benali@creche-lucioles.example", "Crèche Les Lucioles", knowledge.SectorEarlyChildhood, "fr"},
	{"Sarah Cohen", "sarah.cohen@planning-familial.example", "Planning familial de Saint-Gilles", knowledge.SectorHealth, "en"},
	{"Marc Lambert", "marc.lambert@maison-medicale.example", "Maison médicale du Parvis", knowledge.SectorSocial, "fr"},
	{"Inès Moreau", "ines.moreau@ecole-devoirs.example", "École de devoirs La Passerelle", knowledge.SectorEducation, "fr"},
	{"Aïcha Diallo", "aicha.diallo@asbl-meres.example", "ASBL Mères et bébés", knowledge.SectorCommunity, "fr"},
	{"Jan De Smet", "jan.desmet@huisvandekinderen.example", "Huis van het Kind", knowledge.SectorEarlyChildhood, "en"},
	{"Laura Rossi", "laura.rossi@psy-perinat.example", "Psychologue indépendante", knowledge.SectorMentalHealth, "en"},
	{"Hélène Dubois", "helene.dubois@sagesfemmes.example", "Sages-femmes à domicile", knowledge.SectorMidwifery, "fr"},
}

var demoFeedback = []knowledge.Feedback{
	{Rating: 5, Comment: "Enfin un espace pour se connaître entre secteurs. Merci !"},
	{Rating: 4, Comment: "Very useful workshops; more time for the round of services next time."},
	{Rating: 5, Comment: "J'ai découvert trois services que je ne connaissais pas."},
	{Rating: 3, Comment: "Dommage qu'aucun médecin généraliste ne soit venu."},
	{Rating: 4},
}

func demoLinkSecret() string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw)
	return hex.EncodeToString(raw)
}

// LoadRegistrations adds the demo registrations unless the demo events
// already have some. Loading twice adds nothing.
func LoadRegistrations(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		events, err := tx.Events(ctx, knowledge.EventFilter{}, store.EventReach{All: true})
		if err != nil {
			return err
		}
		byUID := map[string]knowledge.Event{}
		var ids []int64
		for _, e := range events {
			byUID[e.UID] = e
			ids = append(ids, e.ID)
		}
		past, okPast := byUID[directory.NameUUID("demo-event:bassin-sud-1")]
		full, okFull := byUID[directory.NameUUID("demo-event:bassin-sud-2")]
		webinar, okWebinar := byUID[directory.NameUUID("demo-event:webinaire-allaitement")]
		if !okPast || !okFull || !okWebinar {
			return nil
		}
		taken, err := tx.PlacesTaken(ctx, ids)
		if err != nil {
			return err
		}
		for _, n := range taken {
			if n > 0 {
				return nil
			}
		}
		member := func(email string, sector knowledge.Sector) (knowledge.Registration, error) {
			u, err := tx.UserByEmail(ctx, email)
			if err != nil {
				return knowledge.Registration{}, err
			}
			if sector == "" {
				sector = knowledge.SectorOfDiscipline(u.Discipline)
			}
			lang := "fr"
			if u.Locale == "en" {
				lang = "en"
			}
			return knowledge.Registration{UserID: u.ID, Name: u.DisplayName, Email: u.Email, Sector: sector, Language: lang}, nil
		}
		guest := func(g demoGuest) knowledge.Registration {
			return knowledge.Registration{Name: g.name, Email: g.email, Organisation: g.organisation, Sector: g.sector, Language: g.lang}
		}
		add := func(e knowledge.Event, r knowledge.Registration, state knowledge.RegistrationState) (knowledge.Registration, error) {
			r.EventID, r.State = e.ID, state
			if state == knowledge.StateAttended || state == knowledge.StateNoShow {
				r.State = knowledge.StateRegistered
			}
			if err := tx.CreateRegistration(ctx, &r, demoLinkSecret(), 0); err != nil {
				return r, err
			}
			if state == knowledge.StateAttended || state == knowledge.StateNoShow {
				act := knowledge.ActAttend
				if state == knowledge.StateNoShow {
					act = knowledge.ActNoShow
				}
				if err := tx.SetRegistrationState(ctx, r.ID, state, act, 0, time.Time{}); err != nil {
					return r, err
				}
				r.State = state
			}
			if state == knowledge.StateAttended {
				if err := tx.SetLearningHours(ctx, r, int(e.End.Sub(e.Start).Minutes()), 0); err != nil {
					return r, err
				}
			}
			return r, nil
		}

		// Session 1, past: members and guests, attendance and feedback.
		var attended []knowledge.Registration
		for _, m := range []string{"sage-femme@berceau.example", "membre@berceau.example", "travail.social@berceau.example"} {
			r, err := member(m, "")
			if err != nil {
				return err
			}
			if r, err = add(past, r, knowledge.StateAttended); err != nil {
				return err
			}
			attended = append(attended, r)
		}
		for i, g := range demoGuests[:8] {
			state := knowledge.StateAttended
			switch i {
			case 5:
				state = knowledge.StateNoShow
			case 7:
				state = knowledge.StateCancelled
			}
			r, err := add(past, guest(g), state)
			if err != nil {
				return err
			}
			if state == knowledge.StateAttended {
				attended = append(attended, r)
			}
		}
		for i, f := range demoFeedback {
			if i < len(attended) {
				if err := tx.SaveFeedback(ctx, attended[i], f); err != nil {
					return err
				}
			}
		}

		// Session 2, open and full: every place taken, three people waiting.
		places := full.Capacity
		for _, m := range []string{"membre@berceau.example", "sage-femme@berceau.example", "infirmiere@berceau.example"} {
			r, err := member(m, "")
			if err != nil {
				return err
			}
			if _, err := add(full, r, knowledge.StateRegistered); err != nil {
				return err
			}
			places--
		}
		waiting := 0
		for _, g := range demoGuests {
			state := knowledge.StateRegistered
			if places <= 0 {
				if waiting == 3 {
					break
				}
				state = knowledge.StateWaitlisted
				waiting++
			}
			if _, err := add(full, guest(g), state); err != nil {
				return err
			}
			places--
		}

		// The webinar: two members and a guest.
		for _, m := range []string{"coordination@berceau.example", "evaluation@berceau.example"} {
			r, err := member(m, "")
			if err != nil {
				return err
			}
			if _, err := add(webinar, r, knowledge.StateRegistered); err != nil {
				return err
			}
		}
		_, err = add(webinar, guest(demoGuests[10]), knowledge.StateRegistered)
		return err
	})
}
