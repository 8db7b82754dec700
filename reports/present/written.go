package present

import (
	"bufio"
	"fmt"
	"io"
	"sort"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// Written writes the rows a case's writing steps left in the core (the
// Result's "written") for a person: a "rows written (N)" rule, then one
// aligned table per core table in name order, columns in the core schema's
// order, NULL for a column a row lacks. It writes nothing when there are
// none. `run` prints it right after the rows read by the checks.
func Written(w io.Writer, wr result.Written, o Options) error {
	p := &printer{b: bufio.NewWriter(w), o: o}
	p.written(wr)
	return p.b.Flush()
}

func (p *printer) written(wr result.Written) {
	if wr.Count() == 0 {
		return
	}
	p.rule(fmt.Sprintf("rows written (%d)", wr.Count()))
	for i, t := range wr.Tables() {
		if i > 0 {
			p.line("")
		}
		p.table(result.Table{Check: t, Columns: writtenColumns(t, wr[t]), Rows: wr[t]})
	}
}

// writtenColumns orders the columns the rows hold as the core schema does;
// columns it does not know follow, sorted.
func writtenColumns(table string, rows []map[string]string) []string {
	held := map[string]bool{}
	for _, r := range rows {
		for c := range r {
			held[c] = true
		}
	}
	var out []string
	if t, ok := coredb.Find(table); ok {
		for _, c := range t.Columns {
			if held[c.Name] {
				out = append(out, c.Name)
				delete(held, c.Name)
			}
		}
	}
	rest := make([]string, 0, len(held))
	for c := range held {
		rest = append(rest, c)
	}
	sort.Strings(rest)
	return append(out, rest...)
}
