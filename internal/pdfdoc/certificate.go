package pdfdoc

// CertificateText is what a certificate prints, already translated into
// the holder's language.
type CertificateText struct {
	Heading   string // "Attestation de formation"
	Intro     string // "Le réseau atteste que"
	Holder    string // the person's name, printed large
	Completed string // "a complété la formation"
	What      string // the training's or event's title
	Fields    [][2]string
	Code      string // "Code de vérification : ABCD-…"
	VerifyAt  string // "Vérifier : https://…/verify/ABCD…"
	Revoked   string // non-empty: the certificate was revoked (printed across)
}

// Certificate lays out a one-page certificate: a frame, the heading, the
// holder's name and what they completed, then its facts (date, hours,
// issuer) and the verification code at the foot.
func Certificate(title, author, lang string, c CertificateText) ([]byte, error) {
	d := New(title, author, lang)
	p := d.pdf
	p.SetDrawColor(40, 90, 120)
	p.SetLineWidth(1.2)
	p.Rect(12, 12, 186, 273, "D")
	p.SetLineWidth(0.3)
	p.Rect(15, 15, 180, 267, "D")
	p.SetY(40)
	p.SetFont(family, "B", 24)
	p.MultiCell(0, 12, c.Heading, "", "C", false)
	p.Ln(12)
	p.SetFont(family, "", 13)
	p.MultiCell(0, 8, c.Intro, "", "C", false)
	p.Ln(4)
	p.SetFont(family, "B", 20)
	p.MultiCell(0, 10, c.Holder, "", "C", false)
	p.Ln(4)
	p.SetFont(family, "", 13)
	p.MultiCell(0, 8, c.Completed, "", "C", false)
	p.Ln(2)
	p.SetFont(family, "B", 15)
	p.MultiCell(0, 8, c.What, "", "C", false)
	p.Ln(14)
	p.SetLeftMargin(40)
	for _, f := range c.Fields {
		d.Field(f[0], f[1])
	}
	p.SetLeftMargin(20)
	if c.Revoked != "" {
		p.Ln(8)
		p.SetTextColor(170, 20, 20)
		p.SetFont(family, "B", 16)
		p.MultiCell(0, 9, c.Revoked, "", "C", false)
		p.SetTextColor(0, 0, 0)
	}
	p.SetY(250)
	d.Small(c.Code)
	d.Small(c.VerifyAt)
	return d.Bytes()
}
