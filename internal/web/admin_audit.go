package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/berceau/berceau"
)

type auditFilterForm struct {
	User, Action, ObjectType, ObjectID, From, To string
}

type adminAuditPage struct {
	Layout
	Filter  auditFilterForm
	Page    berceau.AuditPage
	Users   []berceau.User
	Invalid bool
	PrevURL string
	NextURL string
}

// handleAdminAudit shows the audit trail, newest first, filtered by user,
// action, object and period, a page at a time.
func (s *Server) handleAdminAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := auditFilterForm{User: q.Get("user"), Action: q.Get("action"), ObjectType: q.Get("object_type"),
		ObjectID: q.Get("object_id"), From: q.Get("from"), To: q.Get("to")}
	f := berceau.AuditFilter{Action: form.Action, ObjectType: form.ObjectType, ObjectID: form.ObjectID, PageSize: 50}
	invalid := false
	if form.User != "" {
		id, err := strconv.ParseInt(form.User, 10, 64)
		invalid = invalid || err != nil
		f.ActorID = id
	}
	if form.From != "" {
		t, err := berceau.ParseDate(form.From)
		invalid = invalid || err != nil
		f.From = t
	}
	if form.To != "" {
		t, err := berceau.ParseDate(form.To)
		invalid = invalid || err != nil
		if err == nil {
			f.To = t.Add(24 * time.Hour) // the whole last day
		}
	}
	var ok bool
	if f.Page, ok = s.queryPage(w, r); !ok {
		return
	}
	actor := state(r).actor
	users, err := s.app.Admin.ListUsers(r.Context(), actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &adminAuditPage{Layout: s.newLayout(r, "admin", "admin.audit_title"), Filter: form, Users: users, Invalid: invalid}
	status := http.StatusOK
	if invalid {
		status = http.StatusUnprocessableEntity
	} else {
		if p.Page, err = s.app.Admin.AuditTrail(r.Context(), actor, f); err != nil {
			s.renderDomainError(w, r, err)
			return
		}
		link := func(page int) string {
			v := url.Values{}
			for k, val := range map[string]string{"user": form.User, "action": form.Action, "object_type": form.ObjectType,
				"object_id": form.ObjectID, "from": form.From, "to": form.To} {
				if val != "" {
					v.Set(k, val)
				}
			}
			v.Set("page", strconv.Itoa(page))
			return "/admin/audit?" + v.Encode()
		}
		if p.Page.Page > 1 {
			p.PrevURL = link(p.Page.Page - 1)
		}
		if p.Page.Page < p.Page.Pages() {
			p.NextURL = link(p.Page.Page + 1)
		}
	}
	s.render(w, r, status, "admin_audit", p)
}
