package repro

import (
	"fmt"
	"io"
	"strings"

	"github.com/gt3ct/gt3ct/harness/result"
)

// WriteText prints a replay for people: the answer, the row diff per table
// (volatile columns marked ~), how it compares with what was captured, and
// the contract checks.
func WriteText(w io.Writer, rp *Replay) error {
	p := &textWriter{w: w}
	p.f("repro %s (%s) against %s", rp.Service, rp.TranID, rp.Env)
	if rp.Faults != "" {
		p.f(" with faults %s", rp.Faults)
	}
	p.f("\ntaxpayer %s: %d rows seeded under fresh identifiers, %d captured rows entered after the request not seeded\n\n",
		rp.DJXH, rp.Seeded, rp.NotSeeded)
	p.answer(rp.Answer)
	p.f("\nrows (%d differences; ~ marks volatile columns, not counted):\n", rp.Differences)
	if len(rp.Diff) == 0 {
		p.f("  no row changed\n")
	}
	for _, d := range rp.Diff {
		p.table(d)
	}
	p.captured(rp.Captured)
	p.checks(rp)
	return p.err
}

type textWriter struct {
	w   io.Writer
	err error
}

func (p *textWriter) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *textWriter) answer(a Answer) {
	p.f("answer: class %s, rtn_code %s, code %s\n", orDash(string(a.Class)), orDash(a.RtnCode), orDash(a.Code))
	if s := firstNonEmpty(a.Error, a.Reason, a.Message); s != "" {
		p.f("  %s\n", s)
	}
	if a.Body != "" {
		p.f("  %s\n", clip(strings.Join(strings.Fields(a.Body), " "), 600))
	}
}

func (p *textWriter) table(d TableDiff) {
	p.f("  %s: %d added, %d changed, %d removed\n", d.Table, len(d.Added), len(d.Changed), len(d.Removed))
	vol := map[string]bool{}
	for _, c := range d.Volatile {
		vol[c] = true
	}
	for _, r := range d.Added {
		p.f("    + %s\n", cells(d.Columns, r, vol))
	}
	for _, r := range d.Removed {
		p.f("    - %s\n", cells(d.Columns, r, vol))
	}
	for _, ch := range d.Changed {
		var parts []string
		for _, c := range ch.Columns {
			mark := ""
			if c.Volatile {
				mark = "~"
			}
			parts = append(parts, fmt.Sprintf("%s%s %s → %s", mark, c.Column, show(c.Old), show(c.New)))
		}
		p.f("    * %s: %s\n", ch.Key, strings.Join(parts, ", "))
	}
}

func cells(cols []string, r Row, vol map[string]bool) string {
	var parts []string
	for _, c := range cols {
		v, ok := r.Values[c]
		if !ok || v == nil {
			continue
		}
		mark := ""
		if vol[c] {
			mark = "~"
		}
		parts = append(parts, mark+c+"="+*v)
	}
	return strings.Join(parts, " ")
}

func (p *textWriter) captured(c *Comparison) {
	if c == nil {
		return
	}
	if c.Same {
		p.f("\nthe replay wrote the same rows as captured after the request (%d rows): reproduced\n", c.Rows)
		return
	}
	p.f("\nthe replay differs from the %d rows captured after the request:\n", c.Rows)
	for _, m := range c.Missing {
		p.f("  captured only: %s\n", m)
	}
	for _, e := range c.Extra {
		p.f("  replay only:   %s\n", e)
	}
}

func (p *textWriter) checks(rp *Replay) {
	failed := 0
	p.f("\nchecks:\n")
	for _, c := range rp.Checks {
		mark := "ok  "
		if c.Status != result.Pass {
			mark, failed = "FAIL", failed+1
		}
		p.f("  %s %s %s", mark, c.Kind, c.Name)
		if c.Status != result.Pass {
			p.f(": want %s, got %s %s", c.Want, c.Got, c.Detail)
		}
		p.f("\n")
	}
	for _, s := range rp.Skipped {
		p.f("  skip %s\n", s)
	}
	p.f("\n%s: %d of %d checks failed\n", strings.ToUpper(string(rp.Status)), failed, len(rp.Checks))
}

func show(p *string) string {
	if p == nil {
		return "NULL"
	}
	return *p
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
