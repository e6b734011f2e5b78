package web

import (
	"mime"
	"net/http"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/training"
)

// Certificates: the PDF in the holder's language, the revocation by a
// coordinator or a trainer, and the public verification of a code.

// handleCertificatePDF prints a certificate in the language it was issued
// in (the holder's), whoever prints it.
func (s *Server) handleCertificatePDF(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	c, err := s.app.Trainings.Certificate(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	out, err := s.certificatePDF(c, s.verifyURL(r, c.Code))
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": "certificate-" + strings.ToLower(c.Code) + ".pdf"}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(out)
}

// verifyURL is the public address that confirms a code.
func (s *Server) verifyURL(r *http.Request, code string) string {
	base := s.app.Events.BaseURL()
	if base == "" {
		scheme := "https"
		if r.TLS == nil && (strings.HasPrefix(r.Host, "127.0.0.1") || strings.HasPrefix(r.Host, "localhost")) {
			scheme = "http"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/verify/" + code
}

func (s *Server) certificatePDF(c training.Certificate, verify string) ([]byte, error) {
	loc := s.i18n.Localizer(c.Lang)
	l := &Layout{Lang: c.Lang, loc: loc}
	what, _ := c.Title.In(c.Lang)
	completed := l.T("training.certificate.completed_training")
	if c.EventID != 0 {
		completed = l.T("training.certificate.attended_event")
	}
	text := pdfdoc.CertificateText{
		Heading:   l.T("training.certificate.heading"),
		Intro:     l.T("training.certificate.intro"),
		Holder:    c.Holder,
		Completed: completed,
		What:      what,
		Fields: [][2]string{
			{l.T("training.certificate.date"), l.LongDate(c.On)},
			{l.T("training.certificate.hours"), l.T("training.hours_value", "Hours", l.Hours(c.Minutes))},
			{l.T("training.certificate.issuer"), c.Issuer},
		},
		Code:     l.T("training.certificate.code", "Code", training.GroupCode(c.Code)),
		VerifyAt: l.T("training.certificate.verify_at", "URL", verify),
	}
	if c.Revoked() {
		text.Revoked = l.T("training.certificate.revoked")
	}
	return pdfdoc.Certificate(text.Heading+" — "+c.Holder, c.Issuer, c.Lang, text)
}

// handleCertificateRevoke revokes a certificate with a reason, then goes
// back to the page it was revoked from.
func (s *Server) handleCertificateRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Trainings.RevokeCertificate(r.Context(), state(r).actor, id, r.PostFormValue("reason")); err != nil {
		if berceau.KindOf(err) == berceau.KindInvalid {
			s.renderFieldError(w, r, http.StatusUnprocessableEntity, "training.error.reason_required_page", "reason")
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	back := r.PostFormValue("back")
	if !(strings.HasPrefix(back, "/trainings/") || strings.HasPrefix(back, "/learning-records/")) || strings.ContainsAny(back, "?#\\") ||
		strings.Contains(back, "//") {
		back = "/learning-records"
	}
	http.Redirect(w, r, back+"?done=revoked", http.StatusSeeOther)
}

type verifyPage struct {
	Layout
	Code        string
	Certificate *training.Certificate
	What        localText
	HoursText   string
	Grouped     string
	NotFound    bool
}

// handleVerifyForm lets anyone type a code; a code given in the query goes
// to its page.
func (s *Server) handleVerifyForm(w http.ResponseWriter, r *http.Request) {
	if code := strings.TrimSpace(r.URL.Query().Get("code")); code != "" {
		if normalized, ok := training.NormalizeCode(code); ok {
			http.Redirect(w, r, "/verify/"+normalized, http.StatusSeeOther)
			return
		}
		p := &verifyPage{Layout: s.newLayout(r, "", "training.verify_title"), Code: code, NotFound: true}
		s.render(w, r, http.StatusNotFound, "certificate_verify", p)
		return
	}
	s.render(w, r, http.StatusOK, "certificate_verify", &verifyPage{Layout: s.newLayout(r, "", "training.verify_title")})
}

// handleVerify confirms a certificate by its code: the holder's name, what
// they completed, the date, the hours and the issuer; nothing else. A code
// that names no certificate is a not-found page; a revoked one says so.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	c, err := s.app.Trainings.VerifyCertificate(r.Context(), code)
	p := &verifyPage{Layout: s.newLayout(r, "", "training.verify_title"), Code: code}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	if berceau.IsNotFound(err) {
		p.NotFound = true
		s.render(w, r, http.StatusNotFound, "certificate_verify", p)
		return
	}
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Certificate, p.What, p.HoursText, p.Grouped = &c, p.local(c.Title), p.Hours(c.Minutes), training.GroupCode(c.Code)
	s.render(w, r, http.StatusOK, "certificate_verify", p)
}
