package i18n_test

import (
	"strconv"

	"github.com/berceau/berceau/knowledge"
)

// The event pages' run-time keys (internal/web/event*.go, templates under
// pages/event/), kept apart from dynamicKeys' main list.
func init() {
	var weekdays, months []string
	for i := 0; i < 7; i++ {
		weekdays = append(weekdays, strconv.Itoa(i))
	}
	for i := 1; i <= 12; i++ {
		months = append(months, strconv.Itoa(i))
	}
	for prefix, values := range map[string][]string{
		"event.notice_":       {"created", "updated", "cancelled"},
		"event.notice_cycle_": {"created", "updated"},
		"event.weekday_":      weekdays,
		"event.month_":        months,
		"event.language_":     {"lsq", "asl", "lsfb"},
		"event.kind_":         strs(knowledge.EventKinds...),
		"event.audience_":     strs(knowledge.Audiences...),
		"event.attendance_":   {knowledge.AttendanceInPerson, knowledge.AttendanceOnline},
		"event.place_kind_":   strs(knowledge.PlaceLocation, knowledge.PlaceAddress, knowledge.PlaceOnline),
	} {
		dynamicKeys[prefix] = values
	}
}
