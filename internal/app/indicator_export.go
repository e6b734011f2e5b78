package app

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"

	"github.com/berceau/berceau/indicator"
)

// IndicatorRow is one published number of a report, flat: what the CSV
// export, the command line and the API give. A total over a breakdown has
// its key empty and Total set. Keys of sites and teams are their slugs,
// never an id; other keys are codes (months, levels, categories), and the
// directory service's name as the referral recorded it ("" outside the
// directory: its free-text description never leaves the file). A breakdown
// with no value for some families (no level: screened, never admitted) has
// the key NoKey, so that its cells and margins are never read as a total.
type IndicatorRow struct {
	Code        string  `json:"code"`
	Unit        string  `json:"unit"`
	From        string  `json:"from"`
	To          string  `json:"to"`
	By1         string  `json:"by1,omitempty"`
	Key1        string  `json:"key1,omitempty"`
	Label1      string  `json:"label1,omitempty"`
	By2         string  `json:"by2,omitempty"`
	Key2        string  `json:"key2,omitempty"`
	Label2      string  `json:"label2,omitempty"`
	Total       bool    `json:"total"`
	Value       float64 `json:"value"`
	Defined     bool    `json:"defined"`
	Suppressed  bool    `json:"suppressed"`
	Numerator   float64 `json:"numerator"`
	Denominator float64 `json:"denominator"`
	Families    int     `json:"families"`
}

// NoKey is the key of the families a breakdown has no value for.
const NoKey = "none"

// Rows flattens the report: every cell, every margin, the grand total,
// indicator after indicator. labels names a key of a breakdown for people
// (nil: sites and teams by name, other keys as they are).
func (rep IndicatorReport) Rows(labels func(d indicator.Dimension, key string) string) []IndicatorRow {
	label := func(d indicator.Dimension, key string) (string, string) {
		if key == "" {
			if labels != nil {
				return NoKey, labels(d, key)
			}
			return NoKey, NoKey
		}
		code := key
		switch d {
		case indicator.DimSite:
			code = rep.siteSlugs()[key]
		case indicator.DimTeam:
			code = rep.teamSlugs()[key]
		}
		if labels != nil {
			return code, labels(d, key)
		}
		switch d {
		case indicator.DimSite:
			return code, rep.SiteNames[key]
		case indicator.DimTeam:
			return code, rep.TeamNames[key]
		}
		return code, key
	}
	var out []IndicatorRow
	for _, r := range rep.Results {
		base := IndicatorRow{Code: r.Definition.Code, Unit: string(r.Unit), From: rep.Request.Period.From.Format("2006-01-02"),
			To: rep.Request.Period.To.Format("2006-01-02"), By1: string(r.By[0]), By2: string(r.By[1])}
		add := func(row IndicatorRow, f Figure) {
			row.Value, row.Defined, row.Suppressed = f.Value, f.Defined, f.Hidden
			row.Numerator, row.Denominator, row.Families = f.Numerator, f.Denominator, f.Families
			if f.Hidden {
				row.Value, row.Defined, row.Numerator, row.Denominator, row.Families = 0, false, 0, 0, 0
			}
			out = append(out, row)
		}
		for _, k1 := range r.Rows {
			for _, k2 := range r.Cols {
				f, ok := r.Cells[indicator.Key{k1, k2}]
				if !ok && !rep.Deidentified {
					continue
				}
				row := base
				row.Key1, row.Label1 = label(r.By[0], k1)
				if r.By[1] != "" {
					row.Key2, row.Label2 = label(r.By[1], k2)
				}
				add(row, f)
			}
		}
		if r.By[1] != "" {
			for _, k1 := range r.Rows {
				row := base
				row.Key1, row.Label1 = label(r.By[0], k1)
				row.Total = true
				add(row, r.RowTotals[k1])
			}
			for _, k2 := range r.Cols {
				row := base
				row.Key2, row.Label2 = label(r.By[1], k2)
				row.Total = true
				add(row, r.ColTotals[k2])
			}
		}
		total := base
		total.Total = r.By[0] != ""
		add(total, r.Total)
	}
	return out
}

func (rep IndicatorReport) siteSlugs() map[string]string {
	m := map[string]string{"0": ""}
	for _, s := range rep.Sites {
		m[strconv.FormatInt(s.ID, 10)] = s.Slug
	}
	return m
}

func (rep IndicatorReport) teamSlugs() map[string]string {
	m := map[string]string{"0": ""}
	for _, t := range rep.Teams {
		m[strconv.FormatInt(t.ID, 10)] = t.Slug
	}
	return m
}

// IndicatorCSVHeader names the CSV columns (codes: the command line's
// header; the web export translates them).
var IndicatorCSVHeader = []string{"indicator", "unit", "from", "to", "by1", "key1", "label1", "by2", "key2", "label2",
	"total", "value", "suppressed", "numerator", "denominator", "families"}

// WriteIndicatorCSV writes rows as CSV under header.
func WriteIndicatorCSV(w io.Writer, header []string, rows []IndicatorRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	num := func(v float64, ok bool) string {
		if !ok {
			return ""
		}
		return strconv.FormatFloat(indicator.Round(v*10)/10, 'f', -1, 64)
	}
	for _, r := range rows {
		counts := !r.Suppressed
		rec := []string{r.Code, r.Unit, r.From, r.To, r.By1, r.Key1, r.Label1, r.By2, r.Key2, r.Label2,
			strconv.FormatBool(r.Total), num(r.Value, r.Defined), strconv.FormatBool(r.Suppressed),
			num(r.Numerator, counts), num(r.Denominator, counts && r.Unit != string(indicator.UnitCount)), ""}
		if counts && r.Families > 0 {
			rec[15] = strconv.Itoa(r.Families)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteIndicatorJSON writes rows as a JSON array.
func WriteIndicatorJSON(w io.Writer, rows []IndicatorRow) error {
	if rows == nil {
		rows = []IndicatorRow{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}
