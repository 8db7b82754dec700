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
	var rows *sql.Rows
	st := db.stmt(ctx, q, tx != nil)
	switch {
	case st != nil && tx != nil:
		rows, err = tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	case st != nil:
		rows, err = st.QueryContext(ctx, args...)
	case tx != nil:
		rows, err = tx.QueryContext(ctx, q, args...)
	default:
		rows, err = db.DB.QueryContext(ctx, q, args...)
	}
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
	var res sql.Result
	if st := db.stmt(ctx, q, false); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = db.DB.ExecContext(ctx, q, args...)
	}
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
	if st := db.stmt(ctx, query, true); st != nil {
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}
