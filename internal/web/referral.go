package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
	"github.com/berceau/berceau/directory/search"
	"github.com/berceau/berceau/internal/app"
)

type referralForm struct {
	Service, External, Partner, Reason, FollowUp, Query string
}

// serviceChoice is a directory service the referral may go to.
type serviceChoice struct {
	ID, Name, Organization string
}

// referralNewPage proposes a referral: to a resource described in words,
// with the partner organisation its data would go to.
type referralNewPage struct {
	Layout
	FamilyID int64
	Name     string
	Form     referralForm
	Partners []string // partners the family consented to share with
	Services []serviceChoice
	Searched bool
	Errors   formErrors
}

func (s *Server) referralNewPage(r *http.Request, id int64, form referralForm) (*referralNewPage, error) {
	v, err := s.app.Care.OpenReferralForm(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		return nil, err
	}
	p := &referralNewPage{Layout: s.newLayout(r, "families", "care.referral_new_title"), FamilyID: id, Name: householdNames(v.Summary.Family), Form: form}
	p.setFamilyHeader(v.Summary)
	if err := s.findServices(r, p); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, c := range v.Consents {
		if c.Kind == care.ConsentSharing && c.InForce(time.Now()) && !seen[c.Partner] {
			seen[c.Partner] = true
			p.Partners = append(p.Partners, c.Partner)
		}
	}
	return p, nil
}

// findServices offers the directory services matching the form's search,
// and the one already chosen.
func (s *Server) findServices(r *http.Request, p *referralNewPage) error {
	q := strings.TrimSpace(p.Form.Query)
	if q == "" && p.Form.Service == "" {
		return nil
	}
	ix, err := s.app.Directory.DirectoryIndex(r.Context())
	if err != nil {
		return err
	}
	choice := func(e *search.DirectoryEntry) serviceChoice {
		name, _ := e.Name.In(p.Lang, p.DefaultLang)
		org, _ := e.OrganizationName.In(p.Lang, p.DefaultLang)
		return serviceChoice{ID: e.ServiceID, Name: name, Organization: org}
	}
	if e, ok := ix.Entry(p.Form.Service); ok {
		p.Services = append(p.Services, choice(e))
	}
	if q != "" {
		p.Searched = true
		hits, _ := ix.Search(search.DirectoryQuery{Text: q, Now: time.Now(), Limit: 8})
		for _, h := range hits {
			if h.Entry.ServiceID != p.Form.Service {
				p.Services = append(p.Services, choice(h.Entry))
			}
		}
	}
	return nil
}

func (s *Server) handleReferralNew(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	q := r.URL.Query()
	p, err := s.referralNewPage(r, id, referralForm{FollowUp: s.civilToday().AddDate(0, 0, 14).Format(time.DateOnly),
		Service: q.Get("service"), External: q.Get("resource"), Query: q.Get("q")})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care_referral_new", p)
}

func (s *Server) handleReferralCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	f := r.PostForm
	form := referralForm{Service: f.Get("service"), External: f.Get("external"), Partner: f.Get("partner"), Reason: f.Get("reason"), FollowUp: f.Get("follow_up")}
	fields := map[string]string{}
	ref := care.Referral{FamilyID: id, ServiceID: strings.TrimSpace(form.Service), ExternalResource: form.External, Partner: form.Partner,
		Reason: form.Reason, NextFollowUp: parseCivil(form.FollowUp, "follow_up", fields)}
	if ref.ServiceID != "" {
		// A directory service: its name as it is today is kept with the
		// referral, and its organisation is the partner unless one is named.
		ix, err := s.app.Directory.DirectoryIndex(r.Context())
		if err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		e, ok := ix.Entry(ref.ServiceID)
		if !ok {
			fields["destination"] = "referral.service_unknown"
		} else {
			name, _ := e.Name.In(state(r).lang, state(r).langs.Default())
			org, _ := e.OrganizationName.In(state(r).lang, state(r).langs.Default())
			ref.ServiceName = name
			if strings.TrimSpace(ref.Partner) == "" {
				// The service's organisation: consent is checked on its id.
				ref.Partner, ref.PartnerOrgID = org, e.OrganizationID
			}
		}
	}
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		ref, err = s.app.Care.ProposeReferral(r.Context(), state(r).actor, ref)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.referralNewPage(r, id, form)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Errors = fe
		s.render(w, r, statusForForm(err), "care_referral_new", p)
		return
	}
	http.Redirect(w, r, familyPath(id, "/referrals/"+strconv.FormatInt(ref.ID, 10)+"?done=created"), http.StatusSeeOther)
}

// referralPage is one referral with its history and the form that moves it
// on: only the steps its current status allows are offered.
type referralPage struct {
	Layout
	FamilyID int64
	Referral care.Referral
	Next     []care.ReferralStatus
	Names    map[int64]string
	Form     referralMoveForm
	Errors   formErrors
	Notice   string
	Terminal bool
}

// ConsentLink is, when sending was refused for want of the family's
// consent, the consent form with the partner already chosen.
func (p *referralPage) ConsentLink() string {
	switch p.Errors.FormKey {
	case "referral.consent_missing", "referral.consent_expired", "referral.consent_withdrawn":
	default:
		return ""
	}
	q := url.Values{"kind": {string(care.ConsentSharing)}}
	if p.Referral.PartnerOrgID != "" {
		q.Set("partner_org", p.Referral.PartnerOrgID)
	} else {
		partner := p.Form.Partner
		if partner == "" {
			partner = p.Referral.Partner
		}
		q.Set("partner", partner)
	}
	return familyPath(p.FamilyID, "/consents?"+q.Encode()+"#consent-form")
}

type referralMoveForm struct{ To, Reason, Partner, FollowUp string }

func (s *Server) referralPage(r *http.Request, id, rid int64) (*referralPage, error) {
	v, err := s.app.Care.OpenReferral(r.Context(), state(r).actor, id, rid, s.civilToday())
	if err != nil {
		return nil, err
	}
	ref := v.Referral
	p := &referralPage{Layout: s.newLayout(r, "families", "care.referral_title"), FamilyID: id, Referral: ref, Names: map[int64]string{},
		Terminal: ref.Status.Terminal(), Form: referralMoveForm{Partner: ref.Partner}}
	p.setFamilyHeader(v.Summary)
	for _, u := range v.CareTeam {
		p.Names[u.ID] = u.DisplayName
	}
	for _, to := range care.ReferralStatuses {
		if care.CanMoveReferral(ref.Status, to) {
			p.Next = append(p.Next, to)
		}
	}
	if !ref.NextFollowUp.IsZero() {
		p.Form.FollowUp = ref.NextFollowUp.Format(time.DateOnly)
	}
	return p, nil
}

func (s *Server) handleReferral(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	rid, ok2 := pathValueID(r, "rid")
	if !ok || !ok2 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	p, err := s.referralPage(r, id, rid)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "created":
		p.Notice = "care.done_referral"
	case "moved":
		p.Notice = "care.done_referral_moved"
	}
	s.render(w, r, http.StatusOK, "care_referral", p)
}

func (s *Server) handleReferralMove(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	rid, ok2 := pathValueID(r, "rid")
	if !ok || !ok2 || r.ParseForm() != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	f := r.PostForm
	form := referralMoveForm{To: f.Get("to"), Reason: f.Get("reason"), Partner: f.Get("partner"), FollowUp: f.Get("follow_up")}
	version, _ := strconv.Atoi(f.Get("version"))
	fields := map[string]string{}
	m := app.ReferralMove{To: care.ReferralStatus(form.To), Reason: form.Reason, Partner: strings.TrimSpace(form.Partner),
		NextFollowUp: parseCivil(form.FollowUp, "follow_up", fields)}
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.MoveReferral(r.Context(), state(r).actor, id, rid, version, m, time.Now())
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.referralPage(r, id, rid)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Form, p.Errors = form, fe
		s.render(w, r, statusForForm(err), "care_referral", p)
		return
	}
	http.Redirect(w, r, familyPath(id, "/referrals/"+strconv.FormatInt(rid, 10)+"?done=moved"), http.StatusSeeOther)
}
