package demo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The demo news: three categories and eight articles in French and English
// from the Montréal and Brussels organisations of the demo directory — a
// new site, a training cycle, a study on prenatal follow-up, a winter
// clothing drive… — published over the last weeks (one for members only),
// two with a picture and its description. Then the outreach register
// (outreach.go). Dates are counted from the store's clock.

// LoadNewsAndOutreach adds the demo news and outreach register unless they
// are there. Loading twice adds nothing.
func LoadNewsAndOutreach(ctx context.Context, st *store.Store) error {
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		cats, err := tx.NewsCategories(ctx)
		if err != nil || len(cats) > 0 {
			return err
		}
		if err := createNews(ctx, tx, tx.Now()); err != nil {
			return err
		}
		return createOutreach(ctx, tx)
	})
}

type newsSeed struct {
	slug, category, org  string
	daysAgo              int
	members              bool
	titleFR, titleEN     string
	summaryFR, summaryEN string
	bodyFR, bodyEN       string
	picture              color.RGBA
	altFR, altEN         string
}

var newsCategories = []struct{ slug, fr, en string }{
	{"reseau", "Vie du réseau", "Network life"},
	{"formations", "Formations", "Trainings"},
	{"recherche", "Recherche", "Research"},
}

var newsSeeds = []newsSeed{
	{slug: "ouverture-site-saint-michel", category: "reseau", org: "maison-familles-stmichel", daysAgo: 2,
		titleFR: "Un nouveau site ouvre à Saint-Michel", titleEN: "A new site opens in Saint-Michel",
		summaryFR: "La Maison des familles de Saint-Michel accueille dès lundi les femmes enceintes et les familles avec un bébé, en français, en créole et en espagnol.",
		summaryEN: "From Monday the Saint-Michel family house welcomes pregnant women and families with a baby, in French, Creole and Spanish.",
		bodyFR: "Après deux ans de préparation avec le CLSC et les organismes du quartier, **le site de Saint-Michel ouvre ses portes** le lundi.\n\n" +
			"On y trouve :\n\n- un suivi de grossesse avec une infirmière et une sage-femme ;\n- une halte-garderie pour les aînés pendant les rendez-vous ;\n- un accompagnement social (logement, statut, aide alimentaire).\n\n" +
			"Les familles peuvent venir sans rendez-vous le mardi et le jeudi matin. Les professionnel·les qui veulent orienter une famille trouvent le service dans le [répertoire](/directory).",
		bodyEN: "After two years of preparation with the CLSC and the neighbourhood's organisations, **the Saint-Michel site opens** on Monday.\n\n" +
			"It offers:\n\n- pregnancy follow-up with a nurse and a midwife;\n- a drop-in daycare for older siblings during appointments;\n- social support (housing, status, food aid).\n\n" +
			"Families may come without an appointment on Tuesday and Thursday mornings. Professionals referring a family find the service in the [directory](/directory).",
		picture: color.RGBA{0x2f, 0x6f, 0x8f, 0xff},
		altFR:   "Façade de briques de la Maison des familles de Saint-Michel, avec une banderole « Bienvenue aux familles »",
		altEN:   "Brick front of the Saint-Michel family house, with a “Families welcome” banner"},
	{slug: "cycle-formation-1000-jours", category: "formations", org: "parvis", daysAgo: 5,
		titleFR: "Cycle de formation : les 1000 premiers jours", titleEN: "Training cycle: the first 1000 days",
		summaryFR: "Quatre demi-journées au Parvis de Saint-Gilles pour les équipes sociales et de santé : attachement, précarité, santé mentale périnatale, travail en réseau.",
		summaryEN: "Four half-days at the Parvis in Saint-Gilles for social and health teams: attachment, poverty, perinatal mental health, network practice.",
		bodyFR: "Le cycle s'adresse aux assistantes sociales, sages-femmes, médecins, TMS de l'ONE et intervenant·es de première ligne.\n\n" +
			"## Programme\n\n1. Attachement et premiers liens\n2. Précarité et accès aux soins\n3. Santé mentale périnatale\n4. Travailler en réseau autour d'une famille\n\n" +
			"Inscriptions dans l'[agenda](/events). Les séances sont interprétées en néerlandais.",
		bodyEN: "The cycle is for social workers, midwives, doctors, ONE child-health nurses and front-line workers.\n\n" +
			"## Programme\n\n1. Attachment and first bonds\n2. Poverty and access to care\n3. Perinatal mental health\n4. Working as a network around a family\n\n" +
			"Register in the [agenda](/events). Sessions are interpreted into Dutch."},
	{slug: "etude-suivi-prenatal", category: "recherche", org: "clsc-parcex", daysAgo: 9,
		titleFR: "Étude : le suivi prénatal commence plus tôt quand on va vers les familles", titleEN: "Study: prenatal follow-up starts earlier when we reach out to families",
		summaryFR: "Sur 212 grossesses suivies à Parc-Extension, le premier rendez-vous a lieu en moyenne cinq semaines plus tôt avec les visites de proximité.",
		summaryEN: "Across 212 pregnancies followed in Parc-Extension, the first appointment comes five weeks earlier on average with outreach visits.",
		bodyFR: "L'équipe de recherche a comparé deux années de suivi, avant et après la mise en place des visites à domicile dès le premier contact.\n\n" +
			"> Le premier rendez-vous passe de la 17ᵉ à la 12ᵉ semaine de grossesse en moyenne.\n\n" +
			"Les résultats complets sont décrits dans le [registre de rayonnement](/outreach).",
		bodyEN: "The research team compared two years of follow-up, before and after home visits from the first contact.\n\n" +
			"> The first appointment moves from week 17 to week 12 of pregnancy on average.\n\n" +
			"The full results are described in the [outreach register](/outreach)."},
	{slug: "collecte-vetements-hiver", category: "reseau", org: "marraines", daysAgo: 12,
		titleFR: "Collecte de vêtements d'hiver pour bébés", titleEN: "Winter clothing drive for babies",
		summaryFR: "Habits de neige, tuques et mitaines de 0 à 24 mois : dépôt au local des Marraines jusqu'à la fin du mois.",
		summaryEN: "Snowsuits, hats and mittens from 0 to 24 months: drop them at the Marraines' premises until the end of the month.",
		bodyFR:    "Beaucoup de familles arrivées cet automne n'ont rien pour leur bébé quand le froid tombe.\n\n**Ce dont nous avons besoin :** habits de neige, tuques, mitaines, bottes, couvertures de poussette. Vêtements propres et en bon état, s'il vous plaît.\n\nDépôt du lundi au vendredi, de 9 h à 16 h.",
		bodyEN:    "Many families who arrived this autumn have nothing for their baby when the cold comes.\n\n**What we need:** snowsuits, hats, mittens, boots, stroller blankets. Clean clothes in good condition, please.\n\nDrop-off Monday to Friday, 9 am to 4 pm.",
		picture:   color.RGBA{0xc2, 0x5b, 0x3a, 0xff},
		altFR:     "Pile de petits habits de neige colorés et de tuques tricotées sur une table",
		altEN:     "A pile of small colourful snowsuits and knitted hats on a table"},
	{slug: "maison-medicale-molenbeek", category: "reseau", org: "one-molenbeek", daysAgo: 16,
		titleFR: "Molenbeek : consultations prénatales le samedi", titleEN: "Molenbeek: prenatal consultations on Saturdays",
		summaryFR: "La consultation ONE de Molenbeek ouvre un créneau le samedi matin pour les parents qui travaillent en semaine.",
		summaryEN: "The ONE consultation in Molenbeek opens a Saturday morning slot for parents who work during the week.",
		bodyFR:    "À partir du mois prochain, une sage-femme et un médecin reçoivent sur rendez-vous le samedi de 9 h à 12 h.\n\nUne interprète en arabe est présente un samedi sur deux.",
		bodyEN:    "From next month, a midwife and a doctor see families by appointment on Saturdays from 9 to 12.\n\nAn Arabic interpreter is present every other Saturday."},
	{slug: "webinaire-allaitement-replay", category: "formations", org: "nid-hochelaga", daysAgo: 20,
		titleFR: "Webinaire sur l'allaitement : l'enregistrement est en ligne", titleEN: "Breastfeeding webinar: the recording is online",
		summaryFR: "Soutenir l'allaitement quand la vie est précaire : l'enregistrement et les diapositives sont réservés aux membres du réseau.",
		summaryEN: "Supporting breastfeeding when life is precarious: the recording and slides are for network members.",
		bodyFR:    "Merci aux 84 personnes présentes. Vous trouverez l'enregistrement, les diapositives et la liste des ressources citées dans l'espace membres.",
		bodyEN:    "Thanks to the 84 people who attended. The recording, slides and the list of resources cited are in the members' area.",
		members:   true},
	{slug: "partenariat-huis-van-het-kind", category: "reseau", org: "lucioles", daysAgo: 27,
		titleFR: "Un partenariat avec le Huis van het Kind de Saint-Gilles", titleEN: "A partnership with the Huis van het Kind in Saint-Gilles",
		summaryFR: "Les Lucioles et le Huis van het Kind partagent désormais une permanence bilingue pour les futurs parents.",
		summaryEN: "Les Lucioles and the Huis van het Kind now share a bilingual drop-in for parents-to-be.",
		bodyFR:    "Chaque mercredi après-midi, une permanence en français et en néerlandais accueille les futurs parents : inscriptions aux consultations, aide aux démarches, groupe de parole.",
		bodyEN:    "Every Wednesday afternoon, a drop-in in French and Dutch welcomes parents-to-be: consultation sign-ups, help with paperwork, a discussion group."},
	{slug: "appel-benevoles-marmite", category: "reseau", org: "marmite", daysAgo: 34,
		titleFR: "La Marmite cherche des bénévoles pour ses ateliers cuisine", titleEN: "La Marmite is looking for volunteers for its cooking workshops",
		summaryFR: "Des ateliers de cuisine pour les familles avec de jeunes enfants, chaque samedi à Montréal-Nord : deux bénévoles de plus seraient bienvenus.",
		summaryEN: "Cooking workshops for families with young children every Saturday in Montréal-Nord: two more volunteers would be welcome.",
		bodyFR:    "Pas besoin d'être chef : il suffit d'aimer cuisiner et d'accueillir. Les ateliers durent deux heures, repas partagé compris.",
		bodyEN:    "No need to be a chef: you just need to enjoy cooking and welcoming people. Workshops last two hours, shared meal included."},
}

// demoPicture draws a banner of two bands in c: a small, real PNG.
func demoPicture(c color.RGBA) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 320, 180))
	light := color.RGBA{uint8(min(255, int(c.R)+60)), uint8(min(255, int(c.G)+60)), uint8(min(255, int(c.B)+60)), 0xff}
	for y := range 180 {
		for x := range 320 {
			if y > 120 || (x-160)*(x-160)+(y-80)*(y-80) < 40*40 {
				img.Set(x, y, light)
			} else {
				img.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

func createNews(ctx context.Context, tx *store.Tx, now time.Time) error {
	catIDs := map[string]int64{}
	for _, c := range newsCategories {
		cat := knowledge.NewsCategory{Slug: c.slug, Name: berceau.TextOf("fr", c.fr, "en", c.en)}
		if err := tx.CreateNewsCategory(ctx, &cat); err != nil {
			return err
		}
		catIDs[c.slug] = cat.ID
	}
	for _, s := range newsSeeds {
		n := knowledge.NewsItem{Slug: s.slug, Title: berceau.TextOf("fr", s.titleFR, "en", s.titleEN),
			Summary: berceau.TextOf("fr", s.summaryFR, "en", s.summaryEN), Body: berceau.TextOf("fr", s.bodyFR, "en", s.bodyEN),
			CategoryID: catIDs[s.category], OrganizationID: demoOrg(s.org), Audience: knowledge.AudiencePublic,
			Status: knowledge.NewsPublished, PublishedAt: now.Add(-time.Duration(s.daysAgo)*24*time.Hour - 3*time.Hour).Truncate(time.Minute)}
		if s.members {
			n.Audience = knowledge.AudienceMembers
		}
		var picture []byte
		if s.altFR != "" {
			var err error
			if picture, err = demoPicture(s.picture); err != nil {
				return err
			}
			n.ImageType, n.ImageAlt = "image/png", berceau.TextOf("fr", s.altFR, "en", s.altEN)
		}
		if err := tx.CreateNewsItem(ctx, &n); err != nil {
			return err
		}
		if picture != nil {
			if err := tx.SetNewsImage(ctx, n.ID, knowledge.NewsImage{ContentType: "image/png", Content: picture}); err != nil {
				return err
			}
		}
	}
	return nil
}
