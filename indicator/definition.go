package indicator

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/berceau/berceau"
)

// Section groups indicators on the dashboards.
type Section string

const (
	SectionAccess    Section = "access"
	SectionIntensity Section = "intensity"
	SectionReferrals Section = "referrals"
	SectionPlan      Section = "plan"
	SectionNetwork   Section = "network"
	SectionVoice     Section = "voice" // the families' own voice
)

// Sections lists the sections in the order dashboards show them.
var Sections = []Section{SectionAccess, SectionIntensity, SectionReferrals, SectionPlan, SectionNetwork, SectionVoice}

// Valid reports whether s is a known section.
func (s Section) Valid() bool { return slices.Contains(Sections, s) }

// Definition is one version of an indicator: what it is called and means,
// the expression computing it, and how it may be broken down. Editing an
// indicator stores a new version under the same code; old versions stay.
type Definition struct {
	ID          int64
	Code        string // stable name: admitted_before_20_weeks
	Version     int
	Section     Section
	Name        berceau.Text
	Description berceau.Text
	Expression  string
	// Dimensions are the breakdowns offered: a subset of those every
	// measure of the expression carries.
	Dimensions []Dimension
	// Period is the breakdown in time shown by default: month, quarter or
	// year.
	Period    Dimension
	CreatedBy int64
	CreatedAt time.Time
}

var codePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,59}$`)

// Limits on what a form may send.
const (
	MaxNameLength        = 160
	MaxDescriptionLength = 2000
)

// Validate checks the definition against the measures of c and returns its
// parsed expression. Errors are berceau.KindInvalid with one key per field;
// an expression error is also returned as *ParseError in the Cause, so a
// form can say where.
func (d *Definition) Validate(c Catalog) (Expr, error) {
	d.Code = strings.TrimSpace(d.Code)
	d.Expression = strings.TrimSpace(d.Expression)
	fields := map[string]string{}
	if !codePattern.MatchString(d.Code) {
		fields["code"] = "indicator.code_invalid"
	}
	if !d.Section.Valid() {
		fields["section"] = "error.required"
	}
	if d.Name.Empty() {
		fields["name"] = "error.required"
	}
	for _, lang := range []string{"fr", "en", "nl"} {
		if len(d.Name.Get(lang)) > MaxNameLength {
			fields["name"] = "indicator.too_long"
		}
		if len(d.Description.Get(lang)) > MaxDescriptionLength {
			fields["description"] = "indicator.too_long"
		}
	}
	e, perr := Parse(d.Expression, c)
	if perr != nil {
		fields["expression"] = perr.(*ParseError).Key
	} else {
		allowed := e.Dimensions(c)
		for _, dim := range d.Dimensions {
			if !slices.Contains(allowed, dim) {
				fields["dimensions"] = "indicator.dimension_not_allowed"
			}
		}
		if len(d.Dimensions) == 0 {
			d.Dimensions = allowed
		}
		if d.Period == "" {
			for _, p := range []Dimension{DimMonth, DimQuarter, DimYear} {
				if slices.Contains(d.Dimensions, p) {
					d.Period = p
					break
				}
			}
		}
		if d.Period != "" && (!d.Period.Temporal() || !slices.Contains(d.Dimensions, d.Period)) {
			fields["period"] = "indicator.dimension_not_allowed"
		}
	}
	if len(fields) > 0 {
		return Expr{}, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields, Cause: perr}
	}
	return e, nil
}

// Allows reports whether the definition may be broken down by dim.
func (d Definition) Allows(dim Dimension) bool { return slices.Contains(d.Dimensions, dim) }

// ExpectedBirths is a territory's expected eligible births for one year, as
// the site's coordination enters it: the denominator of reach.
type ExpectedBirths struct {
	SiteID int64
	Year   int
	Births int
}

// MaxExpectedBirths bounds the figure a form accepts.
const MaxExpectedBirths = 1_000_000
