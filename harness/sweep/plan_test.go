package sweep

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// TestPlanJobsHoldsOnePass: a --repeat 50 plan holds one pass of jobs and
// hands out fifty, each with its own key ("#k" from the second on).
func TestPlanJobsHoldsOnePass(t *testing.T) {
	cat, err := catalog.Load(contracts.FS())
	require.NoError(t, err)
	once := Plan(cat, Selection{}, "xgm")
	plan := PlanJobs(cat, Selection{Repeat: 50}, "xgm")
	require.Len(t, plan.Once, len(once), "one pass held")
	require.Equal(t, 50*len(once), plan.Len())
	seen := map[string]bool{}
	n := 0
	for j := range plan.All() {
		require.False(t, seen[j.Key()], "%s handed out twice", j.Key())
		seen[j.Key()] = true
		n++
	}
	require.Equal(t, plan.Len(), n)
	first := once[0]
	require.True(t, seen[first.Key()])
	require.True(t, seen[first.Key()+"#2"])
	require.True(t, seen[first.Key()+"#50"])
	require.False(t, seen[first.Key()+"#51"])
	require.Equal(t, first.Case.Name, plan.Once[0].Case.Name, "handing out copies leaves the pass as it was")
	require.Len(t, Plan(cat, Selection{Repeat: 3}, "xgm"), 3*len(once))
}

// TestLongestFirst: chains are handed out before single messages, the
// longest first, catalog order kept among equals.
func TestLongestFirst(t *testing.T) {
	svc := &catalog.Service{Code: "S"}
	job := func(name string, steps int) Job {
		return Job{Service: svc, Case: catalog.Case{Name: name, Steps: make([]catalog.Step, steps)}}
	}
	jobs := []Job{job("a", 0), job("b", 3), job("c", 1), job("d", 5), job("e", 0), job("f", 3)}
	LongestFirst(jobs)
	var names []string
	for _, j := range jobs {
		names = append(names, j.Case.Name)
	}
	require.Equal(t, []string{"d", "b", "f", "a", "c", "e"}, names)
}

// TestReadyFirst: n jobs that need no fresh taxpayer go to the front, those
// that write nothing first, then ready writers; everything else keeps its
// order.
func TestReadyFirst(t *testing.T) {
	svc := &catalog.Service{Code: "S"}
	job := func(name, profile, fixture string, writes bool) Job {
		j := Job{Service: svc, Profile: profile, Case: catalog.Case{Name: name, Fixture: fixture}}
		if writes {
			j.Writer = svc
		}
		return j
	}
	names := func(jobs []Job) (out []string) {
		for _, j := range jobs {
			out = append(out, j.Case.Name)
		}
		return out
	}
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{0, []string{"chain", "ybr", "write1", "smoke1", "fix", "write2", "smoke2", "smoke3"}},
		{2, []string{"smoke1", "smoke2", "chain", "ybr", "write1", "fix", "write2", "smoke3"}},
		{4, []string{"smoke1", "smoke2", "smoke3", "write1", "chain", "ybr", "fix", "write2"}},
		{9, []string{"smoke1", "smoke2", "smoke3", "write1", "write2", "chain", "ybr", "fix"}},
	} {
		jobs := []Job{job("chain", "xgm", "", true), job("ybr", "ybnsr", "", false), job("write1", "", "", true),
			job("smoke1", "", "", false), job("fix", "", "registered", false), job("write2", "", "", true),
			job("smoke2", "", "", false), job("smoke3", "", "", false)}
		ReadyFirst(jobs, tc.n)
		require.Equal(t, tc.want, names(jobs), "n=%d", tc.n)
	}
}
