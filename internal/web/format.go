package web

import (
	"sort"
	"time"

	"github.com/berceau/berceau"
)

func sortPermissions(ps []berceau.Permission) {
	sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
}

// Date formats a time for the page's language, in Montreal or Brussels
// style alike: day, month number, year and 24-hour time, UTC converted to
// the server's zone.
func (l *Layout) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	if l.Lang == "en" {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02/01/2006 15:04")
}

// ReasonText shows a status change's reason: the admission bases Berceau
// writes itself are translated, what a person wrote is shown as written.
func (l *Layout) ReasonText(reason string) string {
	switch berceau.AdmissionBasis(reason) {
	case berceau.BasisCriteriaMet, berceau.BasisTeamDecision:
		return l.T("enrollment.basis." + reason)
	}
	return reason
}
