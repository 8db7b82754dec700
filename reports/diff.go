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
//   - Flaky: present in both with a different answer class while the case's
//     check names (kind/name, in any order) are identical. Results carry no code or contract
//     version yet, so identical check names stand in for "the contract did not
//     change": the class moved on its own. Flaky is a label on top of the other
//     lists: a flaky case that newly fails is also in NewFailures.
type Diff struct {
	BaselineRunID string   `json:"baseline_run_id"`
	NewFailures   []string `json:"new_failures"`
	Fixed         []string `json:"fixed"`
	StillFailing  []string `json:"still_failing"`
	Flaky         []string `json:"flaky"`
}

// Compare computes the diff of cur against base. A nil base gives an empty
// diff (all lists empty, not nil).
func Compare(cur, base *Run) Diff {
	d := Diff{NewFailures: []string{}, Fixed: []string{}, StillFailing: []string{}, Flaky: []string{}}
	if base == nil {
		return d
	}
	d.BaselineRunID = base.RunID()
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
		if was != nil && isFlaky(now, was) {
			d.Flaky = append(d.Flaky, key)
		}
	}
	for _, l := range [][]string{d.NewFailures, d.Fixed, d.StillFailing, d.Flaky} {
		sort.Strings(l)
	}
	return d
}

// failing reports whether a result counts as a failure (fail or error).
func failing(r *result.Result) bool {
	return r.Status == result.Fail || r.Status == result.Error
}

// isFlaky: the class changed while the checks are the same ones.
func isFlaky(now, was *result.Result) bool {
	if now.Class == was.Class || now.Status == result.Skip || was.Status == result.Skip {
		return false
	}
	a, b := checkNames(now), checkNames(was)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkNames is the sorted list of "kind/name" of a result's checks.
func checkNames(r *result.Result) []string {
	names := make([]string, len(r.Checks))
	for i, c := range r.Checks {
		names[i] = c.Kind + "/" + c.Name
	}
	sort.Strings(names)
	return names
}
