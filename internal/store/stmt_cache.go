package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"reflect"
	"strings"
)

// maxCachedStatements bounds each SQLite connection's statement cache. The
// store's queries are a few hundred fixed texts; texts built per call (an IN
// list of n placeholders) beyond the bound are prepared each time as before.
const maxCachedStatements = 512

// stmtCacheConnector opens SQLite connections that keep their prepared
// statements, keyed by SQL text, for the life of the connection. SQLite
// parsed and planned every query anew: about a fifth of a family page's CPU
// (docs/PERFORMANCE.md, "issue 13 pages"). database/sql's own DB.Prepare
// cannot do this here: it takes a pool connection, which on the single
// writer deadlocks against the transaction asking for it.
//
// A connection is used by one goroutine at a time (database/sql's
// contract), so the cache needs no lock; but a transaction may run a query
// while rows of the same text are still open, so a statement in use is not
// shared: that query is prepared on its own, as without the cache.
type stmtCacheConnector struct{ driver.Connector }

func (c stmtCacheConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &stmtCacheConn{Conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

// sqliteConn is what the SQLite driver's connections implement and
// database/sql uses.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type stmtCacheConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	stmt driver.Stmt
	busy bool // its rows are open
}

func (c *stmtCacheConn) inner() (sqliteConn, error) {
	inner, ok := c.Conn.(sqliteConn)
	if !ok {
		return nil, errors.New("store: the SQLite driver's connection lacks an interface the statement cache needs")
	}
	return inner, nil
}

// cacheable: one statement, no trailing script (the driver runs a script
// statement by statement, re-parsing it on each call anyway).
func cacheable(query string) bool {
	q := strings.TrimSpace(query)
	q = strings.TrimSuffix(q, ";")
	return !strings.Contains(q, ";")
}

// statement returns the cached statement of query, preparing it the first
// time; nil when query is not cached (in use, a script, or the cache full).
func (c *stmtCacheConn) statement(ctx context.Context, inner sqliteConn, query string) (*cachedStmt, error) {
	if cs, ok := c.stmts[query]; ok {
		if cs.busy {
			return nil, nil
		}
		return cs, nil
	}
	if len(c.stmts) >= maxCachedStatements || !cacheable(query) {
		return nil, nil
	}
	s, err := inner.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{stmt: s}
	c.stmts[query] = cs
	return cs, nil
}

// forget drops a statement whose use failed, so that no state of a failed
// run carries over.
func (c *stmtCacheConn) forget(query string, cs *cachedStmt) {
	delete(c.stmts, query)
	_ = cs.stmt.Close()
}

func (c *stmtCacheConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	inner, err := c.inner()
	if err != nil {
		return nil, err
	}
	cs, err := c.statement(ctx, inner, query)
	if err != nil || cs == nil {
		// Not cached (or not preparable: the driver reports why, as always).
		return inner.QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.forget(query, cs)
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, cs: cs}, nil
}

func (c *stmtCacheConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	inner, err := c.inner()
	if err != nil {
		return nil, err
	}
	cs, err := c.statement(ctx, inner, query)
	if err != nil || cs == nil {
		return inner.ExecContext(ctx, query, args)
	}
	res, err := cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
	if err != nil {
		c.forget(query, cs)
	}
	return res, err
}

func (c *stmtCacheConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	inner, err := c.inner()
	if err != nil {
		return nil, err
	}
	return inner.PrepareContext(ctx, query)
}

func (c *stmtCacheConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	inner, err := c.inner()
	if err != nil {
		return nil, err
	}
	return inner.BeginTx(ctx, opts)
}

func (c *stmtCacheConn) Ping(ctx context.Context) error {
	inner, err := c.inner()
	if err != nil {
		return err
	}
	return inner.Ping(ctx)
}

func (c *stmtCacheConn) ResetSession(ctx context.Context) error {
	inner, err := c.inner()
	if err != nil {
		return err
	}
	return inner.ResetSession(ctx)
}

func (c *stmtCacheConn) IsValid() bool {
	inner, err := c.inner()
	return err == nil && inner.IsValid()
}

// Close finalizes the cached statements, then closes the connection.
func (c *stmtCacheConn) Close() error {
	for q, cs := range c.stmts {
		_ = cs.stmt.Close()
		delete(c.stmts, q)
	}
	return c.Conn.Close()
}

// cachedRows frees its statement for the next query when closed.
type cachedRows struct {
	driver.Rows
	cs *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.cs.busy = false
	return err
}

// The driver's rows describe their columns (sql.Rows.ColumnTypes).
func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *cachedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, is := r.Rows.(driver.RowsColumnTypeNullable); is {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}
