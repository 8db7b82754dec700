package coredb

import (
	"context"
	"database/sql"
)

// View is a read-only transaction: every query in it sees the database as
// it was at one moment, on one connection. It is how the rows a case
// owns are read before and after a call: a dozen tables read as one
// consistent state, with one lock on SQLite instead of one per table.
type View struct {
	db *DB
	tx *sql.Tx // nil: Oracle, whose queries run one by one on the pool
}

// Query runs a read in the view like DB.Query.
func (v *View) Query(ctx context.Context, query string, params map[string]string) (*Rows, error) {
	return v.db.query(ctx, v.tx, query, params)
}

// View runs fn in a read-only transaction (PostgreSQL: REPEATABLE READ, so
// every read sees one snapshot; SQLite: one read transaction over the
// attached files) and ends it. On Oracle fn's queries run outside a
// transaction, each on its own snapshot, as DB.Query does. The error is
// fn's, or the begin's.
func (db *DB) View(ctx context.Context, fn func(*View) error) error {
	if db.Dialect == Oracle {
		return fn(&View{db: db})
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	if db.readers != nil { // SQLite runs here: more readers than cores only contend
		select {
		case db.readers <- struct{}{}:
			defer func() { <-db.readers }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	tx, err := db.DB.BeginTx(ctx, opts)
	if err != nil {
		return Classify("db view", err)
	}
	defer tx.Rollback() // read only: nothing to commit
	return fn(&View{db: db, tx: tx})
}
