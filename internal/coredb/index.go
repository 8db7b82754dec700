package coredb

import (
	"context"
	"strings"
)

// OwnerIndexes is, for a dialect, a CREATE INDEX statement per core table
// of v whose owner column (DJXH) does not lead its primary key: the column
// every per-taxpayer query, check and cleanup selects on. Without them each
// such query reads the whole table, and a run's cost grows with the square
// of its size.
func OwnerIndexes(d Dialect, v Variant) []string {
	var out []string
	for _, t := range v.Tables() {
		if t.Owner != "" && (len(t.Key) == 0 || t.Key[0] != t.Owner) {
			out = append(out, IndexStmt(d, t.Schema, t.Name, t.Owner))
		}
	}
	return out
}

// IndexStmt is the statement creating an index on one column of the core
// table schema.table, named IX_TABLE_COLUMN, unless it exists (Oracle: an
// error the caller ignores, ORA-00955).
func IndexStmt(d Dialect, schema, table, column string) string {
	name := "IX_" + table + "_" + column
	switch d {
	case SQLite: // the index lives in the table's schema file
		return "CREATE INDEX IF NOT EXISTS " + schema + "." + name + " ON " + table + " (" + column + ")"
	case Postgres:
		return "CREATE INDEX IF NOT EXISTS " + name + " ON " + schema + "." + table + " (" + column + ")"
	}
	return "CREATE INDEX " + schema + "." + name + " ON " + schema + "." + table + " (" + column + ")"
}

// CreateOwnerIndexes creates the OwnerIndexes that do not exist yet.
func (db *DB) CreateOwnerIndexes(ctx context.Context, v Variant) error {
	return db.CreateIndexes(ctx, OwnerIndexes(db.Dialect, v))
}

// CreateIndexes runs IndexStmt statements; an index that exists is no error.
func (db *DB) CreateIndexes(ctx context.Context, stmts []string) error {
	for _, stmt := range stmts {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			if db.Dialect == Oracle && strings.Contains(err.Error(), "ORA-00955") {
				continue // the index exists already
			}
			return Classify("create index: "+stmt, err)
		}
	}
	return nil
}
