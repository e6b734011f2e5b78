// Package pdfdoc writes Berceau's printable documents (certificates, learning
// records, yearly reports) with codeberg.org/go-pdf/fpdf and an embedded
// DejaVu Sans, so every accent of French, Dutch and the families' names
// prints on any machine without a system font.
package pdfdoc

import (
	"bytes"
	_ "embed"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

//go:embed fonts/DejaVuSans.ttf
var regularFont []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var boldFont []byte

const family = "DejaVu"

// Doc is one document being written: A4 portrait, millimetres, the embedded
// font. Methods write from top to bottom; Bytes finishes it.
type Doc struct {
	pdf *fpdf.Fpdf
}

// New starts a document whose metadata carry title, author (the issuer) and
// language (a BCP 47 tag such as "fr").
func New(title, author, lang string) *Doc {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(family, "", regularFont)
	p.AddUTF8FontFromBytes(family, "B", boldFont)
	p.SetTitle(title, true)
	p.SetAuthor(author, true)
	p.SetCreator("Berceau", true)
	p.SetLang(lang)
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.AddPage()
	p.SetFont(family, "", 11)
	return &Doc{pdf: p}
}

// PDF gives the underlying fpdf document for layouts this package does not
// offer (a chart drawn with lines and rectangles, a frame).
func (d *Doc) PDF() *fpdf.Fpdf { return d.pdf }

// Title writes a large bold heading.
func (d *Doc) Title(text string) {
	d.pdf.SetFont(family, "B", 18)
	d.pdf.MultiCell(0, 9, text, "", "L", false)
	d.pdf.Ln(3)
	d.pdf.SetFont(family, "", 11)
}

// Heading writes a section heading.
func (d *Doc) Heading(text string) {
	d.pdf.Ln(2)
	d.pdf.SetFont(family, "B", 13)
	d.pdf.MultiCell(0, 7, text, "", "L", false)
	d.pdf.Ln(1)
	d.pdf.SetFont(family, "", 11)
}

// Paragraph writes wrapped text.
func (d *Doc) Paragraph(text string) {
	d.pdf.SetFont(family, "", 11)
	d.pdf.MultiCell(0, 6, text, "", "L", false)
	d.pdf.Ln(2)
}

// Field writes one "label: value" line, the label in bold.
func (d *Doc) Field(label, value string) {
	d.pdf.SetFont(family, "B", 11)
	w := d.pdf.GetStringWidth(label+" ") + 1
	d.pdf.CellFormat(w, 7, label, "", 0, "L", false, 0, "")
	d.pdf.SetFont(family, "", 11)
	d.pdf.MultiCell(0, 7, value, "", "L", false)
}

// Table writes a header row and rows; widths are in millimetres and numeric
// columns (alignRight[i]) are right-aligned. A row longer than the header is
// cut to it.
func (d *Doc) Table(header []string, rows [][]string, widths []float64, alignRight []bool) {
	align := func(i int) string {
		if i < len(alignRight) && alignRight[i] {
			return "R"
		}
		return "L"
	}
	d.pdf.SetFont(family, "B", 10)
	d.pdf.SetFillColor(235, 235, 235)
	for i, h := range header {
		d.pdf.CellFormat(widths[i], 7, h, "1", 0, align(i), true, 0, "")
	}
	d.pdf.Ln(-1)
	d.pdf.SetFont(family, "", 10)
	for _, row := range rows {
		for i := range header {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			d.pdf.CellFormat(widths[i], 6.5, cell, "1", 0, align(i), false, 0, "")
		}
		d.pdf.Ln(-1)
	}
	d.pdf.Ln(3)
}

// Small writes a line in a small grey font (a verification code, a footer).
func (d *Doc) Small(text string) {
	d.pdf.SetFont(family, "", 8)
	d.pdf.SetTextColor(90, 90, 90)
	d.pdf.MultiCell(0, 4.5, text, "", "L", false)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFont(family, "", 11)
}

// Bytes finishes the document and returns it.
func (d *Doc) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdfdoc: writing the document: %w", err)
	}
	return buf.Bytes(), nil
}
