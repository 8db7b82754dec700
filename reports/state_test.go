package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// copyBaseline copies testdata/baseline into a temporary folder the test
// may delete.
func copyBaseline(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "baseline")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	b, err := os.ReadFile(filepath.Join("testdata", "baseline", ResultsFile))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, ResultsFile), b, 0o644))
	return dir
}

// TestReportDirKeepsTheBaseline: `report DIR` after `nightly --baseline`
// keeps the comparison — re-read while the baseline is there, from
// baseline.json once it is gone — and Load alone writes nothing.
func TestReportDirKeepsTheBaseline(t *testing.T) {
	dir, base := copyRun(t, "basic"), copyBaseline(t)
	_, err := Finish(dir, Options{Baseline: base, Now: fixedNow})
	require.NoError(t, err)
	written, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	require.NoError(t, err)
	want := []string{"HXZG_SB_00046/basic", "HXZG_ZS_00012/pay"}

	rep, err := Build(dir, "", fixedNow) // `report DIR`: no --baseline
	require.NoError(t, err)
	require.Equal(t, want, rep.Summary.NewFailures)
	require.NotNil(t, rep.Baseline, "the baseline is re-read while it is there")
	require.NoError(t, rep.Render(&bytes.Buffer{}, "html"))
	again, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	require.NoError(t, err)
	require.Equal(t, written, again, "Load and Render write nothing")

	require.NoError(t, os.RemoveAll(base))
	rep, err = Load(dir, Options{Now: fixedNow})
	require.NoError(t, err)
	require.Equal(t, want, rep.Summary.NewFailures, "the stored comparison once the baseline is gone")
	require.Equal(t, []string{"HXZG_SB_00047/void"}, rep.Summary.StillFailing)
	require.Equal(t, "nightly-20260228", rep.Summary.BaselineRunID)
	require.Contains(t, strings.Join(rep.Summary.Warnings, "\n"), "using the comparison stored in baseline.json")
	require.NoError(t, rep.WriteFiles())
	var s Summary
	b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &s))
	require.Equal(t, want, s.NewFailures, "a rebuild keeps the new failures")
	require.Error(t, s.Finding())
}

// TestPartialRuns: a run is partial when interrupted (Finish with Partial),
// killed or still running (run.json state running), and every report says
// so; a run finished normally, or one from before the state field, is not.
func TestPartialRuns(t *testing.T) {
	type testCase struct {
		name        string
		state       string // run.json state written before; "-" = no state field
		finish      *Options
		wantPartial bool
	}
	run := func(t *testing.T, tc testCase) {
		dir := copyRun(t, "basic")
		if tc.state != "-" {
			setState(t, dir, tc.state)
		}
		if tc.finish != nil {
			_, err := Finish(dir, *tc.finish)
			require.NoError(t, err)
		}
		rep, err := Load(dir, Options{Now: fixedNow}) // a later `report DIR`
		require.NoError(t, err)
		require.Equal(t, tc.wantPartial, rep.Summary.Partial)
		require.Contains(t, string(rep.Summary.JSON()), `"partial": `+map[bool]string{true: "true", false: "false"}[tc.wantPartial])
		outs := map[string]string{}
		for _, f := range Formats {
			var buf bytes.Buffer
			require.NoError(t, rep.Render(&buf, f))
			outs[f] = buf.String()
		}
		marks := map[string]string{"text": "PARTIAL", "html": `id="partial"`, "junit": `name="run complete"`}
		for f, mark := range marks {
			require.Equal(t, tc.wantPartial, strings.Contains(outs[f], mark), "%s shows partial: %s", f, mark)
		}
	}
	tests := []testCase{
		{name: "killed or still running", state: "running", wantPartial: true},
		{name: "interrupted", state: "running", finish: &Options{Partial: true, Now: fixedNow, Wall: 3 * time.Second}, wantPartial: true},
		{name: "finished", state: "running", finish: &Options{Now: fixedNow}},
		{name: "resumed to the end", state: "partial", finish: &Options{Now: fixedNow}},
		{name: "run.json from before the state field", state: "-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// TestFinishRecordsTheEnd: run.json keeps what the sweep wrote and gains
// the state and the command's wall time, which later rebuilds show.
func TestFinishRecordsTheEnd(t *testing.T) {
	dir := copyRun(t, "basic")
	s, err := Finish(dir, Options{Now: fixedNow, Wall: 12345 * time.Millisecond})
	require.NoError(t, err)
	require.Equal(t, 12.345, s.WallS)
	info, err := ReadRunInfo(dir)
	require.NoError(t, err)
	require.Equal(t, "complete", info.State)
	require.Equal(t, 905, info.Catalog.Total, "the sweep's fields are kept")
	rep, err := Load(dir, Options{Now: fixedNow})
	require.NoError(t, err)
	require.Equal(t, 12.345, rep.Summary.WallS)
}

// TestLevelsCountEachResultOnce: summary.json "levels" counts each result
// at its service's level, smoke (routed) apart from checked levels.
func TestLevelsCountEachResultOnce(t *testing.T) {
	rep, err := Build(filepath.Join("testdata", "basic"), "", fixedNow)
	require.NoError(t, err)
	l := rep.Summary.Levels
	require.Equal(t, Counts{Total: 2, Pass: 1, Fail: 1}, l[LevelVerified])
	require.Equal(t, Counts{Total: 3, Pass: 1, Fail: 1, Error: 1}, l[LevelTemplated])
	require.Equal(t, Counts{Total: 1, Pass: 1}, l[LevelSchema])
	require.Equal(t, Counts{Total: 1, Skip: 1}, l[LevelRouted])
	total := 0
	for _, c := range l {
		total += c.Total
	}
	require.Equal(t, rep.Summary.Total, total, "each result once")
	var text bytes.Buffer
	require.NoError(t, rep.Render(&text, "text"))
	require.Regexp(t, `(?m)^smoke \(routed\)\s+1\s+0\s+0\s+0\s+1$`, text.String())
	require.Regexp(t, `(?m)^verified\s+2\s+1\s+1\s+0\s+0$`, text.String())
	var junit bytes.Buffer
	require.NoError(t, rep.Render(&junit, "junit"))
	require.Contains(t, junit.String(), "verified 1/2 pass")
	require.Contains(t, junit.String(), "smoke (routed) 0/1 pass")
}

func setState(t *testing.T, dir, state string) {
	t.Helper()
	path := filepath.Join(dir, RunFile)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(b, &raw))
	raw["state"] = state
	b, err = json.Marshal(raw)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}
