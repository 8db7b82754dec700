package check

import (
	"fmt"
	"sort"
	"strings"
)

// Row is one database row or expected row: column name to value. Column
// names are compared case-insensitively.
type Row map[string]Value

// MismatchKind says what is wrong with a row.
type MismatchKind int

// The kinds of row mismatch.
const (
	ColumnDiffers MismatchKind = iota // a column has another value (or was not selected)
	RowMissing                        // an expected row was not found
	RowExtra                          // a row was found that nobody expected
	KeyDuplicate                      // several rows share one key: a real bug
	CountDiffers                      // the number of rows is not the expected one
)

// RowMismatch is one difference between expected and actual rows, typed so
// reports can group them. Key reads "ZSUUID=ABC…" (or "row 2" without a key).
type RowMismatch struct {
	Kind   MismatchKind
	Table  string
	Column string
	Key    string
	Want   string
	Got    string
}

// String renders the mismatch the way a person reads it:
// HX_ZS.ZS_YJSF[ZSUUID=…].YBTSE: want 1234.56, got 1234.57
func (m RowMismatch) String() string {
	where := m.Table
	if m.Key != "" {
		where += "[" + m.Key + "]"
	}
	switch m.Kind {
	case ColumnDiffers:
		return fmt.Sprintf("%s.%s: want %s, got %s", where, m.Column, m.Want, m.Got)
	case RowMissing:
		return where + ": missing row"
	case RowExtra:
		return where + ": unexpected row"
	case KeyDuplicate:
		return fmt.Sprintf("%s: duplicate key, %s rows", where, m.Got)
	}
	return fmt.Sprintf("%s: want %s rows, got %s", where, m.Want, m.Got)
}

// notSelected is the Got of a column the query did not return.
const notSelected = "(column not selected)"

// CompareRows matches got rows to want rows and returns every difference.
// With key columns, rows match by key regardless of order: a want key with
// no row is missing, a got row whose key nobody wants is extra, a key held by
// several got rows is a duplicate. Without a key, each want row takes the
// closest unused got row (fewest differing columns) and reports its
// differences. Only the want rows' columns are compared, minus ignore.
func CompareRows(want, got []Row, key []string, ignore []string, o Options) []RowMismatch {
	c := rowCmp{o: o, key: upperAll(key), ignore: map[string]bool{}}
	for _, k := range ignore {
		c.ignore[strings.ToUpper(k)] = true
	}
	w, g := upperRows(want), upperRows(got)
	if len(c.key) == 0 {
		return c.bestFit(w, g)
	}
	return c.keyed(w, g)
}

type rowCmp struct {
	o      Options
	key    []string
	ignore map[string]bool
}

func (c rowCmp) kind(col string, want Value) Kind {
	if k, ok := c.o.Columns[col]; ok && k != KindAuto {
		return k
	}
	if c.o.Kind != KindAuto {
		return c.o.Kind
	}
	return Guess(want.S)
}

// keyOf returns the canonical key of r (kinds from the want row wr) and a
// printable form.
func (c rowCmp) keyOf(r, wr Row) (canon, show string) {
	var cb, sb strings.Builder
	for i, k := range c.key {
		v := r[k]
		if i > 0 {
			cb.WriteByte(0)
			sb.WriteByte(',')
		}
		if v.Null {
			cb.WriteString("\x00null")
		} else {
			cb.WriteString(Canon(v.S, c.kind(k, wr[k])))
		}
		sb.WriteString(k + "=" + v.String())
	}
	return cb.String(), sb.String()
}

func (c rowCmp) keyed(want, got []Row) []RowMismatch {
	var ref Row
	if len(want) > 0 {
		ref = want[0]
	}
	idx, out := c.indexGot(got, ref)
	used := make([]bool, len(got))
	for _, w := range want {
		k, show := c.keyOf(w, w)
		is := idx[k]
		if len(is) == 0 {
			out = append(out, RowMismatch{Kind: RowMissing, Key: show, Want: "row", Got: "none"})
			continue
		}
		for _, i := range is {
			used[i] = true
		}
		out = append(out, c.columns(w, got[is[0]], show)...)
	}
	for i, g := range got {
		if !used[i] {
			_, show := c.keyOf(g, ref)
			out = append(out, RowMismatch{Kind: RowExtra, Key: show, Want: "none", Got: "row"})
		}
	}
	return out
}

// indexGot indexes the got rows by key (read with the reference row's
// column kinds) and reports each key that more than one row shares.
func (c rowCmp) indexGot(got []Row, ref Row) (map[string][]int, []RowMismatch) {
	idx := map[string][]int{}
	var order []string
	for i, g := range got {
		k, _ := c.keyOf(g, ref)
		if len(idx[k]) == 0 {
			order = append(order, k)
		}
		idx[k] = append(idx[k], i)
	}
	var out []RowMismatch
	for _, k := range order {
		if n := len(idx[k]); n > 1 {
			_, show := c.keyOf(got[idx[k][0]], ref)
			out = append(out, RowMismatch{Kind: KeyDuplicate, Key: show, Want: "1", Got: fmt.Sprint(n)})
		}
	}
	return idx, out
}

// columns compares the want row's columns (sorted, minus key and ignored).
func (c rowCmp) columns(w, g Row, key string) []RowMismatch {
	var out []RowMismatch
	for _, col := range sortedCols(w) {
		if c.ignore[col] || contains(c.key, col) {
			continue
		}
		wv := w[col]
		gv, ok := g[col]
		if !ok {
			out = append(out, RowMismatch{Kind: ColumnDiffers, Column: col, Key: key, Want: wv.String(), Got: notSelected})
			continue
		}
		o := c.o
		o.Kind = c.kind(col, wv)
		if !Equal(wv, gv, o) {
			out = append(out, RowMismatch{Kind: ColumnDiffers, Column: col, Key: key, Want: wv.String(), Got: gv.String()})
		}
	}
	return out
}

// bestFit pairs rows without a key: exact matches first, then each
// remaining want row with its closest remaining got row.
func (c rowCmp) bestFit(want, got []Row) []RowMismatch {
	used := make([]bool, len(got))
	matched := make([]bool, len(want))
	for wi, w := range want {
		for gi, g := range got {
			if !used[gi] && len(c.columns(w, g, "")) == 0 {
				used[gi], matched[wi] = true, true
				break
			}
		}
	}
	var out []RowMismatch
	for wi, w := range want {
		if matched[wi] {
			continue
		}
		show := fmt.Sprintf("row %d", wi+1)
		best, bestDiff := -1, []RowMismatch(nil)
		for gi, g := range got {
			if used[gi] {
				continue
			}
			if d := c.columns(w, g, show); best < 0 || len(d) < len(bestDiff) {
				best, bestDiff = gi, d
			}
		}
		if best < 0 {
			out = append(out, RowMismatch{Kind: RowMissing, Key: show, Want: "row", Got: "none"})
			continue
		}
		used[best] = true
		out = append(out, bestDiff...)
	}
	for gi := range got {
		if !used[gi] {
			out = append(out, RowMismatch{Kind: RowExtra, Key: fmt.Sprintf("got row %d", gi+1), Want: "none", Got: "row"})
		}
	}
	return out
}

// Describe joins the first max mismatches into one line, saying how many
// more there are.
func Describe(ms []RowMismatch, max int) string {
	var parts []string
	for i, m := range ms {
		if i == max {
			parts = append(parts, fmt.Sprintf("… and %d more", len(ms)-max))
			break
		}
		parts = append(parts, m.String())
	}
	return strings.Join(parts, "; ")
}

func upperRows(rows []Row) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		u := make(Row, len(r))
		for k, v := range r {
			u[strings.ToUpper(k)] = v
		}
		out[i] = u
	}
	return out
}

func upperAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToUpper(s)
	}
	return out
}

func sortedCols(r Row) []string {
	cols := make([]string, 0, len(r))
	for k := range r {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	return cols
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
