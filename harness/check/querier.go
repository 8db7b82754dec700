package check

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

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

// QueryRows binds the named parameters, runs the query and reads every row.
// Column names come back upper-cased.
func (q SQLQuerier) QueryRows(ctx context.Context, sqlText string, params map[string]string) ([]string, []map[string]*string, error) {
	positional, args, missing := Bind(sqlText, params)
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("parameter :%s has no value", missing[0])
	}
	rows, err := q.DB.QueryContext(ctx, q.DB.Rebind(positional), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	cols = upperAll(cols)
	var out []map[string]*string
	for rows.Next() {
		r, err := scanRow(rows, cols)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, r)
	}
	return cols, out, rows.Err()
}

func scanRow(rows *sql.Rows, cols []string) (map[string]*string, error) {
	cells := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range cells {
		ptrs[i] = &cells[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	r := make(map[string]*string, len(cols))
	for i, c := range cols {
		r[c] = cellString(cells[i])
	}
	return r, nil
}

// cellString turns what a driver returned into text: nil is NULL, times are
// "2006-01-02 15:04:05" (fraction kept when not zero), floats shortest exact.
func cellString(v any) *string {
	var s string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		s = strconv.FormatBool(x)
	case time.Time:
		s = strings.TrimSuffix(x.Format("2006-01-02 15:04:05.999999999"), ".")
	default:
		s = fmt.Sprint(x)
	}
	return &s
}
