package demo

import (
	"context"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The demo outreach register: ten entries of the network's fictional
// public life — press coverage in Montréal and Brussels, two research
// projects, publications with invented DOIs (prefix 10.48291, which no
// real registrant holds here), conference talks — some written by people
// of the demo network (linked to their accounts), some from outside.

type outreachSeed struct {
	kind                       knowledge.OutreachKind
	title                      string
	authors                    []string // an e-mail: a demo account; anything else: a name from outside
	year, month, day           int
	outlet, doi, url, abstract string
	lang                       string
	staff                      []string // e-mails
	sites                      []string // site slugs
}

var outreachSeeds = []outreachSeed{
	{kind: knowledge.OutreachPublication, title: "Aller vers les familles : effet des visites de proximité sur l'âge gestationnel au premier rendez-vous prénatal",
		authors: []string{"infirmiere@berceau.example", "Nadia Ouellet", "coordination@berceau.example"}, year: 2026, month: 3, day: 18,
		outlet: "Revue québécoise de périnatalité sociale", doi: "10.48291/rqps.2026.0117", lang: "fr",
		abstract: "Étude rétrospective de 212 grossesses suivies à Parc-Extension. Avec les visites de proximité, le premier rendez-vous prénatal passe en moyenne de la 17e à la 12e semaine.",
		staff:    []string{"infirmiere@berceau.example"}, sites: []string{"premiers-pas-parc-ex"}},
	{kind: knowledge.OutreachPublication, title: "Interprofessional perinatal care for families in precarious migration situations: a mixed-methods study in Brussels",
		authors: []string{"sage-femme@berceau.example", "Pieter De Smet", "Leïla Benali"}, year: 2025, month: 11,
		outlet: "European Journal of Perinatal Social Care", doi: "10.48291/ejpsc.2025.0412", lang: "en",
		abstract: "Interviews with 31 professionals and 24 parents in Saint-Gilles and Molenbeek describe how shared case meetings shorten the path to prenatal care.",
		staff:    []string{"sage-femme@berceau.example"}, sites: []string{"mille-jours-saint-gilles"}},
	{kind: knowledge.OutreachPublication, title: "Le dépistage de la précarité en périnatalité : retour sur trois ans d'usage d'une grille commune",
		authors: []string{"coordination@berceau.example", "travail.social@berceau.example"}, year: 2024, month: 6,
		outlet: "Santé publique et territoires", doi: "10.48291/spt.2024.0089", lang: "fr",
		staff: []string{"coordination@berceau.example", "travail.social@berceau.example"}, sites: []string{"premiers-pas-parc-ex"}},
	{kind: knowledge.OutreachResearch, title: "PRENAT-Quartiers : accès précoce au suivi prénatal dans quatre quartiers de Montréal",
		authors: []string{"Nadia Ouellet", "infirmiere@berceau.example"}, year: 2025, month: 9,
		outlet: "Fonds de recherche du Québec – Santé", lang: "fr",
		abstract: "Projet de trois ans (2025–2028) mené avec quatre CLSC et six organismes communautaires pour mesurer l'effet du travail de proximité.",
		staff:    []string{"infirmiere@berceau.example"}, sites: []string{"premiers-pas-parc-ex"}},
	{kind: knowledge.OutreachResearch, title: "1000 Dagen Brussel: parents' pathways through perinatal services",
		authors: []string{"Pieter De Smet", "sage-femme@berceau.example"}, year: 2026, month: 1,
		outlet: "Fonds Wetenschappelijk Onderzoek – Vlaanderen", lang: "en", url: "https://example.org/1000-dagen",
		staff: []string{"sage-femme@berceau.example"}, sites: []string{"mille-jours-saint-gilles"}},
	{kind: knowledge.OutreachMedia, title: "À Parc-Extension, des infirmières qui frappent aux portes",
		authors: []string{"Catherine Lévesque"}, year: 2026, month: 2, day: 9, outlet: "Le Devoir", url: "https://example.org/le-devoir/parc-extension", lang: "fr",
		staff: []string{"infirmiere@berceau.example", "coordination@berceau.example"}, sites: []string{"premiers-pas-parc-ex"}},
	{kind: knowledge.OutreachMedia, title: "Saint-Gilles : une maison pour les mille premiers jours",
		authors: []string{"Thomas Lambert"}, year: 2025, month: 10, day: 21, outlet: "Le Soir", url: "https://example.org/le-soir/mille-jours", lang: "fr",
		staff: []string{"sage-femme@berceau.example"}, sites: []string{"mille-jours-saint-gilles"}},
	{kind: knowledge.OutreachMedia, title: "Perinatale zorg voor kwetsbare gezinnen: Brussel zet in op netwerken",
		authors: []string{"Sarah Peeters"}, year: 2026, month: 4, day: 3, outlet: "Bruzz", url: "https://example.org/bruzz/perinatale-zorg", lang: "nl",
		sites: []string{"mille-jours-saint-gilles"}},
	{kind: knowledge.OutreachTalk, title: "Travailler en réseau autour des familles : l'expérience des Rencontres périnatalité",
		authors: []string{"coordination@berceau.example", "sage-femme@berceau.example"}, year: 2025, month: 5, day: 15,
		outlet: "Congrès francophone de périnatalité sociale, Lyon", doi: "10.48291/cfps.2025.033", lang: "fr",
		staff: []string{"coordination@berceau.example", "sage-femme@berceau.example"}},
	{kind: knowledge.OutreachTalk, title: "Outreach nursing in early pregnancy: lessons from Montréal",
		authors: []string{"infirmiere@berceau.example"}, year: 2026, month: 6, day: 4,
		outlet: "International Conference on Community Perinatal Care, Toronto", lang: "en",
		staff: []string{"infirmiere@berceau.example"}, sites: []string{"premiers-pas-parc-ex"}},
}

func createOutreach(ctx context.Context, tx *store.Tx) error {
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return err
	}
	siteIDs := map[string]int64{}
	for _, s := range sites {
		siteIDs[s.Slug] = s.ID
	}
	account := func(email string) (int64, string, bool) {
		u, err := tx.UserByEmail(ctx, email)
		if err != nil {
			return 0, "", false
		}
		return u.ID, u.DisplayName, true
	}
	for _, s := range outreachSeeds {
		e := knowledge.OutreachEntry{Kind: s.kind, Title: s.title, Year: s.year, Month: s.month, Day: s.day, Outlet: s.outlet,
			DOI: s.doi, URL: s.url, Abstract: s.abstract, Language: s.lang}
		for _, a := range s.authors {
			if id, name, ok := account(a); ok {
				e.Authors = append(e.Authors, knowledge.OutreachAuthor{UserID: id, Name: name})
			} else {
				e.Authors = append(e.Authors, knowledge.OutreachAuthor{Name: a})
			}
		}
		for _, email := range s.staff {
			if id, _, ok := account(email); ok {
				e.StaffIDs = append(e.StaffIDs, id)
			}
		}
		for _, slug := range s.sites {
			if id, ok := siteIDs[slug]; ok {
				e.SiteIDs = append(e.SiteIDs, id)
			}
		}
		if err := e.Validate(); err != nil {
			return err
		}
		if err := tx.CreateOutreachEntry(ctx, &e); err != nil {
			return err
		}
	}
	return nil
}
