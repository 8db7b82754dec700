package repro

import (
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// TableDiff is what a replay changed in one table. Volatile columns (entry
// and change dates, generated UUIDs and 20-digit numbers) are shown but a
// change in them alone does not count as a difference.
type TableDiff struct {
	Table       string      `json:"table"`
	Columns     []string    `json:"columns"`
	Volatile    []string    `json:"volatile"`
	Added       []Row       `json:"added,omitempty"`
	Changed     []RowChange `json:"changed,omitempty"`
	Removed     []Row       `json:"removed,omitempty"`
	Differences int         `json:"differences"`
}

// Row is one row by column name (nil is NULL) and its primary key.
type Row struct {
	Key    string             `json:"key"`
	Values map[string]*string `json:"values"`
}

// RowChange is a row present before and after with changed columns.
type RowChange struct {
	Key     string      `json:"key"`
	Columns []ColChange `json:"columns"`
}

// ColChange is one changed column: old → new.
type ColChange struct {
	Column   string  `json:"column"`
	Old      *string `json:"old"`
	New      *string `json:"new"`
	Volatile bool    `json:"volatile,omitempty"`
}

// volatileNames are date columns stamped by the clock.
var volatileNames = map[string]bool{"LRRQ": true, "XGRQ": true, "SBRQ_1": true}

// IsVolatile reports whether a column's values change from run to run:
// clock stamps and generated identifiers (UUIDs, PZXHs), not the owner DJXH.
func IsVolatile(t coredb.Table, col string) bool {
	if volatileNames[col] {
		return true
	}
	for _, c := range t.Columns {
		if c.Name == col {
			return (c.Type == coredb.UUID32 || c.Type == coredb.ID20) && col != t.Owner
		}
	}
	return false
}

// Diff compares two snapshots of the same taxpayer table by table, rows
// matched by primary key. Only tables with a change are listed; the order
// of rows is deterministic (added rows by their stable values).
func Diff(before, after *snapshot.Snapshot) []TableDiff {
	old := map[string]snapshot.TableRows{}
	for _, tr := range before.Tables {
		old[tr.Table] = tr
	}
	var out []TableDiff
	for _, tr := range after.Tables {
		d := diffTable(old[tr.Table], tr)
		if len(d.Added)+len(d.Changed)+len(d.Removed) > 0 {
			out = append(out, d)
		}
	}
	return out
}

func diffTable(before, after snapshot.TableRows) TableDiff {
	t, _ := coredb.Find(after.Table)
	d := TableDiff{Table: after.Table, Columns: after.Columns}
	for _, c := range after.Columns {
		if IsVolatile(t, c) {
			d.Volatile = append(d.Volatile, c)
		}
	}
	was := rowsByKey(t, before)
	now := rowsByKey(t, after)
	for k, r := range now {
		p, ok := was[k]
		if !ok {
			d.Added = append(d.Added, r)
			d.Differences++
			continue
		}
		if ch := changes(t, after.Columns, p, r); len(ch.Columns) > 0 {
			d.Changed = append(d.Changed, ch)
			if countsAsChange(ch) {
				d.Differences++
			}
		}
	}
	for k, r := range was {
		if _, ok := now[k]; !ok {
			d.Removed = append(d.Removed, r)
			d.Differences++
		}
	}
	sortRows(t, d.Added)
	sortRows(t, d.Removed)
	sort.Slice(d.Changed, func(i, j int) bool { return d.Changed[i].Key < d.Changed[j].Key })
	return d
}

func rowsByKey(t coredb.Table, tr snapshot.TableRows) map[string]Row {
	out := map[string]Row{}
	for _, r := range tr.Rows {
		row := Row{Values: map[string]*string{}}
		for j, c := range tr.Columns {
			row.Values[c] = r[j]
		}
		var key []string
		for _, k := range t.Key {
			key = append(key, deref(row.Values[k]))
		}
		row.Key = strings.Join(key, "|")
		out[row.Key] = row
	}
	return out
}

func changes(t coredb.Table, cols []string, before, after Row) RowChange {
	ch := RowChange{Key: after.Key}
	for _, c := range cols {
		o, n := before.Values[c], after.Values[c]
		if !samePtr(o, n) {
			ch.Columns = append(ch.Columns, ColChange{Column: c, Old: o, New: n, Volatile: IsVolatile(t, c)})
		}
	}
	return ch
}

func countsAsChange(ch RowChange) bool {
	for _, c := range ch.Columns {
		if !c.Volatile {
			return true
		}
	}
	return false
}

// Signature is a row's stable values: every non-volatile column, in table
// order. Two runs that wrote the same data give the same signatures.
func Signature(t coredb.Table, values map[string]*string) string {
	var b strings.Builder
	for _, c := range t.Columns {
		v, ok := values[c.Name]
		if !ok || IsVolatile(t, c.Name) {
			continue
		}
		b.WriteString(c.Name + "=")
		if v == nil {
			b.WriteString("NULL")
		} else {
			b.WriteString(*v)
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String())
}

func sortRows(t coredb.Table, rows []Row) {
	sort.Slice(rows, func(i, j int) bool {
		si, sj := Signature(t, rows[i].Values), Signature(t, rows[j].Values)
		if si != sj {
			return si < sj
		}
		return rows[i].Key < rows[j].Key
	})
}

func samePtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
