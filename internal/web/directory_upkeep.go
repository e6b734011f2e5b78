package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/app"
)

// upkeepDays are the days the opening-hours form offers, Monday first.
var upkeepDays = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// CapacityChoices are the capacity signals an editor may give.
func (p *directoryServicePage) CapacityChoices() []string {
	return []string{string(directory.CapacityAccepting), string(directory.CapacityWaitlist), string(directory.CapacityFull)}
}

// UpkeepDays lists the days of the opening-hours form.
func (p *directoryServicePage) UpkeepDays() []string { return upkeepDays }

// OpenOn reports whether the service's weekly hours include a day (byday code).
func (p *directoryServicePage) OpenOn(code string) bool {
	for _, d := range strings.Split(p.UpkeepByday, ",") {
		if d == code {
			return true
		}
	}
	return false
}

// handleDirectoryCapacity records a service's capacity signal, for its
// maintainers (the app decides who they are).
func (s *Server) handleDirectoryCapacity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	weeks := 0
	var err error
	if v := strings.TrimSpace(r.PostForm.Get("waitlist_weeks")); v != "" {
		if weeks, err = strconv.Atoi(v); err != nil {
			err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"waitlist_weeks": "daily_flows.waitlist_weeks_range"}}
		}
	}
	if err == nil {
		err = s.app.Directory.UpdateCapacity(r.Context(), state(r).actor, id, directory.CapacityStatus(r.PostForm.Get("capacity")), weeks, r.PostForm.Get("version"))
	}
	s.afterUpkeep(w, r, id, err)
}

// handleDirectoryHours replaces a service's weekly opening hours.
func (s *Server) handleDirectoryHours(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	err := s.app.Directory.SetWeeklyHours(r.Context(), state(r).actor, id, r.PostForm["days"], r.PostForm.Get("opens"), r.PostForm.Get("closes"), r.PostForm.Get("version"))
	s.afterUpkeep(w, r, id, err)
}

func (s *Server) afterUpkeep(w http.ResponseWriter, r *http.Request, id string, err error) {
	if err != nil {
		if fe, ok := formErrorsFrom(err); ok {
			s.renderServiceWithErrors(w, r, id, fe, err)
			return
		}
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/directory/services/"+url.PathEscape(id)+"?done=edited", http.StatusSeeOther)
}

// short5 keeps HH:MM of a clock time written HH:MM or HH:MM:SS.
func short5(clock string) string {
	if len(clock) > 5 {
		return clock[:5]
	}
	return clock
}

// handleDirectoryAddService adds a service to the organisation of the
// service whose page the maintainer is on, at the same places.
func (s *Server) handleDirectoryAddService(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	f := r.PostForm
	newID, err := s.app.Directory.AddService(r.Context(), state(r).actor, app.NewService{FromServiceID: id,
		Name: formText(f, "new_name", state(r).langs.Enabled), Description: formText(f, "new_description", state(r).langs.Enabled)})
	if err != nil {
		s.afterUpkeep(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/directory/services/"+url.PathEscape(newID)+"?done=edited", http.StatusSeeOther)
}
