// Package layering states the floors of the gt3ct tree, from the top: each
// top-level folder may import only the folders below it (its own included),
// never one above. Its test checks the rule on every package with `go list`.
package layering

import "strings"

// Module is the module path of gt3ct.
const Module = "github.com/gt3ct/gt3ct"

// Floors lists the top-level folders from the top floor to the ground floor.
var Floors = []string{"cmd", "reports", "harness", "fixtures", "contracts", "internal"}

// Floor returns the floor index of an import path of this module (0 is the
// top) and false for paths outside the module or outside the floors.
func Floor(importPath string) (int, bool) {
	rest, ok := strings.CutPrefix(importPath, Module+"/")
	if !ok {
		return 0, false
	}
	top, _, _ := strings.Cut(rest, "/")
	for i, f := range Floors {
		if f == top {
			return i, true
		}
	}
	return 0, false
}

// Upward reports whether a package at from importing to breaks the rule: to
// is on a floor above from's.
func Upward(from, to string) bool {
	f, ok1 := Floor(from)
	t, ok2 := Floor(to)
	return ok1 && ok2 && t < f
}
