// Package present prints one harness result for a person: the output of
// `gt3ct run SERVICE` — header, steps, request and answer (head fields and
// the business body pretty-printed, Chinese readable), the answer class,
// every check with want/got, the rows read from the core database, the
// elapsed time and a one-line verdict.
package present

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Options controls Text.
type Options struct {
	Color   bool // ANSI green/red marks (the caller sets it on a terminal)
	Verbose bool // no truncation of bodies, raw text, cells or row lists
	Width   int  // terminal width in cells for section rules; 0 means 80
	// Redactor hides secrets in raw text that did not parse; nil = none
	// known (the command passes the one holding its environment's secrets).
	Redactor *safety.Redactor
}

func (o Options) redactor() *safety.Redactor {
	if o.Redactor != nil {
		return o.Redactor
	}
	return safety.NewRedactor()
}

// Limits of the non-verbose output.
const (
	maxBodyLines = 60   // lines of a body or raw text
	maxRawRunes  = 4000 // characters of raw text that did not parse
	maxRows      = 20   // rows per table
	maxCell      = 40   // display cells per table cell
)

// ANSI colours.
const (
	green = "\x1b[32m"
	red   = "\x1b[31m"
	reset = "\x1b[0m"
)

// printer carries the output and the options through the sections.
type printer struct {
	b        *bufio.Writer
	o        Options
	stepList []result.Step // to tell which step a message belongs to
}

// Text writes r for a person to w, in the order: header, steps, request,
// answer, class, checks, rows, error, elapsed time and verdict.
func Text(w io.Writer, r result.Result, o Options) error {
	p := &printer{b: bufio.NewWriter(w), o: o, stepList: r.Steps}
	p.header(r)
	p.steps(r.Steps)
	p.message("request", r.Request, "(not sent)")
	p.message("answer", r.Response, "(no answer)")
	p.class(r.Class)
	p.checks(r.Checks)
	p.notes(r.Notes)
	p.tables(r.Rows)
	p.errorText(r)
	p.line("")
	p.line("elapsed %s", ms(r.LatencyMS))
	p.line("%s", p.paintVerdict(r))
	return p.b.Flush()
}

// notes prints each observation that is never a failure (answer head-lint
// problems), one "note:" line each.
func (p *printer) notes(notes []string) {
	if len(notes) == 0 {
		return
	}
	p.line("")
	for _, n := range notes {
		p.line("note: %s", n)
	}
}

// line writes one formatted line.
func (p *printer) line(format string, args ...any) {
	fmt.Fprintf(p.b, format, args...)
	p.b.WriteByte('\n')
}

// paint colours s when colour is on.
func (p *printer) paint(color, s string) string {
	if !p.o.Color {
		return s
	}
	return color + s + reset
}

// rule starts a section: "── title ─────…" as wide as the terminal.
func (p *printer) rule(title string) {
	width := p.o.Width
	if width <= 0 {
		width = 80
	}
	head := "── " + title + " "
	n := max(3, width-len([]rune(head)))
	p.line("")
	p.line("%s%s", head, strings.Repeat("─", n))
}

func (p *printer) header(r result.Result) {
	title := strings.Join(nonEmpty(r.Service, r.TranID, r.Name), "  ")
	p.line("%s", title)
	access := "read-only"
	if r.Writes {
		access = "writes"
	}
	facts := []string{"case " + orDash(r.Case)}
	if r.Module != "" {
		facts = append(facts, "module "+r.Module)
	}
	if r.Level != "" {
		facts = append(facts, "level "+r.Level)
	}
	p.line("%s", strings.Join(append(facts, access), " · "))
}

func (p *printer) steps(steps []result.Step) {
	if len(steps) == 0 {
		return
	}
	p.rule(fmt.Sprintf("steps (%d)", len(steps)))
	width := 0
	for _, s := range steps {
		width = max(width, len(s.Service))
	}
	for i, s := range steps {
		p.line("  %d. %-*s  %-9s  %9s  tran_seq %s", i+1, width, s.Service, orDash(string(s.Class)), ms(s.LatencyMS), orDash(s.TranSeq))
	}
}

func (p *printer) class(class result.Class) {
	p.line("")
	p.line("class: %s", orDash(string(class)))
}

// errorText prints the harness error unless the verdict or a failed check
// already shows it whole.
func (p *printer) errorText(r result.Result) {
	if r.Error == "" || shownInChecks(r.Error, r.Checks) ||
		(status(r) == result.Error && !strings.Contains(r.Error, "\n")) {
		return
	}
	p.line("")
	p.line("error:")
	p.indented("  ", sanitize(r.Error))
}

// indented writes each line of s behind prefix.
func (p *printer) indented(prefix, s string) {
	for _, l := range strings.Split(s, "\n") {
		p.line("%s%s", prefix, l)
	}
}

// ms formats a latency in milliseconds.
func ms(v float64) string { return fmt.Sprintf("%.1f ms", v) }

func orDash(s string) string { return orText(s, "-") }

// shownInChecks reports whether a failed check already carries text as its
// got or detail (the runner records a transport error both ways).
func shownInChecks(text string, cs []result.Check) bool {
	for _, c := range cs {
		if c.Status == result.Fail && (c.Got == text || c.Detail == text) {
			return true
		}
	}
	return false
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
