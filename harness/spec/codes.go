package spec

import (
	"context"
	"strings"
	"sync"

	"github.com/gt3ct/gt3ct/harness/check"
)

// codeSchemas are where a code table named without a schema is looked for:
// the national tables first, then the provincial ones.
var codeSchemas = []string{"HX_DM_QG", "HX_DM_ZDY"}

// codeSet is a code table read from the core: its codes, or why it cannot
// be used (absent or empty), and where it was found.
type codeSet struct {
	table string // SCHEMA.TABLE it was read from (or the first one tried)
	codes map[string]bool
	skip  string // reason the column's check is skipped
}

// codeCache reads each code table once per checker.
type codeCache struct {
	q  check.Querier
	mu sync.Mutex
	by map[string]*codeSet // by the rule's reference
}

// ref splits a code_tables reference: [SCHEMA.]TABLE[.CODE_COLUMN]. The
// code column defaults to the coded column's name.
func ref(s, column string) (schemas []string, table, codeCol string) {
	parts := strings.Split(strings.ToUpper(strings.TrimSpace(s)), ".")
	schemas, codeCol = codeSchemas, column
	if len(parts) > 1 && strings.HasPrefix(parts[0], "HX_") {
		schemas, parts = []string{parts[0]}, parts[1:]
	}
	table = parts[0]
	if len(parts) > 1 {
		codeCol = parts[1]
	}
	return schemas, table, codeCol
}

// get returns the code set a column's rule names, reading it on first use:
// the first schema where the table exists and holds codes wins; absent
// everywhere or empty everywhere is a skip with the reason.
func (c *codeCache) get(ctx context.Context, rule, column string) *codeSet {
	key := strings.ToUpper(rule) + "|" + column
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.by[key]; ok {
		return s
	}
	schemas, table, codeCol := ref(rule, column)
	var s *codeSet
	for _, schema := range schemas {
		got := c.read(ctx, schema+"."+table, codeCol)
		if s == nil || got.skip == "" || s.skip != "" && strings.HasSuffix(got.skip, "empty") {
			s = got
		}
		if s.skip == "" {
			break
		}
	}
	c.by[key] = s
	return s
}

// read loads one code table; a failed query means the table (or its code
// column) is absent from this core.
func (c *codeCache) read(ctx context.Context, qname, codeCol string) *codeSet {
	s := &codeSet{table: qname, codes: map[string]bool{}}
	_, rows, err := c.q.QueryRows(ctx, "SELECT "+codeCol+" FROM "+qname, nil)
	if err != nil {
		s.skip = "code table " + qname + " absent"
		return s
	}
	for _, r := range rows {
		for _, v := range r {
			if v != nil {
				s.codes[strings.TrimSpace(*v)] = true
			}
		}
	}
	if len(s.codes) == 0 {
		s.skip = "code table " + qname + " empty"
	}
	return s
}
