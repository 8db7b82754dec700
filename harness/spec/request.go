package spec

import (
	"context"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/gt3ct/gt3ct/harness/result"
)

// CheckRequest checks the codes a caller sent against the core's code
// tables: every element of fields (a request's leaf values by element name,
// each occurrence) whose column (zsxmDm, zsxm_dm → ZSXM_DM) has a code
// table in the rules must hold a code of that table. It returns one failing
// check per element with a code no table holds (kind request, blamed on the
// caller, naming the element, the value and the code table), one skip per
// element whose code table is absent or empty in this core, and one passing
// check when codes were checked and none is wrong; nothing when the request
// carries no coded element.
func (c *Checker) CheckRequest(ctx context.Context, fields map[string][]string) []result.Check {
	var fails, skips []result.Check
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		col := Column(name)
		rule, ok := c.Rules.CodeTables[col]
		if !ok {
			continue
		}
		set := c.codes.get(ctx, rule, col)
		for _, v := range distinct(fields[name]) {
			switch {
			case set.skip != "":
				skips = append(skips, result.Check{Kind: result.KindRequest, Name: "request " + name + " code",
					Status: result.Skip, Want: "a code of its code table", Got: "not checked", Detail: set.skip})
			case !set.codes[v]:
				fails = append(fails, result.Check{Kind: result.KindRequest, Name: "request " + name + " code",
					Status: result.Fail, Want: "a code of " + set.table, Got: v, Blame: result.BlameCaller,
					Detail: "the request's " + name + " holds " + v + ", which " + set.table + " does not hold"})
			default:
				checked++
			}
		}
	}
	if len(fails) == 0 && checked > 0 {
		fails = append(fails, result.Check{Kind: result.KindRequest, Name: "request codes", Status: result.Pass,
			Want: "codes of the core's code tables", Got: itoa(checked) + " codes held"})
	}
	return append(fails, skips...)
}

// distinct is the non-empty values of vs, trimmed, each once, in order.
func distinct(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// Column is the core column an element of a message stands for: a
// lowerCamel name is split at its capitals (zsxmDm → ZSXM_DM), a
// snake_case or upper-case one is upper-cased (zsxm_dm, SJGSDQ).
func Column(element string) string {
	if strings.ToUpper(element) == element || strings.Contains(element, "_") {
		return strings.ToUpper(element)
	}
	var b strings.Builder
	for i, r := range element {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
