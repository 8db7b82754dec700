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
	var rows []map[string]*string
	err := coredb.Retry(ctx, 3, func() (err error) {
		cols, rows, err = readAll(q.DB.Query(ctx, sqlText, params))
		return err
	})
	return cols, rows, err
}

// Viewer is a Querier that can run several reads as one consistent view of
// the database (coredb.View); the written-row snapshots use it when the
// Querier has it.
type Viewer interface {
	// View runs fn with a Querier whose reads all see one state; fn may be
	// run again from the start when the view failed on a transient error,
	// so it must start from nothing each time.
	View(ctx context.Context, fn func(Querier) error) error
}

// View runs fn in a read-only transaction (see coredb.DB.View), retried
// whole on a transient failure such as a dropped connection.
func (q SQLQuerier) View(ctx context.Context, fn func(Querier) error) error {
	return coredb.Retry(ctx, 3, func() error {
		return q.DB.View(ctx, func(v *coredb.View) error { return fn(viewQuerier{v}) })
	})
}

// viewQuerier reads in a view; a failure ends the view (no retry inside a
// transaction).
type viewQuerier struct{ v *coredb.View }

// QueryRows runs the query in the view, like SQLQuerier.QueryRows.
func (q viewQuerier) QueryRows(ctx context.Context, sqlText string, params map[string]string) ([]string, []map[string]*string, error) {
	return readAll(q.v.Query(ctx, sqlText, params))
}

// readAll reads every row of rs as text, column names upper-cased.
func readAll(rs *coredb.Rows, err error) ([]string, []map[string]*string, error) {
	if err != nil {
		return nil, nil, err
	}
	c, err := rs.Columns()
	if err != nil {
		rs.Close()
		return nil, nil, coredb.Classify("db read", err)
	}
	var out []map[string]*string
	err = rs.Each(func(names []string, vals []coredb.Value) {
		m := make(map[string]*string, len(names))
		text := make([]string, len(vals)) // one allocation for the row's values
		for i, v := range vals {
			m[names[i]] = nil // NULL
			if !v.Null {
				text[i] = v.S
				m[names[i]] = &text[i]
			}
		}
		out = append(out, m)
	})
	if err != nil {
		return nil, nil, err
	}
	return upperAll(c), out, nil
}
