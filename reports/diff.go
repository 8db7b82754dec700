package reports

import (
	"sort"

	"github.com/gt3ct/gt3ct/harness/result"
)

// Diff compares a run with a baseline run, case by case ("SERVICE/case" keys,
// sorted). A failing case is one whose status is fail or error.
//
//   - NewFailures: failing now; passing, skipped or absent in the baseline.
//   - Fixed: passing now; failing in the baseline.
//   - StillFailing: failing in both.
//   - Flaky: cases that both passed and failed within the current run (a
//     case re-run in the run, or the copies of `--repeat`), by CaseKey. It is
//     a property of the run alone: a case that passed last night and fails
//     tonight is a new failure, not flaky, whatever its class. Flaky is a
//     label on top of the other lists.
type Diff struct {
	BaselineRunID string   `json:"baseline_run_id"`
	BaselineDir   string   `json:"baseline_dir"`
	NewFailures   []string `json:"new_failures"`
	Fixed         []string `json:"fixed"`
	StillFailing  []string `json:"still_failing"`
	Flaky         []string `json:"flaky"`
}

// Compare computes the diff of cur against base. A nil base gives empty
// comparison lists (not nil); Flaky comes from cur either way.
func Compare(cur, base *Run) Diff {
	d := Diff{NewFailures: []string{}, Fixed: []string{}, StillFailing: []string{}, Flaky: append([]string{}, cur.Flaky...)}
	if base == nil {
		return d
	}
	d.BaselineRunID, d.BaselineDir = base.RunID(), base.Dir
	before := base.ByKey()
	for i := range cur.Results {
		now := &cur.Results[i]
		key := now.Key()
		was := before[key]
		switch {
		case failing(now) && (was == nil || !failing(was)):
			d.NewFailures = append(d.NewFailures, key)
		case failing(now):
			d.StillFailing = append(d.StillFailing, key)
		case now.Status == result.Pass && was != nil && failing(was):
			d.Fixed = append(d.Fixed, key)
		}
	}
	for _, l := range [][]string{d.NewFailures, d.Fixed, d.StillFailing} {
		sort.Strings(l)
	}
	return d
}

// failing reports whether a result counts as a failure (fail or error).
func failing(r *result.Result) bool {
	return r.Status == result.Fail || r.Status == result.Error
}
