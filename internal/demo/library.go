package demo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"sync"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The demo library: twelve resources of the demo directory's organisations
// in Montréal and Brussels — PDF guides and tools written out in French and
// English (their text is searchable), a Brussels birth booklet in French
// and Dutch, a poster, links — for everyone, for members, for one
// organisation's staff. The breastfeeding sheet has two versions.

// demoDoc is one demo resource; a document has pages of text, a link an
// address.
type demoDoc struct {
	kind      knowledge.ResourceKind
	title     berceau.Text
	summary   berceau.Text
	themes    []string
	langs     []string
	audience  knowledge.Audience
	staffOf   string // org code, for AudienceStaff
	org       string // org code
	licence   string
	link      string
	file      string     // file name; empty for a link or a poster
	pages     [][]string // per version: heading, paragraphs...
	notes     []string   // change note per version
	posterPNG bool
}

var demoLibrary = []demoDoc{
	{kind: knowledge.ResourceGuide, org: "mere-veille", licence: "cc-by", audience: knowledge.AudiencePublic, langs: []string{"fr"},
		themes: []string{"postnatal-care", "parenting-groups"}, file: "guide-accueil-familles.pdf",
		title:   berceau.TextOf("fr", "Guide d'accueil des familles", "en", "Welcoming families: a guide"),
		summary: berceau.TextOf("fr", "Comment accueillir une famille au premier contact : écoute, confidentialité, orientation vers les ressources du quartier.", "en", "How to welcome a family at first contact: listening, confidentiality, referral to local resources."),
		pages: [][]string{{"Guide d'accueil des familles",
			"Le premier contact décide souvent de la suite. Accueillez la famille dans un lieu calme, présentez-vous, dites ce que vous pouvez faire et ce que vous ne pouvez pas faire.",
			"Confidentialité : rien de ce que la famille dit ne sort de l'équipe sans son accord, sauf s'il y a un danger pour la sécurité d'un enfant.",
			"Orientation : notez les besoins nommés par la famille (logement, alimentation, suivi de grossesse) et proposez au plus deux ressources à la fois, avec un rendez-vous précis.",
			"Interprétariat : si la famille parle une autre langue, proposez un interprète professionnel plutôt qu'un proche."}}},
	{kind: knowledge.ResourceTool, org: "nid-hochelaga", licence: "cc-by-sa", audience: knowledge.AudiencePublic, langs: []string{"fr", "en"},
		themes: []string{"breastfeeding"}, file: "allaitement-retour-au-travail.pdf",
		title:   berceau.TextOf("fr", "Fiche : allaitement et retour au travail", "en", "Sheet: breastfeeding and going back to work"),
		summary: berceau.TextOf("fr", "Tirer et conserver le lait, parler à l'employeur, droits au Québec.", "en", "Expressing and storing milk, talking to the employer, rights in Québec."),
		notes:   []string{"", "Durées de conservation mises à jour ; ajout des droits des salariées."},
		pages: [][]string{
			{"Allaitement et retour au travail / Breastfeeding and going back to work",
				"Commencez à tirer votre lait deux à trois semaines avant la reprise. Le lait se conserve quatre heures à température ambiante.",
				"Start expressing milk two to three weeks before going back. Milk keeps four hours at room temperature."},
			{"Allaitement et retour au travail / Breastfeeding and going back to work",
				"Commencez à tirer votre lait deux à trois semaines avant la reprise. Le lait se conserve quatre heures à température ambiante, quatre jours au réfrigérateur et six mois au congélateur.",
				"Start expressing milk two to three weeks before going back. Milk keeps four hours at room temperature, four days in the fridge and six months in the freezer.",
				"Vos droits : au Québec, l'employeur doit vous laisser des pauses pour tirer votre lait et un local propre, autre qu'une toilette.",
				"Your rights: in Québec, the employer must give you breaks to express milk and a clean room other than a washroom."}}},
	{kind: knowledge.ResourceGuide, org: "clsc-parcex", licence: "cc-by-nc", audience: knowledge.AudienceMembers, langs: []string{"fr", "en"},
		themes: []string{"perinatal-mental-health", "postnatal-care"}, file: "reperer-depression-post-partum.pdf",
		title:   berceau.TextOf("fr", "Repérer la dépression post-partum", "en", "Recognising postpartum depression"),
		summary: berceau.TextOf("fr", "Signes d'alerte, échelle d'Édimbourg (EPDS) et orientation pour les intervenantes.", "en", "Warning signs, the Edinburgh scale (EPDS) and referral, for practitioners."),
		pages: [][]string{{"Repérer la dépression post-partum",
			"Le « baby blues » passe en deux semaines ; au-delà, pensez à la dépression post-partum. Signes : tristesse persistante, perte d'intérêt, troubles du sommeil sans lien avec le bébé, idées de culpabilité.",
			"L'échelle d'Édimbourg (EPDS) compte dix questions ; un score de 13 ou plus demande une évaluation par un professionnel de santé mentale périnatale.",
			"Recognising postpartum depression: persistent sadness beyond two weeks, loss of interest, guilt. An EPDS score of 13 or more calls for an assessment.",
			"Toute idée suicidaire est une urgence : ne laissez pas la personne seule et appelez le 811 ou le 911."}}},
	{kind: knowledge.ResourceTool, org: "envol-parcex", licence: "cc-by", audience: knowledge.AudienceMembers, langs: []string{"fr"},
		themes: []string{"postnatal-care", "child-health"}, file: "planification-visites-domicile.pdf",
		title:   berceau.TextOf("fr", "Outil de planification des visites à domicile", "en", "Home visit planning tool"),
		summary: berceau.TextOf("fr", "Une grille pour préparer, mener et consigner une visite à domicile.", "en", "A grid to prepare, carry out and record a home visit."),
		pages: [][]string{{"Outil de planification des visites à domicile",
			"Avant la visite : objectif, personnes présentes, matériel (balance, documentation), trajet et sécurité de l'intervenante.",
			"Pendant la visite : état de santé du nourrisson, alimentation, sommeil, humeur du parent, réseau de soutien.",
			"Après la visite : consignez dans le dossier dans les 24 heures et planifiez la prochaine rencontre."}}},
	{kind: knowledge.ResourceForm, org: "one-molenbeek", licence: "all-rights-reserved", audience: knowledge.AudiencePublic, langs: []string{"fr", "nl"},
		themes: []string{"child-health", "prenatal-care"}, file: "carnet-naissance-geboorteboekje.pdf",
		title:   berceau.TextOf("fr", "Carnet de la naissance / Geboorteboekje", "en", "Birth booklet (Brussels)"),
		summary: berceau.TextOf("fr", "Le carnet bilingue remis aux familles bruxelloises : rendez-vous, vaccinations, croissance.", "en", "The bilingual booklet given to Brussels families: appointments, vaccinations, growth."),
		pages: [][]string{{"Carnet de la naissance / Geboorteboekje",
			"Ce carnet accompagne votre enfant de la naissance à six ans : notez-y les consultations, les vaccinations et la courbe de croissance.",
			"Dit boekje volgt uw kind van de geboorte tot zes jaar: noteer de consultaties, de vaccinaties en de groeicurve.",
			"Consultations gratuites à l'ONE et chez Kind en Gezin / Gratis consultaties bij ONE en Kind en Gezin."}}},
	{kind: knowledge.ResourceForm, org: "parvis", staffOf: "parvis", licence: "all-rights-reserved", audience: knowledge.AudienceStaff, langs: []string{"en"},
		themes: []string{"postnatal-care"}, file: "home-visit-safety-checklist.pdf",
		title:   berceau.TextOf("fr", "Liste de contrôle : sécurité des visites", "en", "Home visit safety checklist"),
		summary: berceau.TextOf("fr", "Pour l'équipe du Parvis : avant chaque visite seule.", "en", "For the Parvis team: before every lone visit."),
		pages: [][]string{{"Home visit safety checklist",
			"Tell a colleague where you go and when you expect to be back. Keep your phone charged. Leave if you feel unsafe: your safety comes first.",
			"Internal procedure of the team; not for distribution."}}},
	{kind: knowledge.ResourceReport, org: "lucioles", licence: "cc-by", audience: knowledge.AudiencePublic, langs: []string{"fr"},
		themes: []string{"parenting-groups"}, file: "rapport-activites-2025.pdf",
		title:   berceau.TextOf("fr", "Rapport d'activités 2025 des Lucioles", "en", "Les Lucioles annual report 2025"),
		summary: berceau.TextOf("fr", "Groupes de parents, haltes-garderies et ateliers : chiffres et témoignages de l'année.", "en", "Parent groups, drop-in daycare and workshops: the year's figures and testimonies."),
		pages: [][]string{{"Rapport d'activités 2025",
			"En 2025, 212 familles ont participé à nos groupes de parents, dont 64 nouvelles familles arrivées à Bruxelles dans l'année.",
			"Les ateliers de portage et de massage du bébé ont réuni 38 séances ; la halte-garderie a accueilli 95 enfants."}}},
	{kind: knowledge.ResourceTool, org: "marmite", licence: "cc-by", audience: knowledge.AudienceMembers, langs: []string{"en"},
		themes: []string{"food", "child-health"}, file: "infant-feeding-sheet.pdf",
		title:   berceau.TextOf("fr", "Fiche : alimentation du nourrisson", "en", "Sheet: feeding your baby"),
		summary: berceau.TextOf("fr", "Les premiers aliments de 6 à 12 mois, pour les familles aidées par la banque alimentaire.", "en", "First foods from 6 to 12 months, for families helped by the food bank."),
		pages: [][]string{{"Feeding your baby",
			"Around six months, offer iron-rich foods first: meat, fish, eggs, legumes, iron-fortified cereals.",
			"Texture: smooth purées at first, then soft lumps. Never honey before one year."}}},
	{kind: knowledge.ResourcePoster, org: "tilleuls", licence: "cc-by-nc-nd", audience: knowledge.AudiencePublic, langs: []string{"fr", "nl"},
		themes: []string{"child-health"}, file: "affiche-sommeil-securitaire.png", posterPNG: true,
		title:   berceau.TextOf("fr", "Affiche : le sommeil sécuritaire du bébé", "en", "Poster: safe sleep for babies"),
		summary: berceau.TextOf("fr", "Sur le dos, dans son lit, sans couverture ni tour de lit.", "en", "On the back, in their own crib, without blankets or bumpers.")},
	{kind: knowledge.ResourceVideo, org: "lucioles", licence: "cc-by", audience: knowledge.AudiencePublic, langs: []string{"fr"},
		themes: []string{"parenting-groups", "birth-preparation"}, link: "https://video.example.org/lucioles/portage-bebe",
		title:   berceau.TextOf("fr", "Vidéo : le portage du bébé en toute sécurité", "en", "Video: carrying your baby safely"),
		summary: berceau.TextOf("fr", "Atelier filmé des Lucioles : écharpe, porte-bébé, positions.", "en", "Filmed workshop of Les Lucioles: wraps, carriers, positions.")},
	{kind: knowledge.ResourceGuide, org: "clsc-parcex", licence: "all-rights-reserved", audience: knowledge.AudiencePublic, langs: []string{"fr", "en"},
		themes: []string{"prenatal-care", "child-health"}, link: "https://naitreetgrandir.com/",
		title:   berceau.TextOf("fr", "Naître et grandir", "en", "Naître et grandir (pregnancy and early childhood)"),
		summary: berceau.TextOf("fr", "Le site québécois de référence sur la grossesse et le développement des enfants.", "en", "Québec's reference website on pregnancy and child development.")},
	{kind: knowledge.ResourceGuide, org: "one-molenbeek", licence: "all-rights-reserved", audience: knowledge.AudiencePublic, langs: []string{"fr"},
		themes: []string{"prenatal-care", "postnatal-care"}, link: "https://www.one.be/public/",
		title:   berceau.TextOf("fr", "Office de la Naissance et de l'Enfance (ONE)", "en", "ONE, the Brussels and Wallonia birth and childhood office"),
		summary: berceau.TextOf("fr", "Consultations prénatales et pour enfants, gratuites, en Fédération Wallonie-Bruxelles.", "en", "Free prenatal and child consultations in the Wallonia-Brussels Federation.")},
}

// preparedDoc is a demo document with its files and their words.
type preparedDoc struct {
	doc      demoDoc
	contents [][]byte
	words    []string
}

// preparedLibrary draws the demo library's files (PDFs, a poster) and
// reads their words once per process: they depend on nothing but the
// list above, and drawing them was most of loading the demo in tests,
// which load it hundreds of times.
var preparedLibrary = sync.OnceValues(func() ([]preparedDoc, error) {
	var docs []preparedDoc
	for _, d := range demoLibrary {
		p := preparedDoc{doc: d}
		for _, page := range d.pages {
			b, err := demoPDF(d.title.String(), d.langs[0], page)
			if err != nil {
				return nil, err
			}
			p.contents = append(p.contents, b)
		}
		if d.posterPNG {
			b, err := demoPoster()
			if err != nil {
				return nil, err
			}
			p.contents = append(p.contents, b)
		}
		for _, content := range p.contents {
			words := "" // a poster's versions are stored as images: no words
			if !d.posterPNG {
				words = knowledge.DocumentWords(pdfdoc.Text(content, knowledge.MaxDocumentText))
			}
			p.words = append(p.words, words)
		}
		docs = append(docs, p)
	}
	return docs, nil
})

// LoadLibrary adds the demo library unless it has resources already.
// Loading twice adds nothing.
func LoadLibrary(ctx context.Context, st *store.Store) error {
	files, err := st.Files()
	if err != nil {
		return err
	}
	docs, err := preparedLibrary()
	if err != nil {
		return err
	}
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		entries, err := tx.LibraryEntries(ctx)
		if err != nil || len(entries) > 0 {
			return err
		}
		editor, err := tx.UserByEmail(ctx, "contenu@berceau.example")
		if err != nil {
			return err
		}
		for _, p := range docs {
			d := p.doc
			r := knowledge.Resource{Kind: d.kind, Title: d.title, Summary: d.summary, Themes: d.themes, Languages: d.langs,
				Audience: d.audience, OrganizationID: demoOrg(d.org), Licence: d.licence, LinkURL: d.link, CreatedBy: editor.ID}
			if d.staffOf != "" {
				r.AudienceOrganizationID = demoOrg(d.staffOf)
			}
			if err := tx.CreateResource(ctx, &r); err != nil {
				return err
			}
			for i, content := range p.contents {
				hash, err := files.Put(content)
				if err != nil {
					return err
				}
				v := knowledge.ResourceVersion{ResourceID: r.ID, FileName: d.file, Size: int64(len(content)), SHA256: hash,
					ContentType: "application/pdf", CreatedBy: editor.ID}
				if d.posterPNG {
					v.ContentType = "image/png"
				}
				if i < len(d.notes) {
					v.ChangeNote = d.notes[i]
				}
				if err := tx.AddResourceVersion(ctx, &v, p.words[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// demoPDF writes a one-page document: a title, then paragraphs.
func demoPDF(title, lang string, page []string) ([]byte, error) {
	d := pdfdoc.New(title, NetworkName, lang)
	d.Title(page[0])
	for _, p := range page[1:] {
		d.Paragraph(p)
	}
	return d.Bytes()
}

// demoPoster draws a small poster: a blue field with a white crib.
func demoPoster() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 240, 320))
	for y := 0; y < 320; y++ {
		for x := 0; x < 240; x++ {
			c := color.RGBA{0x1f, 0x4e, 0x79, 0xff}
			if x > 40 && x < 200 && y > 140 && y < 220 && (y < 150 || x < 50 || x > 190 || y > 210) {
				c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}
