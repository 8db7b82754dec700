package check

import (
	"fmt"
	"sort"
	"strings"
)

// Pick returns the querier a database check runs on: the core for an empty
// name, else the environment's database of that name. A name the
// environment does not configure is an error listing the names it does.
func Pick(core Querier, named map[string]Querier, name string) (Querier, error) {
	if name == "" {
		if core == nil {
			return nil, fmt.Errorf("no database configured (--db or the env's db)")
		}
		return core, nil
	}
	if q, ok := named[name]; ok && q != nil {
		return q, nil
	}
	known := make([]string, 0, len(named))
	for n := range named {
		known = append(known, n)
	}
	sort.Strings(known)
	return nil, fmt.Errorf("database %q is not configured (the env's databases: %s)", name, strings.Join(known, ", "))
}
