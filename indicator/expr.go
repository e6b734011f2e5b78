package indicator

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Func is one of the expression language's functions.
type Func string

const (
	FuncCount  Func = "count"
	FuncSum    Func = "sum"
	FuncShare  Func = "share"
	FuncRatio  Func = "ratio"
	FuncMedian Func = "median"
	FuncMean   Func = "mean"
)

// Funcs lists the functions, in the order the documentation shows them.
var Funcs = []Func{FuncCount, FuncSum, FuncShare, FuncRatio, FuncMedian, FuncMean}

// arity is how many measures each function takes, and which aggregates each
// argument accepts.
var signatures = map[Func][][]Aggregate{
	FuncCount:  {{AggFamilies, AggRows}},
	FuncSum:    {{AggSum}},
	FuncShare:  {{AggFamilies, AggRows}, {AggFamilies, AggRows}},
	FuncRatio:  {{AggFamilies, AggRows, AggSum}, {AggFamilies, AggRows, AggSum}},
	FuncMedian: {{AggValues}},
	FuncMean:   {{AggValues}},
}

// Unit is what an indicator's value is.
type Unit string

const (
	UnitCount   Unit = "count"
	UnitSum     Unit = "sum"
	UnitPercent Unit = "percent"
	UnitRatio   Unit = "ratio"
	UnitMedian  Unit = "median"
	UnitMean    Unit = "mean"
)

// Expr is a parsed expression: a function over measures.
type Expr struct {
	Func Func
	Args []string
}

// String writes the expression back in its canonical form.
func (e Expr) String() string { return string(e.Func) + "(" + strings.Join(e.Args, ", ") + ")" }

// Unit is the unit of the expression's value.
func (e Expr) Unit() Unit {
	switch e.Func {
	case FuncCount:
		return UnitCount
	case FuncSum:
		return UnitSum
	case FuncShare:
		return UnitPercent
	case FuncRatio:
		return UnitRatio
	case FuncMedian:
		return UnitMedian
	default:
		return UnitMean
	}
}

// Dimensions are the breakdowns every measure of the expression carries.
func (e Expr) Dimensions(c Catalog) []Dimension {
	var out []Dimension
	for _, d := range Dimensions {
		all := true
		for _, name := range e.Args {
			if !c[name].Has(d) {
				all = false
			}
		}
		if all {
			out = append(out, d)
		}
	}
	return out
}

// ParseError says what is wrong with an expression and where: Pos is the
// byte offset (0-based) of the offending token, Key a translation key and
// Name the token, when there is one.
type ParseError struct {
	Pos  int
	Key  string
	Name string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("indicator: expression at %d: %s %q", e.Pos, e.Key, e.Name)
}

// MaxExpressionLength bounds what a form may send.
const MaxExpressionLength = 200

type token struct {
	kind byte // 'i' identifier, '(' ')' ',' punctuation, 0 end
	text string
	pos  int
}

func lex(src string) ([]token, error) {
	var out []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == ',':
			out = append(out, token{kind: c, text: string(c), pos: i})
			i++
		case isLetter(c):
			start := i
			for i < len(src) && (isLetter(src[i]) || (src[i] >= '0' && src[i] <= '9') || src[i] == '_') {
				i++
			}
			out = append(out, token{kind: 'i', text: src[start:i], pos: start})
		default:
			end := i + 1
			for end < len(src) && src[end]&0xC0 == 0x80 {
				end++ // the whole UTF-8 character, for the message
			}
			return nil, &ParseError{Pos: i, Key: "indicator.expr_bad_character", Name: src[i:end]}
		}
	}
	return append(out, token{pos: len(src)}), nil
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// parser is a recursive-descent parser over the tokens of one expression.
type parser struct {
	toks []token
	at   int
}

func (p *parser) peek() token { return p.toks[p.at] }
func (p *parser) next() token { t := p.toks[p.at]; p.at++; return t }

func (p *parser) expect(kind byte, key string) (token, error) {
	t := p.next()
	if t.kind != kind {
		return t, unexpected(t, key)
	}
	return t, nil
}

func unexpected(t token, key string) error {
	if t.kind == 0 {
		return &ParseError{Pos: t.pos, Key: "indicator.expr_unexpected_end"}
	}
	return &ParseError{Pos: t.pos, Key: key, Name: t.text}
}

// Parse reads an expression over the measures of c. Every error is a
// *ParseError with the position of what is wrong.
func Parse(src string, c Catalog) (Expr, error) {
	if strings.TrimSpace(src) == "" {
		return Expr{}, &ParseError{Key: "indicator.expr_empty"}
	}
	if len(src) > MaxExpressionLength {
		return Expr{}, &ParseError{Pos: MaxExpressionLength, Key: "indicator.expr_too_long"}
	}
	toks, err := lex(src)
	if err != nil {
		return Expr{}, err
	}
	p := &parser{toks: toks}
	e, err := p.call(c)
	if err != nil {
		return Expr{}, err
	}
	if t := p.peek(); t.kind != 0 {
		return Expr{}, &ParseError{Pos: t.pos, Key: "indicator.expr_trailing", Name: t.text}
	}
	return e, nil
}

// call := function "(" measure { "," measure } ")"
func (p *parser) call(c Catalog) (Expr, error) {
	name, err := p.expect('i', "indicator.expr_want_function")
	if err != nil {
		return Expr{}, err
	}
	fn := Func(strings.ToLower(name.text))
	sig, ok := signatures[fn]
	if !ok {
		return Expr{}, &ParseError{Pos: name.pos, Key: "indicator.expr_unknown_function", Name: name.text}
	}
	if _, err := p.expect('(', "indicator.expr_want_open"); err != nil {
		return Expr{}, err
	}
	e := Expr{Func: fn}
	for {
		arg, err := p.expect('i', "indicator.expr_want_measure")
		if err != nil {
			return Expr{}, err
		}
		if p.peek().kind == '(' {
			return Expr{}, &ParseError{Pos: arg.pos, Key: "indicator.expr_no_nesting", Name: arg.text}
		}
		m, ok := c[arg.text]
		if !ok {
			return Expr{}, &ParseError{Pos: arg.pos, Key: "indicator.expr_unknown_measure", Name: arg.text}
		}
		i := len(e.Args)
		if i >= len(sig) {
			return Expr{}, &ParseError{Pos: arg.pos, Key: "indicator.expr_too_many_arguments", Name: arg.text}
		}
		if !slices.Contains(sig[i], m.Aggregate) {
			return Expr{}, &ParseError{Pos: arg.pos, Key: "indicator.expr_wrong_measure_" + string(fn), Name: arg.text}
		}
		e.Args = append(e.Args, arg.text)
		t := p.next()
		if t.kind == ')' {
			break
		}
		if t.kind != ',' {
			return Expr{}, unexpected(t, "indicator.expr_want_comma")
		}
	}
	if len(e.Args) < len(sig) {
		return Expr{}, &ParseError{Pos: p.toks[p.at-1].pos, Key: "indicator.expr_too_few_arguments", Name: string(fn)}
	}
	return e, nil
}

// Quantity is one measure's aggregate in one cell.
type Quantity struct {
	Count    float64   // families, rows, or the sum of the values
	Values   []float64 // AggValues: the distribution
	Families int       // distinct families behind the rows (family measures)
}

// Evaluate computes the expression's value from its measures' quantities in
// one cell; ok is false when the value is undefined (a share of nothing, a
// median of no values).
func (e Expr) Evaluate(q map[string]Quantity) (value float64, ok bool) {
	switch e.Func {
	case FuncCount, FuncSum:
		return q[e.Args[0]].Count, true
	case FuncShare, FuncRatio:
		num, den := q[e.Args[0]].Count, q[e.Args[1]].Count
		if den == 0 {
			return 0, false
		}
		if e.Func == FuncShare {
			return 100 * num / den, true
		}
		return num / den, true
	case FuncMedian:
		return Median(q[e.Args[0]].Values)
	case FuncMean:
		v := q[e.Args[0]].Values
		if len(v) == 0 {
			return 0, false
		}
		total := 0.0
		for _, x := range v {
			total += x
		}
		return total / float64(len(v)), true
	}
	return 0, false
}

// Median is the middle value (the mean of the two middle ones for an even
// count); ok is false for no values. values is not changed.
func Median(values []float64) (float64, bool) {
	if len(values) == 0 {
		return 0, false
	}
	v := slices.Clone(values)
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2], true
	}
	return (v[n/2-1] + v[n/2]) / 2, true
}

// Round rounds v to one decimal, as every indicator is shown.
func Round(v float64) float64 { return math.Round(v*10) / 10 }
