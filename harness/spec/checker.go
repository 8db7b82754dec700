package spec

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// maxShown is how many offending rows a failing check spells out.
const maxShown = 5

// Checker applies the rules to written rows, reading code tables from the
// core under test once each. It is safe for concurrent use.
type Checker struct {
	Rules Rules
	codes *codeCache
}

// New returns a checker of rules over the core database q.
func New(rules Rules, q check.Querier) *Checker {
	return &Checker{Rules: rules, codes: &codeCache{q: q, by: map[string]*codeSet{}}}
}

// Check applies the specification to every written row and returns, per
// table: one failing check per (rule, column) with the offending values,
// one skipped check per coded column whose code table is absent or empty,
// and one passing check when the table's rows break no rule. request is
// the message sent: a bad value it carries blames the caller.
func (c *Checker) Check(ctx context.Context, w result.Written, request string) []result.Check {
	var out []result.Check
	for _, table := range w.Tables() {
		fails := map[string][]string{} // rule|column → offending rows
		first := map[string]problem{}
		skips := map[string]string{}
		for _, row := range w[table] {
			ps, sk := c.checkRow(ctx, table, row)
			for _, p := range ps {
				k := p.rule + "|" + p.column
				if _, ok := first[k]; !ok {
					first[k] = p
				}
				fails[k] = append(fails[k], rowName(table, row)+"."+p.column+" = "+p.value)
			}
			for _, s := range sk {
				skips[s.column] = s.reason
			}
		}
		out = append(out, tableChecks(table, len(w[table]), first, fails, skips, request)...)
	}
	return out
}

// tableChecks turns one table's problems into checks, in a stable order.
func tableChecks(table string, rows int, first map[string]problem, fails map[string][]string, skips map[string]string, request string) []result.Check {
	var out []result.Check
	for _, k := range slices.Sorted(maps.Keys(fails)) {
		p := first[k]
		ck := result.Check{Kind: result.KindSpec, Name: fmt.Sprintf("spec %s.%s %s", table, p.column, p.rule),
			Status: result.Fail, Want: p.want, Got: p.value, Detail: detail(p, fails[k])}
		if p.value != "NULL" && sentIn(request, p.value) {
			ck.Blame = result.BlameCaller
			ck.Detail += " (the request sent " + p.value + ")"
		}
		out = append(out, ck)
	}
	for _, col := range slices.Sorted(maps.Keys(skips)) {
		out = append(out, result.Check{Kind: result.KindSpec, Name: fmt.Sprintf("spec %s.%s code", table, col),
			Status: result.Skip, Want: "a code of its code table", Got: "not checked", Detail: skips[col]})
	}
	if len(fails) == 0 {
		out = append(out, result.Check{Kind: result.KindSpec, Name: "spec " + table, Status: result.Pass,
			Want: "rows meet the GT3 data specification", Got: strconv.Itoa(rows) + " written",
			Detail: fmt.Sprintf("%s: %d written, no rule broken", table, rows)})
	}
	return out
}

func detail(p problem, rows []string) string {
	shown := rows
	if len(shown) > maxShown {
		shown = shown[:maxShown]
	}
	s := strings.Join(shown, "; ") + ": want " + p.want
	if len(rows) > maxShown {
		s += fmt.Sprintf(" (and %d more rows)", len(rows)-maxShown)
	}
	return s
}

// rowName is TABLE[KEY=value] for a row, by the table's primary key.
func rowName(table string, row map[string]string) string {
	t, ok := coredb.Find(table)
	if !ok || len(t.Key) == 0 {
		return table
	}
	parts := make([]string, len(t.Key))
	for i, k := range t.Key {
		parts[i] = k + "=" + row[k]
	}
	return table + "[" + strings.Join(parts, ",") + "]"
}

// sentIn reports whether the request carries v as the text of an element.
func sentIn(request, v string) bool {
	return request != "" && (strings.Contains(request, ">"+v+"<") || strings.Contains(request, "&gt;"+v+"&lt;"))
}

func itoa(n int) string { return strconv.Itoa(n) }
