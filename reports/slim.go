package reports

import (
	"encoding/json"

	"github.com/gt3ct/gt3ct/harness/result"
)

// slimResult decodes a results.jsonl line without the parts only a failing
// case's report shows: its fields shadow the embedded Result's of the same
// JSON name and skip their values without allocating them.
type slimResult struct {
	result.Result
	Checks   skipped `json:"checks"`
	Request  skipped `json:"request"`
	Response skipped `json:"response"`
	Rows     skipped `json:"rows"`
	Steps    skipped `json:"steps"`
	Written  skipped `json:"written"`
}

// skipped is a JSON value read past and dropped.
type skipped struct{}

// UnmarshalJSON drops the value.
func (*skipped) UnmarshalJSON([]byte) error { return nil }

// lineDecoder decodes results.jsonl lines, sharing one copy of the strings
// that repeat from case to case (run id, service, module, name, level,
// class, status).
type lineDecoder map[string]string

// decode reads one line. slim keeps a passing or skipped result without its
// checks, messages and rows (an empty check list, nothing written; its
// notes are kept, the summary counts them); a failing result, or one
// whose status must be settled from its checks, is read whole.
func (d lineDecoder) decode(b []byte, slim bool) (result.Result, error) {
	if slim {
		var s slimResult
		if err := json.Unmarshal(b, &s); err != nil {
			return result.Result{}, err
		}
		if s.Status == result.Pass || s.Status == result.Skip {
			s.Result.Checks = []result.Check{}
			d.share(&s.Result)
			return s.Result, nil
		}
	}
	var r result.Result
	if err := json.Unmarshal(b, &r); err != nil {
		return result.Result{}, err
	}
	d.share(&r)
	return r, nil
}

// share points the repeating strings of r at one copy each.
func (d lineDecoder) share(r *result.Result) {
	for _, p := range []*string{&r.RunID, &r.Service, &r.TranID, &r.Module, &r.Name, &r.Level, &r.Source, &r.Blame} {
		*p = d.one(*p)
	}
	r.Status = result.Status(d.one(string(r.Status)))
	r.Class = result.Class(d.one(string(r.Class)))
}

// one is the shared copy of v.
func (d lineDecoder) one(v string) string {
	if s, ok := d[v]; ok {
		return s
	}
	d[v] = v
	return v
}
