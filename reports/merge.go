package reports

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// MergeOptions tune MergeWith.
type MergeOptions struct {
	// Partial merges whatever shards are given: a missing or duplicated
	// shard, or shards of different runs, become warnings and the merged
	// run is partial. Without it they are an Input error.
	Partial bool
	// Now stamps generated_at (nil: time.Now).
	Now func() time.Time
}

// Merge joins shard directories into out (see MergeWith), strictly.
func Merge(dirs []string, out string) error {
	_, err := MergeAt(dirs, out, time.Now)
	return err
}

// MergeAt is a strict MergeWith with an injected clock.
func MergeAt(dirs []string, out string, now func() time.Time) (*Report, error) {
	return MergeWith(dirs, out, MergeOptions{Now: now})
}

// MergeWith joins shard directories into out: each shard's run.json says
// which run and which shard I/N it is, and together they must be every
// shard of one run once (else an Input error, unless o.Partial). Their
// results.jsonl are concatenated (one result per key, the latest
// started_at wins), their run.json merged (the first shard's run id, env
// and catalog; the earliest start; the union of the args), then every
// report is written into out. It returns the merged report, shard warnings
// included.
func MergeWith(dirs []string, out string, o MergeOptions) (*Report, error) {
	if len(dirs) == 0 {
		return nil, errs.E("report merge", errs.Input, "no shard directories given")
	}
	runs := make([]*Run, 0, len(dirs))
	var warnings []string
	for _, d := range dirs {
		r, err := ReadWhole(d)
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
		warnings = append(warnings, r.Warnings...)
	}
	problems := checkShards(runs)
	if len(problems) > 0 && !o.Partial {
		return nil, shardError(problems)
	}
	warnings = append(warnings, problems...)
	if err := writeMerged(runs, out, len(problems) > 0); err != nil {
		return nil, err
	}
	rep, err := Load(out, Options{Now: o.Now, Partial: len(problems) > 0})
	if err != nil {
		return nil, err
	}
	rep.Run.Warnings = append(warnings, rep.Run.Warnings...)
	rep.Summary.Warnings = rep.Run.Warnings
	return rep, rep.WriteFiles()
}

// writeMerged writes out's results.jsonl and run.json.
func writeMerged(runs []*Run, out string, partial bool) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return errs.E("report merge", errs.Input, "%v", err)
	}
	if err := writeResults(filepath.Join(out, ResultsFile), mergeResults(runs)); err != nil {
		return err
	}
	info := mergeInfo(runs, partial)
	if info == nil {
		return nil
	}
	b, _ := json.MarshalIndent(info, "", "  ")
	return writeBytes(filepath.Join(out, RunFile), append(b, '\n'))
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

// mergeInfo merges the shards' run.json; nil when no shard has one. The
// merged run is the whole selection; it is partial when shards were
// missing or foreign, or when any shard is partial.
func mergeInfo(runs []*Run, partial bool) *RunInfo {
	var merged *RunInfo
	seenArg := map[string]bool{}
	for _, run := range runs {
		info := run.Info
		if info == nil {
			continue
		}
		if merged == nil {
			merged = &RunInfo{RunID: info.RunID, Env: info.Env, Endpoint: info.Endpoint, DB: info.DB,
				StartedAt: info.StartedAt, Args: []string{}}
		}
		if merged.Catalog == nil {
			merged.Catalog = info.Catalog
		}
		if !info.StartedAt.IsZero() && (merged.StartedAt.IsZero() || info.StartedAt.Before(merged.StartedAt)) {
			merged.StartedAt = info.StartedAt
		}
		partial = partial || info.Partial()
		for _, a := range info.Args {
			if !seenArg[a] {
				seenArg[a] = true
				merged.Args = append(merged.Args, a)
			}
		}
	}
	if merged != nil {
		merged.State = sweep.StateComplete
		if partial {
			merged.State = sweep.StatePartial
		}
	}
	return merged
}

// writeResults writes results as JSON Lines, atomically.
func writeResults(path string, rs []result.Result) error {
	return writeFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range rs {
			if err := enc.Encode(&rs[i]); err != nil {
				return errs.E("report merge", errs.Internal, "%s: %v", rs[i].Key(), err)
			}
		}
		return nil
	})
}
