// Package training holds the knowledge space's training side: trainings and
// each professional's learning record, and the host site's internship
// register (the files named internship*.go): internships, the hours an
// intern logs week by week and their supervisor countersigns, evaluation
// forms, and the yearly report of a fiscal year.
package training

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// Bounds of what a person types into the register.
const (
	MaxInternNameLength = 120
	MaxSchoolLength     = 160
	MaxNoteLength       = 1000
	MaxAnswerLength     = 2000
	MaxLabelLength      = 120
	// MaxWeekMinutes bounds one week's hours (80 h): more is a typing error.
	MaxWeekMinutes = 80 * 60
	// MaxPlannedHours bounds an internship's planned hours.
	MaxPlannedHours = 5000
	// MaxSupervisors bounds an internship's supervisors.
	MaxSupervisors = 10
	// MaxInternshipDays bounds an internship's length (three years).
	MaxInternshipDays = 3 * 366
	// OverdueAfter is how long a week may wait for its countersignature
	// (counted from its last day) before the supervisor's day shows it.
	OverdueAfter = 14 * 24 * time.Hour
)

// SettingFiscalYearStart is the settings key of the month (1–12) the
// organisation's fiscal year starts on; DefaultFiscalYearStart when unset.
const SettingFiscalYearStart = "internship_fiscal_year_start_month"

// DefaultFiscalYearStart is April, the fiscal year of Québec's community
// organisations (April to March).
const DefaultFiscalYearStart = time.April

// InternshipKind is a kind of internship (professional internship,
// social-medicine internship, medical extern, medical resident…), a list the
// network administrator edits. Plural names the kind in a count ("17
// professional internships"), as the yearly report's sentence reads.
type InternshipKind struct {
	ID       int64
	Code     string
	Name     berceau.Text
	Plural   berceau.Text
	Position int
	Retired  bool
}

// StudyField is an intern's field of study (nursing, special education,
// medicine…), a list the network administrator edits.
type StudyField struct {
	ID       int64
	Code     string
	Name     berceau.Text
	Position int
	Retired  bool
}

// Internship is an intern hosted by a site: an account with the trainee
// role when they use Berceau (InternUserID), or a name only.
type Internship struct {
	ID            int64
	SiteID        int64
	KindID        int64
	FieldID       int64
	InternUserID  int64  // 0: the intern does not use Berceau
	InternName    string // the account's display name when InternUserID is set
	School        string
	SupervisorIDs []int64
	StartsOn      time.Time // civil dates, UTC midnight
	EndsOn        time.Time
	PlannedHours  int
	HasAgreement  bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Normalize trims what a person typed and reduces the dates to civil days.
func (i *Internship) Normalize() {
	i.InternName = strings.TrimSpace(i.InternName)
	i.School = strings.TrimSpace(i.School)
	i.StartsOn, i.EndsOn = Civil(i.StartsOn), Civil(i.EndsOn)
	seen := map[int64]bool{}
	var ids []int64
	for _, id := range i.SupervisorIDs {
		if id > 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	i.SupervisorIDs = ids
}

// Validate checks an internship before it is saved; the error names every
// field at fault (translation keys of the [internship] section).
func (i Internship) Validate() error {
	fields := map[string]string{}
	if i.SiteID <= 0 {
		fields["site"] = "internship.error.site_required"
	}
	if i.KindID <= 0 {
		fields["kind"] = "internship.error.kind_required"
	}
	if i.FieldID <= 0 {
		fields["field"] = "internship.error.field_required"
	}
	if i.InternUserID == 0 && i.InternName == "" {
		fields["intern_name"] = "internship.error.intern_required"
	}
	if utf8.RuneCountInString(i.InternName) > MaxInternNameLength {
		fields["intern_name"] = "internship.error.too_long"
	}
	if i.School == "" {
		fields["school"] = "internship.error.school_required"
	} else if utf8.RuneCountInString(i.School) > MaxSchoolLength {
		fields["school"] = "internship.error.too_long"
	}
	switch {
	case i.StartsOn.IsZero():
		fields["starts_on"] = "internship.error.date_required"
	case i.EndsOn.IsZero():
		fields["ends_on"] = "internship.error.date_required"
	case i.EndsOn.Before(i.StartsOn):
		fields["ends_on"] = "internship.error.ends_before_start"
	case i.EndsOn.Sub(i.StartsOn) > MaxInternshipDays*24*time.Hour:
		fields["ends_on"] = "internship.error.too_long_period"
	}
	if i.PlannedHours < 0 || i.PlannedHours > MaxPlannedHours {
		fields["planned_hours"] = "internship.error.planned_hours"
	}
	if len(i.SupervisorIDs) == 0 || len(i.SupervisorIDs) > MaxSupervisors {
		fields["supervisors"] = "internship.error.supervisor_required"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// ActiveOn reports whether day falls within the internship, its first and
// last days included.
func (i Internship) ActiveOn(day time.Time) bool {
	day = Civil(day)
	return !day.Before(i.StartsOn) && !day.After(i.EndsOn)
}

// Overlaps reports whether the internship shares a day with [from, to].
func (i Internship) Overlaps(from, to time.Time) bool {
	return !i.StartsOn.After(Civil(to)) && !i.EndsOn.Before(Civil(from))
}

// SupervisedBy reports whether userID is one of its supervisors.
func (i Internship) SupervisedBy(userID int64) bool {
	for _, id := range i.SupervisorIDs {
		if id == userID && userID != 0 {
			return true
		}
	}
	return false
}

// Civil is t's calendar day at UTC midnight (the dates of the register).
func Civil(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// WeekStart is the Monday of t's ISO week.
func WeekStart(t time.Time) time.Time {
	t = Civil(t)
	back := (int(t.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return t.AddDate(0, 0, -back)
}

// ParseISOWeek reads "2026-W07" (the value of an <input type="week">) into
// the week's Monday.
func ParseISOWeek(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	year, week, ok := strings.Cut(s, "-W")
	if !ok || len(year) != 4 || len(week) < 1 || len(week) > 2 {
		return time.Time{}, false
	}
	y, w := atoi(year), atoi(week)
	if y < 1900 || w < 1 || w > 53 {
		return time.Time{}, false
	}
	// The 4th of January is always in week 1.
	monday := WeekStart(time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)).AddDate(0, 0, 7*(w-1))
	if gy, gw := monday.ISOWeek(); gy != y || gw != w {
		return time.Time{}, false // week 53 of a year that has 52
	}
	return monday, true
}

// ISOWeekValue writes a week's Monday as "2026-W07".
func ISOWeekValue(monday time.Time) string {
	y, w := monday.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func atoi(s string) int {
	if s == "" {
		return -1
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// ParseHours reads hours typed as "7", "7.5", "7,5" or "7:30" into minutes.
func ParseHours(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 8 {
		return 0, false
	}
	if h, m, ok := strings.Cut(s, ":"); ok {
		hh, mm := atoi(h), atoi(m)
		if hh < 0 || mm < 0 || mm > 59 || len(m) != 2 {
			return 0, false
		}
		return hh*60 + mm, true
	}
	whole, frac, _ := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	hh := atoi(whole)
	if hh < 0 || whole == "" {
		return 0, false
	}
	minutes := hh * 60
	if frac != "" {
		if len(frac) > 2 || atoi(frac) < 0 {
			return 0, false
		}
		if len(frac) == 1 {
			frac += "0"
		}
		minutes += (atoi(frac)*60 + 50) / 100
	}
	return minutes, true
}

// WeekHours is one week of an intern's hours: what they logged and, once a
// supervisor countersigned, what the supervisor signed. A correction keeps
// the intern's figure (LoggedMinutes) beside the signed one and its note.
type WeekHours struct {
	ID            int64
	InternshipID  int64
	Week          time.Time // the ISO week's Monday
	LoggedMinutes int
	Note          string
	LoggedBy      int64
	LoggedAt      time.Time
	Signed        bool
	SignedMinutes int
	SignedBy      int64
	SignedAt      time.Time
	SignNote      string
}

// Corrected reports whether the supervisor signed another figure than the
// intern's.
func (w WeekHours) Corrected() bool { return w.Signed && w.SignedMinutes != w.LoggedMinutes }

// LastDay is the week's Sunday.
func (w WeekHours) LastDay() time.Time { return w.Week.AddDate(0, 0, 6) }

// Overdue reports whether the week waits for its countersignature more
// than OverdueAfter after its last day.
func (w WeekHours) Overdue(today time.Time) bool {
	return !w.Signed && Civil(today).Sub(w.LastDay()) > OverdueAfter
}

// ValidateWeek checks a week an intern logs for an internship: within the
// internship's dates, not in the future, hours within bounds.
func ValidateWeek(i Internship, week time.Time, minutes int, note string, today time.Time) error {
	fields := map[string]string{}
	switch {
	case week.IsZero():
		fields["week"] = "internship.error.week_required"
	case week.After(Civil(today)):
		fields["week"] = "internship.error.week_future"
	case week.AddDate(0, 0, 6).Before(i.StartsOn) || week.After(i.EndsOn):
		fields["week"] = "internship.error.week_outside"
	}
	if minutes < 0 || minutes > MaxWeekMinutes {
		fields["hours"] = "internship.error.hours_range"
	}
	if utf8.RuneCountInString(note) > MaxNoteLength {
		fields["note"] = "internship.error.too_long"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// HoursText writes minutes as hours with at most two decimals ("7.5"),
// for exports read by machines.
func HoursText(minutes int) string {
	s := strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// FiscalYear is the fiscal year, starting in month start, that holds day.
func FiscalYear(day time.Time, start time.Month) (from, to time.Time) {
	day = Civil(day)
	y := day.Year()
	if day.Month() < start {
		y--
	}
	from = time.Date(y, start, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(1, 0, -1)
}

// LastCompleteFiscalYear is the last fiscal year that ended before today.
func LastCompleteFiscalYear(today time.Time, start time.Month) (from, to time.Time) {
	current, _ := FiscalYear(today, start)
	return current.AddDate(-1, 0, 0), current.AddDate(0, 0, -1)
}

// IsFiscalYear reports whether [from, to] is exactly one fiscal year.
func IsFiscalYear(from, to time.Time, start time.Month) bool {
	f, t := FiscalYear(from, start)
	return f.Equal(Civil(from)) && t.Equal(Civil(to))
}

// MaxReportYears bounds a report's period.
const MaxReportYears = 10

// ValidatePeriod checks a report's period.
func ValidatePeriod(from, to time.Time) error {
	fields := map[string]string{}
	switch {
	case from.IsZero():
		fields["from"] = "internship.error.date_required"
	case to.IsZero():
		fields["to"] = "internship.error.date_required"
	case to.Before(from):
		fields["to"] = "internship.error.ends_before_start"
	case to.After(from.AddDate(MaxReportYears, 0, 0)):
		fields["to"] = "internship.error.too_long_period"
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}
