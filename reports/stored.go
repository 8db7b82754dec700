package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// BaselineFile is DIR/baseline.json: the baseline a run was last compared
// with (its absolute directory and run id) and the comparison's result, so
// that `report DIR` keeps it.
const BaselineFile = "baseline.json"

// baselineOf is the run's baseline and diff: the explicit baseline
// directory when given; else the one baseline.json records, re-read when it
// is still there with the same run id, else its stored comparison (with a
// warning); else no comparison.
func baselineOf(run *Run, explicit string) (*Run, Diff, error) {
	if explicit != "" {
		base, err := Read(explicit)
		if err != nil {
			return nil, Diff{}, err
		}
		return base, Compare(run, base), nil
	}
	stored, err := readStoredDiff(run.Dir)
	if err != nil || stored == nil {
		return nil, Compare(run, nil), err
	}
	base, rerr := Read(stored.BaselineDir)
	if rerr == nil && base.RunID() == stored.BaselineRunID {
		return base, Compare(run, base), nil
	}
	if rerr == nil {
		rerr = fmt.Errorf("it now holds run %s", orDash(base.RunID()))
	}
	run.Warnings = append(run.Warnings, fmt.Sprintf("baseline %s not re-read (%v): using the comparison stored in %s",
		stored.BaselineDir, rerr, BaselineFile))
	d := Compare(run, nil)
	d.BaselineRunID, d.BaselineDir = stored.BaselineRunID, stored.BaselineDir
	d.NewFailures, d.Fixed, d.StillFailing = nonNil(stored.NewFailures), nonNil(stored.Fixed), nonNil(stored.StillFailing)
	return nil, d, nil
}

// readStoredDiff reads DIR/baseline.json; nil, nil when absent.
func readStoredDiff(dir string) (*Diff, error) {
	path := filepath.Join(dir, BaselineFile)
	var d Diff
	found, err := readJSON(path, &d)
	if !found || err != nil {
		return nil, err
	}
	if d.BaselineDir == "" {
		return nil, errs.At("report", errs.Input, path, "baseline.json names no baseline_dir")
	}
	return &d, nil
}

// storeBaseline writes baseline.json when the report was compared with a
// baseline, naming its directory absolutely.
func (rep *Report) storeBaseline() error {
	if !rep.Summary.Compared() {
		return nil
	}
	d := rep.Diff
	if abs, err := filepath.Abs(d.BaselineDir); err == nil {
		d.BaselineDir = abs
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return errs.E("report", errs.Internal, "baseline.json: %v", err)
	}
	return writeBytes(filepath.Join(rep.Run.Dir, BaselineFile), append(b, '\n'))
}

// recordEnd sets run.json's state (partial or complete), finished_at and
// wall_s, keeping every other field as the sweep wrote it. A run without
// run.json is left without one.
func recordEnd(run *Run, o Options) error {
	path := filepath.Join(run.Dir, RunFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return errs.E("report", errs.Input, "%v", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return errs.At("report", errs.Input, path, "malformed run.json: %v", err)
	}
	state := sweep.StateComplete
	if o.Partial {
		state = sweep.StatePartial
	}
	set := map[string]any{"state": state, "finished_at": o.Now().UTC().Format(time.RFC3339Nano)}
	if o.Wall > 0 {
		set["wall_s"] = seconds3(o.Wall)
	}
	for k, v := range set {
		raw[k], _ = json.Marshal(v)
	}
	out, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		return errs.E("report", errs.Internal, "run.json: %v", err)
	}
	return writeBytes(path, append(out, '\n'))
}

// wallOf is the command's wall time in seconds: the one given, else the one
// run.json recorded.
func wallOf(info *RunInfo, wall time.Duration) float64 {
	if wall > 0 {
		return seconds3(wall)
	}
	if info != nil {
		return info.WallS
	}
	return 0
}

func seconds3(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
