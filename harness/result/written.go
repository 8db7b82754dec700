package result

import (
	"sort"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// Written is the rows a call left in the core, by schema-qualified table
// (HX_SB.SB_SBB): each row maps a column to its text (NULL columns absent).
type Written map[string][]map[string]string

// Merge adds the rows of w2 (a later step) to w: a row with the same
// primary key (coredb.Tables) as one already held replaces it, so the union
// shows each row as the last step left it; an equal row is not repeated. It
// returns w (allocated when nil and w2 holds rows).
func (w Written) Merge(w2 Written) Written {
	for t, rows := range w2 {
		if w == nil {
			w = Written{}
		}
		var key []string
		if tb, ok := coredb.Find(t); ok {
			key = tb.Key
		}
		for _, r := range rows {
			if i := index(w[t], r, key); i >= 0 {
				w[t][i] = r
				continue
			}
			w[t] = append(w[t], r)
		}
	}
	return w
}

// Tables lists the tables of w, sorted.
func (w Written) Tables() []string {
	out := make([]string, 0, len(w))
	for t := range w {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Count is the number of rows held over all tables.
func (w Written) Count() int {
	n := 0
	for _, rows := range w {
		n += len(rows)
	}
	return n
}

// index finds the row of rows that r replaces: same key values (all
// present), or equal in every column when there is no key.
func index(rows []map[string]string, r map[string]string, key []string) int {
	for i, have := range rows {
		if same(have, r, key) {
			return i
		}
	}
	return -1
}

func same(a, b map[string]string, key []string) bool {
	if len(key) == 0 {
		key = make([]string, 0, len(a))
		for k := range a {
			key = append(key, k)
		}
		if len(a) != len(b) {
			return false
		}
	}
	for _, k := range key {
		av, ok1 := a[k]
		bv, ok2 := b[k]
		if !ok1 || !ok2 || av != bv {
			return false
		}
	}
	return true
}
