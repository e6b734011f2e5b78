package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/training"
)

const reportUsage = "usage: berceau report internships [--db ...] --from YYYY-MM-DD --to YYYY-MM-DD [--format text|csv|json] [--lang fr|en]"

// runReport prints a yearly report. The one report today is the
// internship register's: the hours interns contributed (countersigned) and
// the internships by kind, field of study, school and site, over every
// site of the network.
func runReport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "internships" {
		return usageError{reportUsage}
	}
	var fromText, toText, format, lang string
	cfg, rest, err := parseFlagsAnywhere("report internships", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&fromText, "from", "", "first day of the period (YYYY-MM-DD); with --to, or neither for the last complete fiscal year")
		fs.StringVar(&toText, "to", "", "last day of the period (YYYY-MM-DD)")
		fs.StringVar(&format, "format", "text", "text (a readable table), csv or json")
		fs.StringVar(&lang, "lang", i18n.Default, "language of the names and the sentence (fr or en)")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(rest) != 0 || (format != "text" && format != "csv" && format != "json") {
		return usageError{reportUsage}
	}
	if !i18n.Supported(lang) {
		return usageError{fmt.Sprintf("--lang %q: want one of %s", lang, strings.Join(i18n.Languages, ", "))}
	}
	from, to, err := internshipReportDates(fromText, toText)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	st, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	a := app.New(st, log, app.Options{Hasher: newHasher(cfg)})
	defer a.Close() // before st.Close (deferred first)
	v, err := a.Internships.Report(ctx, berceau.System("cli"), from, to)
	if err != nil {
		return err
	}
	sentence := a.Internships.ReportSentence(v, lang)
	switch format {
	case "csv":
		return writeInternshipReportCSV(stdout, v, lang)
	case "json":
		return writeInternshipReportJSON(stdout, v, lang, sentence)
	}
	return writeInternshipReportText(stdout, v, lang, sentence)
}

// reportDates reads --from and --to: both, or neither (the default period).
func internshipReportDates(fromText, toText string) (from, to time.Time, err error) {
	if (fromText == "") != (toText == "") {
		return from, to, usageError{"give both --from and --to (YYYY-MM-DD), or neither for the last complete fiscal year"}
	}
	if fromText == "" {
		return from, to, nil
	}
	if from, err = time.Parse(time.DateOnly, fromText); err != nil {
		return from, to, usageError{fmt.Sprintf("--from %q: want a date written YYYY-MM-DD, such as 2025-04-01", fromText)}
	}
	if to, err = time.Parse(time.DateOnly, toText); err != nil {
		return from, to, usageError{fmt.Sprintf("--to %q: want a date written YYYY-MM-DD, such as 2026-03-31", toText)}
	}
	if to.Before(from) {
		return from, to, usageError{fmt.Sprintf("--to %s comes before --from %s", toText, fromText)}
	}
	if err := training.ValidatePeriod(from, to); err != nil {
		return from, to, usageError{fmt.Sprintf("the period from %s to %s is longer than %d years", fromText, toText, training.MaxReportYears)}
	}
	return from, to, nil
}

func internshipTextIn(t berceau.Text, lang string) string {
	v, _ := t.In(lang)
	return v
}

// writeReportText prints the sentence, then one table: every figure by
// section, readable in a terminal.
func writeInternshipReportText(out io.Writer, v app.InternshipReportView, lang, sentence string) error {
	fmt.Fprintf(out, "%s\n\n", sentence)
	fmt.Fprintf(out, "Period %s – %s: %s countersigned hours, %d internships, %d interns\n\n",
		v.From.Format(time.DateOnly), v.To.Format(time.DateOnly), training.HoursText(v.TotalMinutes), v.Internships, v.Interns)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "section\tname\tinternships\tinterns\thours\t")
	for _, row := range internshipReportRows(v, lang) {
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	return tw.Flush()
}

// reportRows are the report's figures as rows: section, name, internships,
// interns, countersigned hours.
func internshipReportRows(v app.InternshipReportView, lang string) [][]string {
	var rows [][]string
	for _, k := range v.ByKind {
		rows = append(rows, []string{"kind", internshipTextIn(k.Kind.Name, lang), strconv.Itoa(k.Internships), "", training.HoursText(k.Minutes)})
	}
	for _, f := range v.ByField {
		rows = append(rows, []string{"field", internshipTextIn(f.Field.Name, lang), strconv.Itoa(f.Internships), "", training.HoursText(f.Minutes)})
	}
	for _, s := range v.BySchool {
		rows = append(rows, []string{"school", s.School, strconv.Itoa(s.Internships), strconv.Itoa(s.Interns), ""})
	}
	for _, s := range v.BySite {
		rows = append(rows, []string{"site", v.SiteNames[s.SiteID], strconv.Itoa(s.Internships), "", training.HoursText(s.Minutes)})
	}
	return append(rows, []string{"total", v.PeriodLabel(), strconv.Itoa(v.Internships), strconv.Itoa(v.Interns), training.HoursText(v.TotalMinutes)})
}

// writeReportCSV writes the same rows with a header, for spreadsheets.
func writeInternshipReportCSV(out io.Writer, v app.InternshipReportView, lang string) error {
	cw := csv.NewWriter(out)
	if err := cw.Write([]string{"section", "name", "internships", "interns", "hours"}); err != nil {
		return err
	}
	if err := cw.WriteAll(internshipReportRows(v, lang)); err != nil {
		return err
	}
	return cw.Error()
}

// reportJSON is the report as a JSON document.
type reportJSON struct {
	From        string           `json:"from"`
	To          string           `json:"to"`
	Period      string           `json:"period"`
	Sentence    string           `json:"sentence"`
	Hours       float64          `json:"countersigned_hours"`
	Internships int              `json:"internships"`
	Interns     int              `json:"interns"`
	ByKind      []reportJSONKind `json:"by_kind"`
	ByField     []reportJSONRow  `json:"by_field"`
	BySchool    []reportJSONRow  `json:"by_school"`
	BySite      []reportJSONRow  `json:"by_site"`
}

type reportJSONKind struct {
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Internships int      `json:"internships"`
	Hours       float64  `json:"countersigned_hours"`
	Fields      []string `json:"fields"`
}

type reportJSONRow struct {
	Code        string  `json:"code,omitempty"`
	Name        string  `json:"name"`
	Internships int     `json:"internships"`
	Interns     int     `json:"interns,omitempty"`
	Hours       float64 `json:"countersigned_hours,omitempty"`
}

func internshipHoursOf(minutes int) float64 { return float64(minutes*100/60) / 100 }

func writeInternshipReportJSON(out io.Writer, v app.InternshipReportView, lang, sentence string) error {
	doc := reportJSON{From: v.From.Format(time.DateOnly), To: v.To.Format(time.DateOnly), Period: v.PeriodLabel(), Sentence: sentence,
		Hours: internshipHoursOf(v.TotalMinutes), Internships: v.Internships, Interns: v.Interns,
		ByKind: []reportJSONKind{}, ByField: []reportJSONRow{}, BySchool: []reportJSONRow{}, BySite: []reportJSONRow{}}
	for _, k := range v.ByKind {
		kind := reportJSONKind{Code: k.Kind.Code, Name: internshipTextIn(k.Kind.Name, lang), Internships: k.Internships, Hours: internshipHoursOf(k.Minutes), Fields: []string{}}
		for _, f := range k.Fields {
			kind.Fields = append(kind.Fields, f.Code)
		}
		doc.ByKind = append(doc.ByKind, kind)
	}
	for _, f := range v.ByField {
		doc.ByField = append(doc.ByField, reportJSONRow{Code: f.Field.Code, Name: internshipTextIn(f.Field.Name, lang), Internships: f.Internships, Hours: internshipHoursOf(f.Minutes)})
	}
	for _, s := range v.BySchool {
		doc.BySchool = append(doc.BySchool, reportJSONRow{Name: s.School, Internships: s.Internships, Interns: s.Interns})
	}
	for _, s := range v.BySite {
		doc.BySite = append(doc.BySite, reportJSONRow{Name: v.SiteNames[s.SiteID], Internships: s.Internships, Hours: internshipHoursOf(s.Minutes)})
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
