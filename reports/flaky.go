package reports

import (
	"regexp"
	"sort"

	"github.com/gt3ct/gt3ct/harness/result"
)

// repeatSuffix is the "#k" a `--repeat` copy adds to its case name.
var repeatSuffix = regexp.MustCompile(`#[0-9]+$`)

// CaseKey is the result's key with any `--repeat` suffix removed: every
// copy of one case shares it ("HXZG_SB_00045/basic#3" → "HXZG_SB_00045/basic").
func CaseKey(r *result.Result) string {
	return r.Service + "/" + repeatSuffix.ReplaceAllString(r.Case, "")
}

// flakyTracker records, per case key, whether a run saw it pass and whether
// it saw it fail, over every line of results.jsonl (a case re-run within the
// run and each `--repeat` copy). Flaky means both: the outcome changed with
// nothing else changed, inside one run — never a change between two runs,
// which is a regression or a fix.
type flakyTracker map[string]uint8

const (
	sawPass uint8 = 1 << iota
	sawFail
)

func (f flakyTracker) add(r *result.Result) {
	switch {
	case r.Status == result.Pass:
		f[CaseKey(r)] |= sawPass
	case failing(r):
		f[CaseKey(r)] |= sawFail
	}
}

// keys lists the flaky case keys, sorted (never nil).
func (f flakyTracker) keys() []string {
	out := []string{}
	for k, seen := range f {
		if seen == sawPass|sawFail {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
