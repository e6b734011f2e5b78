package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

// FamilyDate formats a civil date (a birth, a due date) for the page's
// language, without a time of day.
func (l *Layout) FamilyDate(t time.Time) string { return l.Day(t) }

// networkNames holds the names of the sites and teams of the network.
type networkNames struct {
	sites map[int64]string
	teams map[int64]string
	all   []berceau.Team
	order []berceau.Site
}

// networkNamesCache keeps the network's names between requests: they were
// read (every organisation, site and team) on each view of the family list
// and forms. Any write of this process empties it, as it empties the
// shared-page cache, and it expires on time for the writes of other
// instances.
type networkNamesCache struct {
	mu         sync.Mutex
	names      networkNames
	generation uint64
	at         time.Time
	ok         bool
}

// networkNames returns the network's names, to people who may read the
// network, from the cache while nothing changed.
func (s *Server) networkNames(r *http.Request) (networkNames, error) {
	if !state(r).actor.Can(berceau.PermNetworkRead) {
		return networkNames{}, berceau.Errorf(berceau.KindForbidden, "error.forbidden_message")
	}
	c := &s.names
	generation, now := s.app.DataGeneration(), time.Now()
	c.mu.Lock()
	if c.ok && c.generation == generation && now.Sub(c.at) < pageCacheTTL {
		n := c.names
		c.mu.Unlock()
		return n, nil
	}
	c.mu.Unlock()
	n, err := s.readNetworkNames(r)
	if err != nil {
		return n, err
	}
	c.mu.Lock()
	c.names, c.generation, c.at, c.ok = n, generation, now, true
	c.mu.Unlock()
	return n, nil
}

// readNetworkNames reads the names; the result is shared, never changed.
func (s *Server) readNetworkNames(r *http.Request) (networkNames, error) {
	actor := state(r).actor
	n := networkNames{sites: map[int64]string{}, teams: map[int64]string{}}
	orgs, err := s.app.Admin.ListOrganisations(r.Context(), actor)
	if err != nil {
		return n, err
	}
	for _, o := range orgs {
		for _, site := range o.Sites {
			n.sites[site.ID] = site.Name
			n.order = append(n.order, site)
		}
	}
	if n.all, err = s.app.Admin.ListTeams(r.Context(), actor); err != nil {
		return n, err
	}
	for _, t := range n.all {
		n.teams[t.ID] = t.Name
	}
	return n, nil
}

// familyRow is one file of the list.
type familyRow struct {
	ID        int64
	Names     string
	Site      string
	Team      string
	Status    care.FamilyStatus
	KeyWorker string // "me", "named" or "none"
}

type familiesPage struct {
	Layout
	Families []familyRow
	CanWrite bool
}

// householdNames are the names of the adults of a file, or of anybody
// named when no adult is.
func householdNames(f care.Family) string {
	var adults, others []string
	for _, m := range f.Members {
		name := strings.TrimSpace(m.GivenName + " " + m.Surname)
		if name == "" {
			continue
		}
		switch m.Role {
		case care.MemberPregnantPerson, care.MemberParent, care.MemberCaregiver, care.MemberPartner:
			adults = append(adults, name)
		default:
			others = append(others, name)
		}
	}
	if len(adults) == 0 {
		adults = others
	}
	return strings.Join(adults, ", ")
}

func (s *Server) handleFamilies(w http.ResponseWriter, r *http.Request) {
	actor := state(r).actor
	list, err := s.app.Care.ListFamilies(r.Context(), actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	names, err := s.networkNames(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &familiesPage{Layout: s.newLayout(r, "families", "family.list_title"), CanWrite: actor.Can(berceau.PermFamiliesWrite)}
	for _, f := range list {
		row := familyRow{ID: f.ID, Names: householdNames(f), Site: names.sites[f.SiteID], Team: names.teams[f.TeamID], Status: f.Status, KeyWorker: "none"}
		switch {
		case f.KeyWorkerID != 0 && f.KeyWorkerID == actor.User.ID:
			row.KeyWorker = "me"
		case f.KeyWorkerID != 0:
			row.KeyWorker = "named"
		}
		p.Families = append(p.Families, row)
	}
	sort.SliceStable(p.Families, func(i, j int) bool { return p.Families[i].Names < p.Families[j].Names })
	s.render(w, r, http.StatusOK, "family_list", p)
}

// duplicateRow is a possible duplicate shown to the worker: a name and a
// birth date when the file is theirs to see; otherwise only that a file at
// another site may match (Site names whose coordinator to ask), without
// the file's id or anyone's name.
type duplicateRow struct {
	FamilyID  int64
	Name      string
	BirthDate time.Time
	Elsewhere bool
	Site      string
}

type familyNewPage struct {
	Layout
	Form       familyForm
	Places     []placeChoice
	Errors     formErrors
	Duplicates []duplicateRow
}

// placeChoices are where the person may open a file: the care teams they
// belong to, and the sites they coordinate (with or without a team).
func (s *Server) placeChoices(r *http.Request) ([]placeChoice, error) {
	scope, err := s.app.FamilyScope(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	names, err := s.networkNames(r)
	if err != nil {
		return nil, err
	}
	in := func(ids []int64, id int64) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
	var choices []placeChoice
	seen := map[string]bool{}
	add := func(c placeChoice) {
		c.Value = placeValue(c.SiteID, c.TeamID)
		if !seen[c.Value] {
			seen[c.Value] = true
			choices = append(choices, c)
		}
	}
	for _, site := range names.order {
		if in(scope.SiteIDs, site.ID) {
			add(placeChoice{SiteID: site.ID, SiteName: site.Name})
		}
		for _, t := range names.all {
			if t.SiteID == site.ID && (in(scope.SiteIDs, site.ID) || in(scope.TeamIDs, t.ID)) {
				add(placeChoice{SiteID: site.ID, TeamID: t.ID, SiteName: site.Name, TeamName: t.Name})
			}
		}
	}
	return choices, nil
}

func (s *Server) handleFamilyNewForm(w http.ResponseWriter, r *http.Request) {
	places, err := s.placeChoices(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &familyNewPage{Layout: s.newLayout(r, "families", "family.new_title"), Places: places}
	if len(places) == 1 {
		p.Form.Place = places[0].Value
	}
	s.render(w, r, http.StatusOK, "family_new", p)
}

func (s *Server) handleFamilyCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	places, err := s.placeChoices(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	form, f, fields := parseFamilyForm(r.PostForm, places)
	show := func(status int, fe formErrors, dups []app.PossibleDuplicate) {
		p := &familyNewPage{Layout: s.newLayout(r, "families", "family.new_title"), Form: form, Places: places, Errors: fe}
		var names networkNames
		if len(dups) > 0 {
			var err error
			if names, err = s.networkNames(r); err != nil {
				s.renderDomainError(w, r, err)
				return
			}
		}
		for _, d := range dups {
			if d.Elsewhere {
				p.Duplicates = append(p.Duplicates, duplicateRow{Elsewhere: true, Site: names.sites[d.SiteID]})
				continue
			}
			name := strings.TrimSpace(d.Member.GivenName + " " + d.Member.Surname)
			p.Duplicates = append(p.Duplicates, duplicateRow{FamilyID: d.FamilyID, Name: name, BirthDate: d.Member.BirthDate})
		}
		p.Form.DuplicatesSeen = false // seen means seen on this page: ask again
		s.render(w, r, status, "family_new", p)
	}
	// The rules of a new file are checked here too, so that every mistake
	// of the form shows at once, typing errors first.
	if verr := f.Validate(); verr != nil {
		if fe, ok := formErrorsFrom(verr); ok {
			for k, v := range fe.Fields {
				if _, set := fields[k]; !set {
					fields[k] = v
				}
			}
		}
	}
	if len(fields) > 0 {
		show(http.StatusUnprocessableEntity, formErrors{FormKey: "error.form_invalid", Fields: fields}, nil)
		return
	}
	created, dups, err := s.app.Care.CreateFamily(r.Context(), state(r).actor, f, form.DuplicatesSeen)
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		show(statusForForm(err), fe, dups)
		return
	}
	http.Redirect(w, r, "/families/"+strconv.FormatInt(created.ID, 10)+"?done=created", http.StatusSeeOther)
}

// memberRow is one person of the file as the page shows them.
type memberRow struct {
	care.HouseholdMember
	Name          string
	HasGestation  bool
	Weeks, Days   int
	AgeMonths     int
	AgeYears      int
	AgeInMonths   bool // a child under two: age in months
	AgeDays       int
	AgeInDays     bool // a newborn under a month: age in days
	HasAge        bool
	IsChildOrBaby bool
}

// statusRow is one entry of the status history with its sites and teams named.
type statusRow struct {
	care.StatusChange
	FromSite, FromTeam, ToSite, ToTeam string
}

type familyPage struct {
	Layout
	Family     care.Family
	Site       string
	Team       string
	KeyWorker  string
	Members    []memberRow
	Status     []statusRow
	KeyWorkers []care.KeyWorkerChange
	Screenings []care.StoredScreening
	Decisions  []care.AdmissionDecision
	CareTeam   []berceau.User
	Notice     string
}

// ageOn is a child's age on a date in whole months.
func ageOn(birth, on time.Time) int {
	months := (on.Year()-birth.Year())*12 + int(on.Month()-birth.Month())
	if on.Day() < birth.Day() {
		months--
	}
	if months < 0 {
		return 0
	}
	return months
}

func (s *Server) handleFamily(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	actor, ctx := state(r).actor, r.Context()
	file, err := s.app.Care.OpenFamilyFile(ctx, actor, id, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	f, history, screenings, decisions, careTeam := file.Family, file.Timeline, file.Screenings, file.Decisions, file.CareTeam
	names, err := s.networkNames(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &familyPage{Decisions: decisions, CareTeam: careTeam, Layout: s.newLayout(r, "families", "family.file_title"), Family: f, Site: names.sites[f.SiteID],
		Team: names.teams[f.TeamID], KeyWorkers: history.KeyWorkers, Screenings: screenings}
	p.setFamilyHeader(file.Summary)
	p.setGlass(id, file.GlassUntil)
	switch r.URL.Query().Get("done") {
	case "contact":
		p.Notice = "family_edit.contact_saved"
	case "birth":
		p.Notice = "family_edit.birth_saved"
	}
	if r.URL.Query().Get("done") == "created" {
		p.Notice = "family.created"
	}
	if n := len(history.KeyWorkers); n > 0 && f.KeyWorkerID != 0 && history.KeyWorkers[n-1].UserID == f.KeyWorkerID {
		p.KeyWorker = history.KeyWorkers[n-1].Name
	}
	today := s.app.Now()
	for _, m := range f.Members {
		row := memberRow{HouseholdMember: m, Name: strings.TrimSpace(m.GivenName + " " + m.Surname)}
		row.Weeks, row.Days, row.HasGestation = m.GestationalAge(today)
		if m.Role == care.MemberChild || m.Role == care.MemberUnborn {
			row.IsChildOrBaby = true
		}
		if m.Role == care.MemberChild && !m.BirthDate.IsZero() {
			months := ageOn(m.BirthDate, today)
			row.HasAge, row.AgeMonths, row.AgeYears, row.AgeInMonths = true, months, months/12, months < 24
			if months == 0 {
				b := m.BirthDate
				row.AgeInDays, row.AgeDays = true, int(s.civilToday().Sub(time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)).Hours()/24)
			}
		}
		p.Members = append(p.Members, row)
	}
	for _, c := range history.Status {
		p.Status = append(p.Status, statusRow{StatusChange: c, FromSite: names.sites[c.FromSiteID], FromTeam: names.teams[c.FromTeamID],
			ToSite: names.sites[c.ToSiteID], ToTeam: names.teams[c.ToTeamID]})
	}
	s.render(w, r, http.StatusOK, "family", p)
}

// personFields is what the person partial of the intake form shows.
type personFields struct {
	layout     *Layout
	Prefix     string // field name prefix: pregnant, parent, caregiver, partner
	LegendKey  string
	Person     personForm
	BirthError string
}

// T translates in the page's language.
func (f personFields) T(key string, args ...any) string { return f.layout.T(key, args...) }

// PersonFields prepares the partial of one person of the intake form.
func (p *familyNewPage) PersonFields(prefix, legendKey string, person personForm) personFields {
	return personFields{layout: &p.Layout, Prefix: prefix, LegendKey: legendKey, Person: person,
		BirthError: p.Errors.Field(prefix + "_birth_date")}
}

// ChildBirthError is the error key of the birth date of the i-th child row.
func (p *familyNewPage) ChildBirthError(i int) string {
	return p.Errors.Field("child_birth_date_" + strconv.Itoa(i))
}
