package pdfdoc

// Bar is one bar of a horizontal bar chart: its label, its value (the
// bar's length) and the value as the reader reads it.
type Bar struct {
	Label string
	Value int
	Text  string
}

// Bars draws a horizontal bar chart over the text width: labels on the
// left, bars scaled to the largest value, each value written after its bar.
func (d *Doc) Bars(bars []Bar) {
	if len(bars) == 0 {
		return
	}
	const labelWidth, rowHeight, barHeight, valueRoom = 60.0, 8.0, 5.5, 18.0
	left, _, right, _ := d.pdf.GetMargins()
	pageWidth, _ := d.pdf.GetPageSize()
	room := pageWidth - left - right - labelWidth - valueRoom
	top := 1
	for _, b := range bars {
		top = max(top, b.Value)
	}
	d.pdf.SetFont(family, "", 10)
	for _, b := range bars {
		y := d.pdf.GetY()
		d.pdf.SetXY(left, y)
		d.pdf.CellFormat(labelWidth-2, rowHeight, b.Label, "", 0, "R", false, 0, "")
		w := room * float64(b.Value) / float64(top)
		d.pdf.SetFillColor(46, 94, 140)
		d.pdf.Rect(left+labelWidth, y+(rowHeight-barHeight)/2, w, barHeight, "F")
		d.pdf.SetXY(left+labelWidth+w+2, y)
		d.pdf.CellFormat(valueRoom, rowHeight, b.Text, "", 0, "L", false, 0, "")
		d.pdf.SetXY(left, y+rowHeight)
	}
	d.pdf.Ln(3)
	d.pdf.SetFont(family, "", 11)
}
