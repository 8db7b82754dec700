package reports

import (
	"encoding/json"
	"math"
	"sort"
	"time"

	"github.com/gt3ct/gt3ct/harness/result"
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
func (c *Counts) Add(status string) {
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
// "new_failures","fixed"}); the rest are extras.
type Summary struct {
	RunID string `json:"run_id"`
	Env   string `json:"env"`
	Counts
	DurationS   float64  `json:"duration_s"`
	NewFailures []string `json:"new_failures"`
	Fixed       []string `json:"fixed"`

	StillFailing  []string          `json:"still_failing"`
	Flaky         []string          `json:"flaky"`
	BaselineRunID string            `json:"baseline_run_id,omitempty"`
	StartedAt     string            `json:"started_at,omitempty"`
	GeneratedAt   string            `json:"generated_at"`
	Modules       map[string]Counts `json:"modules"`
	Classes       map[string]int    `json:"classes"`
	Warnings      []string          `json:"warnings,omitempty"`
}

// Summarize counts a run and folds in its diff against a baseline.
func Summarize(run *Run, d Diff, now time.Time) *Summary {
	s := &Summary{
		RunID: run.RunID(), Env: run.Env(),
		NewFailures: d.NewFailures, Fixed: d.Fixed, StillFailing: d.StillFailing, Flaky: d.Flaky,
		BaselineRunID: d.BaselineRunID,
		GeneratedAt:   now.UTC().Format(time.RFC3339),
		Modules:       map[string]Counts{},
		Classes:       map[string]int{},
		Warnings:      run.Warnings,
	}
	for i := range run.Results {
		r := &run.Results[i]
		s.Add(r.Status)
		m := s.Modules[ModuleOf(r)]
		m.Add(r.Status)
		s.Modules[ModuleOf(r)] = m
		if r.Class != "" {
			s.Classes[r.Class]++
		}
	}
	start, end := span(run)
	if !start.IsZero() {
		s.StartedAt = start.UTC().Format(time.RFC3339)
		s.DurationS = math.Round(max(end.Sub(start).Seconds(), 0)*1000) / 1000
	}
	return s
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
