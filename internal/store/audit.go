package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berceau/berceau"
)

// auditChainLockKey is the PostgreSQL advisory lock that serializes appends
// to the audit chain ("bercaudt" in ASCII; goose's migration lock is another).
const auditChainLockKey int64 = 0x6265726361756474

// Audit page sizes.
const (
	defaultAuditPageSize = 50
	maxAuditPageSize     = 200
)

const auditColumns = `id, at, actor_id, actor_email, action, object_type, object_id, outcome, client_address, detail, prev_hash, hash`

// AppendAudit appends e to the audit trail in this transaction, chained to
// the last entry: it sets At (the transaction's time when zero; always UTC,
// to the microsecond), ID, PrevHash and Hash. On PostgreSQL it first takes a
// lock held until the transaction ends, so that two transactions never chain
// to the same entry; append audit entries late in a transaction, since every
// audited write waits for that lock.
func (tx *Tx) AppendAudit(ctx context.Context, e *berceau.AuditEntry) error {
	if e.Action == "" || e.Outcome == "" {
		return fmt.Errorf("store: audit entry needs an action and an outcome (action %q, outcome %q)", e.Action, e.Outcome)
	}
	prev, err := tx.lockAuditChain(ctx)
	if err != nil {
		return err
	}
	return tx.appendAuditAfter(ctx, e, prev)
}

// lockAuditChain takes the audit chain's lock (PostgreSQL; SQLite's single
// writer is one already) and returns the hash of its last entry.
func (tx *Tx) lockAuditChain(ctx context.Context) (string, error) {
	if tx.dialect.lockAuditChain != "" {
		if _, err := tx.exec(ctx, tx.dialect.lockAuditChain, auditChainLockKey); err != nil {
			return "", fmt.Errorf("store: lock the audit chain: %w", err)
		}
	}
	prev := berceau.AuditGenesisHash
	err := tx.queryRow(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: read the last audit hash: %w", err)
	}
	return prev, nil
}

// appendAuditAfter appends e chained to prev, the hash of the chain's last
// entry, read under the chain's lock in this transaction.
func (tx *Tx) appendAuditAfter(ctx context.Context, e *berceau.AuditEntry, prev string) error {
	if e.Action == "" || e.Outcome == "" {
		return fmt.Errorf("store: audit entry needs an action and an outcome (action %q, outcome %q)", e.Action, e.Outcome)
	}
	at := e.At
	if at.IsZero() {
		at = tx.now
	}
	at = at.UTC().Truncate(time.Microsecond)
	entry := *e
	entry.At = at
	entry.PrevHash = prev
	entry.Hash = entry.ComputeHash(prev)
	actor := sql.NullInt64{Int64: entry.ActorID, Valid: entry.ActorID != 0}
	id, err := tx.insertID(ctx, `INSERT INTO audit_log
		(at, actor_id, actor_email, action, object_type, object_id, outcome, client_address, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		entry.At, actor, entry.ActorEmail, entry.Action, entry.ObjectType, entry.ObjectID, string(entry.Outcome),
		entry.ClientAddress, entry.Detail, entry.PrevHash, entry.Hash)
	if err != nil {
		return fmt.Errorf("store: append audit entry: %w", err)
	}
	entry.ID = id
	*e = entry
	return nil
}

func scanAudit(row interface{ Scan(...any) error }, e *berceau.AuditEntry) error {
	var actor sql.NullInt64
	var outcome string
	if err := row.Scan(&e.ID, &e.At, &actor, &e.ActorEmail, &e.Action, &e.ObjectType, &e.ObjectID, &outcome,
		&e.ClientAddress, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return err
	}
	e.At = e.At.UTC()
	e.ActorID = actor.Int64 // 0 when NULL
	e.Outcome = berceau.AuditOutcome(outcome)
	return nil
}

// auditWhere turns a filter into a WHERE clause (empty when f selects
// everything) and its arguments, numbered from $1.
func auditWhere(f berceau.AuditFilter) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.ActorID != 0 {
		conds = append(conds, "actor_id = "+arg(f.ActorID))
	}
	if f.Action != "" {
		// A prefix compared as is: LIKE ignores case on SQLite but not on
		// PostgreSQL, and would need its wildcards escaped.
		n := arg(utf8.RuneCountInString(f.Action))
		conds = append(conds, "substr(action, 1, "+n+") = "+arg(f.Action))
	}
	if f.ObjectType != "" {
		conds = append(conds, "object_type = "+arg(f.ObjectType))
	}
	if f.ObjectID != "" {
		conds = append(conds, "object_id = "+arg(f.ObjectID))
	}
	if !f.From.IsZero() {
		conds = append(conds, "at >= "+arg(f.From.UTC()))
	}
	if !f.To.IsZero() {
		conds = append(conds, "at < "+arg(f.To.UTC()))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListAudit returns one page of the audit entries f selects, newest first,
// with the number of entries selected on every page. Page counts from 1;
// PageSize is 50 when not set and at most 200.
func (tx *Tx) ListAudit(ctx context.Context, f berceau.AuditFilter) (berceau.AuditPage, error) {
	page := berceau.AuditPage{Page: max(f.Page, 1), PageSize: f.PageSize}
	if page.PageSize <= 0 {
		page.PageSize = defaultAuditPageSize
	}
	page.PageSize = min(page.PageSize, maxAuditPageSize)
	where, args := auditWhere(f)
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`+where, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: count audit entries: %w", err)
	}
	if page.Total == 0 || (page.Page-1)*page.PageSize >= page.Total {
		return page, nil
	}
	n := len(args)
	query := `SELECT ` + auditColumns + ` FROM audit_log` + where +
		` ORDER BY id DESC LIMIT $` + strconv.Itoa(n+1) + ` OFFSET $` + strconv.Itoa(n+2)
	if err := tx.eachRow(ctx, "list audit entries", func(row rowScanner) error {
		var e berceau.AuditEntry
		if err := scanAudit(row, &e); err != nil {
			return err
		}
		page.Entries = append(page.Entries, e)
		return nil
	}, query, append(args, page.PageSize, (page.Page-1)*page.PageSize)...); err != nil {
		return page, err
	}
	return page, nil
}

// VerifyAudit walks the whole audit trail in order, in one read transaction
// and without holding it in memory, and checks that every entry still has
// the hash of its content and names its predecessor's hash. It returns the
// number of entries found intact and, if the chain is broken, the first
// broken entry: one whose content was changed, or whose predecessor was
// removed or changed. Entries removed from the end of the trail leave no
// trace in the chain itself: compare checked with an earlier count, or keep
// the last hash elsewhere, to detect that.
func (s *Store) VerifyAudit(ctx context.Context) (checked int, brk *berceau.AuditBreak, err error) {
	err = s.ReadTx(ctx, func(tx *Tx) error {
		prev, prevID := berceau.AuditGenesisHash, int64(0)
		return tx.eachRow(ctx, "read the audit trail", func(row rowScanner) error {
			var e berceau.AuditEntry
			if err := scanAudit(row, &e); err != nil {
				return err
			}
			if e.PrevHash != prev {
				reason := "previous row missing: the first row left does not start the chain"
				if prevID != 0 {
					reason = fmt.Sprintf("previous row missing: prev_hash does not match the hash of row %d", prevID)
				}
				brk = &berceau.AuditBreak{ID: e.ID, Reason: reason}
				return errStopRows
			}
			if e.ComputeHash(e.PrevHash) != e.Hash {
				brk = &berceau.AuditBreak{ID: e.ID, Reason: "row altered: its content no longer matches its hash"}
				return errStopRows
			}
			prev, prevID = e.Hash, e.ID
			checked++
			return nil
		}, `SELECT `+auditColumns+` FROM audit_log ORDER BY id`)
	})
	return checked, brk, err
}
