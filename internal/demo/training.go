package demo

import (
	"context"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
	"github.com/berceau/berceau/training"
)

// The demo trainings: five trainings of the catalogue in Montréal and
// Brussels, their sessions as events of the agenda (most in the past,
// attended by demo professionals, so learning records show hours; one
// training still to come), a trainer's completion mark, an approved and a
// pending external declaration, and issued certificates. Dates count from
// the store's clock.

type demoSession struct {
	days, hh, mm, hours int
}

type demoTraining struct {
	code                         string
	title, titleEN               string
	objectives, objectivesEN     string
	prerequisites, prerequisEN   string
	audience                     []berceau.Discipline
	hours                        int
	modality                     training.Modality
	org, zone, address           string
	sessions                     []demoSession
	attendAll, attendFirst, mark []string // emails
	markNote                     string
}

var demoTrainings = []demoTraining{
	{code: "bases", title: "Périnatalité sociale : les bases", titleEN: "Social perinatal care: the basics",
		objectives:    "Comprendre les déterminants sociaux de la santé dès la grossesse ; connaître les ressources du quartier ; travailler en interdisciplinarité autour de la famille.",
		objectivesEN:  "Understand the social determinants of health from pregnancy on; know the neighbourhood's resources; work across disciplines around the family.",
		prerequisites: "Aucun.", prerequisEN: "None.",
		hours: 6, modality: training.InPerson, org: "nid-hochelaga", zone: "America/Toronto", address: "2110, rue Ontario Est, Montréal",
		sessions:  []demoSession{{-120, 9, 0, 3}, {-113, 9, 0, 3}},
		attendAll: []string{"infirmiere@berceau.example", "travail.social@berceau.example", "coordination@berceau.example"}, attendFirst: []string{"stagiaire@berceau.example"}},
	{code: "entretien-motivationnel", title: "Entretien motivationnel", titleEN: "Motivational interviewing",
		objectives:    "S'approprier l'esprit et les techniques de l'entretien motivationnel pour soutenir les parents dans leurs propres projets de changement.",
		objectivesEN:  "Learn the spirit and techniques of motivational interviewing to support parents in their own plans for change.",
		prerequisites: "Intervenir auprès de familles.", prerequisEN: "Working with families.",
		audience: []berceau.Discipline{berceau.DisciplineNurse, berceau.DisciplineSocialWorker, berceau.DisciplinePhysician, berceau.DisciplineMidwife},
		hours:    7, modality: training.Hybrid, org: "clsc-parcex", zone: "America/Toronto", address: "7085, rue Hutchison, Montréal",
		sessions:    []demoSession{{-60, 13, 0, 3}, {-53, 13, 0, 4}},
		attendAll:   []string{"medecin@berceau.example"},
		attendFirst: []string{"infirmiere@berceau.example"}, mark: []string{"infirmiere@berceau.example"},
		markNote: "Deuxième séance rattrapée avec le groupe de Hochelaga."},
	{code: "violences-conjugales", title: "Repérage des violences conjugales en période périnatale", titleEN: "Identifying intimate partner violence in the perinatal period",
		objectives:    "Repérer les signes de violence conjugale pendant la grossesse et après la naissance, en parler avec la personne, orienter en sécurité.",
		objectivesEN:  "Recognise the signs of intimate partner violence during pregnancy and after birth, talk about it with the person, refer safely.",
		prerequisites: "Aucun.", prerequisEN: "None.",
		hours: 6, modality: training.Online, org: "mere-veille", zone: "America/Toronto",
		sessions: []demoSession{{18, 9, 0, 3}, {25, 9, 0, 3}}},
	{code: "1000-jours", title: "Premiers 1000 jours : comprendre et accompagner", titleEN: "The first 1000 days: understanding and supporting",
		objectives:    "Ce qui se joue de la conception aux deux ans de l'enfant ; le réseau bruxellois de la périnatalité ; accompagner sans juger.",
		objectivesEN:  "What happens from conception to the child's second birthday; the Brussels perinatal network; supporting without judging.",
		prerequisites: "Aucun.", prerequisEN: "None.",
		hours: 8, modality: training.InPerson, org: "parvis", zone: "Europe/Brussels", address: "Parvis de Saint-Gilles 20, 1060 Bruxelles",
		sessions:  []demoSession{{-90, 9, 30, 4}, {-83, 9, 30, 4}},
		attendAll: []string{"sage-femme@berceau.example", "membre@berceau.example"}},
	{code: "allaitement-precarite", title: "Soutenir l'allaitement en contexte de précarité", titleEN: "Supporting breastfeeding in precarious circumstances",
		objectives:   "Les obstacles à l'allaitement quand la vie est précaire, et ce qui aide : pairs, consultantes, ressources du quartier.",
		objectivesEN: "What stands in the way of breastfeeding when life is precarious, and what helps: peers, consultants, local resources.",
		audience:     []berceau.Discipline{berceau.DisciplineNurse, berceau.DisciplineMidwife, berceau.DisciplineCommunityWorker, berceau.DisciplineNutritionist},
		hours:        3, modality: training.Online, org: "marraines", zone: "America/Toronto"},
}

// LoadTrainings adds the demo trainings unless the catalogue has some.
// Loading twice adds nothing.
func LoadTrainings(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		if _, n, err := tx.Trainings(ctx, store.TrainingFilter{Limit: 1}); err != nil || n > 0 {
			return err
		}
		return createTrainings(ctx, tx, tx.Now())
	})
}

func createTrainings(ctx context.Context, tx *store.Tx, now time.Time) error {
	users := map[string]berceau.User{}
	user := func(email string) (berceau.User, error) {
		if u, ok := users[email]; ok {
			return u, nil
		}
		u, err := tx.UserByEmail(ctx, email)
		users[email] = u
		return u, err
	}
	attend := func(e knowledge.Event, email string) error {
		u, err := user(email)
		if err != nil {
			return err
		}
		lang := "fr"
		if u.Locale == "en" {
			lang = "en"
		}
		r := knowledge.Registration{EventID: e.ID, UserID: u.ID, Name: u.DisplayName, Email: u.Email,
			Sector: knowledge.SectorOfDiscipline(u.Discipline), Language: lang, State: knowledge.StateRegistered}
		if err := tx.CreateRegistration(ctx, &r, demoLinkSecret(), 0); err != nil {
			return err
		}
		if !e.End.Before(now) {
			return nil // a session to come: registered only
		}
		if err := tx.SetRegistrationState(ctx, r.ID, knowledge.StateAttended, knowledge.ActAttend, 0, time.Time{}); err != nil {
			return err
		}
		return tx.SetLearningHours(ctx, r, int(e.End.Sub(e.Start).Minutes()), 0)
	}
	issued := map[string]training.Training{}
	for _, d := range demoTrainings {
		t := training.Training{Title: berceau.TextOf("fr", d.title, "en", d.titleEN),
			Objectives:    berceau.TextOf("fr", d.objectives, "en", d.objectivesEN),
			Prerequisites: berceau.TextOf("fr", d.prerequisites, "en", d.prerequisEN),
			Audience:      d.audience, Minutes: d.hours * 60, Modality: d.modality, Language: "fr", OrganizationID: demoOrg(d.org)}
		var events []knowledge.Event
		for i, s := range d.sessions {
			place := knowledge.Place{Kind: knowledge.PlaceAddress, Address: d.address}
			if d.modality == training.Online {
				place = knowledge.Place{Kind: knowledge.PlaceOnline, JoinURL: "https://visio.example.org/berceau-" + d.code}
			}
			start := at(now, d.zone, s.days, s.hh, s.mm)
			e := knowledge.Event{UID: directory.NameUUID("demo-training-session:" + d.code + ":" + string(rune('1'+i))), Kind: knowledge.KindTraining,
				Title:      berceau.TextOf("fr", d.title+" — séance "+string(rune('1'+i)), "en", d.titleEN+" — session "+string(rune('1'+i))),
				Summary:    berceau.TextOf("fr", d.objectives, "en", d.objectivesEN),
				Organizers: []string{demoOrg(d.org)}, Place: place, Start: start, End: start.Add(time.Duration(s.hours) * time.Hour),
				TimeZone: d.zone, Audience: knowledge.AudiencePublic, Capacity: 25, Languages: []string{"fr"}, Free: true,
				Status: knowledge.StatusScheduled}
			if err := tx.CreateEvent(ctx, &e); err != nil {
				return err
			}
			events = append(events, e)
			t.SessionIDs = append(t.SessionIDs, e.ID)
		}
		if err := tx.CreateTraining(ctx, &t); err != nil {
			return err
		}
		for i, e := range events {
			for _, email := range d.attendAll {
				if err := attend(e, email); err != nil {
					return err
				}
			}
			if i == 0 {
				for _, email := range d.attendFirst {
					if err := attend(e, email); err != nil {
						return err
					}
				}
			}
		}
		for _, email := range d.mark {
			u, err := user(email)
			if err != nil {
				return err
			}
			last := events[len(events)-1]
			on := training.CivilDay(last.End.AddDate(0, 0, 9))
			if err := tx.SetCompletionMark(ctx, training.Mark{TrainingID: t.ID, UserID: u.ID, On: on, Note: d.markNote}); err != nil {
				return err
			}
		}
		issued[d.code] = t
	}

	// Certificates: Amina Diallo's for the basics, Els Vermeulen's for the
	// first 1000 days, each on the day of the last session.
	for _, c := range []struct{ email, code string }{{"infirmiere@berceau.example", "bases"}, {"sage-femme@berceau.example", "1000-jours"}} {
		u, err := user(c.email)
		if err != nil {
			return err
		}
		t := issued[c.code]
		sessions, err := tx.TrainingSessions(ctx, []int64{t.ID})
		if err != nil {
			return err
		}
		list := sessions[t.ID]
		org, err := tx.DirectoryOrganizationByID(ctx, t.OrganizationID)
		if err != nil {
			return err
		}
		issuer, _ := org.Name.In(u.Locale)
		cert := training.Certificate{Code: training.NewCode(), UserID: u.ID, TrainingID: t.ID, Holder: u.DisplayName, Title: t.Title,
			On: list[len(list)-1].Day(), Minutes: t.Minutes, Issuer: issuer, Lang: u.Locale, IssuedBy: u.ID}
		if err := tx.CreateCertificate(ctx, &cert); err != nil {
			return err
		}
	}

	// External trainings: one approved by the Parc-Extension coordinator,
	// one waiting for her.
	coordinator, err := user("coordination@berceau.example")
	if err != nil {
		return err
	}
	declare := func(email, title, provider string, daysAgo, hours int) (training.Declaration, error) {
		u, err := user(email)
		if err != nil {
			return training.Declaration{}, err
		}
		d := training.Declaration{UserID: u.ID, Title: title, Provider: provider, On: training.CivilDay(now.AddDate(0, 0, -daysAgo)),
			Minutes: hours * 60, ProofName: "attestation.pdf", ProofType: "application/pdf"}
		return d, tx.CreateDeclaration(ctx, &d, demoProof(title, provider))
	}
	approved, err := declare("travail.social@berceau.example", "Intervention en contexte interculturel",
		"Université de Montréal — formation continue", 400, 7)
	if err != nil {
		return err
	}
	if err := tx.DecideDeclaration(ctx, approved.ID, training.Approved, coordinator.ID, ""); err != nil {
		return err
	}
	_, err = declare("infirmiere@berceau.example", "Réanimation cardiorespiratoire du nourrisson", "Croix-Rouge (fictif)", 40, 4)
	return err
}

// demoProof is a small, valid one-page PDF naming the training: the proof
// a professional would upload.
func demoProof(title, provider string) []byte {
	text := "Attestation - " + asciiOnly(title) + " - " + asciiOnly(provider)
	stream := "BT /F1 12 Tf 40 780 Td (" + text + ") Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Length " + strconv.Itoa(len(stream)) + " >>\nstream\n" + stream + "\nendstream",
	}
	out := "%PDF-1.4\n"
	var offsets []int
	for i, o := range objects {
		offsets = append(offsets, len(out))
		out += strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n"
	}
	xref := len(out)
	out += "xref\n0 " + strconv.Itoa(len(objects)+1) + "\n0000000000 65535 f \n"
	for _, off := range offsets {
		s := strconv.Itoa(off)
		for len(s) < 10 {
			s = "0" + s
		}
		out += s + " 00000 n \n"
	}
	out += "trailer\n<< /Size " + strconv.Itoa(len(objects)+1) + " /Root 1 0 R >>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n"
	return []byte(out)
}

func asciiOnly(s string) string {
	var b []rune
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
		case r < 128:
			b = append(b, r)
		default:
			b = append(b, '?')
		}
	}
	return string(b)
}
