package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestRead(t *testing.T) {
	type testCase struct {
		name     string
		dir      string
		wantErr  string // substring of the error; "" for success
		wantKeys []string
		wantWarn string // substring of the only warning; "" for none
		runID    string
		hasInfo  bool
	}
	run := func(t *testing.T, tc testCase) {
		r, err := Read(filepath.Join("testdata", tc.dir))
		if tc.wantErr != "" {
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.wantErr)
			require.Equal(t, errs.Input, errs.KindOf(err))
			return
		}
		require.NoError(t, err)
		var keys []string
		for _, res := range r.Results {
			keys = append(keys, res.Key())
		}
		require.Equal(t, tc.wantKeys, keys)
		if tc.wantWarn == "" {
			require.Empty(t, r.Warnings)
		} else {
			require.Len(t, r.Warnings, 1)
			require.Contains(t, r.Warnings[0], tc.wantWarn)
		}
		require.Equal(t, tc.runID, r.RunID())
		require.Equal(t, tc.hasInfo, r.Info != nil)
	}
	tests := []testCase{
		{name: "multi-module with resume duplicate, sorted by module", dir: "basic", runID: "nightly-20260301", hasInfo: true,
			wantKeys: []string{"HXZG_DJ_00101/basic", "HXZG_DJ_00102/smoke", "HXZG_SB_00045/basic", "HXZG_SB_00046/basic",
				"HXZG_SB_00047/void", "HXZG_ZS_00012/pay", "HXZG_ZS_00013/basic"}},
		{name: "truncated last line is skipped with a warning", dir: "truncated", runID: "nightly-20260301",
			wantKeys: []string{"HXZG_DJ_00101/basic", "HXZG_DJ_00102/smoke"},
			wantWarn: "results.jsonl:3: skipped truncated last line"},
		{name: "no run.json, blank line, module from code", dir: "norunjson", runID: "nightly-20260301",
			wantKeys: []string{"HXZG_DJ_00101/basic", "HXZG_SB_00047/void"}},
		{name: "empty file", dir: "empty"},
		{name: "corrupt middle line names file:line", dir: "corrupt", wantErr: "corrupt/results.jsonl:2: malformed result"},
		{name: "unknown status", dir: "badstatus", wantErr: `badstatus/results.jsonl:2: HXZG_DJ_00102/smoke: unknown status "weird"`},
		{name: "missing service", dir: "noservice", wantErr: "noservice/results.jsonl:1: result has no service"},
		{name: "malformed run.json", dir: "badrunjson", wantErr: "badrunjson/run.json: malformed run.json"},
		{name: "not a run directory", dir: "nonexistent", wantErr: "no results"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestReadResumeKeepsLastLine(t *testing.T) {
	r, err := Read(filepath.Join("testdata", "basic"))
	require.NoError(t, err)
	got := r.ByKey()["HXZG_SB_00045/basic"]
	require.NotNil(t, got)
	require.Equal(t, result.Pass, got.Status, "the resumed pass replaces the earlier timeout")
	require.Equal(t, 22.75, got.LatencyMS)
}

func TestReadSettlesEmptyStatusAndDerivesModule(t *testing.T) {
	r, err := Read(filepath.Join("testdata", "norunjson"))
	require.NoError(t, err)
	byKey := r.ByKey()
	require.Equal(t, result.Pass, byKey["HXZG_DJ_00101/basic"].Status)
	require.Equal(t, result.Fail, byKey["HXZG_SB_00047/void"].Status)
	require.Equal(t, "SB", ModuleOf(byKey["HXZG_SB_00047/void"]))
	require.Equal(t, "-", ModuleOf(&result.Result{Service: "SWZJ.HXZG.SB.X"}))
}

func TestReadLongLine(t *testing.T) {
	big := strings.Repeat("税", 1<<20) // 3 MiB of UTF-8, beyond bufio's default 64 KiB
	line := `{"service":"HXZG_SB_00001","case":"big","status":"pass","response":"` + big + `"}` + "\n"
	run, err := ReadResults(strings.NewReader(line+line), "big.jsonl")
	require.NoError(t, err)
	require.Empty(t, run.Warnings)
	require.Len(t, run.Results, 1)
	require.Len(t, run.Results[0].Response, len(big))
}
