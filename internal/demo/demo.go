// Package demo loads Berceau's fictional demonstration network: member
// organisations and sites in Montreal and Brussels, and one account for every
// role. Every name, address and person here is invented.
package demo

import (
	"context"
	"fmt"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/auth"
	"github.com/berceau/berceau/internal/store"
)

// Password is the password of every demo account; the home page and the
// demo command print it.
const Password = "berceau-demo"

// TOTPSecret is the second-factor secret of every demo account whose role
// sees family data: add it to any authenticator app to sign in as them.
const TOTPSecret = "BERCEAUDEMOSECRETTOTPMTLBXLQCQAZ"

// NetworkName is the demo network's display name.
const NetworkName = "Réseau Berceau — démonstration"

type siteSeed struct {
	slug, name, address, city string
}

type organisationSeed struct {
	slug, name, city string
	sites            []siteSeed
}

var organisations = []organisationSeed{
	{
		slug: "premiers-pas", name: "Centre de périnatalité sociale Les Premiers Pas", city: "Montréal",
		sites: []siteSeed{
			{"premiers-pas-parc-ex", "Les Premiers Pas — Parc-Extension", "7385, avenue Bloomfield", "Montréal (Québec) H3N 2H5"},
			{"premiers-pas-hochelaga", "Les Premiers Pas — Hochelaga", "3960, rue Ontario Est", "Montréal (Québec) H1W 1S7"},
		},
	},
	{
		slug: "maison-mille-jours", name: "Maison des Mille Jours de Saint-Gilles", city: "Bruxelles",
		sites: []siteSeed{
			{"mille-jours-saint-gilles", "Antenne Saint-Gilles", "Rue de la Victoire 118", "1060 Saint-Gilles"},
		},
	},
}

type accountSeed struct {
	email, name string
	discipline  berceau.Discipline
	role        berceau.Role
	org, site   string // slugs; site empty for an organisation-wide role
	locale      string
}

var accounts = []accountSeed{
	{"admin@berceau.example", "Martine Lefebvre", berceau.DisciplineAdministration, berceau.RoleNetworkAdmin, "", "", "fr"},
	{"coordination@berceau.example", "Sophie Gagnon-Haddad", berceau.DisciplineSocialWorker, berceau.RoleSiteCoordinator, "premiers-pas", "premiers-pas-parc-ex", "fr"},
	{"infirmiere@berceau.example", "Amina Diallo", berceau.DisciplineNurse, berceau.RolePractitioner, "premiers-pas", "premiers-pas-parc-ex", "fr"},
	{"travail.social@berceau.example", "Julien Bouchard", berceau.DisciplineSocialWorker, berceau.RolePractitioner, "premiers-pas", "premiers-pas-parc-ex", "fr"},
	{"medecin@berceau.example", "Dre Nathalie Pham", berceau.DisciplinePhysician, berceau.RolePractitioner, "premiers-pas", "premiers-pas-hochelaga", "fr"},
	{"sage-femme@berceau.example", "Els Vermeulen", berceau.DisciplineMidwife, berceau.RolePractitioner, "maison-mille-jours", "mille-jours-saint-gilles", "fr"},
	{"stagiaire@berceau.example", "Camille Nguyen", berceau.DisciplineNurse, berceau.RoleTrainee, "premiers-pas", "premiers-pas-parc-ex", "fr"},
	{"contenu@berceau.example", "Léa Dubois", berceau.DisciplineCommunityWorker, berceau.RoleContentEditor, "", "", "fr"},
	{"membre@berceau.example", "Pierre Mukendi", berceau.DisciplineCommunityWorker, berceau.RoleNetworkMember, "maison-mille-jours", "", "fr"},
	{"evaluation@berceau.example", "Hélène Martin", berceau.DisciplinePsychoeducator, berceau.RoleEvaluator, "", "", "en"},
}

type teamSeed struct {
	site, slug, name string
	members          []string // emails
}

var teams = []teamSeed{
	{"premiers-pas-parc-ex", "parc-ex-perinatalite", "Équipe périnatalité Parc-Extension",
		[]string{"coordination@berceau.example", "infirmiere@berceau.example", "travail.social@berceau.example", "stagiaire@berceau.example"}},
	{"premiers-pas-hochelaga", "hochelaga-pediatrie-sociale", "Équipe pédiatrie sociale Hochelaga",
		[]string{"medecin@berceau.example"}},
	{"mille-jours-saint-gilles", "saint-gilles-1000-jours", "Équipe 1000 jours Saint-Gilles",
		[]string{"sage-femme@berceau.example"}},
}

// Load adds the demo network to st unless it is already there, and returns
// the demo accounts either way. Loading twice adds nothing.
func Load(ctx context.Context, st *store.Store, hasher *auth.Hasher, box *auth.SecretBox) ([]berceau.User, error) {
	if err := loadPresent(ctx, st, hasher, box); err != nil {
		return nil, err
	}
	// Last: the history refers to the network, the directory's services
	// and the voice questionnaire.
	if err := LoadHistory(ctx, st, hasher, box); err != nil {
		return nil, fmt.Errorf("demo history: %w", err)
	}
	return Accounts(ctx, st)
}

// LoadPresent is Load without the two years of history: the network as it
// is today and the demo accounts. Tests of pages and use cases load this
// (the history costs each test's store about 0.3 s on SQLite and 1.4 s on
// PostgreSQL, many times more under the race detector); the demo command,
// the history's own tests and the browser walks load it all.
func LoadPresent(ctx context.Context, st *store.Store, hasher *auth.Hasher, box *auth.SecretBox) ([]berceau.User, error) {
	if err := loadPresent(ctx, st, hasher, box); err != nil {
		return nil, err
	}
	return Accounts(ctx, st)
}

// loadPresent loads everything but the history: the network as it is
// today.
func loadPresent(ctx context.Context, st *store.Store, hasher *auth.Hasher, box *auth.SecretBox) error {
	loaded, err := isLoaded(ctx, st)
	if err != nil {
		return err
	}
	if !loaded {
		// Hash outside the write transaction: argon2id is slow on purpose
		// and the single writer must not wait for it.
		hashes := make([]string, len(accounts))
		for i := range accounts {
			if hashes[i], err = hasher.Hash(ctx, Password); err != nil {
				return err
			}
		}
		sealed, err := box.Seal(TOTPSecret)
		if err != nil {
			return err
		}
		if err := st.WriteTx(ctx, func(tx *store.Tx) error { return create(ctx, tx, hashes, sealed) }); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	if err := LoadDirectory(ctx, st); err != nil {
		return fmt.Errorf("demo directory: %w", err)
	}
	if err := LoadEvents(ctx, st); err != nil {
		return fmt.Errorf("demo events: %w", err)
	}
	if err := LoadRegistrations(ctx, st); err != nil {
		return fmt.Errorf("demo registrations: %w", err)
	}
	if err := LoadLanguages(ctx, st); err != nil {
		return fmt.Errorf("demo languages: %w", err)
	}
	if err := LoadNewsAndOutreach(ctx, st); err != nil {
		return fmt.Errorf("demo news and outreach: %w", err)
	}
	if err := LoadInternships(ctx, st); err != nil {
		return fmt.Errorf("demo internships: %w", err)
	}
	if err := LoadLibrary(ctx, st); err != nil {
		return fmt.Errorf("demo library: %w", err)
	}
	if err := LoadVoice(ctx, st); err != nil {
		return fmt.Errorf("demo voice: %w", err)
	}
	if err := LoadPortal(ctx, st); err != nil {
		return fmt.Errorf("demo portal: %w", err)
	}
	if err := LoadTrainings(ctx, st); err != nil {
		return fmt.Errorf("demo trainings: %w", err)
	}
	return nil
}

func isLoaded(ctx context.Context, st *store.Store) (bool, error) {
	loaded := false
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		_, err := tx.OrganisationBySlug(ctx, organisations[0].slug)
		if berceau.IsNotFound(err) {
			return nil
		}
		loaded = err == nil
		return err
	})
	return loaded, err
}

func create(ctx context.Context, tx *store.Tx, hashes []string, sealedTOTP string) error {
	// Another process may have loaded the demo between the check and now.
	if _, err := tx.OrganisationBySlug(ctx, organisations[0].slug); err == nil {
		return nil
	}
	if err := tx.SetSetting(ctx, berceau.SettingNetworkName, NetworkName); err != nil {
		return err
	}
	orgIDs, siteIDs := map[string]int64{}, map[string]int64{}
	for _, o := range organisations {
		org := berceau.Organisation{Slug: o.slug, Name: o.name, City: o.city}
		if err := tx.CreateOrganisation(ctx, &org); err != nil {
			return err
		}
		orgIDs[o.slug] = org.ID
		for _, s := range o.sites {
			site := berceau.Site{OrganisationID: org.ID, Slug: s.slug, Name: s.name, Address: s.address, City: s.city}
			if err := tx.CreateSite(ctx, &site); err != nil {
				return err
			}
			siteIDs[s.slug] = site.ID
		}
	}
	teamIDs := map[string]int64{}
	for _, t := range teams {
		team := berceau.Team{SiteID: siteIDs[t.site], Slug: t.slug, Name: t.name}
		if err := tx.CreateTeam(ctx, &team); err != nil {
			return err
		}
		teamIDs[t.slug] = team.ID
	}
	userIDs := map[string]int64{}
	for i, a := range accounts {
		u := berceau.User{Email: a.email, DisplayName: a.name, Discipline: a.discipline, Locale: a.locale,
			Roles: []berceau.RoleGrant{{Role: a.role, OrganisationID: orgIDs[a.org], SiteID: siteIDs[a.site]}}}
		if err := tx.CreateUser(ctx, &u, hashes[i]); err != nil {
			return err
		}
		userIDs[a.email] = u.ID
		if perms := berceau.DefaultRolePermissions[a.role]; containsPermission(perms, berceau.PermFamiliesRead) {
			if err := tx.EnableTOTP(ctx, u.ID, sealedTOTP, 0, nil); err != nil {
				return err
			}
		}
		for _, t := range teams {
			for _, member := range t.members {
				if member == a.email {
					if err := tx.AddTeamMember(ctx, teamIDs[t.slug], u.ID); err != nil {
						return err
					}
				}
			}
		}
	}
	return createFamilies(ctx, tx, siteIDs, teamIDs, userIDs)
}

func containsPermission(perms []berceau.Permission, p berceau.Permission) bool {
	for _, q := range perms {
		if q == p {
			return true
		}
	}
	return false
}

// Accounts reads the demo accounts back from the database.
func Accounts(ctx context.Context, st *store.Store) ([]berceau.User, error) {
	users := make([]berceau.User, 0, len(accounts))
	err := st.ReadTx(ctx, func(tx *store.Tx) error {
		for _, a := range accounts {
			u, err := tx.UserByEmail(ctx, a.email)
			if err != nil {
				return err
			}
			users = append(users, u)
		}
		return nil
	})
	return users, err
}
