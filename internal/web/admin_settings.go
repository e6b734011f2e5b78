package web

import (
	"net/http"
	"strconv"
)

type adminSettingsPage struct {
	Layout
	NetworkName string
	StaleMonths string
	Notice      string
	Errors      formErrors
	// The network's languages (admin_language.go).
	Languages languagesForm
}

func (s *Server) handleAdminSettings(w http.ResponseWriter, r *http.Request) {
	overview, err := s.app.Admin.NetworkOverview(r.Context())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &adminSettingsPage{Layout: s.newLayout(r, "admin", "admin.settings_title"), NetworkName: overview.Name,
		StaleMonths: strconv.Itoa(s.app.Directory.DirectoryStaleMonths(r.Context()))}
	p.Languages = s.languagesForm(r, state(r).langs)
	switch r.URL.Query().Get("done") {
	case "saved":
		p.Notice = "admin.settings_saved"
	case "languages":
		p.Notice = "multilingual.saved"
	}
	s.render(w, r, http.StatusOK, "admin_settings", p)
}

func (s *Server) handleAdminSettingsSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	name, months := r.PostForm.Get("network_name"), r.PostForm.Get("stale_months")
	if err := s.app.Admin.SaveNetworkSettings(r.Context(), state(r).actor, name, months); err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p := &adminSettingsPage{Layout: s.newLayout(r, "admin", "admin.settings_title"), NetworkName: name, StaleMonths: months, Errors: fe}
		p.Languages = s.languagesForm(r, state(r).langs)
		s.render(w, r, statusForForm(err), "admin_settings", p)
		return
	}
	http.Redirect(w, r, "/admin/settings?done=saved", http.StatusSeeOther)
}
