package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/training"
)

// InternshipReportView is the yearly report of a period with the names it
// needs: the kinds and fields (lists) and the sites.
type InternshipReportView struct {
	training.InternshipReport
	Lists      InternshipLists
	SiteNames  map[int64]string
	FiscalYear bool // the period is exactly one fiscal year
	AllSites   bool // the network's whole register, not some sites'
}

// Report counts the register over [from, to] for the sites the actor
// keeps (every site for a network administrator and the operator's command
// line). A zero period is the last complete fiscal year on the app's
// clock.
func (a *InternshipService) Report(ctx context.Context, actor berceau.Actor, from, to time.Time) (InternshipReportView, error) {
	var v InternshipReportView
	err := a.read(ctx, actor, berceau.PermInternshipsManage, nil, func(tx *store.Tx) error {
		reach, err := internshipReachTx(ctx, tx, actor)
		if err != nil {
			return err
		}
		if v.Lists, err = readInternshipLists(ctx, tx); err != nil {
			return err
		}
		if from.IsZero() && to.IsZero() {
			from, to = training.LastCompleteFiscalYear(a.now(), v.Lists.FiscalYearStart)
		}
		from, to = training.Civil(from), training.Civil(to)
		if err := training.ValidatePeriod(from, to); err != nil {
			return err
		}
		rows, err := tx.ReportInternships(ctx, from, to, reach.siteIDs(), reach.all)
		if err != nil {
			return err
		}
		v.InternshipReport = training.BuildReport(from, to, v.Lists.Kinds, v.Lists.Fields, rows)
		v.FiscalYear = training.IsFiscalYear(from, to, v.Lists.FiscalYearStart)
		v.AllSites = reach.all
		sites, err := tx.ListSites(ctx)
		if err != nil {
			return err
		}
		v.SiteNames = map[int64]string{}
		for _, s := range sites {
			v.SiteNames[s.ID] = s.Name
		}
		return nil
	})
	return v, err
}

// PeriodLabel names the report's period: "2025-2026" for a fiscal year
// spanning two calendar years, else its dates.
func (v InternshipReportView) PeriodLabel() string {
	if v.FiscalYear {
		if v.From.Year() == v.To.Year() {
			return strconv.Itoa(v.From.Year())
		}
		return strconv.Itoa(v.From.Year()) + "-" + strconv.Itoa(v.To.Year())
	}
	return v.From.Format(time.DateOnly) + " – " + v.To.Format(time.DateOnly)
}

// FormatCount writes a whole number the way lang writes it ("2 400",
// "2,400", "2.400").
func formatInternshipCount(lang string, n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.French
	}
	return message.NewPrinter(tag).Sprint(number.Decimal(n))
}

// ReportSentence is the report told in one sentence, in lang, the way La
// Maison Bleue tells its year: "En 2025-2026, les stagiaires ont contribué
// plus de 2 400 heures : 17 stages professionnels, dont soins infirmiers,
// …; 14 stages en médecine sociale; …". It formats a report already read
// and authorized; it reads nothing.
func (a *InternshipService) ReportSentence(v InternshipReportView, lang string) string {
	loc := a.opts.I18n.Localizer(lang)
	period := v.PeriodLabel()
	if !v.FiscalYear {
		period = loc.T("internship.sentence_period", "From", v.From.Format(time.DateOnly), "To", v.To.Format(time.DateOnly))
	}
	if v.Internships == 0 {
		return loc.T("internship.sentence_none", "Period", period)
	}
	var parts []string
	for _, k := range v.ByKind {
		name, _ := k.Kind.Plural.In(lang)
		if len(k.Fields) < 2 {
			parts = append(parts, loc.T("internship.sentence_part", "Number", formatInternshipCount(lang, k.Internships), "Kind", name))
			continue
		}
		names := make([]string, len(k.Fields))
		for i, f := range k.Fields {
			names[i], _ = f.Name.In(lang)
		}
		parts = append(parts, loc.T("internship.sentence_part_fields", "Number", formatInternshipCount(lang, k.Internships), "Kind", name,
			"Fields", internshipJoinAnd(names, loc.T("internship.list_and"))))
	}
	key := "internship.sentence_more"
	if v.HoursFloor() == v.TotalHours() && v.TotalMinutes%60 == 0 {
		key = "internship.sentence_exact"
	}
	return loc.T(key, "Period", period, "Hours", formatInternshipCount(lang, v.HoursFloor()), "Parts", strings.Join(parts, "; "))
}

// joinAnd writes "a, b and c" with and (" et ", " and ").
func internshipJoinAnd(items []string, and string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}
