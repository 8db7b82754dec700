package catalog

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// Lint rules: what `gt3ct catalog lint` flags in the contracts.
const (
	// RuleListExists: an exists assertion on a list container (a name
	// ending in Grid, List or lb). A core may leave an empty list out or
	// send it empty: assert on the rows (count) or their fields instead.
	RuleListExists = "list-exists"
	// RuleUnreadWrite: the service writes a table (writes: in
	// contract.yaml) that no database check of its cases reads, so a row
	// bug there passes the contract.
	RuleUnreadWrite = "unread-write"
	// RuleUnknownTable: writes: names a table the core schema lacks.
	RuleUnknownTable = "unknown-table"
)

// Finding is one problem catalog lint found in a contract.
type Finding struct {
	Code    string `json:"code"`  // the service
	Place   string `json:"place"` // contracts/services/<CODE>/contract.yaml:LINE
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// String is the one-line form: place: rule: message.
func (f Finding) String() string { return f.Place + ": " + f.Rule + ": " + f.Message }

// Lint checks every hand-written contract of the catalog and returns its
// findings in catalog order (none: the contracts lint clean).
func Lint(c *Catalog) []Finding {
	var out []Finding
	for _, s := range c.Services {
		if s.Contract != nil {
			out = append(out, lintContract(s.Code, s.Contract)...)
		}
	}
	return out
}

func lintContract(code string, ct *Contract) []Finding {
	var out []Finding
	add := func(line int, rule, format string, args ...any) {
		out = append(out, Finding{Code: code, Place: ct.Place(ContractFile, line), Rule: rule,
			Message: fmt.Sprintf(format, args...)})
	}
	read := map[string]bool{}
	for _, cs := range ct.Cases {
		for _, st := range caseSteps(cs) {
			for _, x := range st.Expect.XPath {
				if x.Exists && isListName(lastStep(x.Path)) {
					add(x.Line, RuleListExists, "exists on the list %s: a core may leave an empty list out; "+
						"assert on its rows (count) or their fields", x.Path)
				}
			}
			for _, d := range st.DB {
				for _, t := range tablesRead(d.SQL) {
					read[t] = true
				}
			}
		}
	}
	for _, t := range ct.Writes {
		if _, ok := coredb.Find(t); !ok {
			add(ct.WritesLine, RuleUnknownTable, "writes: %s is not a core table", t)
		} else if !read[strings.ToUpper(t)] {
			add(ct.WritesLine, RuleUnreadWrite, "%s writes %s but no database check of its cases reads it", code, t)
		}
	}
	return out
}

// caseSteps is a case as steps: its Steps, or the case itself as one step.
func caseSteps(c Case) []Step {
	if len(c.Steps) > 0 {
		return c.Steps
	}
	return []Step{{Expect: c.Expect, DB: c.DB, Line: c.Line}}
}

var (
	predicate = regexp.MustCompile(`\[[^\[\]]*\]`)
	fromTable = regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+([A-Z_][A-Z0-9_]*\.[A-Z_][A-Z0-9_$#]*)`)
)

// lastStep is the element name a path ends on, without predicates and
// namespace prefix: //ns:ysbjlGrid[1] → ysbjlGrid.
func lastStep(path string) string {
	for p := ""; p != path; {
		p, path = path, predicate.ReplaceAllString(path, "")
	}
	path = strings.TrimRight(path, "/")
	if i := strings.LastIndex(path, "/"); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.LastIndex(path, ":"); i >= 0 {
		path = path[i+1:]
	}
	return path
}

// isListName says whether an element name is a list container or row:
// sbxxGrid, xxList, sbxxGridlb.
func isListName(name string) bool {
	for _, suffix := range []string{"Grid", "List", "lb"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// tablesRead lists the schema-qualified tables a query reads (FROM, JOIN),
// upper-cased and sorted.
func tablesRead(sql string) []string {
	seen := map[string]bool{}
	for _, m := range fromTable.FindAllStringSubmatch(sql, -1) {
		seen[strings.ToUpper(m[1])] = true
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
