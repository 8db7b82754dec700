package reports

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestCompare(t *testing.T) {
	type side struct {
		status result.Status
		class  result.Class
		checks []string // check names
	}
	type testCase struct {
		name     string
		now      side
		was      *side // nil: absent from the baseline
		wantList string
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
		require.Empty(t, d.Flaky, "flaky is never a change between runs")
		require.Equal(t, "base-1", d.BaselineRunID)
	}
	ok := side{result.Pass, "success", []string{"a", "b"}}
	tests := []testCase{
		{name: "fail now, pass before: new", now: side{result.Fail, "success", []string{"a", "b"}}, was: &ok, wantList: "new"},
		{name: "error now, absent before: new", now: side{result.Error, "timeout", nil}, wantList: "new"},
		{name: "fail now, skipped before: new", now: side{result.Fail, "success", nil}, was: &side{result.Skip, "", nil}, wantList: "new"},
		{name: "pass now, fail before: fixed", now: ok, was: &side{result.Fail, "success", []string{"a", "b"}}, wantList: "fixed"},
		{name: "pass now, error before: fixed, not flaky (a change between runs)", now: ok, was: &side{result.Error, "timeout", []string{"b", "a"}}, wantList: "fixed"},
		{name: "fail both: still", now: side{result.Fail, "business", []string{"a"}}, was: &side{result.Error, "business", []string{"a"}}, wantList: "still"},
		{name: "pass both, same class: nothing", now: ok, was: &ok},
		{name: "pass both, class changed, same checks: not flaky", now: ok, was: &side{result.Pass, "business", []string{"a", "b"}}},
		{name: "class changed but checks changed: contract changed, not flaky", now: ok, was: &side{result.Pass, "business", []string{"a"}}},
		{name: "deterministic regression (class changed, same checks): new, not flaky", now: side{result.Fail, "business", []string{"a", "b"}}, was: &ok, wantList: "new"},
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

// TestFlakyWithinOneRun: flaky is a case that passed and failed inside one
// run — across `--repeat` copies or a case recorded twice — and only that.
func TestFlakyWithinOneRun(t *testing.T) {
	type testCase struct {
		name  string
		lines []string // status per results.jsonl line, as case@status
		want  []string
	}
	run := func(t *testing.T, tc testCase) {
		var jsonl strings.Builder
		for _, l := range tc.lines {
			c, st, _ := strings.Cut(l, "@")
			fmt.Fprintf(&jsonl, `{"service":"HXZG_SB_00045","case":%q,"status":%q,"class":"success"}`+"\n", c, st)
		}
		cur, err := ReadResults(strings.NewReader(jsonl.String()), "results.jsonl")
		require.NoError(t, err)
		require.Equal(t, tc.want, Compare(cur, nil).Flaky)
		require.Equal(t, tc.want, Summarize(cur, Compare(cur, nil), time.Time{}).Flaky)
	}
	key := []string{"HXZG_SB_00045/basic"}
	tests := []testCase{
		{name: "repeat copies pass and fail", lines: []string{"basic@pass", "basic#2@fail", "basic#3@pass"}, want: key},
		{name: "repeat copies all fail: a regression, not flaky", lines: []string{"basic@fail", "basic#2@fail"}, want: []string{}},
		{name: "case recorded twice: error then pass", lines: []string{"basic@error", "basic@pass"}, want: key},
		{name: "skip and pass is not flaky", lines: []string{"basic@skip", "basic#2@pass"}, want: []string{}},
		{name: "other cases do not mix", lines: []string{"basic@pass", "other@fail"}, want: []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
