package sweep

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// ciEnv returns the variables a CI engine sets for parallel job k (0-based)
// of n, and the --shard flag its nightly runs with.
type ciEnv func(k, n int) (flag string, vars map[string]string)

var ciEnvs = map[string]ciEnv{
	"GitLab": func(k, n int) (string, map[string]string) {
		return "auto", map[string]string{"CI_NODE_INDEX": fmt.Sprint(k + 1), "CI_NODE_TOTAL": fmt.Sprint(n)}
	},
	"CircleCI": func(k, n int) (string, map[string]string) {
		return "auto", map[string]string{"CIRCLE_NODE_INDEX": fmt.Sprint(k), "CIRCLE_NODE_TOTAL": fmt.Sprint(n)}
	},
	"Buildkite": func(k, n int) (string, map[string]string) {
		return "auto", map[string]string{"BUILDKITE_PARALLEL_JOB": fmt.Sprint(k), "BUILDKITE_PARALLEL_JOB_COUNT": fmt.Sprint(n)}
	},
	"Kubernetes": func(k, n int) (string, map[string]string) {
		return fmt.Sprintf("auto/%d", n), map[string]string{"JOB_COMPLETION_INDEX": fmt.Sprint(k)}
	},
}

func TestShardAutoUnionIsTheWholePlan(t *testing.T) {
	cat, err := catalog.Load(contracts.FS())
	require.NoError(t, err)
	whole := Plan(cat, Selection{Repeat: 2}, "xgm")
	for name, env := range ciEnvs {
		for _, n := range []int{1, 3, 4} {
			t.Run(fmt.Sprintf("%s/%d", name, n), func(t *testing.T) {
				seen := map[string]int{}
				for k := 0; k < n; k++ {
					flag, vars := env(k, n)
					sh, err := ParseShardEnv(flag, mapEnv(vars))
					require.NoError(t, err)
					if n > 1 {
						require.Equal(t, Shard{I: k + 1, N: n}, sh)
					}
					for _, j := range Plan(cat, Selection{Repeat: 2, Shard: sh}, "xgm") {
						seen[j.Key()]++
					}
				}
				require.Len(t, seen, len(whole), "the shards together cover the unsharded plan")
				for _, j := range whole {
					require.Equal(t, 1, seen[j.Key()], "%s runs exactly once", j.Key())
				}
			})
		}
	}
}

func TestShardAutoRefuses(t *testing.T) {
	type testCase struct {
		name, flag string
		vars       map[string]string
		want       string
	}
	run := func(t *testing.T, tc testCase) {
		_, err := ParseShardEnv(tc.flag, mapEnv(tc.vars))
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
	for _, tc := range []testCase{
		{"k8s index without a count", "auto", map[string]string{"JOB_COMPLETION_INDEX": "2"}, "use --shard auto/N"},
		{"GitLab count disagrees with N", "auto/3", map[string]string{"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "4"}, "CI_NODE_TOTAL=4 jobs, not 3"},
		{"GitLab index 0 is outside (1-based)", "auto", map[string]string{"CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "4"}, "CI_NODE_INDEX=0 is outside 4 jobs"},
		{"CircleCI index = total is outside (0-based)", "auto", map[string]string{"CIRCLE_NODE_INDEX": "4", "CIRCLE_NODE_TOTAL": "4"}, "CIRCLE_NODE_INDEX=4 is outside"},
		{"index not a number", "auto", map[string]string{"BUILDKITE_PARALLEL_JOB": "x", "BUILDKITE_PARALLEL_JOB_COUNT": "2"}, "is not a number"},
		{"auto/N outside any CI", "auto/4", nil, "no CI parallel-job index is set"},
		{"auto/0", "auto/0", nil, "want auto or auto/N"},
		{"autox is not auto", "autox", nil, "want I/N"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestShardAutoOutsideCIIsTheWholeCatalog(t *testing.T) {
	for _, flag := range []string{"auto", "auto/1"} {
		sh, err := ParseShardEnv(flag, mapEnv(nil))
		require.NoError(t, err)
		assert.Equal(t, Shard{}, sh, flag)
	}
}

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}
