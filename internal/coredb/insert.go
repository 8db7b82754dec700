package coredb

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Execer runs a statement: *DB, *sql.DB, *sql.Tx, *sqlx.DB and *sqlx.Tx all are.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// BindValue converts the text s of column c into the value to bind on
// dialect d, so fixtures and the simulator insert the same strings
// everywhere: a Date column's "2006-01-02[ 15:04:05]" becomes a time.Time on
// PostgreSQL and Oracle and the canonical DateLayout text on SQLite; an
// empty string for a non-text column becomes NULL; other text passes as is.
// A Date that does not parse is an Input error naming the column.
func BindValue(d Dialect, c Column, s string) (any, error) {
	if s == "" && c.Type != Text && c.Type != Code {
		return nil, nil
	}
	if c.Type != Date {
		return s, nil
	}
	t, ok := parseDate(s)
	if !ok {
		return nil, errs.E("", errs.Input, "column %s: %q is not a date (want YYYY-MM-DD[ HH:MM:SS])", c.Name, s)
	}
	if d == SQLite {
		return t.Format(DateLayout), nil
	}
	return t, nil
}

// Insert adds row (column name → text, any case) to table t through ex (the
// DB itself or a transaction), binding each value with BindValue. Columns
// the table does not have are an Input error; columns left out are NULL.
func (db *DB) Insert(ctx context.Context, ex Execer, t Table, row map[string]string) error {
	if ex == nil {
		ex = db
	}
	names := make([]string, 0, len(row))
	for k := range row {
		names = append(names, k)
	}
	sort.Strings(names)
	params := make(map[string]any, len(row))
	cols := make([]string, len(names))
	marks := make([]string, len(names))
	for i, k := range names {
		c, ok := t.Column(k)
		if !ok {
			return errs.E("db insert", errs.Input, "%s has no column %s", t.QName(), strings.ToUpper(k))
		}
		v, err := BindValue(db.Dialect, c, row[k])
		if err != nil {
			return errs.E("db insert", errs.Input, "%s: %w", t.QName(), err)
		}
		p := fmt.Sprintf("p%d", i)
		params[p], cols[i], marks[i] = v, c.Name, ":"+p
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.QName(), strings.Join(cols, ", "), strings.Join(marks, ", "))
	bound, args, err := Bind(db.Dialect, q, params)
	if err != nil {
		return err
	}
	if _, err := ex.ExecContext(ctx, bound, args...); err != nil {
		return Classify("db insert "+t.QName(), err)
	}
	return nil
}

// Column returns the column called name (any case).
func (t Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if equalFold(c.Name, name) {
			return c, true
		}
	}
	return Column{}, false
}
