package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The register is public as a whole: its source offers every entry.

// PublicKind names the register's hits.
func (s *OutreachService) PublicKind() string { return "outreach" }

// publicOutreachScan bounds how many entries a search reads.
const publicOutreachScan = 1000

// SearchPublic finds entries whose title, authors, outlet or abstract hold
// every word asked, newest first.
func (s *OutreachService) SearchPublic(ctx context.Context, q PublicQuery) ([]PublicHit, error) {
	words := berceau.QueryWords(q.Words)
	var hits []PublicHit
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		entries, _, err := tx.OutreachEntries(ctx, knowledge.OutreachFilter{Limit: publicOutreachScan})
		if err != nil {
			return err
		}
		for _, e := range entries {
			if q.Limit > 0 && len(hits) >= q.Limit {
				break
			}
			text := e.Title + " " + e.Outlet + " " + e.Abstract
			for _, a := range e.Authors {
				text += " " + a.Name
			}
			have := strings.Join(berceau.SearchWords(text), " ")
			match := true
			for _, w := range words {
				if !strings.HasPrefix(have, w) && !strings.Contains(have, " "+w) {
					match = false
					break
				}
			}
			if match {
				hits = append(hits, outreachHit(e, q.Lang))
			}
		}
		return nil
	})
	return hits, domainError(err)
}

func outreachHit(e knowledge.OutreachEntry, lang string) PublicHit {
	summary := e.Outlet
	var names []string
	for _, a := range e.Authors {
		names = append(names, a.Name)
	}
	if len(names) > 0 {
		summary = strings.Join(names, ", ") + " — " + summary
	}
	month := max(e.Month, 1)
	day := max(e.Day, 1)
	return PublicHit{Kind: "outreach", Title: e.Title, Summary: strings.TrimSuffix(summary, " — "), URL: "/outreach/" + strconv.FormatInt(e.ID, 10),
		When: time.Date(e.Year, time.Month(month), day, 0, 0, 0, 0, time.UTC), Missing: e.Language != "" && e.Language != lang}
}

// FeaturedPublic lists the latest entries.
func (s *OutreachService) FeaturedPublic(ctx context.Context, lang string, limit int) ([]PublicHit, error) {
	var hits []PublicHit
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		entries, _, err := tx.OutreachEntries(ctx, knowledge.OutreachFilter{Limit: min(max(limit, 1), 50)})
		for _, e := range entries {
			hits = append(hits, outreachHit(e, lang))
		}
		return err
	})
	return hits, domainError(err)
}
