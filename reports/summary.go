package reports

import (
	"encoding/json"
	"math"
	"sort"
	"time"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Counts are case counts by status.
type Counts struct {
	Total int `json:"total"`
	Pass  int `json:"pass"`
	Fail  int `json:"fail"`
	Error int `json:"error"`
	Skip  int `json:"skip"`
}

// Add counts one case of the given status.
func (c *Counts) Add(status result.Status) {
	c.Total++
	switch status {
	case result.Pass:
		c.Pass++
	case result.Fail:
		c.Fail++
	case result.Error:
		c.Error++
	case result.Skip:
		c.Skip++
	}
}

// Failing is fail + error.
func (c Counts) Failing() int { return c.Fail + c.Error }

// Summary is summary.json. The first fields are the cli-contract shape
// ({"run_id","env","total","pass","fail","error","skip","duration_s",
// "new_failures","fixed"} and the later "levels" and "partial"); the rest
// are extras.
type Summary struct {
	RunID string `json:"run_id"`
	Env   string `json:"env"`
	Counts
	DurationS   float64           `json:"duration_s"`
	NewFailures []string          `json:"new_failures"`
	Fixed       []string          `json:"fixed"`
	Levels      map[string]Counts `json:"levels"`
	Partial     bool              `json:"partial"`
	// Blame counts the failing and erroring results by who is at fault.
	Blame BlameCounts `json:"blame"`
	// Notes counts the notes of every result: observations (answer head
	// lint) that are never a failure.
	Notes int `json:"notes"`

	Verdict       string               `json:"verdict"`          // pass or fail (see Failed); partial is apart
	WallS         float64              `json:"wall_s,omitempty"` // wall time of the command that finished the run
	StillFailing  []string             `json:"still_failing"`
	Flaky         []string             `json:"flaky"`
	BaselineRunID string               `json:"baseline_run_id,omitempty"`
	BaselineDir   string               `json:"baseline_dir,omitempty"`
	Endpoint      string               `json:"endpoint,omitempty"`
	DB            string               `json:"db,omitempty"`
	Shard         string               `json:"shard,omitempty"`
	StartedAt     string               `json:"started_at,omitempty"`
	GeneratedAt   string               `json:"generated_at"`
	Modules       map[string]Counts    `json:"modules"`
	Classes       map[result.Class]int `json:"classes"`
	Warnings      []string             `json:"warnings,omitempty"`
}

// Summarize counts a run and folds in its diff against a baseline. Partial
// and WallS are the caller's (Load sets them from run.json and Options).
func Summarize(run *Run, d Diff, now time.Time) *Summary {
	s := &Summary{
		RunID: run.RunID(), Env: run.Env(),
		NewFailures: d.NewFailures, Fixed: d.Fixed, StillFailing: d.StillFailing, Flaky: d.Flaky,
		BaselineRunID: d.BaselineRunID, BaselineDir: d.BaselineDir,
		GeneratedAt: now.UTC().Format(time.RFC3339),
		Levels:      emptyLevels(),
		Modules:     map[string]Counts{},
		Classes:     map[result.Class]int{},
		Warnings:    run.Warnings,
	}
	if i := run.Info; i != nil {
		s.Endpoint, s.DB, s.Shard = sweep.PublicAddress(i.Endpoint), sweep.PublicAddress(i.DB), i.Shard
	}
	for i := range run.Results {
		s.count(&run.Results[i])
	}
	start, end := span(run)
	if !start.IsZero() {
		s.StartedAt = start.UTC().Format(time.RFC3339)
		s.DurationS = math.Round(max(end.Sub(start).Seconds(), 0)*1000) / 1000
	}
	s.Verdict = VerdictPass
	if s.Failed() {
		s.Verdict = VerdictFail
	}
	return s
}

// count adds one result to the totals, its module, its level and its class.
func (s *Summary) count(r *result.Result) {
	s.Add(r.Status)
	m := s.Modules[ModuleOf(r)]
	m.Add(r.Status)
	s.Modules[ModuleOf(r)] = m
	l := s.Levels[LevelOf(r)]
	l.Add(r.Status)
	s.Levels[LevelOf(r)] = l
	if r.Class != "" {
		s.Classes[r.Class]++
	}
	if failing(r) {
		s.Blame.Add(BlameOf(r))
	}
	s.Notes += len(r.Notes)
}

// Compared reports whether the run was compared with a baseline.
func (s *Summary) Compared() bool { return s.BaselineRunID != "" || s.BaselineDir != "" }

// Failed is the verdict: against a baseline, a new failure; without one,
// any failing case. A partial run is reported apart (Partial).
func (s *Summary) Failed() bool {
	if s.Compared() {
		return len(s.NewFailures) > 0
	}
	return s.Failing() > 0
}

// Finding is the error the CLI exits 1 with, or nil: new failures (or
// failures, without a baseline), else a partial run.
func (s *Summary) Finding() error {
	switch {
	case s.Compared() && s.Failed():
		return errs.E("report", errs.Finding, "%d new failures against baseline %s", len(s.NewFailures), orDash(s.BaselineRunID))
	case s.Failed():
		return errs.E("report", errs.Finding, "%d cases failed", s.Failing())
	case s.Partial:
		return errs.E("report", errs.Finding, "partial run: %d cases recorded, the selection did not run to the end", s.Total)
	}
	return nil
}

// ModuleNames lists the summary's modules in order.
func (s *Summary) ModuleNames() []string {
	names := make([]string, 0, len(s.Modules))
	for m := range s.Modules {
		names = append(names, m)
	}
	sort.Strings(names)
	return names
}

// JSON is summary.json's content: indented, with a final newline.
func (s *Summary) JSON() []byte {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil { // a Summary holds only strings, numbers and maps
		panic("reports: summary does not marshal: " + err.Error())
	}
	return append(b, '\n')
}

// span is when the run started (run.json, else its first case) and when its
// last case ended (started_at + latency).
func span(run *Run) (start, end time.Time) {
	if run.Info != nil {
		start = run.Info.StartedAt
	}
	for i := range run.Results {
		r := &run.Results[i]
		if r.StartedAt.IsZero() {
			continue
		}
		if start.IsZero() || r.StartedAt.Before(start) {
			start = r.StartedAt
		}
		e := r.StartedAt.Add(time.Duration(r.LatencyMS * float64(time.Millisecond)))
		if e.After(end) {
			end = e
		}
	}
	if end.IsZero() {
		end = start
	}
	return start, end
}
