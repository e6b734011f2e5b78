package indicator

// Statistical disclosure control for what evaluators see. A table of family
// counts is published with its margins (row totals when it has more than one
// column, column totals when it has more than one row, and the grand
// total). Primary suppression hides every published number counting
// between 1 and k-1 families. Complementary suppression then makes sure no
// hidden number can be recomputed by subtraction: every row and every
// column (margins included) is an equation "cells add up to the total"; an
// equation with exactly one hidden member would give it away, so the
// smallest visible member of that equation is hidden as well, and so on
// until no equation has exactly one hidden member (a fixed point). This is
// the usual hypercube-free approach for small two-way tables; it may hide
// more than an optimal solver would, never less.

// DefaultMinFamilies is the network's default small-cell threshold.
const DefaultMinFamilies = 5

// Cell addresses a number of a table with margins: Row or Col -1 is the
// total over that axis (-1, -1 is the grand total).
type Cell struct{ Row, Col int }

// Grand is the grand total's address.
var Grand = Cell{-1, -1}

// Masked is the outcome of suppression: which published numbers are hidden.
type Masked map[Cell]bool

// Hidden reports whether the number at c is suppressed.
func (m Masked) Hidden(c Cell) bool { return m[c] }

// Equations are the additive relations a table with margins publishes, as
// lists of members whose first element is the total the rest add up to.
func Equations(rows, cols int) [][]Cell {
	var eqs [][]Cell
	rowTotal := func(i int) Cell {
		if cols == 1 {
			return Cell{i, 0} // a one-column table's rows are their own totals
		}
		return Cell{i, -1}
	}
	colTotal := func(j int) Cell {
		if rows == 1 {
			return Cell{0, j}
		}
		return Cell{-1, j}
	}
	if cols > 1 {
		for i := 0; i < rows; i++ {
			eq := []Cell{rowTotal(i)}
			for j := 0; j < cols; j++ {
				eq = append(eq, Cell{i, j})
			}
			if rows == 1 {
				eq[0] = Grand
			}
			eqs = append(eqs, eq)
		}
	}
	if rows > 1 {
		for j := 0; j < cols; j++ {
			eq := []Cell{colTotal(j)}
			for i := 0; i < rows; i++ {
				eq = append(eq, Cell{i, j})
			}
			if cols == 1 {
				eq[0] = Grand
			}
			eqs = append(eqs, eq)
		}
	}
	if rows > 1 && cols > 1 {
		eq := []Cell{Grand}
		for i := 0; i < rows; i++ {
			eq = append(eq, Cell{i, -1})
		}
		eqs = append(eqs, eq)
		eq = []Cell{Grand}
		for j := 0; j < cols; j++ {
			eq = append(eq, Cell{-1, j})
		}
		eqs = append(eqs, eq)
	}
	return eqs
}

// Published lists the addresses a table of rows × cols publishes.
func Published(rows, cols int) []Cell {
	var out []Cell
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			out = append(out, Cell{i, j})
		}
	}
	if cols > 1 && rows > 1 {
		for i := 0; i < rows; i++ {
			out = append(out, Cell{i, -1})
		}
		for j := 0; j < cols; j++ {
			out = append(out, Cell{-1, j})
		}
	}
	if rows > 1 || cols > 1 || rows == 0 || cols == 0 {
		out = append(out, Grand)
	}
	return out
}

// Suppress decides which numbers of a table of family counts to hide.
// families(c) is the number of families behind the published number at c
// (cells and margins); k is the threshold (numbers of 1 to k-1 families are
// hidden). rows and cols are the table's size without its margins.
func Suppress(rows, cols, k int, families func(Cell) int) Masked {
	hidden := Masked{}
	for _, c := range Published(rows, cols) {
		if n := families(c); n > 0 && n < k {
			hidden[c] = true
		}
	}
	eqs := Equations(rows, cols)
	for changed := true; changed; {
		changed = false
		for _, eq := range eqs {
			unknown := 0
			for _, c := range eq {
				if hidden[c] {
					unknown++
				}
			}
			if unknown != 1 {
				continue
			}
			// Hide the smallest visible member, preferring one that counts
			// somebody: hiding a zero hides little.
			best, found := Cell{}, false
			for _, c := range eq {
				if hidden[c] {
					continue
				}
				if !found || better(families(c), families(best)) {
					best, found = c, true
				}
			}
			if found {
				hidden[best] = true
				changed = true
			}
		}
	}
	return hidden
}

// better orders candidates for complementary suppression: positive counts
// first, smallest first.
func better(a, b int) bool {
	if (a > 0) != (b > 0) {
		return a > 0
	}
	return a < b
}

// Recover is what someone holding the published numbers can compute by
// subtraction along rows and columns: it solves, again and again, every
// equation with one unknown. It returns the hidden numbers it found; a
// sound suppression leaves it nothing. known holds the published values.
func Recover(rows, cols int, known map[Cell]float64, hidden Masked) map[Cell]float64 {
	values := map[Cell]float64{}
	for c, v := range known {
		if !hidden[c] {
			values[c] = v
		}
	}
	found := map[Cell]float64{}
	for progress := true; progress; {
		progress = false
		for _, eq := range Equations(rows, cols) {
			var missing []Cell
			for _, c := range eq {
				if _, ok := values[c]; !ok {
					missing = append(missing, c)
				}
			}
			if len(missing) != 1 {
				continue
			}
			m := missing[0]
			sum := 0.0
			for _, c := range eq[1:] {
				if c != m {
					sum += values[c]
				}
			}
			v := values[eq[0]] - sum // the total minus the others
			if m == eq[0] {
				v = sum
			}
			values[m], found[m] = v, v
			progress = true
		}
	}
	return found
}
