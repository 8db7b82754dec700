// Package sweep runs every case of every selected service of the catalog
// against one environment: parallel workers under a rate ceiling, shards,
// results streamed to a durable JSON Lines file, and resume after a kill.
package sweep

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Shard is one slice I of N of the catalog (1-based); the zero value is the
// whole catalog.
type Shard struct{ I, N int }

// parseFixedShard reads "I/N" ("" is the whole catalog).
func parseFixedShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, errs.E("nightly", errs.Input, "--shard %q: want I/N with 1 ≤ I ≤ N, auto or auto/N", s)
	}
	return Shard{I: i, N: n}, nil
}

// Has reports whether the service code belongs to this shard. The split is
// by a hash of the code, so it is stable across runs and catalog growth.
func (s Shard) Has(code string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(code))
	return int(h.Sum32()%uint32(s.N)) == s.I-1
}

// String renders "I/N" ("" for the whole catalog).
func (s Shard) String() string {
	if s.N <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}
