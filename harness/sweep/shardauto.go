package sweep

import (
	"os"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// ShardAuto is the --shard value that takes the shard from the CI's own
// parallel-job variables; "auto/N" gives the shard count where the CI does
// not (a Kubernetes Indexed Job).
const ShardAuto = "auto"

// ciNode is how one CI engine names a parallel job's index and count.
type ciNode struct {
	engine       string
	index, total string // variable names; total "" when the engine sets none
	base         int    // the first index: 1 (GitLab) or 0
}

// ciNodes are the engines --shard auto knows, in the order they are tried.
var ciNodes = []ciNode{
	{"GitLab", "CI_NODE_INDEX", "CI_NODE_TOTAL", 1},
	{"CircleCI", "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0},
	{"Buildkite", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0},
	{"Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", "", 0},
}

// ParseShard reads --shard: "I/N", or "auto" / "auto/N" from the CI's
// variables in the process environment (see ParseShardEnv).
func ParseShard(s string) (Shard, error) { return ParseShardEnv(s, os.Getenv) }

// ParseShardEnv reads "I/N" (1 ≤ I ≤ N), "" (the whole catalog), "auto" or
// "auto/N". auto takes the shard from the first CI whose index variable is
// set (getenv reads them): GitLab CI_NODE_INDEX/CI_NODE_TOTAL (1-based),
// CircleCI CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL, Buildkite
// BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT, a Kubernetes Indexed
// Job's JOB_COMPLETION_INDEX (0-based; its count only from auto/N). auto
// outside any parallel CI job is the whole catalog; an index without a
// count, a count that disagrees with N, or an index out of range is an
// Input error naming the variables.
func ParseShardEnv(s string, getenv func(string) string) (Shard, error) {
	rest, ok := strings.CutPrefix(s, ShardAuto)
	if !ok || (rest != "" && rest[0] != '/') {
		return parseFixedShard(s)
	}
	n := 0
	if rest != "" {
		v, err := strconv.Atoi(rest[1:])
		if err != nil || v < 1 {
			return Shard{}, errs.E("nightly", errs.Input, "--shard %q: want auto or auto/N with N ≥ 1", s)
		}
		n = v
	}
	for _, ci := range ciNodes {
		if getenv(ci.index) != "" {
			return ci.shard(s, n, getenv)
		}
	}
	if n > 1 {
		return Shard{}, errs.E("nightly", errs.Input, "--shard %s: no CI parallel-job index is set (%s)", s, indexVars())
	}
	return Shard{}, nil
}

// shard reads the engine's variables into a 1-based Shard of n (n = 0: the
// engine's own count).
func (ci ciNode) shard(flag string, n int, getenv func(string) string) (Shard, error) {
	idx, err := strconv.Atoi(strings.TrimSpace(getenv(ci.index)))
	if err != nil {
		return Shard{}, errs.E("nightly", errs.Input, "--shard %s: %s %s=%q is not a number", flag, ci.engine, ci.index, getenv(ci.index))
	}
	total := 0
	if ci.total != "" && getenv(ci.total) != "" {
		if total, err = strconv.Atoi(strings.TrimSpace(getenv(ci.total))); err != nil || total < 1 {
			return Shard{}, errs.E("nightly", errs.Input, "--shard %s: %s %s=%q is not a count", flag, ci.engine, ci.total, getenv(ci.total))
		}
	}
	switch {
	case n == 0 && total == 0:
		return Shard{}, errs.E("nightly", errs.Input, "--shard %s: %s sets %s but no job count: use --shard auto/N", flag, ci.engine, ci.index)
	case n == 0:
		n = total
	case total != 0 && total != n:
		return Shard{}, errs.E("nightly", errs.Input, "--shard %s: %s runs %s=%d jobs, not %d", flag, ci.engine, ci.total, total, n)
	}
	i := idx - ci.base + 1
	if i < 1 || i > n {
		return Shard{}, errs.E("nightly", errs.Input, "--shard %s: %s %s=%d is outside %d jobs (first index %d)", flag, ci.engine, ci.index, idx, n, ci.base)
	}
	if n == 1 {
		return Shard{}, nil
	}
	return Shard{I: i, N: n}, nil
}

func indexVars() string {
	names := make([]string, len(ciNodes))
	for i, ci := range ciNodes {
		names[i] = ci.index
	}
	return strings.Join(names, ", ")
}
