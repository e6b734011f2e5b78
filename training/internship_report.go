package training

import (
	"sort"
	"time"
)

// ReportInternship is one internship as the yearly report counts it: what
// it is and the hours countersigned for it within the period.
type ReportInternship struct {
	ID      int64
	SiteID  int64
	KindID  int64
	FieldID int64
	// Intern names the intern once however many internships they did: the
	// account ("user:12") or the name.
	Intern  string
	School  string
	Minutes int
}

// InternshipReport is the yearly account of a period: the hours interns
// contributed (countersigned) and the internships by kind, field, school
// and site. Kinds and fields come in the order of their lists.
type InternshipReport struct {
	From, To     time.Time
	TotalMinutes int
	Internships  int
	Interns      int
	ByKind       []KindFigure
	ByField      []FieldFigure
	BySchool     []SchoolFigure
	BySite       []SiteFigure
}

// KindFigure counts the internships of one kind, with the fields of study
// they were in.
type KindFigure struct {
	Kind        InternshipKind
	Internships int
	Minutes     int
	Fields      []StudyField
}

// FieldFigure counts the internships in one field of study.
type FieldFigure struct {
	Field       StudyField
	Internships int
	Minutes     int
}

// SchoolFigure counts the interns a school or university sent.
type SchoolFigure struct {
	School      string
	Interns     int
	Internships int
}

// SiteFigure counts the internships a site hosted.
type SiteFigure struct {
	SiteID      int64
	Internships int
	Minutes     int
}

// TotalHours is the countersigned time in whole hours (rounded down).
func (r InternshipReport) TotalHours() int { return r.TotalMinutes / 60 }

// HoursFloor is the figure a sentence says "more than" of: the total hours
// rounded down to the hundred (to the ten under a hundred hours).
func (r InternshipReport) HoursFloor() int {
	h := r.TotalHours()
	if h >= 100 {
		return h / 100 * 100
	}
	return h / 10 * 10
}

// BuildReport counts rows (the internships overlapping [from, to]) into the
// report. kinds and fields give the order and the names; a row of an
// unknown kind or field is counted in the totals only.
func BuildReport(from, to time.Time, kinds []InternshipKind, fields []StudyField, rows []ReportInternship) InternshipReport {
	r := InternshipReport{From: Civil(from), To: Civil(to), Internships: len(rows)}
	kindAt := map[int64]int{}
	for i, k := range kinds {
		kindAt[k.ID] = i
	}
	fieldAt := map[int64]int{}
	for i, f := range fields {
		fieldAt[f.ID] = i
	}
	byKind := make([]KindFigure, len(kinds))
	kindFields := make([]map[int64]bool, len(kinds))
	for i, k := range kinds {
		byKind[i].Kind, kindFields[i] = k, map[int64]bool{}
	}
	byField := make([]FieldFigure, len(fields))
	for i, f := range fields {
		byField[i].Field = f
	}
	interns := map[string]bool{}
	schoolInterns := map[string]map[string]bool{}
	schoolInternships := map[string]int{}
	sites := map[int64]*SiteFigure{}
	for _, row := range rows {
		r.TotalMinutes += row.Minutes
		interns[row.Intern] = true
		if schoolInterns[row.School] == nil {
			schoolInterns[row.School] = map[string]bool{}
		}
		schoolInterns[row.School][row.Intern] = true
		schoolInternships[row.School]++
		if sites[row.SiteID] == nil {
			sites[row.SiteID] = &SiteFigure{SiteID: row.SiteID}
		}
		sites[row.SiteID].Internships++
		sites[row.SiteID].Minutes += row.Minutes
		if i, ok := kindAt[row.KindID]; ok {
			byKind[i].Internships++
			byKind[i].Minutes += row.Minutes
			kindFields[i][row.FieldID] = true
		}
		if i, ok := fieldAt[row.FieldID]; ok {
			byField[i].Internships++
			byField[i].Minutes += row.Minutes
		}
	}
	r.Interns = len(interns)
	for i, k := range byKind {
		if k.Internships == 0 {
			continue
		}
		for _, f := range fields {
			if kindFields[i][f.ID] {
				k.Fields = append(k.Fields, f)
			}
		}
		r.ByKind = append(r.ByKind, k)
	}
	for _, f := range byField {
		if f.Internships > 0 {
			r.ByField = append(r.ByField, f)
		}
	}
	for school, who := range schoolInterns {
		r.BySchool = append(r.BySchool, SchoolFigure{School: school, Interns: len(who), Internships: schoolInternships[school]})
	}
	sort.Slice(r.BySchool, func(i, j int) bool {
		a, b := r.BySchool[i], r.BySchool[j]
		if a.Interns != b.Interns {
			return a.Interns > b.Interns
		}
		if a.Internships != b.Internships {
			return a.Internships > b.Internships
		}
		return a.School < b.School
	})
	for _, s := range sites {
		r.BySite = append(r.BySite, *s)
	}
	sort.Slice(r.BySite, func(i, j int) bool { return r.BySite[i].SiteID < r.BySite[j].SiteID })
	return r
}
