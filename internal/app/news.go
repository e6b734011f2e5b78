package app

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// NewsService holds the use cases of news: editors write, schedule and
// publish articles for their organisation; readers see what their audience
// lets them; feeds and the newsletter carry public articles only.
type NewsService struct{ *App }

// newsPublisher is what an actor may publish for: every organisation (a
// network coordinator: knowledge.edit and directory moderation), the
// directory organisations they are editors (staff) of, or nothing.
type newsPublisher struct {
	all  bool
	orgs map[string]bool
}

func (p newsPublisher) any() bool              { return p.all || len(p.orgs) > 0 }
func (p newsPublisher) mayFor(org string) bool { return p.all || p.orgs[org] }

func newsPublisherOf(ctx context.Context, tx *store.Tx, actor berceau.Actor) (newsPublisher, error) {
	if actor.System || actor.Can(berceau.PermKnowledgeEdit) && actor.Can(berceau.PermDirectoryModerate) {
		return newsPublisher{all: true}, nil
	}
	if !actor.SignedIn() || actor.User.ID == 0 {
		return newsPublisher{}, nil
	}
	p := newsPublisher{orgs: map[string]bool{}}
	ids, err := tx.EditedOrganizations(ctx, actor.User.ID)
	for _, id := range ids {
		p.orgs[id] = true
	}
	return p, err
}

var errNotNewsEditor = berceau.Errorf(berceau.KindForbidden, "news.error.not_editor")

// newsPageSize is how many articles a page of the list shows.
const newsPageSize = 12

// NewsListQuery selects a page of the public list.
type NewsListQuery struct {
	CategorySlug string // "" for every category
	Page         int    // from 1
}

// NewsListPage is a page of articles with what it shows of each.
type NewsListPage struct {
	Items      []NewsCard
	Total      int
	Pages      int
	Category   *knowledge.NewsCategory
	Categories []knowledge.NewsCategory
}

// NewsCard is an article in a list, with its category and organisation.
type NewsCard struct {
	Item             knowledge.NewsItem
	Category         *knowledge.NewsCategory
	OrganizationName berceau.Text
}

// sees reports whether actor may read n at now: visible, and public or
// read by a member.
func newsSees(actor berceau.Actor, n knowledge.NewsItem, now time.Time) bool {
	return n.Visible(now) && (n.Audience == knowledge.AudiencePublic || actor.SignedIn())
}

// News lists the articles the actor may read, newest first.
func (s *NewsService) News(ctx context.Context, actor berceau.Actor, q NewsListQuery) (NewsListPage, error) {
	var out NewsListPage
	page := max(q.Page, 1)
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		cats, err := tx.NewsCategories(ctx)
		if err != nil {
			return err
		}
		out.Categories = cats
		sq := store.NewsQuery{VisibleOnly: true, Now: s.now(), Members: actor.SignedIn(), Limit: newsPageSize, Offset: (page - 1) * newsPageSize}
		if q.CategorySlug != "" {
			c, err := tx.NewsCategoryBySlug(ctx, q.CategorySlug)
			if err != nil {
				return err
			}
			out.Category, sq.CategoryID = &c, c.ID
		}
		items, total, err := tx.NewsList(ctx, sq)
		if err != nil {
			return err
		}
		out.Total, out.Pages = total, max(1, (total+newsPageSize-1)/newsPageSize)
		out.Items, err = newsCards(ctx, tx, items, cats)
		return err
	})
	return out, domainError(err)
}

func newsCards(ctx context.Context, tx *store.Tx, items []knowledge.NewsItem, cats []knowledge.NewsCategory) ([]NewsCard, error) {
	var orgIDs []string
	for _, n := range items {
		orgIDs = append(orgIDs, n.OrganizationID)
	}
	names, err := tx.OrganizerNames(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	cards := make([]NewsCard, len(items))
	for i, n := range items {
		cards[i] = NewsCard{Item: n, OrganizationName: names[n.OrganizationID]}
		for j := range cats {
			if cats[j].ID == n.CategoryID {
				cards[i].Category = &cats[j]
			}
		}
	}
	return cards, nil
}

// NewsDetail is an article's page.
type NewsDetail struct {
	NewsCard
	CanEdit   bool // the actor may change it
	Scheduled bool // published for a time still to come (editors only see it)
}

// NewsItem reads one article by its address word or id: readers see it
// once visible to their audience; its editors see drafts and scheduled
// ones too. Anything else is not found.
func (s *NewsService) NewsItem(ctx context.Context, actor berceau.Actor, ref string) (NewsDetail, error) {
	var d NewsDetail
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		n, err := newsByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		p, err := newsPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		d.CanEdit = actor.SignedIn() && p.mayFor(n.OrganizationID)
		if !d.CanEdit && !newsSees(actor, n, s.now()) {
			return berceau.Errorf(berceau.KindNotFound, "news.error.not_found")
		}
		d.Scheduled = n.Scheduled(s.now())
		cats, err := tx.NewsCategories(ctx)
		if err != nil {
			return err
		}
		cards, err := newsCards(ctx, tx, []knowledge.NewsItem{n}, cats)
		if err != nil {
			return err
		}
		d.NewsCard = cards[0]
		return nil
	})
	return d, domainError(err)
}

func newsByRef(ctx context.Context, tx *store.Tx, ref string) (knowledge.NewsItem, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		return tx.NewsItemByID(ctx, id)
	}
	if ref == "" || len(ref) > 80 {
		return knowledge.NewsItem{}, berceau.Errorf(berceau.KindNotFound, "news.error.not_found")
	}
	return tx.NewsItemBySlug(ctx, ref)
}

// NewsImage reads an article's picture for whoever may read the article.
func (s *NewsService) NewsImage(ctx context.Context, actor berceau.Actor, id int64) (knowledge.NewsImage, error) {
	var img knowledge.NewsImage
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		n, err := tx.NewsItemByID(ctx, id)
		if err != nil {
			return err
		}
		p, err := newsPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !(actor.SignedIn() && p.mayFor(n.OrganizationID)) && !newsSees(actor, n, s.now()) {
			return berceau.Errorf(berceau.KindNotFound, "news.error.not_found")
		}
		img, err = tx.NewsImageOf(ctx, id)
		return err
	})
	return img, domainError(err)
}

// NewsEditing is what an editor's pages offer: the articles they may
// change (drafts and scheduled ones too), the organisations they publish
// for, the categories.
type NewsEditing struct {
	Items         []NewsCard
	Organizations []NewsOrganization
	Categories    []knowledge.NewsCategory
	AllOrgs       bool // a network coordinator: also manages categories
}

// NewsOrganization is an organisation an editor may publish for.
type NewsOrganization struct {
	ID   string
	Name berceau.Text
}

// Editing lists what the actor may edit; a reader who publishes for no
// organisation is refused.
func (s *NewsService) Editing(ctx context.Context, actor berceau.Actor) (NewsEditing, error) {
	var out NewsEditing
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		p, err := newsPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !actor.SignedIn() || !p.any() {
			return errNotNewsEditor
		}
		out.AllOrgs = p.all
		q := store.NewsQuery{Limit: 200}
		var orgIDs []string
		if p.all {
			orgs, err := tx.DirectoryOrganizationNames(ctx)
			if err != nil {
				return err
			}
			for _, o := range orgs {
				out.Organizations = append(out.Organizations, NewsOrganization{ID: o.ID, Name: o.Name})
			}
		} else {
			for id := range p.orgs {
				orgIDs = append(orgIDs, id)
			}
			q.OrgIDs = orgIDs
			names, err := tx.OrganizerNames(ctx, orgIDs)
			if err != nil {
				return err
			}
			for _, id := range orgIDs {
				out.Organizations = append(out.Organizations, NewsOrganization{ID: id, Name: names[id]})
			}
		}
		if out.Categories, err = tx.NewsCategories(ctx); err != nil {
			return err
		}
		items, _, err := tx.NewsList(ctx, q)
		if err != nil {
			return err
		}
		out.Items, err = newsCards(ctx, tx, items, out.Categories)
		return err
	})
	return out, domainError(err)
}

// NewsUpload is a picture an editor sends with an article.
type NewsUpload struct {
	Content []byte
}

// NewsChange is what an editor submits: the article, and what becomes of
// its picture.
type NewsChange struct {
	Item        knowledge.NewsItem
	Image       *NewsUpload // a new picture, or nil
	RemoveImage bool
}

// SaveNews creates (Item.ID 0) or changes an article. The actor must
// publish for its organisation (and, for a change, for its former one);
// the change, and a publication, are audited in the transaction that
// writes them.
func (s *NewsService) SaveNews(ctx context.Context, actor berceau.Actor, c NewsChange) (knowledge.NewsItem, error) {
	n := c.Item
	n.Normalize()
	var img *knowledge.NewsImage
	if c.Image != nil {
		kind, err := knowledge.SniffNewsImage(c.Image.Content, http.DetectContentType)
		if err != nil {
			return n, err
		}
		img = &knowledge.NewsImage{ContentType: kind, Content: c.Image.Content}
	}
	action := "news.create"
	if n.ID != 0 {
		action = "news.update"
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		p, err := newsPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !actor.SignedIn() || !p.any() {
			return errNotNewsEditor
		}
		var old knowledge.NewsItem
		if n.ID != 0 {
			if old, err = tx.NewsItemByID(ctx, n.ID); err != nil {
				return err
			}
			if !p.mayFor(old.OrganizationID) {
				return errNotNewsEditor
			}
		}
		hasImage := img != nil || (old.ImageType != "" && !c.RemoveImage)
		if err := n.Validate(hasImage); err != nil {
			return err
		}
		if !p.mayFor(n.OrganizationID) {
			return errNotNewsEditor
		}
		if _, err := tx.DirectoryOrganizationByID(ctx, n.OrganizationID); err != nil {
			if berceau.IsNotFound(err) {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"organization": "news.error.organization_required"}}
			}
			return err
		}
		if n.CategoryID != 0 {
			if _, err := tx.NewsCategoryByID(ctx, n.CategoryID); err != nil {
				if berceau.IsNotFound(err) {
					return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"category": "news.error.category_not_found"}}
				}
				return err
			}
		}
		if n.Status == knowledge.NewsPublished && n.PublishedAt.IsZero() {
			n.PublishedAt = s.now() // published now unless a time was chosen
		}
		switch {
		case img != nil:
			n.ImageType = img.ContentType
		case c.RemoveImage || !hasImage:
			n.ImageType, n.ImageAlt = "", berceau.Text{}
		default:
			n.ImageType = old.ImageType
		}
		if n.ID == 0 {
			n.CreatedBy = actor.User.ID
			if n.Slug, err = tx.FreeSlug(ctx, "news_items", knowledge.Slugify(knowledge.FirstText(n.Title))); err != nil {
				return err
			}
			if err := tx.CreateNewsItem(ctx, &n); err != nil {
				return err
			}
		} else {
			n.Slug, n.CreatedBy, n.CreatedAt = old.Slug, old.CreatedBy, old.CreatedAt
			if err := tx.UpdateNewsItem(ctx, &n); err != nil {
				return err
			}
		}
		if img != nil {
			if err := tx.SetNewsImage(ctx, n.ID, *img); err != nil {
				return err
			}
		} else if n.ImageType == "" && old.ImageType != "" {
			if err := tx.RemoveNewsImage(ctx, n.ID); err != nil {
				return err
			}
		}
		if err := record(ctx, tx, actor, action, "news", n.ID, berceau.OutcomeSuccess, knowledge.FirstText(n.Title)); err != nil {
			return err
		}
		if n.Status == knowledge.NewsPublished && (old.Status != knowledge.NewsPublished || !old.PublishedAt.Equal(n.PublishedAt)) {
			return record(ctx, tx, actor, "news.publish", "news", n.ID, berceau.OutcomeSuccess, n.PublishedAt.Format(time.RFC3339))
		}
		return nil
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, action, "news", n.ID, berceau.OutcomeDenied, refusalKey(err))
	}
	return n, domainError(err)
}

// DeleteNews removes an article, audited.
func (s *NewsService) DeleteNews(ctx context.Context, actor berceau.Actor, id int64) error {
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		p, err := newsPublisherOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !actor.SignedIn() || !p.any() {
			return errNotNewsEditor
		}
		n, err := tx.NewsItemByID(ctx, id)
		if err != nil {
			return err
		}
		if !p.mayFor(n.OrganizationID) {
			return errNotNewsEditor
		}
		if err := tx.DeleteNewsItem(ctx, id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "news.delete", "news", id, berceau.OutcomeSuccess, knowledge.FirstText(n.Title))
	})
	if berceau.KindOf(err) == berceau.KindForbidden {
		s.recordAlone(ctx, actor, "news.delete", "news", id, berceau.OutcomeDenied, refusalKey(err))
	}
	return domainError(err)
}

// SaveCategory creates (ID 0) or renames a category: network coordinators only.
func (s *NewsService) SaveCategory(ctx context.Context, actor berceau.Actor, c knowledge.NewsCategory) (knowledge.NewsCategory, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	action := "news.category.create"
	if c.ID != 0 {
		action = "news.category.update"
	}
	err := s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: action, ObjectType: "news_category", ObjectID: c.ID},
		func(tx *store.Tx, t *auditTarget) error {
			p, err := newsPublisherOf(ctx, tx, actor)
			if err != nil {
				return err
			}
			if !p.all {
				return forbidden()
			}
			if c.ID == 0 {
				if c.Slug, err = tx.FreeSlug(ctx, "news_categories", knowledge.Slugify(knowledge.FirstText(c.Name))); err != nil {
					return err
				}
				if err := tx.CreateNewsCategory(ctx, &c); err != nil {
					return err
				}
			} else {
				old, err := tx.NewsCategoryByID(ctx, c.ID)
				if err != nil {
					return err
				}
				c.Slug = old.Slug
				if err := tx.UpdateNewsCategory(ctx, c); err != nil {
					return err
				}
			}
			t.ObjectID, t.Detail = c.ID, knowledge.FirstText(c.Name)
			return nil
		})
	return c, err
}

// Categories lists the news categories (public).
func (s *NewsService) Categories(ctx context.Context) ([]knowledge.NewsCategory, error) {
	var cats []knowledge.NewsCategory
	err := s.store.ReadTx(ctx, func(tx *store.Tx) (err error) {
		cats, err = tx.NewsCategories(ctx)
		return err
	})
	return cats, domainError(err)
}

// MayPublish reports whether the actor publishes news for some organisation
// (the list's "write" link).
func (s *NewsService) MayPublish(ctx context.Context, actor berceau.Actor) (bool, error) {
	if !actor.SignedIn() {
		return false, nil
	}
	var ok bool
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		p, err := newsPublisherOf(ctx, tx, actor)
		ok = p.any()
		return err
	})
	return ok, domainError(err)
}
