package app

import (
	"context"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// Public news: the feeds and the portal's source. Only articles published
// for everyone, whose publication time has come, ever leave here.

// newsFeedSize is how many articles a feed carries.
const newsFeedSize = 30

// NewsFeed is what a feed lists.
type NewsFeed struct {
	Items    []NewsCard
	Category *knowledge.NewsCategory
}

// Feed lists the public articles written in lang (a title in that
// language), newest first, of one category when categorySlug is set.
func (s *NewsService) Feed(ctx context.Context, lang, categorySlug string) (NewsFeed, error) {
	var out NewsFeed
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		q := store.NewsQuery{VisibleOnly: true, Now: s.now(), Limit: 4 * newsFeedSize}
		if categorySlug != "" {
			c, err := tx.NewsCategoryBySlug(ctx, categorySlug)
			if err != nil {
				return err
			}
			out.Category, q.CategoryID = &c, c.ID
		}
		items, _, err := tx.NewsList(ctx, q)
		if err != nil {
			return err
		}
		var inLang []knowledge.NewsItem
		for _, n := range items {
			if n.Title.Get(lang) != "" && len(inLang) < newsFeedSize {
				inLang = append(inLang, n)
			}
		}
		cats, err := tx.NewsCategories(ctx)
		if err != nil {
			return err
		}
		out.Items, err = newsCards(ctx, tx, inLang, cats)
		return err
	})
	return out, domainError(err)
}

// PublicKind names the news source's hits.
func (s *NewsService) PublicKind() string { return "news" }

// publicNewsScan bounds how many public articles a search reads.
const publicNewsScan = 500

// SearchPublic finds public articles whose title, summary or text holds
// every word asked, newest first.
func (s *NewsService) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	words := berceau.QueryWords(q.Words)
	var hits []PublicHit
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		items, _, err := tx.NewsList(ctx, store.NewsQuery{VisibleOnly: true, Now: s.now(), Limit: publicNewsScan})
		if err != nil {
			return err
		}
		for _, n := range items {
			if q.Limit > 0 && len(hits) >= q.Limit {
				break
			}
			if newsMatches(n, words) {
				hits = append(hits, newsHit(n, q.Lang))
			}
		}
		return nil
	})
	return hits, domainError(err)
}

func newsMatches(n knowledge.NewsItem, words []string) bool {
	var all strings.Builder
	for _, lang := range knowledge.TextLanguages {
		all.WriteString(" " + n.Title.Get(lang) + " " + n.Summary.Get(lang) + " " + n.Body.Get(lang))
	}
	have := map[string]bool{}
	for _, w := range berceau.SearchWords(all.String()) {
		have[w] = true
	}
	for _, w := range words {
		found := have[w]
		if !found {
			for h := range have {
				if strings.HasPrefix(h, w) {
					found = true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func newsHit(n knowledge.NewsItem, lang string) PublicHit {
	title, missing := n.Title.In(lang)
	summary, summaryMissing := n.Summary.In(lang)
	return PublicHit{Kind: "news", Title: title, Summary: summary, URL: "/news/" + n.Slug, When: n.PublishedAt, Missing: missing || summaryMissing}
}

// FeaturedPublic lists the latest public articles.
func (s *NewsService) FeaturedPublic(ctx context.Context, lang string, limit int) ([]PublicHit, error) {
	var hits []PublicHit
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		items, _, err := tx.NewsList(ctx, store.NewsQuery{VisibleOnly: true, Now: s.now(), Limit: min(max(limit, 1), 50)})
		for _, n := range items {
			hits = append(hits, newsHit(n, lang))
		}
		return err
	})
	return hits, domainError(err)
}
