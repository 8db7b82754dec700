package cli

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A nightly or a report bounds its heap unless GOMEMLIMIT says otherwise.
func TestBoundHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tc := range []struct {
		gomemlimit string
		want       int64
	}{
		{"", heapLimit},
		{"1GiB", math.MaxInt64}, // the runtime read GOMEMLIMIT itself; boundHeap leaves it
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		boundHeap(&Env{Getenv: func(k string) string {
			if k == "GOMEMLIMIT" {
				return tc.gomemlimit
			}
			return ""
		}})
		assert.Equal(t, tc.want, debug.SetMemoryLimit(-1), "GOMEMLIMIT=%q", tc.gomemlimit)
	}
}
