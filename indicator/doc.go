// Package indicator holds the process and outcome indicators of a network:
// their definitions (data, versioned, multilingual), the small expression
// language a definition is written in, the periods and breakdowns it is
// computed over, and the statistical disclosure control (small-cell and
// complementary suppression) applied to what evaluators see.
//
// An indicator is never code: it is an expression over named measures,
// which the store computes from the tables the follow-up writes. The
// language is closed — a handful of functions, the measures the registry
// knows, nothing else — so a coordinator can write one in a form and no SQL
// ever comes from a person.
//
// Grammar (whitespace is free between tokens):
//
//	expression := function "(" measure { "," measure } ")"
//	function   := "count" | "sum" | "share" | "ratio" | "median" | "mean"
//	measure    := letter { letter | digit | "_" }
//
//	count(m)      the families (or events, registrations) m counts
//	sum(m)        the total of a quantity (hours, family-years, births)
//	share(a, b)   100 × count(a) ÷ count(b), a percentage
//	ratio(a, b)   a ÷ b, each a count or a sum
//	median(m)     the median of a distribution (days, weeks)
//	mean(m)       the mean of a distribution
package indicator
