package web

import (
	"encoding/csv"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/app"
	"github.com/berceau/berceau/internal/pdfdoc"
	"github.com/berceau/berceau/training"
)

// The learning record: a professional's hours ledger (their own page and
// its CSV and PDF exports, their external trainings, their certificates);
// the coordinator's view of their sites' people with the declarations to
// decide; the network administrator's hours by discipline and site.

// yearOf reads ?year= (empty: every year); ok is false when it is not a
// plausible year.
func yearOf(r *http.Request) (int, bool) {
	v := r.URL.Query().Get("year")
	if v == "" {
		return 0, true
	}
	y, err := strconv.Atoi(v)
	return y, err == nil && y >= 1990 && y <= 2200
}

type ledgerRow struct {
	training.Entry
	Title       localText
	Certificate *training.Certificate
}

type learningRecordPage struct {
	Layout
	Record       app.LearningRecord
	Rows         []ledgerRow
	Years        []int
	YearTotals   []training.YearTotal
	Categories   []training.Category
	ByCategory   map[training.Category]int
	Total        int
	Self         bool   // the person's own page: exports, declaring, certificates
	Base         string // the page's path, for the year links
	ExportSuffix string // "?year=2026" or ""
	Notice       string
	CertList     certificateList
}

func (s *Server) learningRecordPage(r *http.Request, rec app.LearningRecord, self bool, base string) *learningRecordPage {
	p := &learningRecordPage{Layout: s.newLayout(r, "learning", "training.record_title"), Record: rec, Self: self, Base: base,
		Categories: training.Categories}
	if !self {
		p.PageTitle = p.T("training.record_of", "Name", rec.Person.Name)
	}
	shown := rec.Shown()
	for _, e := range shown.Entries {
		p.Rows = append(p.Rows, ledgerRow{Entry: e, Title: p.local(e.Title), Certificate: rec.CertificateFor(e)})
	}
	p.Years, p.YearTotals = rec.Ledger.Years(), rec.Ledger.ByYear()
	p.ByCategory, p.Total = shown.ByCategory(), shown.Minutes()
	if rec.Year != 0 {
		p.ExportSuffix = "?year=" + strconv.Itoa(rec.Year)
	}
	p.CertList = certificateList{L: &p.Layout, Items: rec.Certificates, Back: base, Revoke: rec.Reviewer}
	return p
}

// handleMyLearningRecord shows the person's own record, for a year or all.
func (s *Server) handleMyLearningRecord(w http.ResponseWriter, r *http.Request) {
	year, ok := yearOf(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	rec, err := s.app.Trainings.MyLearningRecord(r.Context(), state(r).actor, year, state(r).lang)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := s.learningRecordPage(r, rec, true, "/me/learning-record")
	if d := r.URL.Query().Get("done"); d == "declared" {
		p.Notice = "training.notice_" + d
	}
	s.render(w, r, http.StatusOK, "learning_record", p)
}

// handlePersonLearningRecord shows a person's record to a coordinator of
// their site.
func (s *Server) handlePersonLearningRecord(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	year, yearOK := yearOf(r)
	if !ok || !yearOK {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	rec, err := s.app.Trainings.PersonLearningRecord(r.Context(), state(r).actor, id, year, state(r).lang)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := s.learningRecordPage(r, rec, false, "/learning-records/people/"+strconv.FormatInt(id, 10))
	if d := r.URL.Query().Get("done"); d == "revoked" || d == "approved" || d == "refused" {
		p.Notice = "training.notice_" + d
	}
	s.render(w, r, http.StatusOK, "learning_record", p)
}

// handleMyLearningRecordCSV exports the person's record, one line per
// ledger entry, headers in their language, hours with a decimal point.
func (s *Server) handleMyLearningRecordCSV(w http.ResponseWriter, r *http.Request) {
	year, ok := yearOf(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	rec, err := s.app.Trainings.MyLearningRecord(r.Context(), state(r).actor, year, state(r).lang)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	l := s.newLayout(r, "learning", "training.record_title")
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": recordFilename(rec, "csv")}))
	w.Header().Set("Cache-Control", "private, no-store")
	writeLearningRecordCSV(w, &l, rec)
}

func recordFilename(rec app.LearningRecord, ext string) string {
	name := "learning-record"
	if rec.Year != 0 {
		name += "-" + strconv.Itoa(rec.Year)
	}
	return name + "." + ext
}

func writeLearningRecordCSV(out io.Writer, l *Layout, rec app.LearningRecord) {
	cw := csv.NewWriter(out)
	_ = cw.Write([]string{l.T("training.csv.date"), l.T("training.csv.category"), l.T("training.csv.title"), l.T("training.csv.provider"),
		l.T("training.csv.hours"), l.T("training.csv.discipline")})
	for _, e := range rec.Shown().Entries {
		title, _ := e.Title.In(l.Lang)
		_ = cw.Write([]string{e.On.Format("2006-01-02"), l.T("training.category_" + string(e.Category)), csvSafe(title), csvSafe(e.Provider),
			strconv.FormatFloat(e.Hours(), 'f', 2, 64), l.disciplineName(rec.Person.Discipline)})
	}
	cw.Flush()
}

func (l *Layout) disciplineName(d berceau.Discipline) string {
	if d == "" {
		return ""
	}
	return l.T("discipline." + string(d))
}

// handleMyLearningRecordPDF prints the person's record for their
// professional order: their name and discipline, the totals by year and
// category, then every line.
func (s *Server) handleMyLearningRecordPDF(w http.ResponseWriter, r *http.Request) {
	year, ok := yearOf(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	rec, err := s.app.Trainings.MyLearningRecord(r.Context(), state(r).actor, year, state(r).lang)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	l := s.newLayout(r, "learning", "training.record_title")
	out, err := learningRecordPDF(&l, rec, s.app.Now())
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": recordFilename(rec, "pdf")}))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(out)
}

func learningRecordPDF(l *Layout, rec app.LearningRecord, now time.Time) ([]byte, error) {
	d := pdfdoc.New(l.T("training.record_title")+" — "+rec.Person.Name, l.T("app.name"), l.Lang)
	d.Title(l.T("training.record_title"))
	d.Field(l.T("training.pdf.name"), rec.Person.Name)
	if rec.Person.Discipline != "" {
		d.Field(l.T("training.pdf.discipline"), l.disciplineName(rec.Person.Discipline))
	}
	period := l.T("training.all_years")
	if rec.Year != 0 {
		period = strconv.Itoa(rec.Year)
	}
	d.Field(l.T("training.pdf.period"), period)
	shown := rec.Shown()
	d.Field(l.T("training.pdf.total"), l.T("training.hours_value", "Hours", l.Hours(shown.Minutes())))
	d.Heading(l.T("training.by_year"))
	var years [][]string
	for _, y := range rec.Ledger.ByYear() {
		if rec.Year != 0 && y.Year != rec.Year {
			continue
		}
		row := []string{strconv.Itoa(y.Year)}
		for _, c := range training.Categories {
			row = append(row, l.Hours(y.ByCategory[c]))
		}
		years = append(years, append(row, l.Hours(y.Minutes)))
	}
	header := []string{l.T("training.col.year")}
	for _, c := range training.Categories {
		header = append(header, l.T("training.category_"+string(c)))
	}
	d.Table(append(header, l.T("training.col.total")), years, []float64{25, 40, 40, 40, 25}, []bool{false, true, true, true, true})
	d.Heading(l.T("training.entries"))
	var rows [][]string
	for _, e := range shown.Entries {
		title, _ := e.Title.In(l.Lang)
		rows = append(rows, []string{l.Day(e.On), l.T("training.category_" + string(e.Category)), truncateRunes(title, 48), l.Hours(e.Minutes)})
	}
	if len(rows) == 0 {
		d.Paragraph(l.T("training.record_empty"))
	} else {
		d.Table([]string{l.T("training.col.date"), l.T("training.col.category"), l.T("training.col.title"), l.T("training.col.hours")},
			rows, []float64{25, 32, 98, 15}, []bool{false, false, false, true})
	}
	d.Small(l.T("training.pdf.printed", "Date", l.Day(now)))
	return d.Bytes()
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// declarationForm is an external training as its form holds it.
type declarationForm struct {
	Title, Provider, Date, Hours string
}

type declarationPage struct {
	Layout
	Form      declarationForm
	Errors    formErrors
	MaxSizeMB int
}

func (s *Server) handleDeclarationNew(w http.ResponseWriter, r *http.Request) {
	p := &declarationPage{Layout: s.newLayout(r, "learning", "training.declare_title"), MaxSizeMB: training.MaxProofSize >> 20}
	s.render(w, r, http.StatusOK, "learning_declaration", p)
}

// handleDeclarationCreate records an external training with its proof.
func (s *Server) handleDeclarationCreate(w http.ResponseWriter, r *http.Request) {
	v := r.PostForm
	form := declarationForm{Title: v.Get("title"), Provider: v.Get("provider"), Date: v.Get("date"), Hours: v.Get("hours")}
	d := training.Declaration{Title: form.Title, Provider: form.Provider}
	bad := map[string]string{}
	if on, err := time.Parse("2006-01-02", form.Date); err == nil {
		d.On = on
	} else {
		bad["date"] = "training.error.date_invalid"
	}
	if h, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(form.Hours), ",", "."), 64); err == nil && h > 0 && h <= float64(training.MaxDeclaredMinutes)/60 {
		d.Minutes = int(h*60 + 0.5)
	} else {
		bad["hours"] = "training.error.hours_invalid"
	}
	proofName, proof, err := formFile(r, "proof", training.MaxProofSize)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	d.ProofName = proofName
	if len(bad) > 0 {
		d.Normalize()
		d.ProofSize, d.ProofType = len(proof), http.DetectContentType(proof)
		err = withFieldErrors(bad, d.Validate(s.app.Now()))
	} else {
		_, err = s.app.Trainings.DeclareExternal(r.Context(), state(r).actor, d, proof)
	}
	if err != nil {
		fe, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p := &declarationPage{Layout: s.newLayout(r, "learning", "training.declare_title"), Form: form, Errors: fe, MaxSizeMB: training.MaxProofSize >> 20}
		s.render(w, r, statusForForm(err), "learning_declaration", p)
		return
	}
	http.Redirect(w, r, "/me/learning-record?done=declared#declarations", http.StatusSeeOther)
}

// handleDeclarationProof gives a declaration's proof to its declarant or
// their coordinator, as a download that never renders in the site's origin.
func (s *Server) handleDeclarationProof(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	proof, err := s.app.Trainings.DeclarationProof(r.Context(), state(r).actor, id)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", proof.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": proof.Name}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(proof.Content)
}

// handleIssueCertificate gives the person the certificate of one line of
// their ledger and sends them to its PDF.
func (s *Server) handleIssueCertificate(w http.ResponseWriter, r *http.Request) {
	trainingID, _ := strconv.ParseInt(r.PostFormValue("training"), 10, 64)
	eventID, _ := strconv.ParseInt(r.PostFormValue("event"), 10, 64)
	c, err := s.app.Trainings.IssueCertificate(r.Context(), state(r).actor, max(trainingID, 0), max(eventID, 0))
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	http.Redirect(w, r, "/certificates/"+strconv.FormatInt(c.ID, 10)+"/pdf", http.StatusSeeOther)
}

type siteRecordsPage struct {
	Layout
	Records    app.SiteRecords
	Years      []int
	Categories []training.Category
	ByDisc     []choice
	Errors     formErrors
	ErrorFor   int64
	Notice     string
}

func (s *Server) siteRecordsPage(w http.ResponseWriter, r *http.Request) (*siteRecordsPage, bool) {
	year, ok := yearOf(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return nil, false
	}
	if r.URL.Query().Get("year") == "" {
		year = s.app.Now().Year()
	}
	recs, err := s.app.Trainings.SiteLearningRecords(r.Context(), state(r).actor, year, state(r).lang)
	if err != nil {
		s.renderDomainError(w, r, err)
		return nil, false
	}
	p := &siteRecordsPage{Layout: s.newLayout(r, "learning", "training.site_title"), Records: recs, Categories: training.Categories}
	for y := s.app.Now().Year(); y >= s.app.Now().Year()-5; y-- {
		p.Years = append(p.Years, y)
	}
	for _, d := range append(append([]berceau.Discipline(nil), berceau.Disciplines...), "") {
		if m, ok := recs.ByDiscipline[d]; ok {
			name := p.disciplineName(d)
			if name == "" {
				name = p.T("training.no_discipline")
			}
			p.ByDisc = append(p.ByDisc, choice{name, p.Hours(m)})
		}
	}
	return p, true
}

// handleSiteLearningRecords shows a coordinator their sites' people with
// their hours of a year and the declarations to decide.
func (s *Server) handleSiteLearningRecords(w http.ResponseWriter, r *http.Request) {
	p, ok := s.siteRecordsPage(w, r)
	if !ok {
		return
	}
	if d := r.URL.Query().Get("done"); d == "approved" || d == "refused" {
		p.Notice = "training.notice_" + d
	}
	s.render(w, r, http.StatusOK, "learning_records_site", p)
}

// handleDeclarationDecide approves or refuses a declaration.
func (s *Server) handleDeclarationDecide(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	approve, refuse := r.PostForm.Has("approve"), r.PostForm.Has("refuse")
	if approve == refuse {
		s.renderFieldError(w, r, http.StatusBadRequest, "training.error.decision_invalid", "decision")
		return
	}
	err := s.app.Trainings.DecideDeclaration(r.Context(), state(r).actor, id, approve, r.PostFormValue("reason"))
	if err != nil {
		fe, isForm := formErrorsFrom(err)
		if !isForm {
			s.renderDomainError(w, r, err)
			return
		}
		p, ok := s.siteRecordsPage(w, r)
		if !ok {
			return
		}
		p.Errors, p.ErrorFor = fe, id
		s.render(w, r, statusForForm(err), "learning_records_site", p)
		return
	}
	http.Redirect(w, r, "/learning-records?done="+map[bool]string{true: "approved", false: "refused"}[approve], http.StatusSeeOther)
}

type networkRecordsPage struct {
	Layout
	Records app.NetworkRecords
	Years   []int
	Max     int // the largest site total, for the bars
}

// handleNetworkLearningRecords shows the network's hours by discipline and
// site, as bars and their data table.
func (s *Server) handleNetworkLearningRecords(w http.ResponseWriter, r *http.Request) {
	year, ok := yearOf(r)
	if !ok {
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if r.URL.Query().Get("year") == "" {
		year = s.app.Now().Year()
	}
	recs, err := s.app.Trainings.NetworkLearningRecords(r.Context(), state(r).actor, year)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &networkRecordsPage{Layout: s.newLayout(r, "learning", "training.network_title"), Records: recs}
	for y := s.app.Now().Year(); y >= s.app.Now().Year()-5; y-- {
		p.Years = append(p.Years, y)
	}
	for _, c := range recs.Disciplines {
		p.Max = max(p.Max, c.Minutes)
	}
	s.render(w, r, http.StatusOK, "learning_records_network", p)
}

// BarWidth is a bar's width in percent of the largest.
func (p *networkRecordsPage) BarWidth(minutes int) int {
	if p.Max == 0 || minutes == 0 {
		return 0
	}
	return max(1, minutes*100/p.Max)
}

// SiteLabel names a site, or says there is none.
func (l *Layout) SiteLabel(name string) string {
	if name == "" {
		return l.T("training.no_site")
	}
	return name
}

// DisciplineLabel names a discipline, or says there is none.
func (l *Layout) DisciplineLabel(d berceau.Discipline) string {
	if d == "" {
		return l.T("training.no_discipline")
	}
	return l.T("discipline." + string(d))
}
