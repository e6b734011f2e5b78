package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/care"
)

type thresholdRow struct {
	Size      int
	Threshold int
}

type adminThresholdsPage struct {
	Layout
	Label     string
	Own       bool
	Rows      []thresholdRow
	Year      string
	CSV       string
	ErrorLine int
	Errors    formErrors
	Notice    string
}

func (s *Server) adminThresholdsPage(r *http.Request) (*adminThresholdsPage, error) {
	t, own, err := s.app.Care.IncomeThresholds(r.Context(), state(r).actor)
	if err != nil {
		return nil, err
	}
	p := &adminThresholdsPage{Layout: s.newLayout(r, "admin", "thresholds.title"), Own: own}
	p.Label = p.ThresholdsLabel(t.Label)
	for size := 1; size <= t.Sizes(); size++ {
		v, _ := t.Threshold(size)
		p.Rows = append(p.Rows, thresholdRow{Size: size, Threshold: v})
	}
	return p, nil
}

// handleAdminThresholds shows the low-income thresholds screenings use, and
// the form to replace them with the region's table for a year.
func (s *Server) handleAdminThresholds(w http.ResponseWriter, r *http.Request) {
	p, err := s.adminThresholdsPage(r)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "replaced" {
		p.Notice = "thresholds.replaced"
	}
	s.render(w, r, http.StatusOK, "admin_thresholds", p)
}

func (s *Server) handleAdminThresholdsReplace(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	year, csv := strings.TrimSpace(r.PostForm.Get("year")), r.PostForm.Get("csv")
	var err error
	if n, yerr := strconv.Atoi(year); yerr != nil || n < 2000 || n > 2100 {
		err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"year": "thresholds.year_invalid"}}
	} else {
		label := strings.TrimSpace(r.PostForm.Get("label"))
		_, err = s.app.Care.ReplaceIncomeThresholds(r.Context(), state(r).actor, year+" — "+label, strings.NewReader(csv))
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.adminThresholdsPage(r)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		p.Year, p.CSV, p.Errors = year, csv, fe
		var te *care.ThresholdsError
		if errors.As(err, &te) {
			p.ErrorLine = te.Line
		}
		s.render(w, r, statusForForm(err), "admin_thresholds", p)
		return
	}
	http.Redirect(w, r, "/admin/thresholds?done=replaced", http.StatusSeeOther)
}
