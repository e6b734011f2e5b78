package web

import (
	"net/http"
	"strconv"

	"github.com/berceau/berceau"
)

// languagesForm is the network's languages as the settings page shows
// them: every language with complete catalogs, ticked when enabled.
type languagesForm struct {
	Choices []languageSetting
	Default string
	Errors  formErrors
}

type languageSetting struct {
	Code    string
	Name    string // in the language itself ("Nederlands")
	Enabled bool
}

func (s *Server) languagesForm(r *http.Request, n berceau.NetworkLanguages) languagesForm {
	f := languagesForm{Default: n.Default()}
	for _, code := range s.app.Languages.Available() {
		f.Choices = append(f.Choices, languageSetting{Code: code, Name: s.i18n.Localizer(code).T("language.name"), Enabled: n.Has(code)})
	}
	return f
}

// handleAdminLanguagesSave saves the network's languages: the ticked ones,
// and the default among them.
func (s *Server) handleAdminLanguagesSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	enabled, def := r.PostForm["languages"], r.PostForm.Get("default")
	if err := s.app.Languages.Save(r.Context(), state(r).actor, enabled, def); err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		overview, oerr := s.app.Admin.NetworkOverview(r.Context())
		if oerr != nil {
			s.renderDomainError(w, r, oerr)
			return
		}
		p := &adminSettingsPage{Layout: s.newLayout(r, "admin", "admin.settings_title"), NetworkName: overview.Name,
			StaleMonths: strconv.Itoa(s.app.Directory.DirectoryStaleMonths(r.Context()))}
		p.Languages = s.languagesForm(r, state(r).langs)
		for i := range p.Languages.Choices { // as posted
			p.Languages.Choices[i].Enabled = contains(enabled, p.Languages.Choices[i].Code)
		}
		p.Languages.Default, p.Languages.Errors = def, fe
		s.render(w, r, statusForForm(err), "admin_settings", p)
		return
	}
	http.Redirect(w, r, "/admin/settings?done=languages", http.StatusSeeOther)
}
