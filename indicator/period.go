package indicator

import (
	"fmt"
	"time"
)

// Period is a span of whole days, From and To included.
type Period struct {
	From, To time.Time
}

// MaxPeriodDays bounds a period (ten years).
const MaxPeriodDays = 3660

// Day truncates t to its calendar day in UTC.
func Day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// NewPeriod checks and builds a period.
func NewPeriod(from, to time.Time) (Period, bool) {
	from, to = Day(from), Day(to)
	if to.Before(from) || to.Sub(from) > MaxPeriodDays*24*time.Hour {
		return Period{}, false
	}
	return Period{From: from, To: to}, true
}

// End is the day after To: periods are queried as [From, End).
func (p Period) End() time.Time { return p.To.AddDate(0, 0, 1) }

// Days is the number of days of the period.
func (p Period) Days() int { return int(p.End().Sub(p.From).Hours()/24 + 0.5) }

// Previous is the period of the same length that ends the day before this
// one begins; a whole calendar year, quarter or month steps back by one of
// its kind.
func (p Period) Previous() Period {
	if p.From.Day() == 1 && p.End().Day() == 1 {
		months := (p.End().Year()-p.From.Year())*12 + int(p.End().Month()-p.From.Month())
		from := p.From.AddDate(0, -months, 0)
		return Period{From: from, To: p.From.AddDate(0, 0, -1)}
	}
	return Period{From: p.From.AddDate(0, 0, -p.Days()), To: p.From.AddDate(0, 0, -1)}
}

// Year is the calendar year of t as a period.
func Year(year int) Period {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	return Period{From: from, To: from.AddDate(1, 0, -1)}
}

// String writes the period as "2026-01-01..2026-12-31".
func (p Period) String() string {
	return p.From.Format(time.DateOnly) + ".." + p.To.Format(time.DateOnly)
}

// Bucket is the label of day in a temporal breakdown: "2026-03",
// "2026-Q1", "2026".
func Bucket(d Dimension, day time.Time) string {
	switch d {
	case DimMonth:
		return day.Format("2006-01")
	case DimQuarter:
		return fmt.Sprintf("%d-Q%d", day.Year(), (int(day.Month())-1)/3+1)
	default:
		return fmt.Sprintf("%d", day.Year())
	}
}
