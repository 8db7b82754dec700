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
		if t.Owner == "" || (len(t.Key) > 0 && t.Key[0] == t.Owner) {
			continue
		}
		name := "IX_" + t.Name + "_" + t.Owner
		switch d {
		case SQLite: // the index lives in the table's schema file
			out = append(out, "CREATE INDEX IF NOT EXISTS "+t.Schema+"."+name+" ON "+t.Name+" ("+t.Owner+")")
		case Postgres:
			out = append(out, "CREATE INDEX IF NOT EXISTS "+name+" ON "+t.QName()+" ("+t.Owner+")")
		case Oracle:
			out = append(out, "CREATE INDEX "+t.Schema+"."+name+" ON "+t.QName()+" ("+t.Owner+")")
		}
	}
	return out
}

// CreateOwnerIndexes creates the OwnerIndexes that do not exist yet.
func (db *DB) CreateOwnerIndexes(ctx context.Context, v Variant) error {
	for _, stmt := range OwnerIndexes(db.Dialect, v) {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			if db.Dialect == Oracle && strings.Contains(err.Error(), "ORA-00955") {
				continue // the index exists already
			}
			return Classify("create index: "+stmt, err)
		}
	}
	return nil
}
