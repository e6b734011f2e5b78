package indicator

// Aggregate is how a measure's rows add up in a cell.
type Aggregate string

const (
	// AggFamilies counts the distinct families of the rows.
	AggFamilies Aggregate = "families"
	// AggRows counts the rows themselves (contacts, events, registrations).
	AggRows Aggregate = "rows"
	// AggSum adds the rows' values (hours, family-years, expected births).
	AggSum Aggregate = "sum"
	// AggValues keeps the rows' values as a distribution (days, weeks).
	AggValues Aggregate = "values"
)

// Dimension is what an indicator can be broken down by.
type Dimension string

const (
	DimSite      Dimension = "site"
	DimTeam      Dimension = "team"
	DimProgramme Dimension = "programme"
	DimLevel     Dimension = "level" // the family's intensity level
	DimMonth     Dimension = "month"
	DimQuarter   Dimension = "quarter"
	DimYear      Dimension = "year"
	// Categories of the measure's own rows.
	DimBasis       Dimension = "basis"          // admission by criteria or by team decision
	DimKind        Dimension = "kind"           // kind of contact
	DimService     Dimension = "service"        // the directory service referred to
	DimOutcome     Dimension = "outcome"        // a referral's outcome
	DimOrientation Dimension = "orientation"    // a goal's orientation
	DimClosure     Dimension = "closure_reason" // why a follow-up ended
	DimSector      Dimension = "sector"         // an event attendee's sector
	DimDiscipline  Dimension = "discipline"     // a professional's discipline
)

// Dimensions lists every dimension, in the order forms offer them.
var Dimensions = []Dimension{
	DimSite, DimTeam, DimProgramme, DimLevel, DimMonth, DimQuarter, DimYear,
	DimBasis, DimKind, DimService, DimOutcome, DimOrientation, DimClosure, DimSector, DimDiscipline,
}

// Valid reports whether d is a known dimension.
func (d Dimension) Valid() bool {
	for _, k := range Dimensions {
		if d == k {
			return true
		}
	}
	return false
}

// Temporal reports whether d cuts the period into months, quarters or years.
func (d Dimension) Temporal() bool { return d == DimMonth || d == DimQuarter || d == DimYear }

// Measure is a named, pre-built quantity the store computes from the raw
// tables; indicators are expressions over measures.
type Measure struct {
	Name      string
	Aggregate Aggregate
	// Unit of the rows' values for AggSum and AggValues: "days", "weeks",
	// "hours", "family_years", "births".
	Unit string
	// Families is true when every row belongs to a family: cells then say
	// how many families they hold, and small cells are suppressed.
	Families bool
	// Dimensions are the breakdowns its rows carry.
	Dimensions []Dimension
}

// Has reports whether the measure can be broken down by d.
func (m Measure) Has(d Dimension) bool {
	for _, k := range m.Dimensions {
		if k == d {
			return true
		}
	}
	return false
}

// Catalog is the measures an expression may name, by name.
type Catalog map[string]Measure

// Key addresses a cell of a breakdown: the value of the first and second
// dimension ("" when the query has fewer).
type Key [2]string

// Query is what a computation covers: a period, the sites (none: the whole
// network), a care team (0: every team) and up to two breakdowns.
type Query struct {
	Period Period
	Sites  []int64
	Team   int64
	By     [2]Dimension
	// StaleMonths is the directory's stale period, for its freshness.
	StaleMonths int
}

// Cells are one measure's quantities by cell.
type Cells map[Key]Quantity
