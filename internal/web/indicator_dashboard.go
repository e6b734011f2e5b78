package web

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
)

// indicatorPage is a dashboard: the network, a site or a care team, over a
// period compared with the previous one.
type indicatorPage struct {
	Layout
	Base       string // /indicators or /evaluation
	Report     app.IndicatorReport
	Sections   []indicatorSection
	From, To   string // the form's values (YYYY-MM-DD)
	SiteID     int64
	TeamID     int64
	By, By2    string
	Quick      []quickPeriod
	Dimensions []string // the breakdowns the form offers
	ExportURL  string
	Scope      string // the heading: network, site name, team name
	ReportYear int    // the year of the annual reports offered: the period's last
}

type quickPeriod struct {
	Label, URL string
	Current    bool
}

type indicatorSection struct {
	Key   string
	Items []indicatorView
}

// indicatorView is one indicator as the page shows it: the total, the
// comparison, the chart and its data table.
type indicatorView struct {
	ID          string
	Name        string
	Description string
	Expression  string
	Total       string
	TotalHidden bool
	Previous    string
	Change      string // "+3.2" against the previous period
	By, By2     string // the breakdowns' names
	Chart       *barChart
	Rows        []tableRow
	ColHeads    []string
	ColTotals   []tableCell
	HasTotals   bool
	CSVURL      string
}

type tableRow struct {
	Label string
	Cells []tableCell
	Total tableCell
}

type tableCell struct {
	Text   string
	Hidden bool
}

// barChart is a horizontal bar chart drawn as SVG by the template: one bar
// per key of the first breakdown, its length proportional to the value.
type barChart struct {
	Title, Desc string
	Width       int
	Height      int
	LabelWidth  int
	LabelX      int // where the keys' labels end
	Bars        []bar
}

type bar struct {
	Y, Width        int
	Label, Value    string
	Hidden, Missing bool
	TextX           int
}

const (
	chartWidth     = 640
	chartBarHeight = 22
	chartGap       = 6
	chartLabels    = 230
	chartValues    = 80
)

// dashboardRequest reads the dashboard's query: period (default: the last
// twelve months to today, by the app's clock), scope and breakdowns.
func (s *Server) dashboardRequest(r *http.Request) (app.IndicatorRequest, bool) {
	q := r.URL.Query()
	today := indicator.Day(s.app.Now())
	from, to := today.AddDate(-1, 0, 1), today
	ok := true
	if v := q.Get("from"); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		ok = ok && err == nil
		from = t
	}
	if v := q.Get("to"); v != "" {
		t, err := time.Parse(time.DateOnly, v)
		ok = ok && err == nil
		to = t
	}
	p, valid := indicator.NewPeriod(from, to)
	if !ok || !valid {
		p, _ = indicator.NewPeriod(today.AddDate(-1, 0, 1), today)
		ok = false
	}
	req := app.IndicatorRequest{Period: p, Compare: true, ByPeriod: true}
	req.SiteID, _ = strconv.ParseInt(q.Get("site"), 10, 64)
	req.TeamID, _ = strconv.ParseInt(q.Get("team"), 10, 64)
	for i, name := range []string{"by", "by2"} {
		if d := indicator.Dimension(q.Get(name)); d.Valid() {
			req.By[i] = d
		}
	}
	if req.By[0] == "" && req.By[1] != "" {
		req.By = [2]indicator.Dimension{req.By[1], ""}
	}
	if c := q.Get("code"); c != "" && len(c) <= 60 {
		req.Codes = []string{c}
	}
	return req, ok
}

func (s *Server) indicatorBase(r *http.Request) string {
	if strings.HasPrefix(r.URL.Path, "/evaluation") {
		return "/evaluation"
	}
	return "/indicators"
}

func (s *Server) handleIndicatorDashboard(w http.ResponseWriter, r *http.Request) {
	req, _ := s.dashboardRequest(r)
	rep, err := s.app.Indicators.Compute(r.Context(), state(r).actor, req)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	base := s.indicatorBase(r)
	p := &indicatorPage{Layout: s.newLayout(r, "indicators", "indicator.title"), Base: base, Report: rep,
		From: req.Period.From.Format(time.DateOnly), To: req.Period.To.Format(time.DateOnly),
		SiteID: req.SiteID, TeamID: req.TeamID, By: string(req.By[0]), By2: string(req.By[1])}
	p.ReportYear = req.Period.To.Year()
	p.Scope = p.T("indicator.scope_network")
	for _, site := range rep.Sites {
		if site.ID == req.SiteID {
			p.Scope = site.Name
		}
	}
	for _, t := range rep.Teams {
		if t.ID == req.TeamID {
			p.Scope = t.Name
		}
	}
	for _, d := range indicator.Dimensions {
		p.Dimensions = append(p.Dimensions, string(d))
	}
	p.Quick = s.quickPeriods(r, base, req.Period)
	p.ExportURL = base + "/export.csv?" + r.URL.RawQuery
	bySection := map[indicator.Section]*indicatorSection{}
	for i, res := range rep.Results {
		sec := bySection[res.Definition.Section]
		if sec == nil {
			sec = &indicatorSection{Key: "indicator.section_" + string(res.Definition.Section)}
			bySection[res.Definition.Section] = sec
		}
		sec.Items = append(sec.Items, p.indicatorView(i, res, rep))
	}
	for _, key := range indicator.Sections {
		if sec := bySection[key]; sec != nil {
			p.Sections = append(p.Sections, *sec)
		}
	}
	s.render(w, r, http.StatusOK, "indicator_dashboard", p)
}

func (s *Server) quickPeriods(r *http.Request, base string, current indicator.Period) []quickPeriod {
	today := indicator.Day(s.app.Now())
	year := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	quarterStart := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	periods := []struct {
		key      string
		from, to time.Time
	}{
		{"indicator.period_last_12_months", today.AddDate(-1, 0, 1), today},
		{"indicator.period_this_year", year, year.AddDate(1, 0, -1)},
		{"indicator.period_last_year", year.AddDate(-1, 0, 0), year.AddDate(0, 0, -1)},
		{"indicator.period_last_quarter", quarterStart.AddDate(0, -3, 0), quarterStart.AddDate(0, 0, -1)},
	}
	var out []quickPeriod
	for _, qp := range periods {
		v := url.Values{}
		for k, vs := range r.URL.Query() {
			if k != "from" && k != "to" {
				v[k] = vs
			}
		}
		v.Set("from", qp.from.Format(time.DateOnly))
		v.Set("to", qp.to.Format(time.DateOnly))
		out = append(out, quickPeriod{Label: s.i18n.Localizer(state(r).lang).T(qp.key), URL: base + "?" + v.Encode(),
			Current: current.From.Equal(qp.from) && current.To.Equal(qp.to)})
	}
	return out
}

// Value shows an indicator's value in its unit.
func (l *Layout) IndicatorValue(res app.IndicatorResult, f app.Figure) string {
	if f.Hidden {
		return l.T("indicator.suppressed")
	}
	if !f.Defined {
		return "—"
	}
	switch res.Unit {
	case indicator.UnitCount:
		return l.Number(int(f.Value + 0.5))
	case indicator.UnitPercent:
		return l.T("indicator.percent", "Value", l.Decimal(f.Value))
	case indicator.UnitRatio:
		return formatNumber(l.Lang, f.Value, 2)
	default:
		if res.ValueUnit != "" {
			return l.T("indicator.unit_"+res.ValueUnit, "Value", l.Decimal(f.Value))
		}
		return l.Decimal(f.Value)
	}
}

// KeyLabel names a key of a breakdown for people.
func (l *Layout) KeyLabel(rep app.IndicatorReport, d indicator.Dimension, key string) string {
	switch d {
	case indicator.DimSite:
		if key == "0" || key == "" {
			return l.T("indicator.none")
		}
		return rep.SiteNames[key]
	case indicator.DimTeam:
		if key == "0" || key == "" {
			return l.T("indicator.no_team")
		}
		return rep.TeamNames[key]
	case indicator.DimLevel:
		if key == "" {
			return l.T("indicator.no_level")
		}
		return l.T("indicator.level", "Level", key)
	case indicator.DimService:
		if key == "" {
			return l.T("indicator.outside_directory")
		}
		return key
	}
	if key == "" {
		return l.T("indicator.none")
	}
	prefix := map[indicator.Dimension]string{
		indicator.DimProgramme: "programme.name.", indicator.DimBasis: "enrollment.basis.", indicator.DimKind: "care.kind.",
		indicator.DimOutcome: "indicator.outcome_", indicator.DimClosure: "enrollment.closure.", indicator.DimSector: "registration.sector.",
		indicator.DimDiscipline: "discipline.",
	}[d]
	if prefix != "" {
		if v, ok := l.loc.Lookup(prefix + key); ok {
			return v
		}
	}
	return key
}

func (p *indicatorPage) indicatorView(i int, res app.IndicatorResult, rep app.IndicatorReport) indicatorView {
	l := &p.Layout
	name, _ := res.Definition.Name.In(l.Lang)
	desc, _ := res.Definition.Description.In(l.Lang)
	v := indicatorView{ID: "ind-" + res.Definition.Code, Name: name, Description: desc, Expression: res.Definition.Expression,
		Total: l.IndicatorValue(res, res.Total), TotalHidden: res.Total.Hidden}
	q := url.Values{}
	q.Set("from", p.From)
	q.Set("to", p.To)
	q.Set("code", res.Definition.Code)
	if p.SiteID != 0 {
		q.Set("site", strconv.FormatInt(p.SiteID, 10))
	}
	if p.TeamID != 0 {
		q.Set("team", strconv.FormatInt(p.TeamID, 10))
	}
	if res.By[0] != "" {
		q.Set("by", string(res.By[0]))
	}
	if res.By[1] != "" {
		q.Set("by2", string(res.By[1]))
	}
	v.CSVURL = p.Base + "/export.csv?" + q.Encode()
	if res.Previous != nil {
		v.Previous = l.IndicatorValue(res, *res.Previous)
		if res.Previous.Defined && res.Total.Defined && !res.Previous.Hidden && !res.Total.Hidden {
			d := res.Total.Value - res.Previous.Value
			sign := "+"
			if d < 0 {
				sign, d = "−", -d
			}
			v.Change = sign + formatNumber(l.Lang, d, 1)
		}
	}
	if res.By[0] == "" {
		return v
	}
	v.By = l.T("indicator.dim_" + string(res.By[0]))
	if res.By[1] != "" {
		v.By2 = l.T("indicator.dim_" + string(res.By[1]))
		for _, c := range res.Cols {
			v.ColHeads = append(v.ColHeads, l.KeyLabel(rep, res.By[1], c))
			v.ColTotals = append(v.ColTotals, cellOf(l, res, res.ColTotals[c]))
		}
		v.HasTotals = true
	}
	for _, k := range res.Rows {
		row := tableRow{Label: l.KeyLabel(rep, res.By[0], k)}
		if res.By[1] != "" {
			for _, c := range res.Cols {
				row.Cells = append(row.Cells, cellOf(l, res, res.Cell(k, c)))
			}
			row.Total = cellOf(l, res, res.RowTotals[k])
		} else {
			row.Cells = []tableCell{cellOf(l, res, res.Cell(k, ""))}
		}
		v.Rows = append(v.Rows, row)
	}
	v.Chart = chartOf(l, res, rep, name, v.By)
	return v
}

func cellOf(l *Layout, res app.IndicatorResult, f app.Figure) tableCell {
	return tableCell{Text: l.IndicatorValue(res, f), Hidden: f.Hidden}
}

// chartOf draws the first breakdown (for two, each key's total) as bars.
func chartOf(l *Layout, res app.IndicatorResult, rep app.IndicatorReport, name, by string) *barChart {
	figure := func(k string) app.Figure {
		if res.By[1] != "" {
			return res.RowTotals[k]
		}
		return res.Cell(k, "")
	}
	top := 0.0
	for _, k := range res.Rows {
		if f := figure(k); f.Defined && !f.Hidden && f.Value > top {
			top = f.Value
		}
	}
	if res.Unit == indicator.UnitPercent && top < 100 {
		top = 100
	}
	c := &barChart{Title: name, Desc: l.T("indicator.chart_desc", "Name", name, "By", by), Width: chartWidth, LabelWidth: chartLabels,
		LabelX: chartLabels - 8}
	span := chartWidth - chartLabels - chartValues
	for i, k := range res.Rows {
		f := figure(k)
		b := bar{Y: i * (chartBarHeight + chartGap), Label: shortLabel(l.KeyLabel(rep, res.By[0], k)), Value: l.IndicatorValue(res, f),
			Hidden: f.Hidden, Missing: !f.Defined}
		if f.Defined && !f.Hidden && top > 0 {
			b.Width = int(float64(span) * f.Value / top)
		}
		b.TextX = chartLabels + b.Width + 6
		c.Bars = append(c.Bars, b)
	}
	c.Height = len(res.Rows)*(chartBarHeight+chartGap) + chartGap
	return c
}

// handleIndicatorCSV exports the request's indicators with their
// breakdowns, margins and totals, headers in the reader's language.
func (s *Server) handleIndicatorCSV(w http.ResponseWriter, r *http.Request) {
	req, _ := s.dashboardRequest(r)
	req.Compare = false
	rep, err := s.app.Indicators.Compute(r.Context(), state(r).actor, req)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	l := s.newLayout(r, "indicators", "indicator.title")
	header := make([]string, len(app.IndicatorCSVHeader))
	for i, h := range app.IndicatorCSVHeader {
		header[i] = l.T("indicator.csv_" + h)
	}
	rows := rep.Rows(func(d indicator.Dimension, key string) string { return l.KeyLabel(rep, d, key) })
	name := "indicators"
	if len(req.Codes) == 1 {
		name = req.Codes[0]
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": fmt.Sprintf("%s-%s-%s.csv", name, req.Period.From.Format("20060102"), req.Period.To.Format("20060102"))}))
	w.Header().Set("Cache-Control", "private, no-store")
	if err := app.WriteIndicatorCSV(w, header, rows); err != nil {
		s.log.Error("indicator csv", "err", err)
	}
}

// shortLabel keeps a bar's label within the chart's label column; the
// table beside the chart gives it whole.
func shortLabel(s string) string {
	const most = 28
	r := []rune(s)
	if len(r) <= most {
		return s
	}
	return string(r[:most-1]) + "…"
}
