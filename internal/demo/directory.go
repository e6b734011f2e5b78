package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/hsds"
	"github.com/berceau/berceau/internal/store"
)

// The demo directory: fictional perinatal resources of Montreal and
// Brussels. Names, addresses and numbers are invented (555 numbers, no real
// person); positions are those of the neighbourhoods.

type hood struct {
	name, city, province, country, postal, zone string
	lat, lon                                    float64
}

var hoods = map[string]hood{
	"hochelaga":   {"Hochelaga-Maisonneuve", "Montréal", "QC", "CA", "H1W 3B5", "America/Toronto", 45.5453, -73.5432},
	"parcex":      {"Parc-Extension", "Montréal", "QC", "CA", "H3N 1V7", "America/Toronto", 45.5302, -73.6338},
	"cdn":         {"Côte-des-Neiges", "Montréal", "QC", "CA", "H3S 1Z2", "America/Toronto", 45.4951, -73.6254},
	"stmichel":    {"Saint-Michel", "Montréal", "QC", "CA", "H2A 2N9", "America/Toronto", 45.5661, -73.6102},
	"mtlnord":     {"Montréal-Nord", "Montréal", "QC", "CA", "H1G 3K3", "America/Toronto", 45.5983, -73.6331},
	"verdun":      {"Verdun", "Montréal", "QC", "CA", "H4G 1T4", "America/Toronto", 45.4580, -73.5718},
	"saintgilles": {"Saint-Gilles", "Bruxelles", "Bruxelles-Capitale", "BE", "1060", "Europe/Brussels", 50.8272, 4.3451},
	"molenbeek":   {"Molenbeek-Saint-Jean", "Bruxelles", "Bruxelles-Capitale", "BE", "1080", "Europe/Brussels", 50.8553, 4.3223},
	"schaerbeek":  {"Schaerbeek", "Bruxelles", "Bruxelles-Capitale", "BE", "1030", "Europe/Brussels", 50.8671, 4.3779},
	"anderlecht":  {"Anderlecht", "Bruxelles", "Bruxelles-Capitale", "BE", "1070", "Europe/Brussels", 50.8371, 4.3081},
	"forest":      {"Forest", "Bruxelles", "Bruxelles-Capitale", "BE", "1190", "Europe/Brussels", 50.8103, 4.3198},
	"centre":      {"Bruxelles-Ville", "Bruxelles", "Bruxelles-Capitale", "BE", "1000", "Europe/Brussels", 50.8467, 4.3529},
}

type orgSeed struct {
	code, kind, hood, street string
	fr, en, descFR, descEN   string
	redacted                 bool
	services                 []serviceSeed
}

type serviceSeed struct {
	code           string
	fr, en         string // en empty: the English translation is missing
	descFR, descEN string
	needs          []string
	stage          string // "pregnancy", "baby", "both"
	free, noRef    bool
	noPapers       bool
	partner        bool
	langs          string // "fr,en,ar"
	hours          string // "MO,TU,WE,TH,FR 09:00-17:00"
	capacity       directory.CapacityStatus
	waitWeeks      int
	staleMonths    int // confirmed this many months ago
}

var directoryOrgs = []orgSeed{
	{"nid-hochelaga", "social-pediatrics", "hochelaga", "2110, rue Ontario Est",
		"Centre de pédiatrie sociale Le Nid", "Le Nid social pediatrics centre",
		"Centre de pédiatrie sociale en communauté : médecin, travailleuse sociale et bénévoles autour de l'enfant et de sa famille.",
		"Community social pediatrics centre: a doctor, a social worker and volunteers around the child and family.", false,
		[]serviceSeed{
			{"eval", "Évaluation-orientation en pédiatrie sociale", "Social pediatrics assessment",
				"Rencontre de l'enfant et de sa famille avec le médecin et l'intervenante pour comprendre ses besoins.",
				"The child and family meet the doctor and the social worker to understand the child's needs.",
				[]string{"child-health"}, "baby", true, true, true, true, "fr,en,es", "MO,TU,WE,TH 09:00-17:00", directory.CapacityWaitlist, 6, 2},
			{"halte", "Halte-répit des tout-petits", "Toddlers' respite drop-in",
				"Quelques heures de garde gratuite pour souffler, pendant que les enfants jouent avec des éducatrices.",
				"A few hours of free childcare to catch one's breath while children play with educators.",
				[]string{"daycare", "parenting-groups"}, "baby", true, true, true, false, "fr,en", "WE,FR 09:00-12:00", directory.CapacityAccepting, 0, 4},
			{"clinique", "Clinique pédiatrique de quartier", "",
				"Consultations pédiatriques sans rendez-vous pour les enfants de 0 à 5 ans du quartier.", "",
				[]string{"child-health"}, "baby", true, true, true, true, "fr", "TU,TH 13:00-19:00", directory.CapacityAccepting, 0, 14},
		}},
	{"clsc-parcex", "public-health", "parcex", "7085, rue Hutchison",
		"CLSC de Parc-Extension (fictif)", "Parc-Extension CLSC (fictional)",
		"Services publics de santé de proximité : suivi de grossesse, périnatalité, vaccination.",
		"Local public health services: pregnancy follow-up, perinatal care, vaccination.", false,
		[]serviceSeed{
			{"sippe", "Services intégrés en périnatalité et petite enfance", "Integrated perinatal and early childhood services",
				"Visites à domicile d'une infirmière et d'une intervenante dès la 12e semaine de grossesse, pour les familles vivant en contexte de vulnérabilité.",
				"Home visits by a nurse and a social worker from the 12th week of pregnancy, for families living in vulnerable circumstances.",
				[]string{"prenatal-care", "postnatal-care"}, "both", true, false, false, true, "fr,en,pa,ar", "MO,TU,WE,TH,FR 08:00-16:00", directory.CapacityAccepting, 0, 3},
			{"prenatal", "Rencontres prénatales de groupe", "Prenatal group classes",
				"Quatre rencontres pour se préparer à l'accouchement et à l'arrivée de bébé, avec interprètes sur demande.",
				"Four sessions to prepare for the birth and the baby's arrival, with interpreters on request.",
				[]string{"birth-preparation", "prenatal-care"}, "pregnancy", true, true, false, true, "fr,en", "MO 18:00-20:00", directory.CapacityAccepting, 0, 6},
			{"vaccination", "Vaccination des nourrissons", "Infant vaccination",
				"Vaccination selon le calendrier québécois, sur rendez-vous.", "Vaccination following Québec's schedule, by appointment.",
				[]string{"child-health"}, "baby", true, false, false, true, "fr,en", "WE 08:30-15:30", directory.CapacityWaitlist, 3, 8},
			{"allaitement", "Soutien à l'allaitement", "Breastfeeding support",
				"Consultation avec une infirmière conseillère en lactation, à la clinique ou à domicile.",
				"Consultation with a lactation nurse, at the clinic or at home.",
				[]string{"breastfeeding", "postnatal-care"}, "baby", true, true, false, true, "fr,en,ar", "TU,TH 09:00-12:00", directory.CapacityAccepting, 0, 13},
		}},
	{"marraines", "community", "cdn", "5560, chemin de la Côte-des-Neiges",
		"Les Marraines d'allaitement (fictif)", "Breastfeeding Godmothers (fictional)",
		"Organisme communautaire de soutien par les pairs en allaitement.", "Community peer support for breastfeeding.", false,
		[]serviceSeed{
			{"halte", "Halte-allaitement du jeudi", "Thursday breastfeeding drop-in",
				"Rencontre conviviale entre mères qui allaitent, avec une marraine formée.", "A friendly gathering of breastfeeding mothers with a trained godmother.",
				[]string{"breastfeeding", "parenting-groups"}, "baby", true, true, true, true, "fr,en,es,tl", "TH 13:30-15:30", directory.CapacityAccepting, 0, 2},
			{"jumelage", "Jumelage avec une marraine", "Matching with a godmother",
				"Une marraine d'allaitement accompagne par téléphone dès la fin de la grossesse.", "A breastfeeding godmother supports by phone from late pregnancy.",
				[]string{"breastfeeding"}, "both", true, true, true, false, "fr,en,es", "", directory.CapacityWaitlist, 2, 5},
		}},
	{"maison-familles-stmichel", "community", "stmichel", "3001, rue Jarry Est",
		"Maison des familles de Saint-Michel (fictive)", "Saint-Michel family house (fictional)",
		"Lieu d'accueil, d'entraide et d'activités pour les parents et leurs enfants de 0 à 5 ans.",
		"A place of welcome, mutual aid and activities for parents and children under five.", false,
		[]serviceSeed{
			{"ateliers", "Ateliers parents-enfants", "Parent-child workshops",
				"Jeux, éveil au langage et causeries pour les parents de tout-petits.", "Play, early language and talks for parents of toddlers.",
				[]string{"parenting-groups"}, "baby", true, true, true, true, "fr,ht,es", "MO,WE 09:30-11:30", directory.CapacityAccepting, 0, 1},
			{"papas", "Groupe des papas", "Dads' group",
				"Rencontres entre pères et futurs pères, un samedi sur deux.", "Meetings of fathers and fathers-to-be, every other Saturday.",
				[]string{"parenting-groups"}, "both", true, true, true, true, "fr,ht", "SA 10:00-12:00", directory.CapacityAccepting, 0, 15},
			{"materiel", "Comptoir de matériel pour bébé", "Baby supplies counter",
				"Vêtements, poussettes et sièges d'auto usagés et vérifiés, à petit prix.", "Checked second-hand clothes, strollers and car seats at low prices.",
				[]string{"material-aid"}, "both", false, true, true, false, "fr,ht,es", "TU,TH 13:00-16:00", directory.CapacityAccepting, 0, 7},
			{"francisation", "Francisation avec halte-garderie", "French classes with childcare",
				"Cours de français pour parents nouvellement arrivés, pendant que les tout-petits sont gardés sur place.",
				"French classes for newly arrived parents while toddlers are cared for on site.",
				[]string{"migration", "daycare"}, "baby", true, true, true, true, "fr,es,ar", "MO,WE 13:00-15:30", directory.CapacityWaitlist, 6, 5},
		}},
	{"marmite", "community", "mtlnord", "10450, boulevard Pie-IX",
		"Banque alimentaire La Marmite (fictive)", "La Marmite food bank (fictional)",
		"Aide alimentaire et cuisines collectives pour les familles de Montréal-Nord.", "Food aid and collective kitchens for Montréal-Nord families.", false,
		[]serviceSeed{
			{"paniers", "Paniers alimentaires pour femmes enceintes et nouveau-nés", "Food baskets for pregnant women and newborns",
				"Panier hebdomadaire avec lait, œufs, fruits et légumes ; suppléments pour la grossesse.", "Weekly basket with milk, eggs, fruit and vegetables; pregnancy supplements.",
				[]string{"food"}, "both", true, true, true, true, "fr,ht,es,ar", "WE 13:00-17:00", directory.CapacityWaitlist, 4, 3},
			{"cuisines", "Cuisines collectives purées bébé", "Baby food collective kitchens",
				"Préparer ensemble des purées maison pour le mois.", "Make a month of homemade baby food together.",
				[]string{"food", "parenting-groups"}, "baby", false, true, true, true, "fr,ht", "FR 09:00-13:00", directory.CapacityAccepting, 0, 9},
			{"nutrition", "Consultation en nutrition prénatale", "Prenatal nutrition counselling",
				"Une nutritionniste aide à bien manger pendant la grossesse avec un petit budget ; coupons de lait et d'œufs.",
				"A dietitian helps eat well during pregnancy on a small budget; milk and egg coupons.",
				[]string{"food", "prenatal-care"}, "pregnancy", true, true, true, true, "fr,ht,es", "TU 09:00-12:00", directory.CapacityAccepting, 0, 4},
		}},
	{"escale", "shelter", "verdun", "Adresse confidentielle",
		"Maison d'hébergement L'Escale (fictive)", "L'Escale shelter (fictional)",
		"Hébergement sécuritaire pour femmes victimes de violence conjugale, enceintes ou avec de jeunes enfants.",
		"Safe shelter for women facing conjugal violence, pregnant or with young children.", true,
		[]serviceSeed{
			{"hebergement", "Hébergement d'urgence mère-enfant", "Emergency mother-child shelter",
				"Accueil 24 heures sur 24, adresse confidentielle, accompagnement psychosocial et juridique.", "Open 24 hours, confidential address, psychosocial and legal support.",
				[]string{"conjugal-violence", "housing"}, "both", true, true, true, false, "fr,en,es,ar", "MO,TU,WE,TH,FR,SA,SU 00:00-23:59", directory.CapacityFull, 0, 2},
			{"externe", "Suivi externe violence conjugale", "Outreach support for conjugal violence",
				"Rencontres individuelles sans hébergement, pour préparer un plan de sécurité.", "Individual meetings without housing, to prepare a safety plan.",
				[]string{"conjugal-violence", "perinatal-mental-health"}, "both", true, true, true, false, "fr,en", "MO,TU,WE,TH,FR 09:00-17:00", directory.CapacityAccepting, 0, 11},
		}},
	{"clinique-juridique-nord", "legal-aid", "mtlnord", "4200, rue de Charleroi",
		"Clinique juridique du Nord (fictive)", "North legal clinic (fictional)",
		"Information juridique gratuite : immigration, logement, aide sociale, droits des parents.", "Free legal information: immigration, housing, social assistance, parents' rights.", false,
		[]serviceSeed{
			{"immigration", "Accompagnement en immigration et accès aux soins", "Immigration and access-to-care support",
				"Aide aux démarches pour les personnes sans statut ou en attente de statut, y compris l'accès aux soins de grossesse.",
				"Help for people without status or awaiting status, including access to pregnancy care.",
				[]string{"migration", "income-legal"}, "both", true, true, true, true, "fr,en,es,ar", "TU,TH 10:00-16:00", directory.CapacityWaitlist, 3, 6},
			{"logement", "Droit du logement pour familles", "Housing rights for families",
				"Conseils pour un logement insalubre ou trop petit à l'arrivée d'un bébé.", "Advice about unhealthy or overcrowded housing when a baby arrives.",
				[]string{"housing", "income-legal"}, "both", true, true, true, true, "fr,en", "WE 13:00-17:00", directory.CapacityAccepting, 0, 20},
		}},
	{"mere-veille", "community", "hochelaga", "1600, avenue Létourneux",
		"Centre de périnatalité Mère-Veille (fictif)", "Mère-Veille perinatal centre (fictional)",
		"Centre communautaire de périnatalité : accompagnantes à la naissance, cafés-rencontres, santé mentale périnatale.",
		"Community perinatal centre: birth companions, parents' cafés, perinatal mental health.", false,
		[]serviceSeed{
			{"accompagnante", "Accompagnante à la naissance", "Birth companion (doula)",
				"Une accompagnante suit la grossesse, est présente à l'accouchement et après la naissance.", "A companion follows the pregnancy, attends the birth and visits afterwards.",
				[]string{"birth-preparation", "prenatal-care"}, "pregnancy", false, true, true, true, "fr,en", "", directory.CapacityWaitlist, 8, 4},
			{"blues", "Groupe de soutien dépression post-partum", "Postpartum depression support group",
				"Groupe animé par une psychologue pour les parents qui traversent une période difficile après la naissance.",
				"A group led by a psychologist for parents going through a difficult time after the birth.",
				[]string{"perinatal-mental-health", "parenting-groups"}, "baby", true, true, true, true, "fr", "TU 13:30-15:30", directory.CapacityAccepting, 0, 3},
			{"cafe", "Café-rencontre des futurs parents", "Parents-to-be café",
				"Échanges autour d'un café sur la grossesse, l'accouchement et les premiers mois.", "",
				[]string{"prenatal-care", "parenting-groups"}, "pregnancy", true, true, true, true, "fr", "SA 10:00-12:00", directory.CapacityAccepting, 0, 16},
		}},
	{"parvis", "public-health", "saintgilles", "Parvis de Saint-Gilles 33",
		"Maison médicale du Parvis (fictive)", "Parvis medical centre (fictional)",
		"Maison médicale au forfait : médecins, sages-femmes, kinés et assistante sociale, sans frais pour les patients inscrits.",
		"Flat-fee community health centre: doctors, midwives, physiotherapists and a social worker, at no charge for registered patients.", false,
		[]serviceSeed{
			{"sagefemme", "Consultations de sage-femme", "Midwife consultations",
				"Suivi de grossesse et post-partum par une sage-femme, y compris pour les personnes sans couverture mutuelle.",
				"Pregnancy and postpartum follow-up by a midwife, including for people without health insurance.",
				[]string{"prenatal-care", "postnatal-care"}, "both", true, true, true, true, "fr,nl,en,ar", "MO,TU,WE,TH,FR 09:00-18:00", directory.CapacityWaitlist, 2, 3},
			{"psy", "Psychologue périnatale", "Perinatal psychologist",
				"Consultations pour l'anxiété, la déprime ou un accouchement difficile, pendant la grossesse et la première année.",
				"Consultations for anxiety, low mood or a difficult birth, during pregnancy and the first year.",
				[]string{"perinatal-mental-health"}, "both", true, false, true, true, "fr,en", "TU,TH 09:00-17:00", directory.CapacityWaitlist, 10, 5},
			{"social", "Permanence sociale", "Social work drop-in",
				"Aide pour le CPAS, la mutuelle, les allocations familiales et le logement.", "Help with social welfare, health insurance, family allowances and housing.",
				[]string{"income-legal", "housing"}, "both", true, true, true, true, "fr,nl,ar", "MO,WE 13:00-16:00", directory.CapacityAccepting, 0, 14},
		}},
	{"one-molenbeek", "public-health", "molenbeek", "Rue de Ribaucourt 152",
		"Consultation pour enfants de Molenbeek (fictive)", "Molenbeek child clinic (fictional)",
		"Consultations préventives gratuites pour les enfants de 0 à 6 ans et les futures mères.",
		"Free preventive consultations for children up to six and expectant mothers.", false,
		[]serviceSeed{
			{"prenatale", "Consultation prénatale", "Prenatal consultation",
				"Suivi médical préventif de la grossesse, gratuit, avec une travailleuse médico-sociale.", "Free preventive pregnancy check-ups with a medico-social worker.",
				[]string{"prenatal-care"}, "pregnancy", true, true, true, true, "fr,nl,ar,tr", "TU,TH 09:00-12:00", directory.CapacityAccepting, 0, 2},
			{"enfants", "Consultation pour enfants 0-6 ans", "Child clinic 0-6 years",
				"Pesée, vaccination, dépistages et conseils, gratuitement.", "Weighing, vaccination, screening and advice, free of charge.",
				[]string{"child-health"}, "baby", true, true, true, true, "fr,nl,ar,tr", "MO,WE,FR 09:00-12:00", directory.CapacityAccepting, 0, 6},
			{"visites", "Visites à domicile après la naissance", "Home visits after birth",
				"Une travailleuse médico-sociale passe à la maison dans les semaines qui suivent la naissance.", "A medico-social worker visits at home in the weeks after the birth.",
				[]string{"postnatal-care", "breastfeeding"}, "baby", true, true, true, true, "fr,nl,ar", "", directory.CapacityAccepting, 0, 13},
			{"massage", "Atelier massage bébé", "Baby massage workshop",
				"Quatre séances pour apprendre à masser son bébé et mieux comprendre ses pleurs.", "Four sessions to learn baby massage and understand crying.",
				[]string{"parenting-groups", "postnatal-care"}, "baby", true, true, true, true, "fr,nl", "FR 14:00-15:30", directory.CapacityAccepting, 0, 2},
		}},
	{"tilleuls", "hospital", "schaerbeek", "Avenue Louis Bertrand 80",
		"Maison de naissance Les Tilleuls (fictive)", "Les Tilleuls birth centre (fictional)",
		"Maternité de proximité et maison de naissance, avec une équipe de liaison pour les futures mères isolées.",
		"A local maternity unit and birth centre, with a liaison team for isolated expectant mothers.", false,
		[]serviceSeed{
			{"liaison", "Équipe de liaison périnatale", "Perinatal liaison team",
				"Accompagnement des grossesses en situation de précarité, de l'inscription à la sortie de maternité.",
				"Support for pregnancies in precarious situations, from registration to discharge.",
				[]string{"prenatal-care", "migration"}, "pregnancy", true, false, true, true, "fr,nl,en,ar,ro", "MO,TU,WE,TH,FR 08:00-16:00", directory.CapacityAccepting, 0, 4},
			{"preparation", "Préparation à la naissance en groupe", "Group birth preparation",
				"Cycle de cinq séances : accouchement, allaitement, retour à la maison.", "Five sessions: birth, breastfeeding, going home.",
				[]string{"birth-preparation", "breastfeeding"}, "pregnancy", false, true, false, true, "fr,nl", "WE 18:30-20:30", directory.CapacityWaitlist, 5, 8},
			{"ppd", "Consultation psy mère-bébé", "Mother-baby psychiatric clinic",
				"Évaluation et soins de la dépression post-partum et des difficultés du lien parent-bébé.", "",
				[]string{"perinatal-mental-health"}, "baby", false, false, false, true, "fr,nl", "TH 13:00-17:00", directory.CapacityWaitlist, 12, 18},
		}},
	{"panier-anderlecht", "community", "anderlecht", "Rue Wayez 44",
		"Épicerie sociale Le Panier (fictive)", "Le Panier social grocery (fictional)",
		"Épicerie à prix réduits et colis pour bébés, sur orientation d'un service social.", "Reduced-price grocery and baby parcels, on referral from a social service.", false,
		[]serviceSeed{
			{"epicerie", "Épicerie sociale familles", "Social grocery for families",
				"Produits de base à moins de la moitié du prix, pour six mois renouvelables.", "Basic products at less than half price, for six renewable months.",
				[]string{"food"}, "both", false, false, true, true, "fr,nl,ar,ro", "TU,TH,SA 10:00-16:00", directory.CapacityAccepting, 0, 5},
			{"colis", "Colis naissance", "Newborn parcel",
				"Langes, vêtements et produits de soin pour les trois premiers mois.", "Nappies, clothes and care products for the first three months.",
				[]string{"material-aid"}, "both", true, false, true, true, "fr,nl,ar", "SA 10:00-12:00", directory.CapacityAccepting, 0, 10},
			{"cpas", "Accompagnement vers le CPAS", "Support with the social welfare office",
				"Une assistante sociale aide à constituer le dossier de revenu d'intégration et d'allocations familiales.",
				"A social worker helps prepare the application for social income and family allowances.",
				[]string{"income-legal"}, "both", true, true, true, true, "fr,nl,ar,ro", "MO,TH 09:00-12:00", directory.CapacityAccepting, 0, 6},
		}},
	{"sainte-aube", "shelter", "forest", "Adresse confidentielle",
		"Refuge Sainte-Aube (fictif)", "Sainte-Aube refuge (fictional)",
		"Hébergement confidentiel pour femmes enceintes ou mères avec bébé en danger.", "Confidential shelter for pregnant women or mothers with a baby in danger.", true,
		[]serviceSeed{
			{"refuge", "Hébergement mère-bébé en urgence", "Emergency mother-baby housing",
				"Accueil de jour comme de nuit, adresse tenue secrète, accompagnement vers un logement.", "Admission day and night, secret address, support towards housing.",
				[]string{"conjugal-violence", "housing"}, "both", true, true, true, false, "fr,nl,en,ar", "MO,TU,WE,TH,FR,SA,SU 00:00-23:59", directory.CapacityWaitlist, 1, 3},
		}},
	{"horta", "legal-aid", "centre", "Rue du Midi 120",
		"Service d'aide juridique Horta (fictif)", "Horta legal aid service (fictional)",
		"Permanences juridiques gratuites : séjour, droits sociaux, logement.", "Free legal advice sessions: residence, social rights, housing.", false,
		[]serviceSeed{
			{"sejour", "Permanence droit de séjour", "Residence rights advice",
				"Conseils sur le séjour, le regroupement familial et l'aide médicale urgente.", "Advice on residence, family reunification and urgent medical aid.",
				[]string{"migration", "income-legal"}, "both", true, true, true, true, "fr,nl,en,ar,es", "MO,TH 14:00-17:00", directory.CapacityAccepting, 0, 7},
			{"amu", "Accès à l'aide médicale urgente", "Access to urgent medical aid",
				"Aide pour obtenir la carte d'aide médicale urgente et payer les soins de grossesse.", "Help obtaining urgent medical aid to pay for pregnancy care.",
				[]string{"migration", "prenatal-care"}, "pregnancy", true, true, true, true, "fr,en,ar,es", "WE 09:00-12:00", directory.CapacityAccepting, 0, 2},
			{"mediation", "Médiation logement", "Housing mediation",
				"Médiation avec le propriétaire en cas d'expulsion ou de logement insalubre avec un bébé.", "",
				[]string{"housing", "income-legal"}, "both", true, true, true, true, "fr,nl", "TU 14:00-17:00", directory.CapacityAccepting, 0, 13},
		}},
	{"lucioles", "community", "saintgilles", "Rue de la Victoire 96",
		"Crèche parentale Les Lucioles (fictive)", "Les Lucioles parent-run nursery (fictional)",
		"Crèche et halte-accueil à participation parentale, tarifs selon les revenus.", "Parent-run nursery and drop-in childcare, fees according to income.", false,
		[]serviceSeed{
			{"halte", "Halte-accueil", "Drop-in childcare",
				"Accueil occasionnel des enfants de 6 mois à 3 ans, quelques demi-journées par semaine.", "Occasional care for children from 6 months to 3 years, a few half-days a week.",
				[]string{"daycare"}, "baby", false, true, true, false, "fr,nl", "MO,TU,WE,TH,FR 08:00-18:00", directory.CapacityWaitlist, 16, 9},
			{"parents", "Groupe de parents Papillons", "Butterflies parents' group",
				"Rencontres de jeunes parents autour du sommeil, des pleurs et de la fatigue.", "Young parents meet about sleep, crying and tiredness.",
				[]string{"parenting-groups", "perinatal-mental-health"}, "baby", true, true, true, true, "fr,nl,en", "FR 14:00-16:00", directory.CapacityAccepting, 0, 3},
		}},
	// Appended, so that the organisations above keep their index (their
	// demo phone numbers depend on it).
	{"courtepointe-stmichel", "social-pediatrics", "stmichel", "3355, rue Jarry Est",
		"Centre de pédiatrie sociale La Courtepointe (fictif)", "La Courtepointe social pediatrics centre (fictional)",
		"Centre de pédiatrie sociale en communauté de Saint-Michel : suivi global de l'enfant avec sa famille et les gens qui comptent pour lui.",
		"Saint-Michel community social pediatrics centre: overall follow-up of the child with the family and the people who matter to the child.", false,
		[]serviceSeed{
			{"eval", "Évaluation-orientation en pédiatrie sociale", "Social pediatrics assessment",
				"Le médecin et la travailleuse sociale rencontrent l'enfant, sa famille et ses proches pour dresser le portrait de ses besoins.",
				"The doctor and the social worker meet the child, the family and those close to them to picture the child's needs.",
				[]string{"child-health"}, "baby", true, true, true, true, "fr,en,ht,es", "MO,TU,WE,TH,FR 09:00-17:00", directory.CapacityWaitlist, 4, 3},
			{"mediation", "Accompagnement juridique et médiation", "Legal support and mediation",
				"Une avocate et une médiatrice aident les familles à faire valoir les droits de l'enfant (garde, immigration, logement).",
				"A lawyer and a mediator help families assert the child's rights (custody, immigration, housing).",
				[]string{"income-legal", "migration"}, "baby", true, true, true, false, "fr,en,ht", "TU,TH 13:00-17:00", directory.CapacityAccepting, 0, 5},
		}},
	{"envol-parcex", "social-pediatrics", "parcex", "7400, avenue Querbes",
		"Centre de pédiatrie sociale L'Envol (fictif)", "L'Envol social pediatrics centre (fictional)",
		"Centre de pédiatrie sociale en communauté de Parc-Extension, ouvert aux familles sans rendez-vous le mercredi.",
		"Parc-Extension community social pediatrics centre, open to families without an appointment on Wednesdays.", false,
		[]serviceSeed{
			{"eval", "Évaluation-orientation en pédiatrie sociale", "Social pediatrics assessment",
				"Rencontre de l'enfant et de sa famille avec le médecin et l'intervenante, suivie d'un plan avec la famille.",
				"The child and family meet the doctor and the social worker, then make a plan together.",
				[]string{"child-health"}, "baby", true, true, true, true, "fr,en,ar,es", "MO,WE,FR 09:00-16:00", directory.CapacityWaitlist, 8, 7},
			{"stimulation", "Ateliers d'éveil et de stimulation du langage", "Early learning and language workshops",
				"Ateliers parents-enfants de 2 à 5 ans avec une orthophoniste et une éducatrice.",
				"Parent-child workshops for ages 2 to 5 with a speech therapist and an educator.",
				[]string{"parenting-groups", "daycare"}, "baby", true, true, true, true, "fr,en", "WE 09:30-11:30", directory.CapacityAccepting, 0, 15},
		}},
}

// DirectoryLoaded reports whether the demo directory is in st.
func directoryLoaded(ctx context.Context, tx *store.Tx) bool {
	_, err := tx.DirectoryOrganizationByID(ctx, directory.NameUUID("demo-org:"+directoryOrgs[0].code))
	return err == nil
}

// LoadDirectory adds the demo directory unless it is there. Loading twice
// adds nothing.
func LoadDirectory(ctx context.Context, st *store.Store) error {
	now := time.Now().UTC()
	return st.WriteTx(ctx, func(tx *store.Tx) error {
		if directoryLoaded(ctx, tx) {
			return nil
		}
		return writeDataset(ctx, tx, demoDirectory(now))
	})
}

type demoSet struct {
	orgs  []directory.DirectoryOrganization
	locs  []directory.DirectoryLocation
	svcs  []directory.DirectoryService
	terms []directory.TaxonomyTerm
}

func writeDataset(ctx context.Context, tx *store.Tx, d demoSet) error {
	for _, t := range []directory.DirectoryTaxonomy{directory.NeedsTaxonomy, directory.OrganizationKindTaxonomy, directory.ProfileTaxonomy} {
		if err := tx.PutTaxonomy(ctx, t); err != nil {
			return err
		}
	}
	for _, t := range directory.BerceauTerms() {
		if err := tx.PutTaxonomyTerm(ctx, t); err != nil {
			return err
		}
	}
	for _, o := range d.orgs {
		if err := tx.PutOrganization(ctx, o); err != nil {
			return err
		}
	}
	for _, l := range d.locs {
		if err := tx.PutLocation(ctx, l); err != nil {
			return err
		}
	}
	for _, s := range d.svcs {
		if err := tx.PutService(ctx, s); err != nil {
			return fmt.Errorf("demo service %s: %w", s.Name.Get("fr"), err)
		}
	}
	return nil
}

func ptr(f float64) *float64 { return &f }

func demoDirectory(now time.Time) demoSet {
	var d demoSet
	for oi, o := range directoryOrgs {
		h := hoods[o.hood]
		orgID := directory.NameUUID("demo-org:" + o.code)
		kind, _ := kindByCode(o.kind)
		d.orgs = append(d.orgs, directory.DirectoryOrganization{ID: orgID, Name: berceau.TextOf("fr", o.fr, "en", o.en),
			Description: berceau.TextOf("fr", o.descFR, "en", o.descEN), KindID: kind.ID,
			Email: "accueil@" + o.code + ".example", Website: "https://" + o.code + ".example",
			Details: directory.OrganizationDetails{Phones: []directory.DirectoryPhone{{ID: directory.NameUUID("demo-org-phone:" + o.code), Number: demoPhone(h, oi, 0), Type: "voice"}}},
			Identifiers: []directory.OrganizationIdentifier{{ID: directory.NameUUID("demo-org-ident:" + o.code), IdentifierScheme: "berceau-demo",
				IdentifierType: "demo", Identifier: o.code}}})
		locID := directory.NameUUID("demo-loc:" + o.code)
		// Spread sites a little around the neighbourhood's centre.
		lat, lon := h.lat+float64(oi%3-1)*0.003, h.lon+float64(oi%4-1)*0.003
		loc := directory.DirectoryLocation{ID: locID, OrganizationID: orgID, Type: "physical", Name: o.fr, Latitude: ptr(lat), Longitude: ptr(lon),
			Redacted: o.redacted, Details: directory.LocationDetails{Addresses: []directory.DirectoryAddress{{ID: directory.NameUUID("demo-addr:" + o.code),
				Address1: o.street, City: h.city, Region: h.name, StateProvince: h.province, PostalCode: h.postal, Country: h.country, AddressType: "physical"}},
				Transportation: "", Accessibility: []directory.Accessibility{{ID: directory.NameUUID("demo-access:" + o.code), Description: "Entrée de plain-pied, poussettes bienvenues"}}}}
		d.locs = append(d.locs, loc)
		for si, s := range o.services {
			d.svcs = append(d.svcs, demoService(now, o, s, h, oi, si, orgID, locID))
		}
	}
	return d
}

func kindByCode(code string) (directory.TaxonomyTerm, bool) {
	for _, k := range directory.OrganizationKinds {
		if k.Code == code {
			return k, true
		}
	}
	return directory.TaxonomyTerm{}, false
}

func demoPhone(h hood, oi, si int) string {
	if h.country == "BE" {
		return fmt.Sprintf("+32 2 555 %02d %02d", 10+oi, 10+si)
	}
	return fmt.Sprintf("514 555-%02d%02d", 10+oi, 10+si)
}

func demoService(now time.Time, o orgSeed, s serviceSeed, h hood, oi, si int, orgID, locID string) directory.DirectoryService {
	id := directory.NameUUID("demo-service:" + o.code + ":" + s.code)
	svc := directory.DirectoryService{ID: id, OrganizationID: orgID, Status: directory.ServiceActive,
		Name: berceau.TextOf("fr", s.fr, "en", s.en), Description: berceau.TextOf("fr", s.descFR, "en", s.descEN), TimeZone: h.zone,
		Email:     "accueil@" + o.code + ".example",
		Locations: []directory.ServiceAtLocation{{ID: directory.NameUUID("demo-sal:" + o.code + ":" + s.code), LocationID: locID}},
		Capacity:  directory.CapacitySignal{Status: s.capacity, WaitlistWeeks: s.waitWeeks, At: now.AddDate(0, 0, -7*(1+si+oi%3))},
		Confirmation: directory.Confirmation{At: now.AddDate(0, -s.staleMonths, -3), By: "moderation@berceau.example",
			Outcome: directory.ConfirmUnchanged},
		ProfessionalPhones: []directory.DirectoryPhone{{ID: directory.NameUUID("demo-pro-phone:" + o.code + ":" + s.code),
			Number: demoPhone(h, oi, 50+si), Type: "voice", Description: "Ligne directe des professionnels"}},
		InternalNotes: "Orientation : appeler la ligne directe, demander l'intervenante de garde.",
		Details: directory.ServiceDetails{
			Phones: []directory.DirectoryPhone{{ID: directory.NameUUID("demo-phone:" + o.code + ":" + s.code), Number: demoPhone(h, oi, si), Type: "voice"}},
			Areas:  []directory.ServiceArea{{ID: directory.NameUUID("demo-area:" + o.code + ":" + s.code), Name: h.name + " (" + h.city + ")"}},
		},
	}
	if s.en != "" {
		svc.Eligibility = berceau.TextOf("fr", eligibilityFR(s), "en", eligibilityEN(s))
	} else {
		svc.Eligibility = berceau.TextOf("fr", eligibilityFR(s))
	}
	svc.ApplicationProcess = berceau.TextOf("fr", map[bool]string{true: "Présentez-vous aux heures d'ouverture ou appelez.", false: "Sur orientation d'un ou d'une professionnelle (CLSC, CPAS, maison médicale)."}[s.noRef],
		"en", map[bool]string{true: "Walk in during opening hours or call.", false: "On referral from a professional (CLSC, social welfare office, health centre)."}[s.noRef])
	for _, code := range s.needs {
		if n, ok := directory.NeedByCode(code); ok {
			svc.NeedIDs = append(svc.NeedIDs, n.ID)
		}
	}
	p := &svc.Profile
	switch s.stage {
	case "pregnancy":
		p.DuringPregnancy, p.GestationalWeeksMin = true, 12
	case "baby":
		p.AfterBirth, p.ChildAgeMonthsMax = true, 60
	default:
		p.DuringPregnancy, p.AfterBirth, p.ChildAgeMonthsMax = true, true, 24
	}
	p.FreeOfCharge, p.NoReferralNeeded, p.AcceptsWithoutPapers, p.PartnerWelcome = s.free, s.noRef, s.noPapers, s.partner
	if s.free {
		svc.FeesDescription = berceau.TextOf("fr", "Gratuit.", "en", "Free.")
	}
	for _, code := range strings.Split(s.langs, ",") {
		svc.Details.Languages = append(svc.Details.Languages, directory.DirectoryLanguage{ID: directory.NameUUID("demo-lang:" + id + code), Code: code, Name: code})
	}
	if s.hours != "" {
		days, span, _ := strings.Cut(s.hours, " ")
		opens, closes, _ := strings.Cut(span, "-")
		svc.Details.Schedules = []directory.DirectorySchedule{{ID: directory.NameUUID("demo-schedule:" + id), Freq: "WEEKLY", Byday: days, OpensAt: opens, ClosesAt: closes}}
	}
	return svc
}

func eligibilityFR(s serviceSeed) string {
	switch s.stage {
	case "pregnancy":
		return "Personnes enceintes, dès la 12e semaine."
	case "baby":
		return "Parents d'enfants de 0 à 5 ans."
	}
	return "Personnes enceintes et parents d'enfants de moins de 2 ans."
}

func eligibilityEN(s serviceSeed) string {
	switch s.stage {
	case "pregnancy":
		return "Pregnant people, from the 12th week."
	case "baby":
		return "Parents of children aged 0 to 5."
	}
	return "Pregnant people and parents of children under 2."
}

// GenerateDirectory makes n fictional services (for load tests), spread
// over the demo neighbourhoods, with the demo's words recombined so that
// frequent words stay frequent.
func GenerateDirectory(n int, seed uint64) demoSet {
	now := time.Now().UTC()
	r := rand.New(rand.NewPCG(seed, seed+1))
	base := demoDirectory(now)
	var d demoSet
	d.orgs, d.locs = base.orgs, base.locs
	for i := 0; i < n; i++ {
		o := directoryOrgs[r.IntN(len(directoryOrgs))]
		s := o.services[r.IntN(len(o.services))]
		h := hoods[o.hood]
		oi := r.IntN(90)
		orgID, locID := directory.NameUUID("demo-org:"+o.code), directory.NameUUID("demo-loc:"+o.code)
		svc := demoService(now, o, s, h, oi, i%7, orgID, locID)
		svc.ID = directory.NameUUID(fmt.Sprintf("generated-service:%d", i))
		svc.Name.Set("fr", fmt.Sprintf("%s %d", s.fr, i))
		if s.en != "" {
			svc.Name.Set("en", fmt.Sprintf("%s %d", s.en, i))
		}
		svc.Locations[0].ID = directory.NameUUID(fmt.Sprintf("generated-sal:%d", i))
		svc.Details.Phones[0].ID = directory.NameUUID(fmt.Sprintf("generated-phone:%d", i))
		svc.ProfessionalPhones[0].ID = directory.NameUUID(fmt.Sprintf("generated-pro-phone:%d", i))
		svc.Details.Areas[0].ID = directory.NameUUID(fmt.Sprintf("generated-area:%d", i))
		svc.Details.Schedules = append([]directory.DirectorySchedule(nil), svc.Details.Schedules...)
		for j := range svc.Details.Schedules {
			svc.Details.Schedules[j].ID = directory.NameUUID(fmt.Sprintf("generated-schedule:%d", i))
		}
		for j := range svc.Details.Languages {
			svc.Details.Languages[j].ID = directory.NameUUID(fmt.Sprintf("generated-lang:%d:%d", i, j))
		}
		d.svcs = append(d.svcs, svc)
	}
	return d
}

// LoadGeneratedDirectory writes n generated services in one transaction.
func LoadGeneratedDirectory(ctx context.Context, st *store.Store, n int) error {
	d := GenerateDirectory(n, 42)
	return st.WriteTx(ctx, func(tx *store.Tx) error { return writeDataset(ctx, tx, d) })
}

// GeneratedDataset is GenerateDirectory as an HSDS dataset, to write as a
// package that `berceau import hsds` loads (tools/gendirectory).
func GeneratedDataset(n int, seed uint64) *hsds.Dataset {
	d := GenerateDirectory(n, seed)
	return &hsds.Dataset{Organizations: d.orgs, Locations: d.locs, Services: d.svcs}
}
