package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/internal/app"
)

type consentForm struct {
	Kind, PartnerOrg, Partner, GivenOn, ExpiresOn string
}

type consentsPage struct {
	Layout
	FamilyID int64
	Consents []care.Consent
	Today    time.Time
	Kinds    []care.ConsentKind
	Form     consentForm
	Errors   formErrors
	Notice   string
	// Organisations are the directory's, for a sharing consent's partner.
	Organisations []app.PartnerOrganisation
}

// OrganisationName is an organisation's name in the page's language.
func (p *consentsPage) OrganisationName(o app.PartnerOrganisation) string {
	if p.Lang == "en" && o.NameEN != "" {
		return o.NameEN
	}
	return o.NameFR
}

// InForce reports whether a consent holds today, for the page.
func (p *consentsPage) InForce(c care.Consent) bool { return c.InForce(p.Today) }

func (s *Server) consentsPage(r *http.Request, id int64) (*consentsPage, error) {
	v, err := s.app.Care.OpenConsents(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		return nil, err
	}
	list, orgs := v.Consents, v.Partners
	// A refusal elsewhere (a referral, a screening) links here with the
	// consent it lacks already chosen.
	q := r.URL.Query()
	form := consentForm{Kind: string(care.ConsentProcessing), GivenOn: s.app.Now().Format("2006-01-02")}
	if k := care.ConsentKind(q.Get("kind")); k == care.ConsentSharing || k == care.ConsentProcessing {
		form.Kind = string(k)
	}
	form.PartnerOrg, form.Partner = q.Get("partner_org"), q.Get("partner")
	p := &consentsPage{Layout: s.newLayout(r, "families", "consent.title"), FamilyID: id, Consents: list, Today: s.app.Now(),
		Kinds: []care.ConsentKind{care.ConsentProcessing, care.ConsentSharing}, Form: form, Organisations: orgs}
	p.setFamilyHeader(v.Summary)
	return p, nil
}

func (s *Server) handleConsents(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.consentsPage(r, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if d := r.URL.Query().Get("done"); d == "recorded" || d == "withdrawn" {
		p.Notice = "consent." + d
	}
	s.render(w, r, http.StatusOK, "consents", p)
}

func (s *Server) handleConsentRecord(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	f := r.PostForm
	form := consentForm{Kind: f.Get("kind"), PartnerOrg: f.Get("partner_org"), Partner: f.Get("partner"), GivenOn: f.Get("given_on"), ExpiresOn: f.Get("expires_on")}
	c := care.Consent{FamilyID: id, Kind: care.ConsentKind(form.Kind), PartnerOrgID: strings.TrimSpace(form.PartnerOrg), Partner: strings.TrimSpace(form.Partner)}
	if c.PartnerOrgID != "" {
		c.Partner = "" // picked from the directory: the directory's name is kept
	}
	fields := map[string]string{}
	if t, err := berceau.ParseDate(form.GivenOn); err == nil {
		c.GivenOn = t
	} else if form.GivenOn != "" {
		fields["given_on"] = "consent.date_invalid"
	}
	if form.ExpiresOn != "" {
		if t, err := berceau.ParseDate(form.ExpiresOn); err == nil {
			c.ExpiresOn = t
		} else {
			fields["expires_on"] = "consent.date_invalid"
		}
	}
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.RecordConsent(r.Context(), state(r).actor, c)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.consentsPage(r, id)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Form, p.Errors = form, fe
		s.render(w, r, statusForForm(err), "consents", p)
		return
	}
	http.Redirect(w, r, "/families/"+strconv.FormatInt(id, 10)+"/consents?done=recorded", http.StatusSeeOther)
}

func (s *Server) handleConsentWithdraw(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if !ok || err != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := s.app.Care.WithdrawConsent(r.Context(), state(r).actor, id, cid); err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+strconv.FormatInt(id, 10)+"/consents?done=withdrawn", http.StatusSeeOther)
}
