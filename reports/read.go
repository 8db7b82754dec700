// Package reports turns a nightly run's results.jsonl (and run.json, when
// present) into the reports people and CI read: summary.json, junit.xml,
// report.html and a text summary, optionally compared with a baseline run.
// Reports are rebuilt from those files alone, never from the bus or the
// database, so shards merge by concatenation.
package reports

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// File names inside a run directory.
const (
	ResultsFile = "results.jsonl"
	RunFile     = "run.json"
	SummaryFile = "summary.json"
	JUnitFile   = "junit.xml"
	HTMLFile    = "report.html"
)

// maxLine is the longest results.jsonl line Read accepts (a result carries
// its request, answer and rows, so lines can be large).
const maxLine = 64 << 20

// RunInfo is DIR/run.json, written by the nightly when a run starts (the
// same shape as sweep.RunInfo) and completed by Finish at its end.
type RunInfo struct {
	RunID      string    `json:"run_id"`
	Env        string    `json:"env"`
	Endpoint   string    `json:"endpoint,omitempty"`
	DB         string    `json:"db,omitempty"`
	Shard      string    `json:"shard,omitempty"` // "I/N"; "" for the whole selection
	State      string    `json:"state,omitempty"` // running, partial, complete; "" for runs older than the field
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	WallS      float64   `json:"wall_s,omitempty"` // wall time of the command that finished the run
	Args       []string  `json:"args"`
	Catalog    *Coverage `json:"catalog,omitempty"`
}

// Partial reports whether run.json says the run did not reach its end: it
// was interrupted, or it is still running or was killed (state running).
func (i *RunInfo) Partial() bool {
	return i != nil && (i.State == sweep.StateRunning || i.State == sweep.StatePartial)
}

// Run is one run directory as read from disk: its results, one per case key
// (the last line for a key wins), and its run.json when present.
type Run struct {
	Dir      string
	Info     *RunInfo // nil when run.json is absent
	Results  []result.Result
	Warnings []string // lines skipped (a truncated last line)
	Flaky    []string // case keys that both passed and failed within this run (sorted)
}

// RunID is run.json's run id, else the first result's.
func (r *Run) RunID() string {
	if r.Info != nil && r.Info.RunID != "" {
		return r.Info.RunID
	}
	for _, res := range r.Results {
		if res.RunID != "" {
			return res.RunID
		}
	}
	return ""
}

// Env is the environment named in run.json ("" when unknown).
func (r *Run) Env() string {
	if r.Info == nil {
		return ""
	}
	return r.Info.Env
}

// ByKey indexes the results by "SERVICE/case".
func (r *Run) ByKey() map[string]*result.Result {
	m := make(map[string]*result.Result, len(r.Results))
	for i := range r.Results {
		m[r.Results[i].Key()] = &r.Results[i]
	}
	return m
}

// Read reads dir/results.jsonl and dir/run.json (optional). Results are
// returned sorted by module, service and case. Only failing results are
// kept whole: a passing or skipped one keeps what the reports show of it
// (no checks, messages or rows), so reading 50,000 cases holds a few tens
// of megabytes, not hundreds.
func Read(dir string) (*Run, error) { return readDir(dir, true) }

// ReadWhole is Read keeping every result whole (report merge rewrites them).
func ReadWhole(dir string) (*Run, error) { return readDir(dir, false) }

func readDir(dir string, slim bool) (*Run, error) {
	info, err := ReadRunInfo(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, ResultsFile)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errs.E("report", errs.Input, "%s: no results (is %s a run directory?)", path, dir)
		}
		return nil, errs.E("report", errs.Input, "%v", err)
	}
	defer f.Close()
	run, err := readResults(f, path, slim)
	if err != nil {
		return nil, err
	}
	sortResults(run.Results)
	run.Dir, run.Info = dir, info
	return run, nil
}

// ReadRunInfo reads dir/run.json; it returns nil, nil when the file is absent.
func ReadRunInfo(dir string) (*RunInfo, error) {
	var info RunInfo
	found, err := readJSON(filepath.Join(dir, RunFile), &info)
	if !found || err != nil {
		return nil, err
	}
	return &info, nil
}

// readJSON decodes the JSON file at path into v; found is false (and err
// nil) when there is no such file. A malformed file is an Input error
// naming it.
func readJSON(path string, v any) (found bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, errs.E("report", errs.Input, "%v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return true, errs.At("report", errs.Input, path, "malformed %s: %v", filepath.Base(path), err)
	}
	return true, nil
}

// ReadResults streams results.jsonl from r into a Run (without Dir and
// Info); name is used in messages. A later line for the same key replaces
// an earlier one (a resumed run), but every line counts towards Flaky. An
// unparseable last line (a run killed mid-write) is skipped with a warning;
// an unparseable line anywhere else is an Input error naming name:line.
func ReadResults(r io.Reader, name string) (*Run, error) { return readResults(r, name, false) }

// readResults is ReadResults; slim keeps passing and skipped results
// without their checks, messages and rows (see decodeLine).
func readResults(r io.Reader, name string, slim bool) (*Run, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	rr := newLineReader(name, slim)
	for sc.Scan() {
		if err := rr.add(sc.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, rr.failed(err)
	}
	return rr.end(), nil
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) err(name string) error {
	return errs.At("report", errs.Input, fmt.Sprintf("%s:%d", name, e.line), "%s", e.msg)
}

// validate checks the fields a report relies on; an empty status is settled
// from the checks.
func validate(res *result.Result) error {
	if res.Service == "" {
		return fmt.Errorf("result has no service")
	}
	switch res.Status {
	case result.Pass, result.Fail, result.Error, result.Skip:
	case "":
		res.Settle()
	default:
		return fmt.Errorf("%s: unknown status %q", res.Key(), res.Status)
	}
	return nil
}

// ModuleOf is the result's module, or the module part of its service code
// (HXZG_SB_00045 → SB), or "-" when neither is known.
func ModuleOf(r *result.Result) string {
	if r.Module != "" {
		return r.Module
	}
	parts := strings.Split(r.Service, "_")
	if len(parts) >= 3 && parts[0] == "HXZG" && parts[1] != "" {
		return parts[1]
	}
	return "-"
}

func sortResults(rs []result.Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		mi, mj := ModuleOf(&rs[i]), ModuleOf(&rs[j])
		if mi != mj {
			return mi < mj
		}
		if rs[i].Service != rs[j].Service {
			return rs[i].Service < rs[j].Service
		}
		return rs[i].Case < rs[j].Case
	})
}
