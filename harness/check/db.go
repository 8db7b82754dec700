package check

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/pause"
)

// RenderFunc renders one template value; name says where it comes from.
type RenderFunc func(name, text string) (string, error)

// DBRunner runs database cross-checks. The zero value is ready to use with
// the real clock; tests inject Now and Sleep to drive polling.
type DBRunner struct {
	Now      func() time.Time
	Sleep    func(ctx context.Context, d time.Duration) error
	Interval time.Duration // pause between polls; default 200ms
	MaxShown int           // mismatches spelt out in Detail; default 5
}

// RunDB runs one database cross-check with a DBRunner's defaults.
func RunDB(ctx context.Context, q Querier, dc catalog.DBCheck, params map[string]string, render RenderFunc) (result.Check, result.Table) {
	return DBRunner{}.Run(ctx, q, dc, params, render)
}

// Run binds dc.SQL's named parameters from params, renders the expected rows,
// queries (again and again until the rows match or dc.Poll has passed when
// set) and compares. A check that cannot run fails with the reason. The
// table holds the rows read; a NULL cell is absent from its row map.
func (r DBRunner) Run(ctx context.Context, q Querier, dc catalog.DBCheck, params map[string]string, render RenderFunc) (result.Check, result.Table) {
	table := TableOf(dc.SQL)
	chk := result.Check{Kind: result.KindDB, Name: dbName(dc, table), Status: result.Fail}
	tbl := result.Table{Check: chk.Name}
	want, poll, err := r.prepare(dc, params, render, chk.Name)
	if err != nil {
		chk.Detail = err.Error()
		return chk, tbl
	}
	deadline := r.now().Add(poll)
	for {
		cols, rows, err := q.QueryRows(ctx, dc.SQL, params)
		if err != nil {
			chk.Detail = fmt.Sprintf("query %s: %v", table, err)
			return chk, tbl
		}
		tbl = tableOf(chk.Name, cols, rows)
		ms := compareDB(dc, want, cols, rows, dbOptions(dc))
		if len(ms) == 0 || !r.now().Before(deadline) || r.sleep(ctx) != nil {
			return r.settle(chk, table, wantWord(dc, want), rows, ms, poll), tbl
		}
	}
}

// prepare validates dc and renders its expected rows.
func (r DBRunner) prepare(dc catalog.DBCheck, params map[string]string, render RenderFunc, name string) ([]Row, time.Duration, error) {
	if strings.TrimSpace(dc.SQL) == "" {
		return nil, 0, fmt.Errorf("db check has no sql")
	}
	if len(dc.Rows) == 0 && dc.ExpectRows == nil {
		return nil, 0, fmt.Errorf("db check expects nothing: give rows or expect_rows")
	}
	if _, _, missing := Bind(dc.SQL, params); len(missing) > 0 {
		return nil, 0, fmt.Errorf("parameter :%s has no value", missing[0])
	}
	var poll time.Duration
	if dc.Poll != "" {
		d, err := time.ParseDuration(dc.Poll)
		if err != nil || d < 0 {
			return nil, 0, fmt.Errorf("poll %q is not a duration like 2s", dc.Poll)
		}
		poll = d
	}
	want, err := renderRows(dc.Rows, render, name)
	return want, poll, err
}

// renderRows renders every expected value that holds a template.
func renderRows(rows []map[string]string, render RenderFunc, name string) ([]Row, error) {
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = make(Row, len(r))
		for col, v := range r {
			if strings.Contains(v, "{{") {
				if render == nil {
					return nil, fmt.Errorf("%s rows[%d].%s: no renderer for template %q", name, i+1, col, v)
				}
				s, err := render(fmt.Sprintf("%s rows[%d].%s", name, i+1, col), v)
				if err != nil {
					return nil, err
				}
				v = s
			}
			out[i][col] = Want(v)
		}
	}
	return out, nil
}

// compareDB checks the key columns were selected, the row count and the rows.
func compareDB(dc catalog.DBCheck, want []Row, cols []string, rows []map[string]*string, o Options) []RowMismatch {
	cols = upperAll(cols)
	for _, k := range dc.Key {
		if !contains(cols, strings.ToUpper(k)) {
			return []RowMismatch{{Kind: ColumnDiffers, Column: strings.ToUpper(k), Want: "key column", Got: notSelected}}
		}
	}
	var ms []RowMismatch
	if dc.ExpectRows != nil && len(rows) != *dc.ExpectRows {
		ms = append(ms, RowMismatch{Kind: CountDiffers, Want: fmt.Sprint(*dc.ExpectRows), Got: fmt.Sprint(len(rows))})
	}
	if len(want) > 0 {
		got := make([]Row, len(rows))
		for i, r := range rows {
			got[i] = make(Row, len(r))
			for c, p := range r {
				got[i][c] = FromPtr(p)
			}
		}
		ms = append(ms, CompareRows(want, got, dc.Key, dc.Ignore, o)...)
	}
	return ms
}

// wantWord is what a check wanted, as a passing check records it: the
// expected row count when given, else the number of expected rows.
func wantWord(dc catalog.DBCheck, want []Row) string {
	if dc.ExpectRows != nil {
		return rowsWord(*dc.ExpectRows)
	}
	return rowsWord(len(want))
}

func (r DBRunner) settle(chk result.Check, table, want string, rows []map[string]*string, ms []RowMismatch, poll time.Duration) result.Check {
	if len(ms) == 0 {
		chk.Status = result.Pass
		chk.Want, chk.Got = want, rowsWord(len(rows))
		chk.Detail = fmt.Sprintf("%s: %s match", table, rowsWord(len(rows)))
		return chk
	}
	for i := range ms {
		ms[i].Table = table
	}
	chk.Want, chk.Got = ms[0].Want, ms[0].Got
	max := r.MaxShown
	if max <= 0 {
		max = 5
	}
	chk.Detail = Describe(ms, max)
	if poll > 0 {
		chk.Detail += fmt.Sprintf(" (still after polling %s)", poll)
	}
	return chk
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

func dbName(dc catalog.DBCheck, table string) string {
	if dc.Name != "" {
		return dc.Name
	}
	if table != "" {
		return "db " + table
	}
	return "db"
}

func dbOptions(dc catalog.DBCheck) Options {
	o := DefaultOptions()
	if dc.NullIsEmpty != nil {
		o.NullIsEmpty = *dc.NullIsEmpty
	}
	return o
}

func tableOf(name string, cols []string, rows []map[string]*string) result.Table {
	t := result.Table{Check: name, Columns: cols, Rows: make([]map[string]string, len(rows))}
	for i, r := range rows {
		m := make(map[string]string, len(r))
		for c, p := range r {
			if p != nil {
				m[c] = *p
			}
		}
		t.Rows[i] = m
	}
	return t
}

func (r DBRunner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r DBRunner) sleep(ctx context.Context) error {
	d := r.Interval
	if d <= 0 {
		d = 200 * time.Millisecond
	}
	if r.Sleep != nil {
		return r.Sleep(ctx, d)
	}
	return pause.For(ctx, d)
}
