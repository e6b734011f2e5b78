package app

import (
	"context"
	"strconv"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// PortalService holds the use cases of the public portal: the network's
// editable pages (written by content editors, knowledge.edit), the home
// page and the search over every public source, and the sitemap.
type PortalService struct{ *App }

// PageLanguages are the languages a page is written in: the network's.
func PageLanguages() []string { return append([]string(nil), i18n.Languages...) }

// PageSave is what an editor saves: the page (ID 0 for a new one), the
// revision it was edited from (a conflict when someone saved meanwhile),
// a change note, and whether the save publishes the page.
type PageSave struct {
	Page    knowledge.Page
	BaseRev int
	Note    string
	Publish bool
}

// PageEditor is a page as its editors see it: the latest revision and the
// history, newest first.
type PageEditor struct {
	Page      knowledge.Page
	Revisions []knowledge.PageRevision
}

// Pages lists every page (drafts too) for the editors.
func (s *PortalService) Pages(ctx context.Context, actor berceau.Actor) ([]knowledge.Page, error) {
	var pages []knowledge.Page
	err := s.read(ctx, actor, berceau.PermKnowledgeEdit, nil, func(tx *store.Tx) (err error) {
		pages, err = tx.Pages(ctx)
		return err
	})
	return pages, err
}

// PageForEditing reads a page and its revisions for an editor.
func (s *PortalService) PageForEditing(ctx context.Context, actor berceau.Actor, id int64) (PageEditor, error) {
	var out PageEditor
	err := s.read(ctx, actor, berceau.PermKnowledgeEdit, nil, func(tx *store.Tx) (err error) {
		if out.Page, err = tx.PageByID(ctx, id); err != nil {
			return err
		}
		out.Revisions, err = tx.PageRevisions(ctx, id)
		return err
	})
	return out, err
}

// SavePage creates a page (Page.ID 0) or saves its next revision, published
// or as a draft (visitors keep reading the revision last published). Every
// save is audited: page.create, page.update, page.publish.
func (s *PortalService) SavePage(ctx context.Context, actor berceau.Actor, in PageSave) (knowledge.Page, error) {
	langs := PageLanguages()
	p := in.Page
	p.Normalize(langs)
	action := "page.update"
	if p.ID == 0 {
		action = "page.create"
	} else if in.Publish {
		action = "page.publish"
	}
	target := auditTarget{Action: action, ObjectType: "page", ObjectID: p.ID}
	if err := s.deny(ctx, actor, berceau.PermKnowledgeEdit, target); err != nil {
		return p, err
	}
	if err := p.Validate(langs, in.Note); err != nil {
		return p, err
	}
	rev := knowledge.PageRevision{Title: p.Title, Summary: p.Summary, Body: p.Body, Note: in.Note, Published: in.Publish,
		AuthorID: actor.User.ID}
	err := s.write(ctx, actor, berceau.PermKnowledgeEdit, target, func(tx *store.Tx, t *auditTarget) error {
		if p.ID == 0 {
			if err := tx.CreatePage(ctx, &p, rev); err != nil {
				return err
			}
			t.ObjectID, t.Detail = p.ID, p.Slug+" revision 1"
			if in.Publish {
				t.Detail += " published"
			}
			return nil
		}
		current, err := tx.PageByID(ctx, p.ID)
		if err != nil {
			return err
		}
		if in.BaseRev != current.Revision {
			return berceau.Errorf(berceau.KindConflict, "portal.error.changed_meanwhile")
		}
		p.Slug, p.Published, p.Revision = current.Slug, current.Published, current.Revision
		if err := tx.AddPageRevision(ctx, &p, rev); err != nil {
			return err
		}
		t.Detail = p.Slug + " revision " + strconv.Itoa(p.Revision)
		return nil
	})
	return p, err
}

// RestorePageRevision brings a page back to revision n: a new revision
// copying n's texts, published when the page is published (visitors read
// the restored texts at once), noted as restored from n.
func (s *PortalService) RestorePageRevision(ctx context.Context, actor berceau.Actor, id int64, n int) (knowledge.Page, error) {
	var p knowledge.Page
	err := s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "page.restore", ObjectType: "page", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			var err error
			if p, err = tx.PageByID(ctx, id); err != nil {
				return err
			}
			old, err := tx.PageRevision(ctx, id, n)
			if err != nil {
				return err
			}
			rev := knowledge.PageRevision{Title: old.Title, Summary: old.Summary, Body: old.Body, Published: p.Published != 0,
				AuthorID: actor.User.ID, RestoredFrom: n}
			if err := tx.AddPageRevision(ctx, &p, rev); err != nil {
				return err
			}
			t.Detail = p.Slug + " revision " + strconv.Itoa(p.Revision) + " restores " + strconv.Itoa(n)
			return nil
		})
	return p, err
}

// UnpublishPage takes a page off the portal; its revisions stay.
func (s *PortalService) UnpublishPage(ctx context.Context, actor berceau.Actor, id int64) error {
	return s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "page.unpublish", ObjectType: "page", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			p, err := tx.PageByID(ctx, id)
			if err != nil {
				return err
			}
			t.Detail = p.Slug
			return tx.SetPagePublished(ctx, id, 0)
		})
}

// DeletePage removes a page with its history.
func (s *PortalService) DeletePage(ctx context.Context, actor berceau.Actor, id int64) error {
	return s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "page.delete", ObjectType: "page", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			p, err := tx.PageByID(ctx, id)
			if err != nil {
				return err
			}
			t.Detail = p.Slug + " (" + strconv.Itoa(p.Revision) + " revisions)"
			return tx.DeletePage(ctx, id)
		})
}

// PublishedPage reads the page visitors read at /pages/{slug}: its
// published revision, or not found.
func (s *PortalService) PublishedPage(ctx context.Context, slug string) (knowledge.Page, error) {
	var p knowledge.Page
	if !knowledge.ValidSlug(slug) {
		return p, berceau.Errorf(berceau.KindNotFound, "portal.error.not_found")
	}
	err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.PublishedPageBySlug(ctx, slug)
		return err
	})
	return p, domainError(err)
}

// publishedPages lists the pages visitors read.
func (s *PortalService) publishedPages(ctx context.Context) ([]knowledge.Page, error) {
	var pages []knowledge.Page
	err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		pages, err = tx.PublishedPages(ctx)
		return err
	})
	return pages, domainError(err)
}
