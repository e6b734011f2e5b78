package web

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/indicator"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/pdfdoc"
)

// handleIndicatorReport writes a site's annual report as PDF: every
// indicator of the catalogue over the calendar year with the previous
// year's, a bar chart by quarter drawn with rectangles and its figures,
// then a methods page. Identified aggregates: coordinators of the site.
func (s *Server) handleIndicatorReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	site, _ := strconv.ParseInt(q.Get("site"), 10, 64)
	year, err := strconv.Atoi(q.Get("year"))
	if err != nil || year < 2000 || year > 2100 || site == 0 {
		s.renderDomainError(w, r, &berceau.Error{Kind: berceau.KindInvalid, Key: "indicator.report_invalid"})
		return
	}
	req := app.IndicatorRequest{Period: indicator.Year(year), SiteID: site, By: [2]indicator.Dimension{indicator.DimQuarter}, Compare: true}
	rep, err := s.app.Indicators.Compute(r.Context(), state(r).actor, req)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	l := s.newLayout(r, "indicators", "indicator.title")
	siteName := rep.SiteNames[strconv.FormatInt(site, 10)]
	title := l.T("indicator.report_title", "Year", year, "Site", siteName)
	d := pdfdoc.New(title, l.T("indicator.report_author"), l.Lang)
	d.Title(title)
	d.Paragraph(l.T("indicator.report_lead", "Year", year, "Previous", year-1))
	section := indicator.Section("")
	for _, res := range rep.Results {
		if res.Definition.Section != section {
			section = res.Definition.Section
			d.Heading(l.T("indicator.section_" + string(section)))
		}
		name, _ := res.Definition.Name.In(l.Lang)
		prev := "—"
		if res.Previous != nil {
			prev = l.IndicatorValue(res, *res.Previous)
		}
		d.Field(name+" :", l.T("indicator.report_value", "Value", l.IndicatorValue(res, res.Total), "Previous", prev))
		if res.By[0] == "" || len(res.Rows) == 0 {
			continue
		}
		top := 0.0
		if res.Unit == indicator.UnitPercent {
			top = 100
		}
		var bars []pdfdoc.Bar
		for _, k := range res.Rows {
			f := res.Cell(k, "")
			v := f.Value
			if !f.Defined {
				v = 0
			}
			bars = append(bars, pdfdoc.Bar{Label: l.KeyLabel(rep, res.By[0], k), Value: v, Text: l.IndicatorValue(res, f), Hidden: f.Hidden})
		}
		d.BarChart(bars, top)
	}
	d.PageBreak()
	d.Heading(l.T("indicator.report_methods"))
	d.Paragraph(l.T("indicator.report_methods_lead"))
	for _, res := range rep.Results {
		name, _ := res.Definition.Name.In(l.Lang)
		desc, _ := res.Definition.Description.In(l.Lang)
		d.Field(name+" :", desc)
		d.Small(fmt.Sprintf("%s — %s", res.Definition.Expression, l.T("indicator.report_version", "Version", res.Definition.Version)))
	}
	d.Small(l.T("indicator.report_generated", "Day", l.Day(s.app.Now())))
	out, err := d.Bytes()
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": fmt.Sprintf("indicators-%d-%s.pdf", year, slugOf(rep, site))}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(out)
}

func slugOf(rep app.IndicatorReport, site int64) string {
	for _, s := range rep.Sites {
		if s.ID == site {
			return s.Slug
		}
	}
	return strconv.FormatInt(site, 10)
}
