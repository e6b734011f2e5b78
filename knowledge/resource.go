package knowledge

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// The resource library: documents (PDF, office files, images) and links
// that the network's organisations publish for the public, for members, or
// for the staff of one organisation.

// ResourceKind says what sort of resource it is.
type ResourceKind string

// The kinds of resource.
const (
	ResourceGuide  ResourceKind = "guide"
	ResourceTool   ResourceKind = "tool"
	ResourceForm   ResourceKind = "form"
	ResourceReport ResourceKind = "report"
	ResourceVideo  ResourceKind = "video"
	ResourcePoster ResourceKind = "poster"
)

// ResourceKinds lists every kind, in the order the interface shows them.
var ResourceKinds = []ResourceKind{ResourceGuide, ResourceTool, ResourceForm, ResourceReport, ResourceVideo, ResourcePoster}

// Valid reports whether k is one of ResourceKinds.
func (k ResourceKind) Valid() bool {
	for _, known := range ResourceKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Licences are the licences a resource may carry, by code.
var Licences = []string{"cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-nd", "cc0", "all-rights-reserved"}

// ResourceLanguages are the languages a resource may be written in.
var ResourceLanguages = []string{"fr", "en", "nl"}

// Bounds of a resource's fields.
const (
	MaxResourceTitle   = 200
	MaxResourceSummary = 2000
	MaxChangeNote      = 500
	MaxFileName        = 200
	MaxResourceThemes  = 12
)

// Resource is one entry of the library: a document with its versions, or a
// link.
type Resource struct {
	ID      int64
	Kind    ResourceKind
	Title   berceau.Text
	Summary berceau.Text
	// Themes are codes of the directory's perinatal needs taxonomy.
	Themes []string
	// Languages are those the resource is written in.
	Languages []string
	Audience  Audience
	// AudienceOrganizationID is the directory organisation whose staff may
	// read it, for AudienceStaff.
	AudienceOrganizationID string
	// OrganizationID is the directory organisation that publishes it.
	OrganizationID string
	Licence        string
	// LinkURL is the address of a link; empty for a document.
	LinkURL   string
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// IsLink reports whether the resource is a link rather than a document.
func (r Resource) IsLink() bool { return r.LinkURL != "" }

// ResourceVersion is one uploaded file of a document. Every version stays
// downloadable; all but the newest are superseded.
type ResourceVersion struct {
	ID          int64
	ResourceID  int64
	Number      int
	FileName    string // the name the file was uploaded with, shown and offered on download
	ContentType string // the type checked against the content at upload
	Size        int64
	SHA256      string // the content's address in the files folder
	ChangeNote  string
	CreatedBy   int64
	CreatedAt   time.Time
	Superseded  bool
}

// Normalize trims what people type.
func (r *Resource) Normalize() {
	r.LinkURL = strings.TrimSpace(r.LinkURL)
	r.Licence = strings.TrimSpace(r.Licence)
	r.Themes = uniqueTrimmed(r.Themes)
	r.Languages = uniqueTrimmed(r.Languages)
	if r.Audience != AudienceStaff {
		r.AudienceOrganizationID = ""
	}
}

func uniqueTrimmed(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range list {
		v = strings.TrimSpace(v)
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// Validate checks a resource's own fields; that its themes and
// organisations exist is checked against the directory by the use case.
func (r Resource) Validate() error {
	fields := map[string]string{}
	if r.Title.Empty() {
		fields["title"] = "library.error.title_required"
	}
	for _, lang := range ResourceLanguages {
		if utf8.RuneCountInString(r.Title.Get(lang)) > MaxResourceTitle {
			fields["title"] = "library.error.title_long"
		}
		if utf8.RuneCountInString(r.Summary.Get(lang)) > MaxResourceSummary {
			fields["summary"] = "library.error.summary_long"
		}
	}
	if !r.Kind.Valid() {
		fields["kind"] = "library.error.kind_invalid"
	}
	if !r.Audience.Valid() {
		fields["audience"] = "library.error.audience_invalid"
	} else if r.Audience == AudienceStaff && r.AudienceOrganizationID == "" {
		fields["audience"] = "library.error.audience_organization"
	}
	if r.OrganizationID == "" {
		fields["organization"] = "library.error.organization_required"
	}
	if !slices.Contains(Licences, r.Licence) {
		fields["licence"] = "library.error.licence_invalid"
	}
	if len(r.Languages) == 0 {
		fields["languages"] = "library.error.language_required"
	}
	for _, l := range r.Languages {
		if !slices.Contains(ResourceLanguages, l) {
			fields["languages"] = "library.error.language_required"
		}
	}
	if len(r.Themes) > MaxResourceThemes {
		fields["themes"] = "library.error.theme_unknown"
	}
	if r.LinkURL != "" {
		u, err := url.Parse(r.LinkURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(r.LinkURL) > 2000 {
			fields["link"] = "library.error.link_invalid"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// LibraryReach says which resources a reader may see: public ones always;
// members' ones when Members; staff ones of the organisations in StaffOf;
// every resource when All (content editors); and whatever the
// organisations in Publishes publish (their editors).
type LibraryReach struct {
	All       bool
	Members   bool
	StaffOf   []string
	Publishes []string
}

// Sees reports whether the reach lets see r.
func (reach *LibraryReach) Sees(r *Resource) bool {
	switch {
	case reach.All || r.Audience == AudiencePublic || slices.Contains(reach.Publishes, r.OrganizationID):
		return true
	case r.Audience == AudienceMembers:
		return reach.Members
	}
	return slices.Contains(reach.StaffOf, r.AudienceOrganizationID)
}
