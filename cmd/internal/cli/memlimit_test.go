package cli

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every gt3ct process collects at gcPercent under processLimit; a nightly
// or a report bounds its heap lower (heapLimit). GOMEMLIMIT in the
// environment leaves the runtime's own settings; GOGC leaves its percent.
func TestCollectorSettings(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	boundHeapOf := func(getenv func(string) string) { boundHeap(&Env{Getenv: getenv}) }
	for _, tc := range []struct {
		name             string
		set              func(getenv func(string) string)
		gomemlimit, gogc string
		wantLimit        int64
		wantPercent      int
	}{
		{"process", TuneRuntime, "", "", processLimit, gcPercent},
		{"process GOGC", TuneRuntime, "", "50", processLimit, 100}, // the runtime read GOGC itself
		{"process GOMEMLIMIT", TuneRuntime, "1GiB", "", math.MaxInt64, 100},
		{"nightly", boundHeapOf, "", "", heapLimit, gcPercent},
		{"nightly GOGC", boundHeapOf, "", "50", heapLimit, 100},
		{"nightly GOMEMLIMIT", boundHeapOf, "1GiB", "", math.MaxInt64, 100},
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
		tc.set(func(k string) string {
			return map[string]string{"GOMEMLIMIT": tc.gomemlimit, "GOGC": tc.gogc}[k]
		})
		assert.Equal(t, tc.wantLimit, debug.SetMemoryLimit(-1), tc.name)
		assert.Equal(t, tc.wantPercent, debug.SetGCPercent(100), tc.name)
	}
}
