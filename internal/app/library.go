package app

import (
	"context"
	"sort"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// LibraryService holds the use cases of the resource library (package
// knowledge): content editors (knowledge.edit) publish for any
// organisation of the directory, an organisation's editors for theirs;
// members read members' resources, the staff of an organisation (its
// editors) its own; anyone reads public ones. Every publication, change and
// deletion is audited.
type LibraryService struct{ *App }

// libraryPublisher is what an actor may publish for: every organisation
// (knowledge.edit), the directory organisations they edit, or nothing.
type libraryPublisher struct {
	all  bool
	orgs []string
}

func (p libraryPublisher) any() bool { return p.all || len(p.orgs) > 0 }

func (p libraryPublisher) may(organizationID string) bool {
	if p.all {
		return true
	}
	for _, id := range p.orgs {
		if id == organizationID {
			return true
		}
	}
	return false
}

func libraryPublisherOf(ctx context.Context, tx *store.Tx, actor berceau.Actor) (libraryPublisher, error) {
	if actor.Can(berceau.PermKnowledgeEdit) {
		return libraryPublisher{all: true}, nil
	}
	if !actor.SignedIn() || actor.User.ID == 0 {
		return libraryPublisher{}, nil
	}
	orgs, err := tx.EditedOrganizations(ctx, actor.User.ID)
	return libraryPublisher{orgs: orgs}, err
}

// libraryReachOf is what an actor may read: public resources; members'
// ones once signed in; an organisation's own when they edit it; all of
// them with knowledge.edit.
func libraryReachOf(ctx context.Context, tx *store.Tx, actor berceau.Actor) (knowledge.LibraryReach, error) {
	if !actor.SignedIn() {
		return knowledge.LibraryReach{}, nil
	}
	if actor.Can(berceau.PermKnowledgeEdit) {
		return knowledge.LibraryReach{All: true}, nil
	}
	reach := knowledge.LibraryReach{Members: true}
	if actor.User.ID != 0 {
		orgs, err := tx.EditedOrganizations(ctx, actor.User.ID)
		if err != nil {
			return reach, err
		}
		reach.StaffOf, reach.Publishes = orgs, orgs
	}
	return reach, nil
}

var (
	errNotPublisher    = berceau.Errorf(berceau.KindForbidden, "library.error.not_publisher")
	errResourceMissing = berceau.Errorf(berceau.KindNotFound, "library.error.not_found")
)

// checkResource verifies what only the directory knows: the themes are
// terms of its perinatal needs taxonomy, the organisations exist.
func checkResource(ctx context.Context, tx *store.Tx, r knowledge.Resource) error {
	fields := map[string]string{}
	for _, code := range r.Themes {
		if _, ok := directory.NeedByCode(code); !ok {
			fields["themes"] = "library.error.theme_unknown"
		}
	}
	for field, id := range map[string]string{"organization": r.OrganizationID, "audience": r.AudienceOrganizationID} {
		if id == "" {
			continue
		}
		if _, err := tx.DirectoryOrganizationByID(ctx, id); err != nil {
			if !berceau.IsNotFound(err) {
				return err
			}
			fields[field] = "library.error.organization_unknown"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// refusal audits a refused change on its own (the change's transaction
// rolled back with its entry) and turns err into a domain error.
func (s *LibraryService) refusal(ctx context.Context, actor berceau.Actor, action string, id int64, err error) error {
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, action, "resource", id, berceau.OutcomeDenied, refusalKey(err))
	}
	return domainError(err)
}

// MaxFileBytes is the bound of one uploaded file.
func (s *LibraryService) MaxFileBytes() int64 {
	if s.opts.LibraryMaxFileBytes > 0 {
		return s.opts.LibraryMaxFileBytes
	}
	return DefaultLibraryMaxFileBytes
}

// storeFile checks an upload, puts its content in the files folder and
// returns the version that will name it, with the words of its text. It
// runs before the transaction: a file stored for a publication that is
// then refused stays unreferenced, harmless under its content's name.
func (s *LibraryService) storeFile(u LibraryUpload, note string) (knowledge.ResourceVersion, string, error) {
	name, contentType, err := checkUpload(u, s.MaxFileBytes())
	if err != nil {
		return knowledge.ResourceVersion{}, "", err
	}
	if len([]rune(note)) > knowledge.MaxChangeNote {
		return knowledge.ResourceVersion{}, "", &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid",
			Fields: map[string]string{"note": "library.error.note_long"}}
	}
	files, err := s.store.Files()
	if err != nil {
		return knowledge.ResourceVersion{}, "", err
	}
	hash, err := files.Put(u.Content)
	if err != nil {
		return knowledge.ResourceVersion{}, "", err
	}
	v := knowledge.ResourceVersion{FileName: name, ContentType: contentType, Size: int64(len(u.Content)), SHA256: hash, ChangeNote: note}
	return v, fileWords(contentType, u.Content), nil
}

// Publish adds a resource to the library: a link (r.LinkURL), or a
// document whose first version is file. The actor must publish for its
// organisation.
func (s *LibraryService) Publish(ctx context.Context, actor berceau.Actor, r knowledge.Resource, file *LibraryUpload) (knowledge.Resource, error) {
	r.Normalize()
	r.ID, r.CreatedBy = 0, actor.User.ID
	if err := r.Validate(); err != nil {
		return r, err
	}
	if (file == nil) == (r.LinkURL == "") {
		return r, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"file": "library.error.file_or_link"}}
	}
	// Who may publish is checked before the file is read, and again in the
	// transaction that publishes.
	if err := s.mayPublishFor(ctx, actor, r.OrganizationID); err != nil {
		return r, s.refusal(ctx, actor, "library.publish", 0, err)
	}
	var version knowledge.ResourceVersion
	var words string
	if file != nil {
		var err error
		if version, words, err = s.storeFile(*file, ""); err != nil {
			return r, err
		}
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		p, err := libraryPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !p.may(r.OrganizationID) {
			return errNotPublisher
		}
		if err := checkResource(ctx, tx, r); err != nil {
			return err
		}
		if err := tx.CreateResource(ctx, &r); err != nil {
			return err
		}
		detail := r.Title.String() + " (" + string(r.Audience) + ")"
		if file != nil {
			version.ResourceID, version.CreatedBy = r.ID, actor.User.ID
			if err := tx.AddResourceVersion(ctx, &version, words); err != nil {
				return err
			}
			detail += " " + version.FileName + " " + version.SHA256
		}
		return record(ctx, tx, actor, "library.publish", "resource", r.ID, berceau.OutcomeSuccess, detail)
	})
	return r, s.refusal(ctx, actor, "library.publish", r.ID, err)
}

func (s *LibraryService) mayPublishFor(ctx context.Context, actor berceau.Actor, organizationID string) error {
	return s.store.ReadTx(ctx, func(tx *store.Tx) error {
		p, err := libraryPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !p.may(organizationID) {
			return errNotPublisher
		}
		return nil
	})
}

// editable reads a resource for a change: the actor must publish for its
// organisation (checked before it is read, so that others learn nothing
// of it).
func editable(ctx context.Context, tx *store.Tx, actor berceau.Actor, id int64) (knowledge.Resource, libraryPublisher, error) {
	p, err := libraryPublisherOf(ctx, tx, actor)
	if err != nil {
		return knowledge.Resource{}, p, err
	}
	if !p.any() {
		return knowledge.Resource{}, p, errNotPublisher
	}
	r, err := tx.ResourceByID(ctx, id)
	if err != nil {
		return r, p, err
	}
	if !p.may(r.OrganizationID) {
		return r, p, errNotPublisher
	}
	return r, p, nil
}

// Update changes a resource's description: texts, kind, themes,
// audience, organisation, licence, link. Its files change by AddVersion.
func (s *LibraryService) Update(ctx context.Context, actor berceau.Actor, r knowledge.Resource) (knowledge.Resource, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		old, p, err := editable(ctx, tx, actor, r.ID)
		if err != nil {
			return err
		}
		if !p.may(r.OrganizationID) {
			return errNotPublisher
		}
		if old.IsLink() != (r.LinkURL != "") {
			return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"link": "library.error.link_kind"}}
		}
		if err := checkResource(ctx, tx, r); err != nil {
			return err
		}
		r.CreatedBy, r.CreatedAt = old.CreatedBy, old.CreatedAt
		if err := tx.UpdateResource(ctx, &r); err != nil {
			return err
		}
		return record(ctx, tx, actor, "library.update", "resource", r.ID, berceau.OutcomeSuccess,
			r.Title.String()+" ("+string(old.Audience)+" → "+string(r.Audience)+")")
	})
	return r, s.refusal(ctx, actor, "library.update", r.ID, err)
}

// AddVersion uploads a new file of a document, with a note of what
// changed; the versions before it stay downloadable, superseded.
func (s *LibraryService) AddVersion(ctx context.Context, actor berceau.Actor, resourceID int64, file LibraryUpload, note string) (knowledge.ResourceVersion, error) {
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		r, _, err := editable(ctx, tx, actor, resourceID)
		if err == nil && r.IsLink() {
			err = &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"file": "library.error.link_has_no_file"}}
		}
		return err
	})
	if err != nil {
		return knowledge.ResourceVersion{}, s.refusal(ctx, actor, "library.version", resourceID, err)
	}
	v, words, err := s.storeFile(file, note)
	if err != nil {
		return v, err
	}
	err = s.store.WriteTx(ctx, func(tx *store.Tx) error {
		r, _, err := editable(ctx, tx, actor, resourceID)
		if err != nil {
			return err
		}
		v.ResourceID, v.CreatedBy = r.ID, actor.User.ID
		if err := tx.AddResourceVersion(ctx, &v, words); err != nil {
			return err
		}
		return record(ctx, tx, actor, "library.version", "resource", r.ID, berceau.OutcomeSuccess,
			"v"+strconv.Itoa(v.Number)+" "+v.FileName+" "+v.SHA256)
	})
	return v, s.refusal(ctx, actor, "library.version", resourceID, err)
}

// Delete removes a resource and its versions; their files leave the files
// folder unless another resource holds the same content.
func (s *LibraryService) Delete(ctx context.Context, actor berceau.Actor, id int64) error {
	var hashes []string
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		r, _, err := editable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if hashes, err = tx.DeleteResource(ctx, id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "library.delete", "resource", id, berceau.OutcomeSuccess, r.Title.String())
	})
	if err != nil {
		return s.refusal(ctx, actor, "library.delete", id, err)
	}
	s.removeUnreferenced(ctx, hashes)
	return nil
}

// removeUnreferenced removes the files no version names any more. A
// failure leaves a file behind, which is logged, not an error: the
// deletion itself is done.
func (s *LibraryService) removeUnreferenced(ctx context.Context, hashes []string) {
	files, err := s.store.Files()
	if err != nil {
		s.log.Warn("library files folder", "error", err)
		return
	}
	for _, h := range hashes {
		var used bool
		err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) { used, err = tx.FileReferenced(ctx, h); return err })
		if err == nil && !used {
			err = files.Remove(h)
		}
		if err != nil {
			s.log.Warn("library file not removed", "sha256", h, "error", err)
		}
	}
}

// ResourceDetail is a resource as its page shows it.
type ResourceDetail struct {
	Resource         knowledge.Resource
	Versions         []knowledge.ResourceVersion // newest first
	Organization     berceau.Text
	AudienceOrg      berceau.Text
	CanEdit          bool
	ThemeNames       []berceau.Text
	CurrentFileBytes int64
}

// Resource reads a resource the actor may see, with its versions; "not
// found" for one they may not.
func (s *LibraryService) Resource(ctx context.Context, actor berceau.Actor, id int64) (ResourceDetail, error) {
	var d ResourceDetail
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		reach, err := libraryReachOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		r, err := tx.ResourceByID(ctx, id)
		if err != nil {
			return err
		}
		if !reach.Sees(&r) {
			return errResourceMissing
		}
		d.Resource = r
		if d.Versions, err = tx.ResourceVersions(ctx, id); err != nil {
			return err
		}
		if len(d.Versions) > 0 {
			d.CurrentFileBytes = d.Versions[0].Size
		}
		names, err := tx.OrganizationNames(ctx, []string{r.OrganizationID, r.AudienceOrganizationID})
		if err != nil {
			return err
		}
		d.Organization, d.AudienceOrg = names[r.OrganizationID], names[r.AudienceOrganizationID]
		for _, code := range r.Themes {
			if term, ok := directory.NeedByCode(code); ok {
				d.ThemeNames = append(d.ThemeNames, term.Name)
			}
		}
		p, err := libraryPublisherOf(ctx, tx, actor)
		d.CanEdit = p.may(r.OrganizationID)
		return err
	})
	return d, domainError(err)
}

// LibraryFile is one version's file, open for reading; the caller closes
// Content.
type LibraryFile struct {
	Version knowledge.ResourceVersion
	Content interface {
		Read([]byte) (int, error)
		Seek(int64, int) (int64, error)
		Close() error
	}
}

// File opens a version of a document the actor may see: "not found" for a
// resource out of their reach, never its file.
func (s *LibraryService) File(ctx context.Context, actor berceau.Actor, resourceID int64, number int) (LibraryFile, error) {
	var f LibraryFile
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		reach, err := libraryReachOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		r, err := tx.ResourceByID(ctx, resourceID)
		if err != nil {
			return err
		}
		if !reach.Sees(&r) {
			return errResourceMissing
		}
		f.Version, err = tx.ResourceVersion(ctx, resourceID, number)
		return err
	})
	if err != nil {
		return f, domainError(err)
	}
	files, err := s.store.Files()
	if err != nil {
		return f, domainError(err)
	}
	content, err := files.Open(f.Version.SHA256)
	if err != nil {
		s.log.Error("library file missing from the files folder", "sha256", f.Version.SHA256, "error", err)
		return f, berceau.Errorf(berceau.KindNotFound, "library.error.file_missing")
	}
	f.Content = content
	return f, nil
}

// LibraryFormChoices are what the publication form offers: the
// organisations the actor publishes for, every organisation (for an
// audience of one organisation's staff) and the themes.
type LibraryFormChoices struct {
	Publishers    []directory.DirectoryOrganization
	Organizations []directory.DirectoryOrganization
	Themes        []directory.TaxonomyTerm
}

// FormChoices reads the publication form's choices; refused to whoever
// publishes for no organisation.
func (s *LibraryService) FormChoices(ctx context.Context, actor berceau.Actor) (LibraryFormChoices, error) {
	c := LibraryFormChoices{Themes: directory.PerinatalNeeds}
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		p, err := libraryPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !p.any() {
			return errNotPublisher
		}
		if c.Organizations, _, err = tx.DirectoryOrganizations(ctx, store.DirectoryPage{Limit: maxChoices}); err != nil {
			return err
		}
		sort.Slice(c.Organizations, func(i, j int) bool { return c.Organizations[i].Name.String() < c.Organizations[j].Name.String() })
		for _, o := range c.Organizations {
			if p.may(o.ID) {
				c.Publishers = append(c.Publishers, o)
			}
		}
		return nil
	})
	return c, s.refusal(ctx, actor, "library.form", 0, err)
}

// MayPublish reports whether the actor publishes for some organisation:
// the library's pages then offer the publication form.
func (s *LibraryService) MayPublish(ctx context.Context, actor berceau.Actor) (bool, error) {
	if !actor.SignedIn() {
		return false, nil
	}
	var may bool
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		p, err := libraryPublisherOf(ctx, tx, actor)
		may = p.any()
		return err
	})
	return may, domainError(err)
}
