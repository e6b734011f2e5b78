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

// groupPage records a group meeting: the followed families of the
// person's scope, each marked present or absent.
type groupPage struct {
	Layout
	Families []care.Family
	Sites    []placeChoice
	Form     groupForm
	Errors   formErrors
}

type groupForm struct {
	Title, On, Minutes string
	Site               int64
	Present, Absent    map[int64]bool
}

// Name names a family.
func (p *groupPage) Name(f care.Family) string { return householdNames(f) }

func (s *Server) groupPage(r *http.Request, form groupForm) (*groupPage, error) {
	families, err := s.app.Care.ListFamilies(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	places, err := s.placeChoices(r)
	if err != nil {
		return nil, err
	}
	p := &groupPage{Layout: s.newLayout(r, "my_day", "care.group_title"), Form: form}
	seen := map[int64]bool{}
	for _, pc := range places {
		if !seen[pc.SiteID] {
			seen[pc.SiteID] = true
			p.Sites = append(p.Sites, pc)
		}
	}
	for _, f := range families {
		if f.Status == care.FamilyActive || f.Status == care.FamilyOnHold {
			p.Families = append(p.Families, f)
		}
	}
	return p, nil
}

func (s *Server) handleGroupNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.groupPage(r, groupForm{On: s.civilToday().Format(time.DateOnly), Minutes: "120"})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care_group", p)
}

func (s *Server) handleGroupCreate(w http.ResponseWriter, r *http.Request) {
	if r.ParseForm() != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	f := r.PostForm
	form := groupForm{Title: f.Get("title"), On: f.Get("on"), Minutes: f.Get("minutes"), Present: map[int64]bool{}, Absent: map[int64]bool{}}
	form.Site, _ = strconv.ParseInt(f.Get("site"), 10, 64)
	fields := map[string]string{}
	g := app.GroupMeeting{SiteID: form.Site, Title: form.Title, On: parseCivil(form.On, "on", fields)}
	if n, err := strconv.Atoi(strings.TrimSpace(form.Minutes)); err == nil {
		g.Minutes = n
	} else {
		fields["minutes"] = "contact.minutes_range"
	}
	if form.Site == 0 {
		fields["site"] = "error.required"
	}
	var attendance []app.GroupAttendance
	for key, values := range f {
		idText, ok := strings.CutPrefix(key, "attendance_")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil || len(values) == 0 {
			continue
		}
		switch values[0] {
		case "1":
			form.Present[id] = true
			attendance = append(attendance, app.GroupAttendance{FamilyID: id, Present: true})
		case "0":
			form.Absent[id] = true
			attendance = append(attendance, app.GroupAttendance{FamilyID: id})
		}
	}
	var err error
	if len(fields) > 0 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	} else {
		_, err = s.app.Care.RecordGroupMeeting(r.Context(), state(r).actor, g, nil, attendance)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.groupPage(r, form)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Errors = fe
		s.render(w, r, statusForForm(err), "care_group", p)
		return
	}
	http.Redirect(w, r, "/my-day?done=group", http.StatusSeeOther)
}
