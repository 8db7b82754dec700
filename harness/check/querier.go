package check

import (
	"context"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// Querier runs a query with named parameters (:djxh) and returns the column
// names and the rows as strings; a nil pointer is NULL. Drivers only run SQL:
// normalisation and comparison stay in this package.
type Querier interface {
	QueryRows(ctx context.Context, sql string, params map[string]string) (columns []string, rows []map[string]*string, err error)
}

// SQLQuerier is the Querier over a core database (SQLite, PostgreSQL,
// Oracle) opened with coredb.Open.
type SQLQuerier struct {
	DB *coredb.DB
}

// QueryRows runs the query through the database layer, which binds the
// named parameters per driver, normalises every value (decimals, dates,
// CHAR padding, 20-digit identifiers) and retries transient failures such as
// a dropped connection. Column names come back upper-cased.
func (q SQLQuerier) QueryRows(ctx context.Context, sqlText string, params map[string]string) ([]string, []map[string]*string, error) {
	var cols []string
	var rows []coredb.Row
	err := coredb.Retry(ctx, 3, func() error {
		rs, err := q.DB.Query(ctx, sqlText, params)
		if err != nil {
			return err
		}
		c, err := rs.Columns()
		if err != nil {
			rs.Close()
			return coredb.Classify("db read", err)
		}
		cols = upperAll(c)
		rows, err = rs.All()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	out := make([]map[string]*string, len(rows))
	for i, r := range rows {
		m := make(map[string]*string, len(r))
		for k, v := range r {
			m[k] = nil // NULL
			if !v.Null {
				s := v.S
				m[k] = &s
			}
		}
		out[i] = m
	}
	return cols, out, nil
}
