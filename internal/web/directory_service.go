package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
)

// localText is a text in the page's language, marked when it fell back on
// another language (Lang, for the fallback's lang attribute).
type localText struct {
	Value   string
	Missing bool
	Lang    string
}

func (l *Layout) local(t berceau.Text) localText {
	v, in := t.Pick(l.Lang, l.DefaultLang)
	return localText{Value: v, Missing: in != "" && in != l.Lang, Lang: in}
}

type scheduleLine struct {
	Days, Hours, Note string
}

type locationView struct {
	Name      string
	Address   []string
	Redacted  bool
	Lat, Lon  string
	Access    []string
	Transport string
}

type serviceView struct {
	ID                 string
	Name               localText
	Organization       localText
	OrganizationID     string
	Description        localText
	Eligibility        localText
	ApplicationProcess localText
	Fees               localText
	Alert              string
	Status             string
	Needs              []string
	Languages          []string
	Areas              []string
	Badges             []string // translation keys of the perinatal profile
	Stages             []string // already translated sentences
	Phones             []directory.DirectoryPhone
	ProPhones          []directory.DirectoryPhone
	InternalNotes      string
	Email, URL         string
	Schedules          []scheduleLine
	OpenNow            bool
	HasHours           bool
	Locations          []locationView
	ConfirmedOn        string
	ConfirmedBy        string
	Outcome            string
	Stale              bool
	CapacityKey        string
	CapacityWeeks      int
	CapacityAgeDays    int
}

type directoryServicePage struct {
	Layout
	Service      serviceView
	Professional bool
	History      []directory.DirectoryChange
	CanSuggest   bool
	CanModerate  bool
	Notice       string
	Fields       []fieldOption
	Form         suggestionForm
	Errors       formErrors
	Suggestions  []directory.Suggestion
	Outcomes     []string
	Maintenance  app.ServiceMaintenance // who maintains it (directory_editors.go)
	// The upkeep forms' current values (directory_upkeep.go).
	UpkeepByday, UpkeepOpens, UpkeepCloses, UpkeepCapacity string
	UpkeepWeeks                                            int
}

type appServicePage = app.ServicePage

func (s *Server) handleDirectoryService(w http.ResponseWriter, r *http.Request) {
	sp, err := s.app.Directory.DirectoryServicePage(r.Context(), state(r).actor, r.PathValue("id"))
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := s.servicePage(r, sp)
	if d := r.URL.Query().Get("done"); d == "suggested" || d == "confirmed" || d == "accepted" || d == "rejected" || d == "outdated" {
		p.Notice = "directory.notice_" + d
	}
	s.render(w, r, http.StatusOK, "directory_service", p)
}

var dayKeys = map[time.Weekday]string{time.Monday: "mo", time.Tuesday: "tu", time.Wednesday: "we", time.Thursday: "th",
	time.Friday: "fr", time.Saturday: "sa", time.Sunday: "su"}

func (l *Layout) serviceView(sp app.ServicePage, now time.Time) serviceView {
	s := sp.Service
	v := serviceView{ID: s.ID, Name: l.local(s.Name), Organization: l.local(sp.Organization.Name), OrganizationID: sp.Organization.ID,
		Description: l.local(s.Description), Eligibility: l.local(s.Eligibility), ApplicationProcess: l.local(s.ApplicationProcess),
		Fees: l.local(s.FeesDescription), Alert: s.Alert, Status: string(s.Status), Phones: s.Details.Phones, Email: s.Email, URL: s.URL,
		OpenNow: s.OpenAt(now), Stale: s.Confirmation.Stale(now, l.staleAfter), ConfirmedBy: s.Confirmation.By}
	if sp.Professional {
		v.ProPhones, v.InternalNotes = s.ProfessionalPhones, s.InternalNotes
	}
	for _, id := range s.NeedIDs {
		v.Needs = append(v.Needs, l.needName(id))
	}
	for _, lg := range s.Details.Languages {
		v.Languages = append(v.Languages, l.languageName(strings.ToLower(lg.Code)))
	}
	for _, a := range s.Details.Areas {
		v.Areas = append(v.Areas, a.Name)
	}
	p := s.Profile
	for key, on := range map[string]bool{"directory.badge_free": p.FreeOfCharge, "directory.badge_no_referral": p.NoReferralNeeded,
		"directory.badge_no_papers": p.AcceptsWithoutPapers, "directory.badge_partner": p.PartnerWelcome} {
		if on {
			v.Badges = append(v.Badges, key)
		}
	}
	sortStrings(v.Badges)
	if p.DuringPregnancy {
		v.Stages = append(v.Stages, l.T("directory.stage_pregnancy", "Min", weeksText(p.GestationalWeeksMin, 1), "Max", weeksText(p.GestationalWeeksMax, 42)))
	}
	if p.AfterBirth {
		v.Stages = append(v.Stages, l.T("directory.stage_child", "Min", weeksText(p.ChildAgeMonthsMin, 0), "Max", weeksText(p.ChildAgeMonthsMax, 72)))
	}
	for _, sc := range s.Details.Schedules {
		line := scheduleLine{Note: sc.Description}
		var days []string
		for _, d := range sc.Days() {
			days = append(days, l.T("directory.day_"+dayKeys[d]))
		}
		line.Days = strings.Join(days, ", ")
		if sc.OpensAt != "" && sc.ClosesAt != "" {
			line.Hours = l.T("directory.hours", "Opens", clock(sc.OpensAt), "Closes", clock(sc.ClosesAt))
		}
		if line.Days != "" || line.Hours != "" || line.Note != "" {
			v.Schedules = append(v.Schedules, line)
		}
	}
	v.HasHours = len(v.Schedules) > 0
	for _, loc := range sp.Locations {
		lv := locationView{Name: loc.Name, Redacted: loc.Redacted && !sp.Professional, Transport: loc.Details.Transportation}
		for _, ad := range loc.Details.Addresses {
			lv.Address = append(lv.Address, strings.TrimSpace(ad.Address1+" "+ad.Address2), strings.TrimSpace(ad.PostalCode+" "+ad.City))
		}
		if loc.Latitude != nil && loc.Longitude != nil {
			lv.Lat, lv.Lon = strconv.FormatFloat(*loc.Latitude, 'f', 5, 64), strconv.FormatFloat(*loc.Longitude, 'f', 5, 64)
		}
		for _, ac := range loc.Details.Accessibility {
			lv.Access = append(lv.Access, ac.Description)
		}
		v.Locations = append(v.Locations, lv)
	}
	if !s.Confirmation.At.IsZero() {
		v.ConfirmedOn = l.DirectoryDay(s.Confirmation.At)
	}
	if s.Confirmation.Outcome != "" {
		v.Outcome = "directory.outcome_" + string(s.Confirmation.Outcome)
	}
	if s.Capacity.Status != "" {
		v.CapacityKey = "directory.capacity_" + string(s.Capacity.Status)
		v.CapacityWeeks = s.Capacity.WaitlistWeeks
		if !s.Capacity.At.IsZero() {
			v.CapacityAgeDays = int(now.Sub(s.Capacity.At).Hours() / 24)
		}
	}
	return v
}

func weeksText(n, def int) string {
	if n == 0 {
		n = def
	}
	return strconv.Itoa(n)
}

// clock keeps HH:MM of an HSDS time ("10:00:00", "09:00+01:00").
func clock(s string) string {
	if len(s) >= 5 {
		return s[:5]
	}
	return s
}

// Day formats a civil day in the page's language.
func (l *Layout) DirectoryDay(t time.Time) string { return l.Day(t) }

func sortStrings(list []string) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j] < list[j-1]; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
