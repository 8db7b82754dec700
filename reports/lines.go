package reports

import (
	"bytes"
	"fmt"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// lineReader builds a Run from the lines of a results.jsonl, given one at
// a time in order (ReadResults reads a file through it; a Follower reads a
// file still being written).
type lineReader struct {
	name    string
	slim    bool
	index   map[string]int
	dec     lineDecoder
	flaky   flakyTracker
	run     *Run
	pending *lineError // a bad line is fatal only if another line follows
	line    int
}

func newLineReader(name string, slim bool) *lineReader {
	return &lineReader{name: name, slim: slim, index: map[string]int{}, dec: lineDecoder{}, flaky: flakyTracker{}, run: &Run{}}
}

// add reads the next line (without its newline). A later line for the same
// key replaces an earlier one; a line that does not decode is an error once
// another line follows it.
func (rr *lineReader) add(line []byte) error {
	rr.line++
	b := bytes.TrimSpace(line)
	if len(b) == 0 {
		return nil
	}
	if rr.pending != nil {
		return rr.pending.err(rr.name)
	}
	res, err := rr.dec.decode(b, rr.slim)
	if err != nil {
		rr.pending = &lineError{line: rr.line, msg: "malformed result: " + err.Error()}
		return nil
	}
	if err := validate(&res); err != nil {
		return errs.At("report", errs.Input, fmt.Sprintf("%s:%d", rr.name, rr.line), "%v", err)
	}
	rr.flaky.add(&res)
	if i, seen := rr.index[res.Key()]; seen {
		rr.run.Results[i] = res
		return nil
	}
	rr.index[res.Key()] = len(rr.run.Results)
	rr.run.Results = append(rr.run.Results, res)
	return nil
}

// failed is the error of a read that stopped after the lines added (a
// line too long, an I/O error), naming the line it stopped at.
func (rr *lineReader) failed(err error) error {
	return errs.At("report", errs.Input, fmt.Sprintf("%s:%d", rr.name, rr.line+1), "%v", err)
}

// end is the Run of the lines added: a last line that did not decode (a
// run killed mid-write) is skipped with a warning.
func (rr *lineReader) end() *Run {
	if rr.pending != nil {
		rr.run.Warnings = append(rr.run.Warnings, fmt.Sprintf("%s:%d: skipped truncated last line (%s)", rr.name, rr.pending.line, rr.pending.msg))
	}
	rr.run.Flaky = rr.flaky.keys()
	return rr.run
}
