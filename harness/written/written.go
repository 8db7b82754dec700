// Package written finds the rows a writing call left in the core: it reads
// every core table that carries the case's DJXH or an identifier the case
// holds (PZXH, SBUUID, …) before the call, reads again after it (adding the
// identifiers saved from the answer) and keeps the rows that are new or
// changed. The runner records them in the Result ("written") and the data
// specification (package spec) checks them.
package written

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// probe is one read: the rows of a table whose column holds a value.
type probe struct {
	table  coredb.Table
	column string
	value  string
}

// probes lists the reads that find a case's rows: for every core table
// owned by a taxpayer, each identifier column (20 digits or 32 hex) named
// by a value of vars (djxh → DJXH, pzxh → PZXH and YZPZXH, sbuuid →
// SBUUID). Sorted, so reads happen in a stable order.
func probes(vars map[string]string) []probe {
	var out []probe
	for name, v := range vars {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		for _, tc := range columnsNamed(name) {
			out = append(out, probe{tc.table, tc.column, v})
		}
	}
	slices.SortFunc(out, func(a, b probe) int {
		return cmp.Or(strings.Compare(a.table.Schema, b.table.Schema), strings.Compare(a.table.Name, b.table.Name),
			strings.Compare(a.column, b.column), strings.Compare(a.value, b.value))
	})
	return out
}

// tableColumn is an identifier column of a taxpayer-owned core table.
type tableColumn struct {
	table  coredb.Table
	column string
}

// named remembers columnsNamed's answers: a sweep asks for the same few
// variable names (djxh, pzxh, sbuuid, …) on every writing step.
var named sync.Map // variable name → []tableColumn

// columnsNamed lists the identifier columns (20 digits or 32 hex) of the
// taxpayer-owned core tables that the variable name stands for.
func columnsNamed(name string) []tableColumn {
	if v, ok := named.Load(name); ok {
		return v.([]tableColumn)
	}
	var out []tableColumn
	for _, t := range coredb.Tables {
		if t.Owner == "" {
			continue
		}
		for _, c := range t.Columns {
			if (c.Type == coredb.ID20 || c.Type == coredb.UUID32) && names(name, c.Name) {
				out = append(out, tableColumn{t, c.Name})
			}
		}
	}
	named.Store(name, out)
	return out
}

// names reports whether the variable name stands for column col: the same
// name in any case, a name ending in it (lsdjxh for a DJXH the core
// chose), or a PZXH for the YZPZXH that points at it.
func names(name, col string) bool {
	n := strings.ToUpper(name)
	return strings.HasSuffix(n, col) || n == "PZXH" && col == "YZPZXH"
}

// Snapshot is the state of a case's rows before a call.
type Snapshot struct {
	q     check.Querier
	rows  map[string]map[string]string // table + primary key → row
	since time.Time                    // After: rows found only by their owner count from this time on
}

// Take reads the case's rows before a call.
func Take(ctx context.Context, q check.Querier, vars map[string]string) (*Snapshot, error) {
	s := &Snapshot{q: q}
	err := scan(ctx, q, vars, func() { s.rows = map[string]map[string]string{} },
		func(g []probe, r map[string]string) { s.rows[rowID(g[0].table, r)] = r })
	if err != nil {
		return nil, err
	}
	return s, nil
}

// scan reads, as one view, the rows vars identify in every table that holds
// some, and hands each to keep with its table's probes. start runs at the
// start of every attempt: a view retried after a dropped connection starts
// from nothing.
func scan(ctx context.Context, q check.Querier, vars map[string]string, start func(), keep func([]probe, map[string]string)) error {
	all := byTable(probes(vars))
	return inView(ctx, q, func(q check.Querier) error {
		start()
		groups, err := occupied(ctx, q, all)
		if err != nil {
			return err
		}
		for _, g := range groups {
			rows, err := read(ctx, q, g)
			if err != nil {
				return err
			}
			for _, r := range rows {
				keep(g, r)
			}
		}
		return nil
	})
}

// inView runs fn with q's reads as one consistent view when q can give
// one (check.Viewer), else with q itself.
func inView(ctx context.Context, q check.Querier, fn func(check.Querier) error) error {
	if v, ok := q.(check.Viewer); ok {
		return v.View(ctx, fn)
	}
	return fn(q)
}

// Written reads the case's rows again, with the identifiers vars now holds
// (saved answer values included), and returns the rows that are new or
// changed since the snapshot, by table. A row found by an identifier that
// was not known before the call counts as written.
func (s *Snapshot) Written(ctx context.Context, vars map[string]string) (result.Written, error) {
	var out result.Written
	err := scan(ctx, s.q, vars, func() { out = result.Written{} }, func(g []probe, r map[string]string) {
		if before, ok := s.rows[rowID(g[0].table, r)]; ok && equal(before, r) || s.older(g, r) {
			return
		}
		out[g[0].table.QName()] = append(out[g[0].table.QName()], r)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// byTable groups probes by table (probes come sorted, so by table name),
// so each table is read once per snapshot.
func byTable(ps []probe) [][]probe {
	var out [][]probe
	for i, p := range ps {
		if i == 0 || p.table.Schema != ps[i-1].table.Schema || p.table.Name != ps[i-1].table.Name {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], p)
	}
	return out
}

// read runs the probes of one table as one query (the conditions or-ed);
// a row maps upper-case columns to text, NULL absent.
func read(ctx context.Context, q check.Querier, g []probe) ([]map[string]string, error) {
	cond, params := where(g, "p")
	sql := fmt.Sprintf("SELECT * FROM %s WHERE %s", g[0].table.QName(), cond)
	_, rows, err := q.QueryRows(ctx, sql, params)
	if err != nil {
		return nil, fmt.Errorf("written rows: read %s: %w", g[0].table.QName(), err)
	}
	out := make([]map[string]string, len(rows))
	for i, r := range rows {
		m := make(map[string]string, len(r))
		for c, v := range r { // QueryRows gives the column names upper-cased
			if v != nil {
				m[c] = *v
			}
		}
		out[i] = m
	}
	return out, nil
}

// where is the condition of one table's probes, or-ed, with its
// parameters named prefix0, prefix1, ….
func where(g []probe, prefix string) (string, map[string]string) {
	conds := make([]string, len(g))
	params := make(map[string]string, len(g))
	for i, p := range g {
		name := prefix + strconv.Itoa(i)
		conds[i] = p.column + " = :" + name
		params[name] = p.value
	}
	return strings.Join(conds, " OR "), params
}

// occupied keeps the groups whose table holds a row for their probes,
// counted in one statement over every table (UNION ALL of COUNTs): most of
// a case's dozen tables hold none of its rows, and reading each cost a
// statement per table per snapshot.
func occupied(ctx context.Context, q check.Querier, groups [][]probe) ([][]probe, error) {
	if len(groups) < 2 {
		return groups, nil
	}
	parts := make([]string, len(groups))
	params := map[string]string{}
	for i, g := range groups {
		cond, ps := where(g, "t"+strconv.Itoa(i)+"p")
		maps.Copy(params, ps)
		parts[i] = fmt.Sprintf("SELECT %d AS G, COUNT(*) AS N FROM %s WHERE %s", i, g[0].table.QName(), cond)
	}
	_, rows, err := q.QueryRows(ctx, strings.Join(parts, " UNION ALL "), params)
	if err != nil {
		return nil, fmt.Errorf("written rows: count: %w", err)
	}
	has := make([]bool, len(groups))
	for _, r := range rows {
		i, err1 := strconv.Atoi(text(r["G"]))
		n, err2 := strconv.Atoi(text(r["N"]))
		if err1 != nil || err2 != nil || i < 0 || i >= len(groups) {
			return nil, fmt.Errorf("written rows: count: unexpected row G=%q N=%q", text(r["G"]), text(r["N"]))
		}
		has[i] = n > 0
	}
	var out [][]probe
	for i, g := range groups {
		if has[i] {
			out = append(out, g)
		}
	}
	return out, nil
}

// text is a value read as text ("" for NULL).
func text(v *string) string {
	if v == nil {
		return ""
	}
	return strings.TrimSpace(*v)
}

// rowID names a row by its table and primary key (every column when the
// key is not selected).
func rowID(t coredb.Table, r map[string]string) string {
	var b strings.Builder
	b.WriteString(t.QName())
	for _, k := range t.Key {
		b.WriteString("|" + r[k])
	}
	return b.String()
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
