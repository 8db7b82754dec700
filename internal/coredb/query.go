package coredb

import (
	"context"
	"database/sql"
)

// Rows is the result of Query: database/sql rows that read as canonical text.
type Rows struct {
	*sql.Rows
	opt Options
}

// All reads every remaining row as canonical text (see ReadRows) and closes
// the rows.
func (r *Rows) All() ([]Row, error) {
	rows, err := ReadRows(r.Rows, r.opt)
	return rows, Classify("db read", err)
}

// Each reads every remaining row as canonical text like All, handing each
// to fn (see EachRow: vals is reused), and closes the rows.
func (r *Rows) Each(fn func(names []string, vals []Value)) error {
	return Classify("db read", EachRow(r.Rows, r.opt, fn))
}

// Query runs query with named parameters (:djxh) taken from params (names
// match case-insensitively; see Bind and, for date-shaped values, the
// dialect notes on stringParams). The embedded sqlx methods stay reachable
// as QueryContext and friends.
func (db *DB) Query(ctx context.Context, query string, params map[string]string) (*Rows, error) {
	return db.query(ctx, nil, query, params)
}

// query runs query in tx, or on the pool when tx is nil, through the
// prepared statement when this DB caches one.
func (db *DB) query(ctx context.Context, tx *sql.Tx, query string, params map[string]string) (*Rows, error) {
	q, args, err := Bind(db.Dialect, query, stringParams(db.Dialect, params))
	if err != nil {
		return nil, err
	}
	rows, err := db.on(ctx, tx, q).query(ctx, args)
	if err != nil {
		return nil, Classify("db query", err)
	}
	return &Rows{Rows: rows, opt: db.Options}, nil
}

// Select runs a read-only query like Query and reads every row. Being
// idempotent, it is retried (3 attempts, see Retry) while it fails with a
// transient error; the error left is of kind errs.Transient or errs.Input.
func (db *DB) Select(ctx context.Context, query string, params map[string]string) ([]Row, error) {
	var out []Row
	err := Retry(ctx, 3, func() error {
		rows, err := db.Query(ctx, query, params)
		if err != nil {
			return err
		}
		out, err = rows.All()
		return err
	})
	return out, err
}

// Exec runs a statement with named parameters like Query and returns the
// number of rows it affected. It is not retried: a statement that writes
// may have happened before the connection dropped.
func (db *DB) Exec(ctx context.Context, query string, params map[string]string) (int64, error) {
	q, args, err := Bind(db.Dialect, query, stringParams(db.Dialect, params))
	if err != nil {
		return 0, err
	}
	res, err := db.on(ctx, nil, q).exec(ctx, args)
	if err != nil {
		return 0, Classify("db exec", err)
	}
	n, err := res.RowsAffected()
	return n, Classify("db exec", err)
}

// ExecIn runs a statement with positional parameters (already in the
// dialect's placeholders) in tx, through the prepared statement when this
// DB caches one: a clean's thousands of deletes are a few texts.
func (db *DB) ExecIn(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	return db.on(ctx, tx, query).exec(ctx, args)
}

// statement is where a statement runs: its prepared form (bound to tx when
// there is one) when this DB caches it, else its text on tx or the pool.
type statement struct {
	st *sql.Stmt
	tx *sql.Tx
	db *sql.DB
	q  string
}

// on is where query runs, in tx or on the pool when tx is nil.
func (db *DB) on(ctx context.Context, tx *sql.Tx, query string) statement {
	if db.ran != nil {
		db.ran.Add(1)
	}
	st := db.stmt(ctx, query, tx != nil)
	if st != nil && tx != nil {
		st = tx.StmtContext(ctx, st)
	}
	return statement{st: st, tx: tx, db: db.DB.DB, q: query}
}

func (s statement) query(ctx context.Context, args []any) (*sql.Rows, error) {
	switch {
	case s.st != nil:
		return s.st.QueryContext(ctx, args...)
	case s.tx != nil:
		return s.tx.QueryContext(ctx, s.q, args...)
	}
	return s.db.QueryContext(ctx, s.q, args...)
}

func (s statement) exec(ctx context.Context, args []any) (sql.Result, error) {
	switch {
	case s.st != nil:
		return s.st.ExecContext(ctx, args...)
	case s.tx != nil:
		return s.tx.ExecContext(ctx, s.q, args...)
	}
	return s.db.ExecContext(ctx, s.q, args...)
}
