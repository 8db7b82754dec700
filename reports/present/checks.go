package present

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/internal/textwidth"

	"github.com/gt3ct/gt3ct/harness/result"
)

// null is how a column missing from a row (SQL NULL) is shown.
const null = "NULL"

// checks prints every check: a mark, its kind and name, and for a failure
// want, got and detail on indented lines.
func (p *printer) checks(cs []result.Check) {
	if len(cs) == 0 {
		p.rule("checks")
		p.line("  (no checks ran)")
		return
	}
	summary := "all passed"
	if failed := countFailed(cs); failed > 0 {
		summary = fmt.Sprintf("%d failed", failed)
	}
	p.rule(fmt.Sprintf("checks (%d, %s)", len(cs), summary))
	kindWidth := 0
	for _, c := range cs {
		kindWidth = max(kindWidth, len(c.Kind))
	}
	for _, c := range cs {
		p.line("  %s  %-*s  %s", p.mark(c.Status), kindWidth, c.Kind, sanitize(c.Name))
		if c.Status != result.Pass && c.Status != result.Skip {
			p.field("want", c.Want)
			p.field("got", c.Got)
		}
		if c.Detail != "" && (c.Status != result.Pass || p.o.Verbose) {
			p.field("detail", strings.ReplaceAll(c.Detail, "; ", "\n"))
		}
	}
}

// mark is the status symbol and word of a check, coloured when asked.
func (p *printer) mark(status result.Status) string {
	switch status {
	case result.Pass:
		return p.paint(green, "✔ ok  ")
	case result.Skip:
		return "- skip"
	}
	return p.paint(red, "✘ FAIL")
}

// field prints "want: …" under a check; later lines of a multi-line value
// line up under the first. Details list several mismatches joined by "; ":
// the caller passes them one a line.
func (p *printer) field(name, value string) {
	const indent = "           "
	lines := strings.Split(sanitize(value), "\n")
	p.line("%s%-7s %s", indent, name+":", lines[0])
	for _, l := range lines[1:] {
		p.line("%s        %s", indent, l)
	}
}

// tables prints the rows read by each database check as an aligned table.
func (p *printer) tables(ts []result.Table) {
	if len(ts) == 0 {
		return
	}
	p.rule("rows")
	for i, t := range ts {
		if i > 0 {
			p.line("")
		}
		p.table(t)
	}
}

func (p *printer) table(t result.Table) {
	p.line("  %s (%s)", sanitize(orDash(t.Check)), rowsWord(len(t.Rows)))
	if len(t.Rows) == 0 {
		return
	}
	cols := columns(t)
	shown := t.Rows
	if !p.o.Verbose && len(shown) > maxRows {
		shown = shown[:maxRows]
	}
	cells := make([][]string, 0, len(shown)+1)
	cells = append(cells, cols)
	for _, row := range shown {
		cells = append(cells, p.rowCells(cols, row))
	}
	p.grid(cells)
	if rest := len(t.Rows) - len(shown); rest > 0 {
		p.line("    … %d more rows (use --verbose)", rest)
	}
}

// rowCells returns the row's values in column order, NULL for missing ones.
func (p *printer) rowCells(cols []string, row map[string]string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		v, ok := row[c]
		switch {
		case !ok:
			v = null
		case !p.o.Verbose:
			v = textwidth.Truncate(v, maxCell, "…")
		}
		out[i] = sanitize(v)
	}
	return out
}

// grid prints rows of cells padded to the display width of each column
// (Chinese characters count two cells); the first row is the header.
func (p *printer) grid(cells [][]string) {
	for _, l := range strings.Split(strings.TrimSuffix(textwidth.Table(cells, "", 2), "\n"), "\n") {
		p.line("    %s", strings.TrimRight(l, " "))
	}
}

// columns is the table's column order, or the sorted keys of its rows when
// the check recorded none.
func columns(t result.Table) []string {
	if len(t.Columns) > 0 {
		return t.Columns
	}
	seen := map[string]bool{}
	var cols []string
	for _, r := range t.Rows {
		for c := range r {
			if !seen[c] {
				seen[c] = true
				cols = append(cols, c)
			}
		}
	}
	sort.Strings(cols)
	return cols
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

func countFailed(cs []result.Check) int {
	n := 0
	for _, c := range cs {
		if c.Status != result.Pass && c.Status != result.Skip {
			n++
		}
	}
	return n
}
