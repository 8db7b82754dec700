package reports

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestCompare(t *testing.T) {
	type side struct {
		status, class string
		checks        []string // check names
	}
	type testCase struct {
		name     string
		now      side
		was      *side // nil: absent from the baseline
		wantList string
		flaky    bool
	}
	mk := func(s side) result.Result {
		r := result.Result{Service: "HXZG_SB_00045", Case: "basic", Status: s.status, Class: s.class}
		for _, n := range s.checks {
			r.Checks = append(r.Checks, result.Check{Kind: "xpath", Name: n, Status: result.Pass})
		}
		return r
	}
	run := func(t *testing.T, tc testCase) {
		cur := &Run{Results: []result.Result{mk(tc.now)}}
		base := &Run{Info: &RunInfo{RunID: "base-1"}}
		if tc.was != nil {
			base.Results = []result.Result{mk(*tc.was)}
		}
		d := Compare(cur, base)
		lists := map[string][]string{"new": d.NewFailures, "fixed": d.Fixed, "still": d.StillFailing}
		for name, l := range lists {
			if name == tc.wantList {
				require.Equal(t, []string{"HXZG_SB_00045/basic"}, l, name)
			} else {
				require.Empty(t, l, name)
			}
		}
		require.Equal(t, tc.flaky, len(d.Flaky) == 1, "flaky")
		require.Equal(t, "base-1", d.BaselineRunID)
	}
	ok := side{result.Pass, "success", []string{"a", "b"}}
	tests := []testCase{
		{name: "fail now, pass before: new", now: side{result.Fail, "success", []string{"a", "b"}}, was: &ok, wantList: "new"},
		{name: "error now, absent before: new", now: side{result.Error, "timeout", nil}, wantList: "new"},
		{name: "fail now, skipped before: new", now: side{result.Fail, "success", nil}, was: &side{result.Skip, "", nil}, wantList: "new"},
		{name: "pass now, fail before: fixed", now: ok, was: &side{result.Fail, "success", []string{"a", "b"}}, wantList: "fixed"},
		{name: "pass now, error before: fixed and flaky (same checks, class moved)", now: ok, was: &side{result.Error, "timeout", []string{"b", "a"}}, wantList: "fixed", flaky: true},
		{name: "fail both: still", now: side{result.Fail, "business", []string{"a"}}, was: &side{result.Error, "business", []string{"a"}}, wantList: "still"},
		{name: "pass both, same class: nothing", now: ok, was: &ok},
		{name: "pass both, class changed, same checks: flaky", now: ok, was: &side{result.Pass, "business", []string{"a", "b"}}, flaky: true},
		{name: "class changed but checks changed: contract changed, not flaky", now: ok, was: &side{result.Pass, "business", []string{"a"}}},
		{name: "new failure with class change and same checks: new and flaky", now: side{result.Fail, "timeout", []string{"a", "b"}}, was: &ok, wantList: "new", flaky: true},
		{name: "skip now: nothing", now: side{result.Skip, "", nil}, was: &side{result.Fail, "success", nil}},
		{name: "pass now, absent before: nothing", now: ok},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestCompareWithoutBaselineGivesEmptyLists(t *testing.T) {
	d := Compare(&Run{Results: []result.Result{{Service: "S", Case: "c", Status: result.Fail}}}, nil)
	require.Equal(t, []string{}, d.NewFailures)
	require.Equal(t, []string{}, d.Fixed)
	require.Equal(t, "", d.BaselineRunID)
}
