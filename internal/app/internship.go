package app

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// InternshipService holds the use cases of the host site's internship
// register (package training): internships, hours logged by the week and
// countersigned, the agreement document, evaluations, the yearly report
// and the register's lists.
//
// Who does what: a site coordinator keeps their sites' internships and a
// network administrator every site's (internships.manage); the intern logs
// their hours and the internship's supervisors, on its site, countersign
// and evaluate (internships.take_part). Everything is checked inside the
// transaction that acts.
type InternshipService struct{ *App }

// internshipReach is which sites' internships an actor keeps.
type internshipReach struct {
	all   bool
	sites map[int64]bool
}

func (r internshipReach) covers(siteID int64) bool { return r.all || r.sites[siteID] }

func (r internshipReach) siteIDs() []int64 {
	ids := make([]int64, 0, len(r.sites))
	for id := range r.sites {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// reachTx computes the sites whose register the actor keeps: every site for
// a network administrator (or the operator's command line), the sites they
// coordinate for a site coordinator, none otherwise.
func internshipReachTx(ctx context.Context, tx *store.Tx, actor berceau.Actor) (internshipReach, error) {
	r := internshipReach{sites: map[int64]bool{}}
	if !actor.Can(berceau.PermInternshipsManage) {
		return r, nil
	}
	if actor.System || actor.Can(berceau.PermAdminOrganisations) {
		r.all = true
		return r, nil
	}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return r, err
	}
	for _, id := range berceau.CoordinatedSites(actor.User.Roles, internshipSitesOf(sites)) {
		r.sites[id] = true
	}
	return r, nil
}

func internshipSitesOf(sites []berceau.Site) func(int64) []int64 {
	return func(org int64) []int64 {
		var ids []int64
		for _, s := range sites {
			if s.OrganisationID == org {
				ids = append(ids, s.ID)
			}
		}
		return ids
	}
}

// worksAtSite reports whether user holds a role on site (a grant on the
// site, its organisation) or belongs to one of its care teams: a
// supervisor "on site".
func worksAtInternshipSite(ctx context.Context, tx *store.Tx, user berceau.User, site berceau.Site) (bool, error) {
	for _, g := range user.Roles {
		if g.Role == berceau.RoleTrainee || g.OrganisationID == 0 {
			continue
		}
		if g.SiteID == site.ID || (g.SiteID == 0 && g.OrganisationID == site.OrganisationID) {
			return true, nil
		}
	}
	mine, err := tx.TeamIDsOfUser(ctx, user.ID)
	if err != nil || len(mine) == 0 {
		return false, err
	}
	teams, err := tx.ListTeams(ctx)
	if err != nil {
		return false, err
	}
	for _, team := range teams {
		for _, id := range mine {
			if team.ID == id && team.SiteID == site.ID {
				return true, nil
			}
		}
	}
	return false, nil
}

// errInternshipNotFound answers for an internship out of the actor's reach
// as for one that does not exist.
func errInternshipNotFound() error {
	return &authError{err: berceau.Errorf(berceau.KindNotFound, "internship.error.not_found"), detail: denialOutOfReach}
}

// internshipRole is how the actor takes part in one internship.
type internshipRole struct {
	keeps      bool // a coordinator of its site or a network administrator
	intern     bool
	supervisor bool // one of its supervisors, still working on its site
}

func (r internshipRole) any() bool { return r.keeps || r.intern || r.supervisor }

// roleIn computes, inside tx, how the actor takes part in i.
func internshipRoleIn(ctx context.Context, tx *store.Tx, actor berceau.Actor, i training.Internship) (internshipRole, error) {
	var role internshipRole
	reach, err := internshipReachTx(ctx, tx, actor)
	if err != nil {
		return role, err
	}
	role.keeps = reach.covers(i.SiteID)
	if actor.User.ID == 0 || !actor.Can(berceau.PermInternshipsTakePart) {
		return role, nil
	}
	role.intern = i.InternUserID == actor.User.ID
	if i.SupervisedBy(actor.User.ID) && !role.intern {
		site, err := internshipSite(ctx, tx, i.SiteID)
		if err != nil {
			return role, err
		}
		if role.supervisor, err = worksAtInternshipSite(ctx, tx, actor.User, site); err != nil {
			return role, err
		}
	}
	return role, nil
}

// internshipFor reads an internship the actor takes part in, inside tx;
// out of reach is not found.
func internshipFor(ctx context.Context, tx *store.Tx, actor berceau.Actor, id int64) (training.Internship, internshipRole, error) {
	if !actor.Can(berceau.PermInternshipsManage) && !actor.Can(berceau.PermInternshipsTakePart) {
		return training.Internship{}, internshipRole{}, forbidden()
	}
	i, err := tx.InternshipByID(ctx, id)
	if berceau.IsNotFound(err) {
		return i, internshipRole{}, errInternshipNotFound()
	}
	if err != nil {
		return i, internshipRole{}, err
	}
	role, err := internshipRoleIn(ctx, tx, actor, i)
	if err != nil {
		return i, role, err
	}
	if !role.any() {
		return i, role, errInternshipNotFound()
	}
	return i, role, nil
}

// InternshipLists are the register's configurable lists and setting.
type InternshipLists struct {
	Kinds            []training.InternshipKind
	Fields           []training.StudyField
	EvaluationFields []training.EvaluationField
	FiscalYearStart  time.Month
}

// KindByID finds a kind of the lists.
func (l InternshipLists) KindByID(id int64) (training.InternshipKind, bool) {
	for _, k := range l.Kinds {
		if k.ID == id {
			return k, true
		}
	}
	return training.InternshipKind{}, false
}

// FieldByID finds a field of study of the lists.
func (l InternshipLists) FieldByID(id int64) (training.StudyField, bool) {
	for _, f := range l.Fields {
		if f.ID == id {
			return f, true
		}
	}
	return training.StudyField{}, false
}

func readInternshipLists(ctx context.Context, tx *store.Tx) (InternshipLists, error) {
	var l InternshipLists
	var err error
	if l.Kinds, err = tx.InternshipKinds(ctx); err != nil {
		return l, err
	}
	if l.Fields, err = tx.StudyFields(ctx); err != nil {
		return l, err
	}
	if l.EvaluationFields, err = tx.EvaluationFields(ctx); err != nil {
		return l, err
	}
	l.FiscalYearStart, err = fiscalYearStart(ctx, tx)
	return l, err
}

func fiscalYearStart(ctx context.Context, tx *store.Tx) (time.Month, error) {
	v, err := tx.Setting(ctx, training.SettingFiscalYearStart)
	if berceau.IsNotFound(err) {
		return training.DefaultFiscalYearStart, nil
	}
	if err != nil {
		return 0, err
	}
	m, convErr := strconv.Atoi(v)
	if convErr != nil || m < 1 || m > 12 {
		return training.DefaultFiscalYearStart, nil
	}
	return time.Month(m), nil
}

// Lists reads the register's lists (kinds, fields of study, evaluation
// form) and the fiscal year's first month: names of things, no person.
func (a *InternshipService) Lists(ctx context.Context) (InternshipLists, error) {
	var l InternshipLists
	err := a.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		l, err = readInternshipLists(ctx, tx)
		return err
	})
	return l, domainError(err)
}

// InternshipRow is an internship as the register lists it.
type InternshipRow struct {
	training.Internship
	SiteName    string
	Supervisors []string
	Unsigned    int // weeks waiting for a countersignature
	Minutes     int // countersigned
	Mine        bool
}

// Register is what the actor sees of the register: the internships of the
// sites they keep and those they take part in, the current ones first.
type Register struct {
	Rows     []InternshipRow
	Lists    InternshipLists
	CanAdd   bool
	CanAdmin bool // edits the lists (network administrators)
	Sites    []berceau.Site
}

// OpenRegister reads the internships the actor keeps or takes part in,
// audited as one read.
func (a *InternshipService) OpenRegister(ctx context.Context, actor berceau.Actor) (Register, error) {
	var reg Register
	err := a.readAudited(ctx, actor, "internship.list", "internship", 0, func(tx *store.Tx) (string, error) {
		if !actor.Can(berceau.PermInternshipsManage) && !actor.Can(berceau.PermInternshipsTakePart) {
			return "", forbidden()
		}
		reach, err := internshipReachTx(ctx, tx, actor)
		if err != nil {
			return "", err
		}
		filter := store.InternshipFilter{AllSites: reach.all, SiteIDs: reach.siteIDs()}
		if actor.Can(berceau.PermInternshipsTakePart) {
			filter.PersonID = actor.User.ID
		}
		list, err := tx.Internships(ctx, filter)
		if err != nil {
			return "", err
		}
		if reg.Lists, err = readInternshipLists(ctx, tx); err != nil {
			return "", err
		}
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return "", err
		}
		siteNames := map[int64]string{}
		for _, s := range sites {
			siteNames[s.ID] = s.Name
			if reach.covers(s.ID) {
				reg.Sites = append(reg.Sites, s)
			}
		}
		names, err := internshipUserNames(ctx, tx)
		if err != nil {
			return "", err
		}
		totals, err := tx.InternshipWeekTotals(ctx)
		if err != nil {
			return "", err
		}
		for _, i := range list {
			row := InternshipRow{Internship: i, SiteName: siteNames[i.SiteID],
				Mine:    i.InternUserID == actor.User.ID || i.SupervisedBy(actor.User.ID),
				Minutes: totals[i.ID].SignedMinutes, Unsigned: totals[i.ID].Unsigned}
			for _, id := range i.SupervisorIDs {
				row.Supervisors = append(row.Supervisors, names[id])
			}
			reg.Rows = append(reg.Rows, row)
		}
		reg.CanAdd = len(reg.Sites) > 0
		reg.CanAdmin = reach.all && actor.Can(berceau.PermAdminOrganisations)
		return strconv.Itoa(len(list)) + " internships", nil
	})
	return reg, domainError(err)
}

// userNames maps every account to its display name.
func internshipUserNames(ctx context.Context, tx *store.Tx) (map[int64]string, error) {
	users, err := tx.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = u.DisplayName
	}
	return names, nil
}

// siteByID reads one site of the network.
func internshipSite(ctx context.Context, tx *store.Tx, id int64) (berceau.Site, error) {
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return berceau.Site{}, err
	}
	for _, s := range sites {
		if s.ID == id {
			return s, nil
		}
	}
	return berceau.Site{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
		Fields: map[string]string{"site": "internship.error.site_required"}}
}
