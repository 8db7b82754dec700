package config

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles expr the first time it is used: every command links
// this package, and compiling its expressions at start-up cost half a
// millisecond of each one, also of those that load no configuration.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
