package cli

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A nightly or a report bounds its heap unless GOMEMLIMIT says otherwise,
// and collects less often under that bound unless GOGC says otherwise.
func TestBoundHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		gomemlimit, gogc string
		wantLimit        int64
		wantPercent      int
	}{
		{"", "", heapLimit, gcPercent},
		{"", "50", heapLimit, 100},       // the runtime read GOGC itself; boundHeap leaves it
		{"1GiB", "", math.MaxInt64, 100}, // no limit of ours: no growth target of ours either
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(100)
		boundHeap(&Env{Getenv: func(k string) string {
			return map[string]string{"GOMEMLIMIT": tc.gomemlimit, "GOGC": tc.gogc}[k]
		}})
		assert.Equal(t, tc.wantLimit, debug.SetMemoryLimit(-1), "GOMEMLIMIT=%q", tc.gomemlimit)
		assert.Equal(t, tc.wantPercent, debug.SetGCPercent(100), "GOMEMLIMIT=%q GOGC=%q", tc.gomemlimit, tc.gogc)
	}
}
