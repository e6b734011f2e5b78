package app

import (
	"context"
	"errors"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// OutreachService holds the use cases of the outreach register: everyone
// reads it and exports it; content editors (knowledge.edit) write it and
// import BibTeX lists. Every change is audited.
type OutreachService struct{ *App }

// OutreachPerson is an account the register names.
type OutreachPerson struct {
	ID   int64
	Name string
}

// OutreachView is an entry with the names of its related staff and sites.
type OutreachView struct {
	Entry knowledge.OutreachEntry
	Staff []OutreachPerson
	Sites []OutreachPerson
}

// OutreachList is a page of the register with its filter choices.
type OutreachList struct {
	Entries []OutreachView
	Total   int
	Years   []int
	People  []OutreachPerson
}

// outreachNames reads the names of accounts and sites the entries name.
func outreachViews(ctx context.Context, tx *store.Tx, entries []knowledge.OutreachEntry) ([]OutreachView, error) {
	people, err := tx.OutreachPeople(ctx)
	if err != nil {
		return nil, err
	}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range people {
		names[p.ID] = p.Name
	}
	siteNames := map[int64]string{}
	for _, s := range sites {
		siteNames[s.ID] = s.Name
	}
	views := make([]OutreachView, len(entries))
	for i, e := range entries {
		views[i].Entry = e
		for _, id := range e.StaffIDs {
			views[i].Staff = append(views[i].Staff, OutreachPerson{ID: id, Name: names[id]})
		}
		for _, id := range e.SiteIDs {
			views[i].Sites = append(views[i].Sites, OutreachPerson{ID: id, Name: siteNames[id]})
		}
	}
	return views, nil
}

// Entries lists the register's entries f selects, newest first (public).
func (s *OutreachService) Entries(ctx context.Context, f knowledge.OutreachFilter) (OutreachList, error) {
	var out OutreachList
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		entries, total, err := tx.OutreachEntries(ctx, f)
		if err != nil {
			return err
		}
		out.Total = total
		if out.Entries, err = outreachViews(ctx, tx, entries); err != nil {
			return err
		}
		if out.Years, err = tx.OutreachYears(ctx); err != nil {
			return err
		}
		people, err := tx.OutreachPeople(ctx)
		for _, p := range people {
			out.People = append(out.People, OutreachPerson(p))
		}
		return err
	})
	return out, domainError(err)
}

// Entry reads one entry (public).
func (s *OutreachService) Entry(ctx context.Context, id int64) (OutreachView, error) {
	var v OutreachView
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		e, err := tx.OutreachEntryByID(ctx, id)
		if err != nil {
			return err
		}
		views, err := outreachViews(ctx, tx, []knowledge.OutreachEntry{e})
		if err == nil {
			v = views[0]
		}
		return err
	})
	return v, domainError(err)
}

// OutreachChoices are what the editor's form offers: the network's people
// and sites.
type OutreachChoices struct {
	People []OutreachPerson
	Sites  []OutreachPerson
}

// Choices lists the people and sites an editor may relate entries to.
func (s *OutreachService) Choices(ctx context.Context, actor berceau.Actor) (OutreachChoices, error) {
	var out OutreachChoices
	err := s.read(ctx, actor, berceau.PermKnowledgeEdit, nil, func(tx *store.Tx) error {
		people, err := tx.OutreachAccounts(ctx)
		if err != nil {
			return err
		}
		for _, p := range people {
			out.People = append(out.People, OutreachPerson(p))
		}
		sites, err := tx.ListSites(ctx)
		for _, st := range sites {
			out.Sites = append(out.Sites, OutreachPerson{ID: st.ID, Name: st.Name})
		}
		return err
	})
	return out, err
}

// checkOutreachReferences links authors written as an account's exact name
// to it, names linked authors after their account, and checks that the
// related staff and sites exist, inside the transaction that writes.
func checkOutreachReferences(ctx context.Context, tx *store.Tx, e *knowledge.OutreachEntry) error {
	people, err := tx.OutreachAccounts(ctx)
	if err != nil {
		return err
	}
	byID := map[int64]string{}
	byName := map[string][]int64{}
	for _, p := range people {
		byID[p.ID] = p.Name
		key := strings.ToLower(p.Name)
		byName[key] = append(byName[key], p.ID)
	}
	fields := map[string]string{}
	for i, a := range e.Authors {
		switch {
		case a.UserID != 0:
			name, ok := byID[a.UserID]
			if !ok {
				fields["authors"] = "outreach.error.person_unknown"
				continue
			}
			e.Authors[i].Name = name
		default:
			if ids := byName[strings.ToLower(a.Name)]; len(ids) == 1 {
				e.Authors[i].UserID, e.Authors[i].Name = ids[0], byID[ids[0]]
			}
		}
	}
	for _, id := range e.StaffIDs {
		if _, ok := byID[id]; !ok {
			fields["staff"] = "outreach.error.person_unknown"
		}
	}
	sites, err := tx.ListSites(ctx)
	if err != nil {
		return err
	}
	known := map[int64]bool{}
	for _, st := range sites {
		known[st.ID] = true
	}
	for _, id := range e.SiteIDs {
		if !known[id] {
			fields["sites"] = "outreach.error.site_unknown"
		}
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	return nil
}

// SaveEntry creates (ID 0) or changes an entry, audited.
func (s *OutreachService) SaveEntry(ctx context.Context, actor berceau.Actor, e knowledge.OutreachEntry) (knowledge.OutreachEntry, error) {
	e.Normalize()
	action := "outreach.create"
	if e.ID != 0 {
		action = "outreach.update"
	}
	if err := s.deny(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: action, ObjectType: "outreach", ObjectID: e.ID}); err != nil {
		return e, err
	}
	if err := e.Validate(); err != nil {
		return e, err
	}
	err := s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: action, ObjectType: "outreach", ObjectID: e.ID},
		func(tx *store.Tx, t *auditTarget) error {
			if err := checkOutreachReferences(ctx, tx, &e); err != nil {
				return err
			}
			if e.ID == 0 {
				e.CreatedBy = actor.User.ID
				if err := tx.CreateOutreachEntry(ctx, &e); err != nil {
					return err
				}
			} else {
				old, err := tx.OutreachEntryByID(ctx, e.ID)
				if err != nil {
					return err
				}
				e.CreatedBy, e.CreatedAt = old.CreatedBy, old.CreatedAt
				if err := tx.UpdateOutreachEntry(ctx, &e); err != nil {
					return err
				}
			}
			t.ObjectID, t.Detail = e.ID, e.Title
			return nil
		})
	return e, err
}

// DeleteEntry removes an entry, audited.
func (s *OutreachService) DeleteEntry(ctx context.Context, actor berceau.Actor, id int64) error {
	return s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "outreach.delete", ObjectType: "outreach", ObjectID: id},
		func(tx *store.Tx, t *auditTarget) error {
			e, err := tx.OutreachEntryByID(ctx, id)
			if err != nil {
				return err
			}
			t.Detail = e.Title
			return tx.DeleteOutreachEntry(ctx, id)
		})
}

// ImportItem is one entry of a BibTeX list as an import reads it: the
// entry, or why it cannot be imported (Reason, or Fields from Validate).
type ImportItem struct {
	Line   int
	Key    string
	Entry  knowledge.OutreachEntry
	Reason string            // a translation key: the entry could not be read
	Fields map[string]string // field → translation key: the entry is not valid
}

// OK reports whether the item can be imported.
func (it ImportItem) OK() bool { return it.Reason == "" && len(it.Fields) == 0 }

// ImportPreview reads a BibTeX list and says, entry by entry, what would
// be imported and what cannot be. Nothing is written.
func (s *OutreachService) ImportPreview(ctx context.Context, actor berceau.Actor, bibtex string) ([]ImportItem, error) {
	if err := s.deny(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "outreach.import", ObjectType: "outreach"}); err != nil {
		return nil, err
	}
	return readBibTeXList(bibtex)
}

func readBibTeXList(bibtex string) ([]ImportItem, error) {
	if strings.TrimSpace(bibtex) == "" {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"bibtex": "error.required"}}
	}
	if len(bibtex) > knowledge.MaxBibTeXSize {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"bibtex": "outreach.import.too_big"}}
	}
	entries, problems := knowledge.ParseBibTeX(bibtex)
	var items []ImportItem
	for _, p := range problems {
		items = append(items, ImportItem{Line: p.Line, Key: p.Key, Reason: p.Reason})
	}
	for _, b := range entries {
		it := ImportItem{Line: b.Line, Key: b.Key}
		e, reason := knowledge.OutreachFromBib(b)
		it.Entry, it.Reason = e, reason
		if reason == "" {
			if err := e.Validate(); err != nil {
				var de *berceau.Error
				if errors.As(err, &de) {
					it.Fields = de.Fields
				}
			}
		}
		items = append(items, it)
	}
	sortImportItems(items)
	if len(items) == 0 {
		return nil, &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"bibtex": "outreach.import.empty"}}
	}
	return items, nil
}

func sortImportItems(items []ImportItem) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Line < items[j-1].Line; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// Import reads a BibTeX list and adds all its entries, in one transaction
// audited entry by entry; when any entry cannot be imported, nothing is
// and the items say why.
func (s *OutreachService) Import(ctx context.Context, actor berceau.Actor, bibtex string) ([]ImportItem, error) {
	if err := s.deny(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "outreach.import", ObjectType: "outreach"}); err != nil {
		return nil, err
	}
	items, err := readBibTeXList(bibtex)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if !it.OK() {
			return items, berceau.Errorf(berceau.KindInvalid, "outreach.import.has_errors")
		}
	}
	err = s.write(ctx, actor, berceau.PermKnowledgeEdit, auditTarget{Action: "outreach.import", ObjectType: "outreach", Skip: true},
		func(tx *store.Tx, t *auditTarget) error {
			for i := range items {
				e := &items[i].Entry
				if err := checkOutreachReferences(ctx, tx, e); err != nil {
					return err
				}
				e.CreatedBy = actor.User.ID
				if err := tx.CreateOutreachEntry(ctx, e); err != nil {
					return err
				}
				if err := record(ctx, tx, actor, "outreach.import", "outreach", e.ID, berceau.OutcomeSuccess, e.Title); err != nil {
					return err
				}
			}
			t.Skip = true
			return nil
		})
	return items, err
}
