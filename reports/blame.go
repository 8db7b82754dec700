package reports

import "github.com/gt3ct/gt3ct/harness/result"

// Blames are the sides a failing result is blamed on, in the order reports
// list them.
var Blames = []string{result.BlameCaller, result.BlameCore, result.BlameUnknown}

// BlameCounts are failing and erroring results by who is at fault
// (summary.json "blame").
type BlameCounts struct {
	Caller  int `json:"caller"`
	Core    int `json:"core"`
	Unknown int `json:"unknown"`
}

// Add counts one failing result blamed on who (one of Blames).
func (b *BlameCounts) Add(who string) {
	switch who {
	case result.BlameCaller:
		b.Caller++
	case result.BlameCore:
		b.Core++
	default:
		b.Unknown++
	}
}

// Of is the count for who (one of Blames).
func (b BlameCounts) Of(who string) int {
	switch who {
	case result.BlameCaller:
		return b.Caller
	case result.BlameCore:
		return b.Core
	}
	return b.Unknown
}

// BlameOf is who a failing result is blamed on: its Blame, or unknown when
// it carries none (results from before results were blamed).
func BlameOf(r *result.Result) string {
	switch r.Blame {
	case result.BlameCaller, result.BlameCore:
		return r.Blame
	}
	return result.BlameUnknown
}

// blameTitle explains a side in report headings and the HTML blame table.
func blameTitle(who string) string {
	switch who {
	case result.BlameCaller:
		return "the request broke the contract or used a value the core does not know"
	case result.BlameCore:
		return "the answer or the rows are wrong for a valid request"
	}
	return "either side may be at fault (no answer, a refusal, a check that could not run)"
}
