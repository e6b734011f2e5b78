package i18n_test

import (
	"github.com/berceau/berceau/indicator"
)

// The indicators' dynamic keys (issue 17), joined to dynamicKeys.
func init() {
	var dims, sections []string
	for _, d := range indicator.Dimensions {
		dims = append(dims, string(d))
	}
	for _, s := range indicator.Sections {
		sections = append(sections, string(s))
	}
	units := []string{"days", "weeks", "hours", "family_years", "births"}
	dynamicKeys["indicator.dim_"] = dims
	dynamicKeys["indicator.section_"] = sections
	dynamicKeys["indicator.unit_"] = units
	dynamicKeys["indicator.unit_name_"] = units
	dynamicKeys["indicator.outcome_"] = []string{"reached", "waitlisted", "refused", "no_answer", "pending"}
	dynamicKeys["indicator.csv_"] = []string{"indicator", "unit", "from", "to", "by1", "key1", "label1", "by2", "key2", "label2",
		"total", "value", "suppressed", "numerator", "denominator", "families"}
	dynamicKeys["indicator.name_"] = []string{"fr", "en", "nl"}
	dynamicKeys["indicator.description_"] = []string{"fr", "en", "nl"}
	dynamicKeys["indicator.agg_"] = []string{"families", "rows", "sum", "values"}
	dynamicKeys["daily_language.object."] = append(dynamicKeys["daily_language.object."], "indicator")
}
