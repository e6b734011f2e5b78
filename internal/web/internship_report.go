package web

import (
	"encoding/csv"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/training"
)

// internshipReportPage is the yearly report: the sentence, a bar chart
// drawn on the server (SVG, readable without script and printable) and
// the same figures as tables.
type internshipReportPage struct {
	Layout
	Report   *app.InternshipReportView
	From, To string
	Errors   formErrors
	Sentence string
	Chart    barChart
}

// barChart is a horizontal bar chart in SVG user units: each row its label
// above its bar, so that long labels keep the chart readable on a phone.
type barChart struct {
	Width, Height int
	BarHeight     int
	Bars          []chartBar
}

// chartBar is one bar: its label, value and geometry.
type chartBar struct {
	Label  string
	Value  string
	LabelY int
	Y, W   int
	ValueX int
	ValueY int
}

// newBarChart draws one bar per value, the longest as wide as the chart
// allows with its value written after it.
func newInternshipChart(labels []string, values []int, format func(int) string) barChart {
	const width, labelRoom, barHeight, gap, valueRoom = 480, 22, 22, 12, 56
	row := labelRoom + barHeight + gap
	c := barChart{Width: width, BarHeight: barHeight, Height: len(values)*row + 4}
	top := 1
	for _, v := range values {
		top = max(top, v)
	}
	for i, v := range values {
		y := 4 + i*row
		w := (width - valueRoom) * v / top
		if v > 0 && w < 2 {
			w = 2
		}
		c.Bars = append(c.Bars, chartBar{Label: labels[i], Value: format(v), LabelY: y + 16, Y: y + labelRoom, W: w,
			ValueX: w + 6, ValueY: y + labelRoom + barHeight/2 + 6})
	}
	return c
}

// reportPeriod reads from and to (yyyy-mm-dd); both empty is the default
// period (the last complete fiscal year).
func internshipReportPeriod(q url.Values, fields map[string]string) (from, to time.Time) {
	from = parseCivil(q.Get("from"), "from", fields)
	to = parseCivil(q.Get("to"), "to", fields)
	if from.IsZero() != to.IsZero() {
		if from.IsZero() {
			fields["from"] = "internship.error.date_required"
		} else {
			fields["to"] = "internship.error.date_required"
		}
	}
	return from, to
}

// internshipReport reads the report of the request's period; on a bad
// period it renders the page with its errors and returns false.
func (s *Server) internshipReport(w http.ResponseWriter, r *http.Request) (*internshipReportPage, bool) {
	p := &internshipReportPage{Layout: s.newLayout(r, "internships", "internship.report_title"),
		From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}
	fields := map[string]string{}
	from, to := internshipReportPeriod(r.URL.Query(), fields)
	var err error
	var v app.InternshipReportView
	if len(fields) == 0 {
		v, err = s.app.Internships.Report(r.Context(), state(r).actor, from, to)
	}
	if len(fields) > 0 || err != nil {
		fe := formErrors{FormKey: "error.form_invalid", Fields: fields}
		if err != nil {
			var ok bool
			if fe, ok = formErrorsFrom(err); !ok {
				s.renderDomainError(w, r, err)
				return nil, false
			}
		}
		p.Errors = fe
		s.render(w, r, http.StatusUnprocessableEntity, "internship_report", p)
		return nil, false
	}
	p.Report = &v
	p.From, p.To = v.From.Format(time.DateOnly), v.To.Format(time.DateOnly)
	p.Sentence = s.app.Internships.ReportSentence(v, p.Lang)
	var labels []string
	var values []int
	for _, k := range v.ByKind {
		labels = append(labels, p.Local(k.Kind.Name))
		values = append(values, k.Internships)
	}
	p.Chart = newInternshipChart(labels, values, p.Number)
	return p, true
}

// SiteName names a site of the report.
func (p *internshipReportPage) SiteName(id int64) string { return p.Report.SiteNames[id] }

// FieldNames lists a kind's fields in the page's language.
func (p *internshipReportPage) FieldNames(k training.KindFigure) string {
	var names []string
	for _, f := range k.Fields {
		names = append(names, p.Local(f.Name))
	}
	return internshipJoin(names)
}

func internshipJoin(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

func (s *Server) handleInternshipReport(w http.ResponseWriter, r *http.Request) {
	p, ok := s.internshipReport(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "internship_report", p)
}

func internshipReportFile(v *app.InternshipReportView, ext string) string {
	return "internships-" + v.From.Format("20060102") + "-" + v.To.Format("20060102") + ext
}

func (s *Server) handleInternshipReportCSV(w http.ResponseWriter, r *http.Request) {
	p, ok := s.internshipReport(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": internshipReportFile(p.Report, ".csv")}))
	w.Header().Set("Cache-Control", "private, no-store")
	_ = writeInternshipCSV(w, p.Report, p.T, p.Local)
}

// writeInternshipCSV writes the report as one table: section, name,
// internships, interns, countersigned hours (a dot for decimals, for
// spreadsheets of any language).
func writeInternshipCSV(out io.Writer, v *app.InternshipReportView, t func(string, ...any) string, local func(berceau.Text) string) error {
	cw := csv.NewWriter(out)
	hours := func(m int) string { return training.HoursText(m) }
	rows := [][]string{{t("internship.csv.section"), t("internship.csv.name"), t("internship.csv.internships"),
		t("internship.csv.interns"), t("internship.csv.hours")}}
	rows = append(rows, []string{t("internship.csv.total"), v.PeriodLabel(), strconv.Itoa(v.Internships), strconv.Itoa(v.Interns), hours(v.TotalMinutes)})
	for _, k := range v.ByKind {
		rows = append(rows, []string{t("internship.csv.kind"), local(k.Kind.Name), strconv.Itoa(k.Internships), "", hours(k.Minutes)})
	}
	for _, f := range v.ByField {
		rows = append(rows, []string{t("internship.csv.field"), local(f.Field.Name), strconv.Itoa(f.Internships), "", hours(f.Minutes)})
	}
	for _, sc := range v.BySchool {
		rows = append(rows, []string{t("internship.csv.school"), sc.School, strconv.Itoa(sc.Internships), strconv.Itoa(sc.Interns), ""})
	}
	for _, st := range v.BySite {
		rows = append(rows, []string{t("internship.csv.site"), v.SiteNames[st.SiteID], strconv.Itoa(st.Internships), "", hours(st.Minutes)})
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func (s *Server) handleInternshipReportPDF(w http.ResponseWriter, r *http.Request) {
	p, ok := s.internshipReport(w, r)
	if !ok {
		return
	}
	body, err := internshipReportPDF(p)
	if err != nil {
		s.log.Error("internship report pdf", "err", err)
		s.renderError(w, r, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": internshipReportFile(p.Report, ".pdf")}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(body)
}

// internshipReportPDF prints the report: its sentence first, then a bar
// chart of the kinds and the tables.
func internshipReportPDF(p *internshipReportPage) ([]byte, error) {
	v := p.Report
	doc := pdfdoc.New(p.T("internship.pdf_title", "Period", v.PeriodLabel()), p.T("internship.pdf_issuer"), p.Lang)
	doc.Title(p.T("internship.pdf_title", "Period", v.PeriodLabel()))
	doc.Paragraph(p.Sentence)
	var bars []pdfdoc.Bar
	for _, k := range v.ByKind {
		bars = append(bars, pdfdoc.Bar{Label: p.Local(k.Kind.Name), Value: k.Internships, Text: p.Number(k.Internships)})
	}
	doc.Heading(p.T("internship.by_kind"))
	doc.Bars(bars)
	right := []bool{false, true, true}
	var rows [][]string
	for _, k := range v.ByKind {
		rows = append(rows, []string{p.Local(k.Kind.Name), p.Number(k.Internships), p.InternHours(k.Minutes)})
	}
	rows = append(rows, []string{p.T("internship.total"), p.Number(v.Internships), p.InternHours(v.TotalMinutes)})
	doc.Table([]string{p.T("internship.col.kind"), p.T("internship.col.internships"), p.T("internship.col.hours")}, rows, []float64{90, 35, 45}, right)
	doc.Heading(p.T("internship.by_field"))
	rows = nil
	for _, f := range v.ByField {
		rows = append(rows, []string{p.Local(f.Field.Name), p.Number(f.Internships), p.InternHours(f.Minutes)})
	}
	doc.Table([]string{p.T("internship.col.field"), p.T("internship.col.internships"), p.T("internship.col.hours")}, rows, []float64{90, 35, 45}, right)
	doc.Heading(p.T("internship.by_school"))
	rows = nil
	for _, sc := range v.BySchool {
		rows = append(rows, []string{sc.School, p.Number(sc.Interns), p.Number(sc.Internships)})
	}
	doc.Table([]string{p.T("internship.col.school"), p.T("internship.col.interns"), p.T("internship.col.internships")}, rows, []float64{90, 35, 45}, right)
	doc.Heading(p.T("internship.by_site"))
	rows = nil
	for _, st := range v.BySite {
		rows = append(rows, []string{v.SiteNames[st.SiteID], p.Number(st.Internships), p.InternHours(st.Minutes)})
	}
	doc.Table([]string{p.T("internship.col.site"), p.T("internship.col.internships"), p.T("internship.col.hours")}, rows, []float64{90, 35, 45}, right)
	doc.Small(p.T("internship.pdf_footer", "From", v.From.Format(time.DateOnly), "To", v.To.Format(time.DateOnly)))
	return doc.Bytes()
}
