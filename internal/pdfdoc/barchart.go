package pdfdoc

// Bar is one bar of a horizontal bar chart: its label, its length's value
// (negative or hidden: no bar) and the text written after it.
type Bar struct {
	Label string
	Value float64
	Text  string
	// Hidden draws an empty dashed frame: the value is suppressed.
	Hidden bool
}

// BarChart draws horizontal bars with fpdf rectangles, one line each,
// scaled to the largest value (or to top when it is larger: 100 for
// percentages). Labels sit left of the bars, texts after them.
func (d *Doc) BarChart(bars []Bar, top float64) {
	const (
		labelWidth = 55.0
		textWidth  = 28.0
		lineHeight = 6.0
		barHeight  = 4.2
	)
	for _, b := range bars {
		if !b.Hidden && b.Value > top {
			top = b.Value
		}
	}
	p := d.pdf
	left, _, right, _ := p.GetMargins()
	pageWidth, _ := p.GetPageSize()
	span := pageWidth - left - right - labelWidth - textWidth
	p.SetFont(family, "", 9)
	for _, b := range bars {
		if p.GetY()+lineHeight > 277 {
			p.AddPage()
		}
		y := p.GetY()
		p.SetXY(left, y)
		p.CellFormat(labelWidth-2, lineHeight, b.Label, "", 0, "R", false, 0, "")
		x := left + labelWidth
		width := 0.0
		if !b.Hidden && top > 0 && b.Value > 0 {
			width = span * b.Value / top
		}
		top := y + (lineHeight-barHeight)/2
		if b.Hidden {
			p.SetDashPattern([]float64{0.8, 0.8}, 0)
			p.SetDrawColor(120, 120, 120)
			p.Rect(x, top, 12, barHeight, "D")
			p.SetDashPattern([]float64{}, 0)
			p.SetDrawColor(0, 0, 0)
			width = 12
		} else if width > 0 {
			p.SetFillColor(31, 94, 99)
			p.Rect(x, top, width, barHeight, "F")
		}
		p.SetXY(x+width+2, y)
		p.CellFormat(textWidth, lineHeight, b.Text, "", 1, "L", false, 0, "")
	}
	p.Ln(2)
	p.SetFont(family, "", 11)
}

// PageBreak starts a new page.
func (d *Doc) PageBreak() { d.pdf.AddPage() }
