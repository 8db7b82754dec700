package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Merge joins shard directories into out: their results.jsonl concatenated
// (one result per key, the latest started_at wins), their run.json merged
// (the first shard's run id, env and catalog; the earliest start; the union
// of the args), then writes every report into out.
func Merge(dirs []string, out string) error {
	_, err := MergeAt(dirs, out, time.Now)
	return err
}

// MergeAt is Merge with an injected clock; it returns the merged report
// (shard warnings included).
func MergeAt(dirs []string, out string, now func() time.Time) (*Report, error) {
	if len(dirs) == 0 {
		return nil, errs.E("report merge", errs.Input, "no shard directories given")
	}
	runs := make([]*Run, 0, len(dirs))
	var warnings []string
	for _, d := range dirs {
		r, err := Read(d)
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
		warnings = append(warnings, r.Warnings...)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, errs.E("report merge", errs.Input, "%v", err)
	}
	if err := writeResults(filepath.Join(out, ResultsFile), mergeResults(runs)); err != nil {
		return nil, err
	}
	if info := mergeInfo(runs); info != nil {
		b, _ := json.MarshalIndent(info, "", "  ")
		if err := writeFileAtomic(filepath.Join(out, RunFile), append(b, '\n')); err != nil {
			return nil, err
		}
	}
	rep, err := Build(out, "", now)
	if err != nil {
		return nil, err
	}
	rep.Run.Warnings = append(warnings, rep.Run.Warnings...)
	rep.Summary.Warnings = rep.Run.Warnings
	return rep, rep.WriteFiles()
}

// mergeResults keeps one result per key: the one started last (on a tie,
// the later shard's). The merged list is ordered by start time, then key.
func mergeResults(runs []*Run) []result.Result {
	byKey := map[string]result.Result{}
	for _, run := range runs {
		for _, r := range run.Results {
			old, seen := byKey[r.Key()]
			if !seen || !r.StartedAt.Before(old.StartedAt) {
				byKey[r.Key()] = r
			}
		}
	}
	out := make([]result.Result, 0, len(byKey))
	for _, r := range byKey {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].StartedAt.Equal(out[j].StartedAt) {
			return out[i].StartedAt.Before(out[j].StartedAt)
		}
		return out[i].Key() < out[j].Key()
	})
	return out
}

// mergeInfo merges the shards' run.json; nil when no shard has one.
func mergeInfo(runs []*Run) *RunInfo {
	var merged *RunInfo
	seenArg := map[string]bool{}
	for _, run := range runs {
		info := run.Info
		if info == nil {
			continue
		}
		if merged == nil {
			merged = &RunInfo{RunID: info.RunID, Env: info.Env, StartedAt: info.StartedAt, Args: []string{}}
		}
		if merged.Catalog == nil {
			merged.Catalog = info.Catalog
		}
		if !info.StartedAt.IsZero() && (merged.StartedAt.IsZero() || info.StartedAt.Before(merged.StartedAt)) {
			merged.StartedAt = info.StartedAt
		}
		for _, a := range info.Args {
			if !seenArg[a] {
				seenArg[a] = true
				merged.Args = append(merged.Args, a)
			}
		}
	}
	return merged
}

// writeResults writes results as JSON Lines, atomically.
func writeResults(path string, rs []result.Result) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range rs {
		if err := enc.Encode(&rs[i]); err != nil {
			return errs.E("report merge", errs.Internal, "%s: %v", rs[i].Key(), err)
		}
	}
	return writeFileAtomic(path, buf.Bytes())
}
