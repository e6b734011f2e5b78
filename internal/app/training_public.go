package app

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/berceau/berceau"
)

// The trainings' public content for the portal (public_source.go): the
// catalogue is public, so every training is a hit; When is its next public
// session.

// PublicKind names the trainings' hits.
func (s *TrainingService) PublicKind() string { return "training" }

// publicHits lists every training as a hit in lang, soonest next session
// first, then those without one by title.
func (s *TrainingService) publicHits(ctx context.Context, lang string) ([]PublicHit, []string, error) {
	list, err := s.Catalogue(ctx, TrainingQuery{})
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	var hits []PublicHit
	var texts []string
	for _, it := range list.Items {
		t := it.Training
		title, missTitle := t.Title.In(lang)
		summary, missSummary := t.Objectives.In(lang)
		if r := []rune(summary); len(r) > 240 {
			summary = string(r[:240]) + "…"
		}
		h := PublicHit{Kind: "training", Title: title, Summary: summary, URL: "/trainings/" + strconv.FormatInt(t.ID, 10),
			Missing: missTitle || missSummary}
		for _, e := range it.Sessions {
			if !e.Cancelled() && e.End.After(now) {
				h.When = e.Start
				break
			}
		}
		provider, _ := it.Provider.Name.In(lang)
		hits = append(hits, h)
		texts = append(texts, strings.Join([]string{t.Title.Get("fr"), t.Title.Get("en"), t.Title.Get("nl"), t.Objectives.Get("fr"),
			t.Objectives.Get("en"), t.Objectives.Get("nl"), provider}, " "))
	}
	return hits, texts, nil
}

// SearchPublic finds the trainings whose title, objectives or giving
// organisation hold every word typed, those with a session to come first.
func (s *TrainingService) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	hits, texts, err := s.publicHits(ctx, q.Lang)
	if err != nil {
		return nil, err
	}
	words := berceau.QueryWords(q.Words)
	var out []PublicHit
	for i, h := range hits {
		folded := " " + strings.Join(berceau.SearchWords(texts[i]), " ")
		all := true
		for _, w := range words {
			all = all && strings.Contains(folded, " "+w)
		}
		if all {
			out = append(out, h)
		}
	}
	sortTrainingHits(out)
	return capTrainingHits(out, q.Limit), nil
}

// FeaturedPublic lists the trainings with a session to come, soonest first.
func (s *TrainingService) FeaturedPublic(ctx context.Context, lang string, limit int) ([]PublicHit, error) {
	hits, _, err := s.publicHits(ctx, lang)
	if err != nil {
		return nil, err
	}
	var out []PublicHit
	for _, h := range hits {
		if !h.When.IsZero() {
			out = append(out, h)
		}
	}
	sortTrainingHits(out)
	return capTrainingHits(out, limit), nil
}

func sortTrainingHits(hits []PublicHit) {
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.When.IsZero() != b.When.IsZero() {
			return !a.When.IsZero()
		}
		return a.When.Before(b.When)
	})
}

func capTrainingHits(hits []PublicHit, limit int) []PublicHit {
	if limit <= 0 || limit > 50 {
		limit = 50
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}
