package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

type contactForm struct {
	Languages, Phone, Email, Address string
	Interpreter                      bool
}

type familyContactPage struct {
	Layout
	FamilyID int64
	Form     contactForm
	Errors   formErrors
}

func (s *Server) handleFamilyContactForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	sum, err := s.app.Care.OpenFamilySummary(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	f := sum.Family
	p := &familyContactPage{Layout: s.newLayout(r, "families", "family_edit.contact_title"), FamilyID: id,
		Form: contactForm{Languages: f.Languages, Phone: f.Phone, Email: f.Email, Address: f.Address, Interpreter: f.InterpreterNeeded}}
	p.setFamilyHeader(sum)
	s.render(w, r, http.StatusOK, "family_contact", p)
}

func (s *Server) handleFamilyContact(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	v := r.PostForm
	form := contactForm{Languages: strings.TrimSpace(v.Get("languages")), Phone: strings.TrimSpace(v.Get("phone")),
		Email: strings.TrimSpace(v.Get("email")), Address: strings.TrimSpace(v.Get("address")), Interpreter: v.Get("interpreter_needed") != ""}
	err := s.app.Care.UpdateContact(r.Context(), state(r).actor, care.Family{ID: id, Languages: form.Languages, InterpreterNeeded: form.Interpreter,
		Phone: form.Phone, Email: form.Email, Address: form.Address})
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.render(w, r, statusForForm(err), "family_contact", &familyContactPage{Layout: s.newLayout(r, "families", "family_edit.contact_title"),
				FamilyID: id, Form: form, Errors: fe})
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+strconv.FormatInt(id, 10)+"?done=contact", http.StatusSeeOther)
}

type birthPage struct {
	Layout
	FamilyID, MemberID int64
	Surname            string
	BirthDate, Given   string
	Errors             formErrors
}

func (s *Server) handleBirthForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	mid, err := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if !ok || err != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	sum, err := s.app.Care.OpenFamilySummary(r.Context(), state(r).actor, id, s.civilToday())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	for _, m := range sum.Family.Members {
		if m.ID == mid && m.Role == care.MemberUnborn {
			p := &birthPage{Layout: s.newLayout(r, "families", "family_edit.birth_title"),
				FamilyID: id, MemberID: mid, Surname: m.Surname, BirthDate: time.Now().Format("2006-01-02")}
			p.setFamilyHeader(sum)
			s.render(w, r, http.StatusOK, "family_birth", p)
			return
		}
	}
	s.renderError(w, r, http.StatusNotFound)
}

func (s *Server) handleBirth(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	mid, err := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if !ok || err != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	p := &birthPage{Layout: s.newLayout(r, "families", "family_edit.birth_title"), FamilyID: id, MemberID: mid,
		BirthDate: r.PostForm.Get("birth_date"), Given: r.PostForm.Get("given_name")}
	birth, perr := berceau.ParseDate(p.BirthDate)
	if perr != nil {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"birth_date": "family_edit.date_invalid"}}
	} else {
		err = s.app.Care.RecordBirth(r.Context(), state(r).actor, id, mid, birth, p.Given)
	}
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			p.Errors = fe
			s.render(w, r, statusForForm(err), "family_birth", p)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/families/"+strconv.FormatInt(id, 10)+"?done=birth", http.StatusSeeOther)
}
