package demo

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The demo portal's pages: About the network, Social perinatal care and
// Partners, published in French, English and Dutch, written by the demo's
// content editor. The About page has two revisions, so that its history
// has something to restore.

// demoPage is one page: its address and its revisions, oldest first.
type demoPage struct {
	slug      string
	revisions []knowledge.PageRevision
}

func demoPages() []demoPage {
	text := func(fr, en, nl string) berceau.Text { return berceau.TextOf("fr", fr, "en", en, "nl", nl) }
	about := knowledge.PageRevision{
		Title: text("À propos du réseau", "About the network", "Over het netwerk"),
		Summary: text(
			"Un réseau de périnatalité sociale entre Montréal et Bruxelles : des équipes qui accompagnent les familles vulnérables de la grossesse à l'entrée à l'école.",
			"A social perinatal care network between Montréal and Brussels: teams that walk with vulnerable families from pregnancy until the child starts school.",
			"Een netwerk voor sociale perinatale zorg tussen Montréal en Brussel: teams die kwetsbare gezinnen begeleiden van de zwangerschap tot de kleuterschool."),
		Body: text(`Le réseau réunit **deux organisations** et **trois sites** : Premiers Pas à Parc-Extension (Montréal), Mille Jours à Saint-Gilles et l'équipe mobile du Bassin Sud (Bruxelles).

## Pour qui ?

- les femmes enceintes dès la 12e semaine et les jeunes familles qui vivent la pauvreté, l'isolement, la migration, la violence ou des difficultés de santé mentale ;
- les professionnel·les de la santé et du social qui les accompagnent : sages-femmes, infirmières, travailleuses sociales, éducatrices, interprètes.

## Ce que nous faisons

Suivi à domicile et en groupe, orientation vers les ressources du quartier, rencontres interdisciplinaires et formations ouvertes aux partenaires.

Nos partenaires sont présentés sur la page [Partenaires](/pages/partners) ; les services du territoire, dans le [répertoire des ressources](/directory).`,
			`The network brings together **two organisations** and **three sites**: Premiers Pas in Parc-Extension (Montréal), Mille Jours in Saint-Gilles and the Bassin Sud mobile team (Brussels).

## Who is it for?

- pregnant women from the 12th week and young families living with poverty, isolation, migration, violence or mental-health difficulties;
- the health and social professionals who walk with them: midwives, nurses, social workers, educators, interpreters.

## What we do

Home visits and group follow-up, referrals to the neighbourhood's resources, interdisciplinary meetings and trainings open to partners.

Our partners are on the [Partners](/pages/partners) page; the area's services, in the [resource directory](/directory).`,
			`Het netwerk brengt **twee organisaties** en **drie locaties** samen: Premiers Pas in Parc-Extension (Montréal), Mille Jours in Sint-Gillis en het mobiele team van het Bassin Sud (Brussel).

## Voor wie?

- zwangere vrouwen vanaf de 12e week en jonge gezinnen die leven met armoede, isolement, migratie, geweld of psychische moeilijkheden;
- de zorg- en welzijnsprofessionals die hen begeleiden: vroedvrouwen, verpleegkundigen, maatschappelijk werkers, opvoeders, tolken.

## Wat we doen

Huisbezoeken en groepsbegeleiding, doorverwijzing naar de voorzieningen in de wijk, interdisciplinaire ontmoetingen en opleidingen voor partners.`),
		Note: "Première version", Published: true,
	}
	aboutFirst := about
	aboutFirst.Summary = text("Un réseau de périnatalité sociale entre Montréal et Bruxelles.", "A social perinatal care network between Montréal and Brussels.", "")
	aboutFirst.Note, aboutFirst.Published = "Brouillon", false
	about.Note = "Public et activités précisés"
	perinatal := knowledge.PageRevision{
		Title: text("La périnatalité sociale", "Social perinatal care", "Sociale perinatale zorg"),
		Summary: text(
			"Accompagner tôt, ensemble et sans jugement les familles que la précarité éloigne des soins, de la grossesse aux cinq ans de l'enfant.",
			"Reaching early, together and without judgement the families whom hardship keeps away from care, from pregnancy until the child turns five.",
			"Vroeg, samen en zonder oordeel de gezinnen bereiken die door bestaansonzekerheid ver van de zorg staan, van de zwangerschap tot het vijfde levensjaar."),
		Body: text(`La périnatalité sociale, c'est l'accompagnement des futurs et jeunes parents **là où la santé et le social se rencontrent** : une sage-femme qui fait une visite à domicile avec une travailleuse sociale, une infirmière qui oriente vers une banque alimentaire, une interprète présente au rendez-vous de suivi de grossesse.

## Les 1000 premiers jours

De la conception aux deux ans de l'enfant, les conditions de vie laissent des traces durables. Agir tôt, c'est :

1. repérer dès la grossesse les familles isolées ou en précarité ;
2. offrir un suivi de proximité, à domicile ou en groupe ;
3. coordonner les intervenant·es autour de la famille, avec son accord.

## Nos repères

Le modèle de la Maison Bleue à Montréal et les maisons de naissance bruxelloises ; les programmes SIPPE (Québec) et l'ONE (Fédération Wallonie-Bruxelles).`,
			`Social perinatal care is the support of future and young parents **where health and social care meet**: a midwife making a home visit with a social worker, a nurse referring to a food bank, an interpreter at a pregnancy follow-up appointment.

## The first 1000 days

From conception until the child turns two, living conditions leave lasting marks. Acting early means:

1. identifying isolated or precarious families during pregnancy;
2. offering close follow-up, at home or in groups;
3. coordinating the professionals around the family, with its consent.

## Our references

The Maison Bleue model in Montréal and Brussels birth houses; the SIPPE programmes (Québec) and the ONE (Wallonia-Brussels Federation).`,
			`Sociale perinatale zorg is de begeleiding van aanstaande en jonge ouders **waar gezondheid en welzijn elkaar ontmoeten**: een vroedvrouw die samen met een maatschappelijk werker op huisbezoek gaat, een verpleegkundige die doorverwijst naar een voedselbank, een tolk bij de zwangerschapsconsultatie.

## De eerste 1000 dagen

Van de conceptie tot de tweede verjaardag laten de levensomstandigheden blijvende sporen na. Vroeg handelen betekent:

1. kwetsbare of geïsoleerde gezinnen al tijdens de zwangerschap opmerken;
2. nabije begeleiding bieden, thuis of in groep;
3. de hulpverleners rond het gezin coördineren, met zijn toestemming.`),
		Note: "Première version", Published: true,
	}
	partners := knowledge.PageRevision{
		Title: text("Partenaires", "Partners", "Partners"),
		Summary: text(
			"Les organisations avec lesquelles le réseau travaille à Montréal et à Bruxelles.",
			"The organisations the network works with in Montréal and Brussels.",
			"De organisaties waarmee het netwerk samenwerkt in Montréal en Brussel."),
		Body: text(`## À Montréal

- **CLSC de Parc-Extension** : suivi de grossesse et vaccination ;
- **Centre de ressources périnatales Parc-Extension** : haltes-allaitement et ateliers ;
- **Banque alimentaire de quartier** : paniers pour les familles suivies.

## À Bruxelles

- **ONE — consultations prénatales de Saint-Gilles** ;
- **Huis van het Kind Brussel-Zuid** : accueil des familles néerlandophones ;
- **CPAS de Saint-Gilles** : aide sociale et logement.

Vous souhaitez rejoindre le réseau ? Écrivez à la coordination : [reseau@berceau.example](mailto:reseau@berceau.example).`,
			`## In Montréal

- **Parc-Extension CLSC**: pregnancy follow-up and vaccination;
- **Parc-Extension perinatal resource centre**: breastfeeding drop-ins and workshops;
- **Neighbourhood food bank**: food baskets for the families followed.

## In Brussels

- **ONE — Saint-Gilles antenatal clinics**;
- **Huis van het Kind Brussel-Zuid**: welcoming Dutch-speaking families;
- **Saint-Gilles CPAS**: social assistance and housing.

Would you like to join the network? Write to the coordination: [reseau@berceau.example](mailto:reseau@berceau.example).`,
			`## In Montréal

- **CLSC Parc-Extension**: zwangerschapsopvolging en vaccinatie;
- **Perinataal centrum Parc-Extension**: borstvoedingsmomenten en workshops;
- **Voedselbank in de wijk**: pakketten voor de begeleide gezinnen.

## In Brussel

- **ONE — prenatale consultaties Sint-Gillis**;
- **Huis van het Kind Brussel-Zuid**: onthaal van Nederlandstalige gezinnen;
- **OCMW Sint-Gillis**: maatschappelijke hulp en huisvesting.`),
		Note: "Première version", Published: true,
	}
	return []demoPage{
		{knowledge.PageAbout, []knowledge.PageRevision{aboutFirst, about}},
		{knowledge.PagePerinatal, []knowledge.PageRevision{perinatal}},
		{knowledge.PagePartners, []knowledge.PageRevision{partners}},
	}
}

// LoadPortal adds the demo pages unless one is there. Loading twice adds
// nothing.
func LoadPortal(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		if pages, err := tx.Pages(ctx); err != nil || len(pages) > 0 {
			return err
		}
		editor, err := tx.UserByEmail(ctx, "contenu@berceau.example")
		if err != nil {
			return err
		}
		for _, dp := range demoPages() {
			p := knowledge.Page{Slug: dp.slug}
			for i, rev := range dp.revisions {
				rev.AuthorID = editor.ID
				if i == 0 {
					err = tx.CreatePage(ctx, &p, rev)
				} else {
					err = tx.AddPageRevision(ctx, &p, rev)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}
