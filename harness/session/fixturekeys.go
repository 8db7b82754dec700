package session

import (
	"encoding/json"
	"sort"
	"sync"

	"github.com/gt3ct/gt3ct/fixtures/profile"
)

var fixtureKeys = sync.OnceValue(func() []string {
	seen := map[string]bool{}
	for _, p := range profile.ProfileNames() {
		tps, err := profile.Generate(p, 1, 1)
		if err != nil {
			continue
		}
		for k := range profile.Fields(tps[0]) {
			seen[k] = true
		}
		var doc any
		if b, err := json.Marshal(tps[0]); err == nil && json.Unmarshal(b, &doc) == nil {
			jsonKeys(doc, seen)
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
})

// FixtureKeys lists, sorted, every key a fixture binds: the template fields
// of each profile's taxpayers and every key of `fixtures gen --format json`.
func FixtureKeys() []string { return fixtureKeys() }

// jsonKeys adds every object key in doc, at any depth.
func jsonKeys(doc any, seen map[string]bool) {
	switch v := doc.(type) {
	case map[string]any:
		for k, c := range v {
			seen[k] = true
			jsonKeys(c, seen)
		}
	case []any:
		for _, c := range v {
			jsonKeys(c, seen)
		}
	}
}
