package training

import (
	"testing"
	"time"
)

func civilDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestHoursAreReadAsPeopleTypeThem(t *testing.T) {
	for in, want := range map[string]int{"7": 420, "7.5": 450, "7,5": 450, "7:30": 450, "0": 0, " 21 ": 1260, "7,25": 435, "7.05": 423} {
		if got, ok := ParseHours(in); !ok || got != want {
			t.Errorf("ParseHours(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "-3", "7:5", "7:75", "7.123", "1e3", "7,5,5", "123456789"} {
		if got, ok := ParseHours(in); ok {
			t.Errorf("ParseHours(%q) = %d, want refused", in, got)
		}
	}
	for minutes, want := range map[int]string{450: "7.5", 420: "7", 435: "7.25", 0: "0", 147240: "2454"} {
		if got := HoursText(minutes); got != want {
			t.Errorf("HoursText(%d) = %q, want %q", minutes, got, want)
		}
	}
}

func TestISOWeeks(t *testing.T) {
	for in, want := range map[string]string{"2026-W01": "2025-12-29", "2026-W49": "2026-11-30", "2020-W53": "2020-12-28", "2026-W7": "2026-02-09"} {
		got, ok := ParseISOWeek(in)
		if !ok || !got.Equal(civilDay(want)) {
			t.Errorf("ParseISOWeek(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"2025-W53", "2026-W00", "2026W10", "26-W10", "2026-W1x"} {
		if got, ok := ParseISOWeek(in); ok {
			t.Errorf("ParseISOWeek(%q) = %s, want refused", in, got)
		}
	}
	if got := ISOWeekValue(civilDay("2026-12-02")); got != "2026-W49" {
		t.Errorf("ISOWeekValue = %s", got)
	}
	if got := WeekStart(civilDay("2026-12-06")); !got.Equal(civilDay("2026-11-30")) {
		t.Errorf("the Monday of Sunday 2026-12-06 is %s", got)
	}
}

func TestAWeekIsOverdueFifteenDaysAfterItsSunday(t *testing.T) {
	w := WeekHours{Week: civilDay("2026-11-16")} // Sunday 2026-11-22
	if w.Overdue(civilDay("2026-12-06")) || !w.Overdue(civilDay("2026-12-07")) {
		t.Error("a week waits 14 days after its Sunday before it is overdue")
	}
	w.Signed = true
	if w.Overdue(civilDay("2027-01-01")) {
		t.Error("a signed week is overdue")
	}
}

func TestFiscalYears(t *testing.T) {
	from, to := LastCompleteFiscalYear(civilDay("2026-12-02"), time.April)
	if !from.Equal(civilDay("2025-04-01")) || !to.Equal(civilDay("2026-03-31")) {
		t.Errorf("last complete fiscal year on 2026-12-02: %s – %s", from, to)
	}
	from, to = LastCompleteFiscalYear(civilDay("2026-03-31"), time.April)
	if !from.Equal(civilDay("2024-04-01")) || !to.Equal(civilDay("2025-03-31")) {
		t.Errorf("on the year's last day the last complete one is the one before: %s – %s", from, to)
	}
	if !IsFiscalYear(civilDay("2025-01-01"), civilDay("2025-12-31"), time.January) || IsFiscalYear(civilDay("2025-04-01"), civilDay("2026-03-30"), time.April) {
		t.Error("IsFiscalYear")
	}
}

func TestAnInternshipIsValidatedBeforeItIsSaved(t *testing.T) {
	ok := Internship{SiteID: 1, KindID: 1, FieldID: 1, InternName: "Léa", School: "UdeM", SupervisorIDs: []int64{2},
		StartsOn: civilDay("2026-01-05"), EndsOn: civilDay("2026-03-27")}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.EndsOn, bad.InternName, bad.SupervisorIDs = civilDay("2025-12-01"), "", nil
	if err := bad.Validate(); err == nil {
		t.Fatal("an internship ending before it starts, with no intern nor supervisor, passed")
	}
	crowd := ok
	crowd.SupervisorIDs = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	if err := crowd.Validate(); err == nil {
		t.Error("eleven supervisors passed")
	}
	if !ok.ActiveOn(civilDay("2026-03-27")) || ok.ActiveOn(civilDay("2026-03-28")) || ok.ActiveOn(civilDay("2026-01-04")) {
		t.Error("an internship is active from its first to its last day included")
	}
	if err := ValidateWeek(ok, civilDay("2026-03-30"), 420, "", civilDay("2026-04-10")); err == nil {
		t.Error("a week after the internship was accepted")
	}
	if err := ValidateWeek(ok, civilDay("2026-01-05"), MaxWeekMinutes+1, "", civilDay("2026-04-10")); err == nil {
		t.Error("81 hours in a week were accepted")
	}
}

func TestTheReportCountsByKindFieldSchoolAndSite(t *testing.T) {
	kinds := []InternshipKind{{ID: 1, Code: "professional"}, {ID: 2, Code: "medical_extern"}, {ID: 3, Code: "unused"}}
	fields := []StudyField{{ID: 10, Code: "nursing"}, {ID: 11, Code: "social_work"}, {ID: 12, Code: "medicine"}}
	rows := []ReportInternship{
		{ID: 1, SiteID: 5, KindID: 1, FieldID: 11, Intern: "name:léa", School: "UQAM", Minutes: 600},
		{ID: 2, SiteID: 5, KindID: 1, FieldID: 10, Intern: "user:7", School: "UdeM", Minutes: 300},
		{ID: 3, SiteID: 6, KindID: 2, FieldID: 12, Intern: "user:7", School: "UdeM", Minutes: 90},
	}
	r := BuildReport(civilDay("2025-04-01"), civilDay("2026-03-31"), kinds, fields, rows)
	if r.TotalMinutes != 990 || r.Internships != 3 || r.Interns != 2 || len(r.ByKind) != 2 || r.ByKind[0].Internships != 2 {
		t.Fatalf("report %+v", r)
	}
	if f := r.ByKind[0].Fields; len(f) != 2 || f[0].Code != "nursing" || f[1].Code != "social_work" {
		t.Errorf("the professional internships' fields, in the list's order: %+v", f)
	}
	if len(r.BySchool) != 2 || r.BySchool[0].School != "UdeM" || r.BySchool[0].Interns != 1 || r.BySchool[0].Internships != 2 {
		t.Errorf("by school %+v", r.BySchool)
	}
	if len(r.BySite) != 2 || r.BySite[0].Minutes != 900 {
		t.Errorf("by site %+v", r.BySite)
	}
	if r.TotalHours() != 16 || r.HoursFloor() != 10 {
		t.Errorf("16.5 h: %d h, floor %d", r.TotalHours(), r.HoursFloor())
	}
}
