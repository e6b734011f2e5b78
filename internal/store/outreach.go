package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/berceau/berceau/knowledge"
)

// The outreach register (migration 00106): entries with their ordered
// authors, related staff and sites.

const outreachColumns = `id, kind, title, year, month, day, outlet, doi, url, abstract, language, COALESCE(created_by, 0), created_at, updated_at`

func scanOutreach(row rowScanner) (knowledge.OutreachEntry, error) {
	var e knowledge.OutreachEntry
	err := row.Scan(&e.ID, &e.Kind, &e.Title, &e.Year, &e.Month, &e.Day, &e.Outlet, &e.DOI, &e.URL, &e.Abstract, &e.Language,
		&e.CreatedBy, &e.CreatedAt, &e.UpdatedAt)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, err
}

// CreateOutreachEntry stores a new entry with its authors and relations.
func (tx *Tx) CreateOutreachEntry(ctx context.Context, e *knowledge.OutreachEntry) error {
	id, err := tx.insertID(ctx, `INSERT INTO outreach_entries (kind, title, year, month, day, outlet, doi, url, abstract, language,
		created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
		string(e.Kind), e.Title, e.Year, e.Month, e.Day, e.Outlet, e.DOI, e.URL, e.Abstract, e.Language, nullID(e.CreatedBy), tx.now)
	if err != nil {
		return wrapErr("create outreach entry", err)
	}
	e.ID, e.CreatedAt, e.UpdatedAt = id, tx.now, tx.now
	return wrapErr("create outreach entry", tx.setOutreachRelations(ctx, *e))
}

// UpdateOutreachEntry rewrites an entry with its authors and relations.
func (tx *Tx) UpdateOutreachEntry(ctx context.Context, e *knowledge.OutreachEntry) error {
	err := affectedOne(tx.exec(ctx, `UPDATE outreach_entries SET kind = $1, title = $2, year = $3, month = $4, day = $5, outlet = $6,
		doi = $7, url = $8, abstract = $9, language = $10, updated_at = $11 WHERE id = $12`,
		string(e.Kind), e.Title, e.Year, e.Month, e.Day, e.Outlet, e.DOI, e.URL, e.Abstract, e.Language, tx.now, e.ID))
	if err != nil {
		return wrapErr("update outreach entry", err)
	}
	e.UpdatedAt = tx.now
	return wrapErr("update outreach entry", tx.setOutreachRelations(ctx, *e))
}

// DeleteOutreachEntry removes an entry.
func (tx *Tx) DeleteOutreachEntry(ctx context.Context, id int64) error {
	for _, table := range []string{"outreach_authors", "outreach_staff", "outreach_sites"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE entry_id = $1`, id); err != nil {
			return wrapErr("delete outreach relations", err)
		}
	}
	return wrapErr("delete outreach entry", affectedOne(tx.exec(ctx, `DELETE FROM outreach_entries WHERE id = $1`, id)))
}

func (tx *Tx) setOutreachRelations(ctx context.Context, e knowledge.OutreachEntry) error {
	for _, table := range []string{"outreach_authors", "outreach_staff", "outreach_sites"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE entry_id = $1`, e.ID); err != nil {
			return err
		}
	}
	for i, a := range e.Authors {
		if _, err := tx.exec(ctx, `INSERT INTO outreach_authors (entry_id, position, user_id, name) VALUES ($1, $2, $3, $4)`,
			e.ID, i, nullID(a.UserID), a.Name); err != nil {
			return err
		}
	}
	for _, id := range e.StaffIDs {
		if _, err := tx.exec(ctx, `INSERT INTO outreach_staff (entry_id, user_id) VALUES ($1, $2)`, e.ID, id); err != nil {
			return err
		}
	}
	for _, id := range e.SiteIDs {
		if _, err := tx.exec(ctx, `INSERT INTO outreach_sites (entry_id, site_id) VALUES ($1, $2)`, e.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// OutreachEntryByID reads one entry with its authors and relations.
func (tx *Tx) OutreachEntryByID(ctx context.Context, id int64) (knowledge.OutreachEntry, error) {
	e, err := scanOutreach(tx.queryRow(ctx, `SELECT `+outreachColumns+` FROM outreach_entries WHERE id = $1`, id))
	if err != nil {
		return e, wrapErr("read outreach entry", notFound(err, "outreach.error.not_found"))
	}
	list := []knowledge.OutreachEntry{e}
	err = tx.fillOutreach(ctx, list)
	return list[0], wrapErr("read outreach entry", err)
}

func (q outreachWhere) sql() (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if q.Kind != "" {
		conds = append(conds, "kind = "+arg(string(q.Kind)))
	}
	if q.Year != 0 {
		conds = append(conds, "year = "+arg(q.Year))
	}
	if q.Person != 0 {
		p := arg(q.Person)
		conds = append(conds, "(id IN (SELECT entry_id FROM outreach_authors WHERE user_id = "+p+
			") OR id IN (SELECT entry_id FROM outreach_staff WHERE user_id = "+p+"))")
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

type outreachWhere knowledge.OutreachFilter

// OutreachEntries lists the entries f selects, newest first, with their
// authors and relations, and how many match.
func (tx *Tx) OutreachEntries(ctx context.Context, f knowledge.OutreachFilter) ([]knowledge.OutreachEntry, int, error) {
	where, args := outreachWhere(f).sql()
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM outreach_entries`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrapErr("count outreach entries", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	args = append(args, limit, max(f.Offset, 0))
	list, err := queryAll(ctx, tx, "list outreach entries", scanOutreach, `SELECT `+outreachColumns+` FROM outreach_entries`+where+`
		ORDER BY year DESC, month DESC, day DESC, id DESC LIMIT $`+strconv.Itoa(len(args)-1)+` OFFSET $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, 0, err
	}
	return list, total, wrapErr("list outreach entries", tx.fillOutreach(ctx, list))
}

// fillOutreach reads the authors, staff and sites of the listed entries.
func (tx *Tx) fillOutreach(ctx context.Context, list []knowledge.OutreachEntry) error {
	if len(list) == 0 {
		return nil
	}
	index := map[int64]int{}
	ids := make([]any, len(list))
	for i, e := range list {
		index[e.ID], ids[i] = i, e.ID
	}
	in := ` IN (` + placeholders(1, len(ids)) + `)`
	if err := tx.eachRow(ctx, "read outreach authors", func(row rowScanner) error {
		var id int64
		var a knowledge.OutreachAuthor
		if err := row.Scan(&id, &a.UserID, &a.Name); err != nil {
			return err
		}
		list[index[id]].Authors = append(list[index[id]].Authors, a)
		return nil
	}, `SELECT entry_id, COALESCE(user_id, 0), name FROM outreach_authors WHERE entry_id`+in+` ORDER BY entry_id, position`, ids...); err != nil {
		return err
	}
	if err := tx.eachRow(ctx, "read outreach staff", func(row rowScanner) error {
		var id, user int64
		if err := row.Scan(&id, &user); err != nil {
			return err
		}
		list[index[id]].StaffIDs = append(list[index[id]].StaffIDs, user)
		return nil
	}, `SELECT entry_id, user_id FROM outreach_staff WHERE entry_id`+in+` ORDER BY entry_id, user_id`, ids...); err != nil {
		return err
	}
	return tx.eachRow(ctx, "read outreach sites", func(row rowScanner) error {
		var id, site int64
		if err := row.Scan(&id, &site); err != nil {
			return err
		}
		list[index[id]].SiteIDs = append(list[index[id]].SiteIDs, site)
		return nil
	}, `SELECT entry_id, site_id FROM outreach_sites WHERE entry_id`+in+` ORDER BY entry_id, site_id`, ids...)
}

// OutreachYears lists the years the register has entries for, newest first.
func (tx *Tx) OutreachYears(ctx context.Context) ([]int, error) {
	return queryAll(ctx, tx, "list outreach years", func(row rowScanner) (int, error) {
		var y int
		err := row.Scan(&y)
		return y, err
	}, `SELECT DISTINCT year FROM outreach_entries ORDER BY year DESC`)
}

// OutreachPerson is a person of the network named by the register.
type OutreachPerson struct {
	ID   int64
	Name string
}

// OutreachPeople lists the accounts that are authors of, or related to, an
// entry: the register's person filter.
func (tx *Tx) OutreachPeople(ctx context.Context) ([]OutreachPerson, error) {
	return queryAll(ctx, tx, "list outreach people", func(row rowScanner) (OutreachPerson, error) {
		var p OutreachPerson
		err := row.Scan(&p.ID, &p.Name)
		return p, err
	}, `SELECT id, display_name FROM users WHERE id IN (SELECT user_id FROM outreach_authors WHERE user_id IS NOT NULL
		UNION SELECT user_id FROM outreach_staff) ORDER BY display_name, id`)
}

// OutreachAccounts lists the network's enabled accounts by name: the
// people an editor may name as authors or related staff.
func (tx *Tx) OutreachAccounts(ctx context.Context) ([]OutreachPerson, error) {
	return queryAll(ctx, tx, "list outreach accounts", func(row rowScanner) (OutreachPerson, error) {
		var p OutreachPerson
		err := row.Scan(&p.ID, &p.Name)
		return p, err
	}, `SELECT id, display_name FROM users WHERE disabled = FALSE ORDER BY display_name, id`)
}
