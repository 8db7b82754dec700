package reports

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// genResults makes n results over several modules, a few failing.
func genResults(n int, runID string) []result.Result {
	modules := []string{"DJ", "RD", "SB", "ZS", "FP"}
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	rs := make([]result.Result, n)
	for i := range rs {
		m := modules[i%len(modules)]
		r := result.Result{
			RunID: runID, Service: fmt.Sprintf("HXZG_%s_%05d", m, i/2), Case: []string{"basic", "smoke"}[i%2],
			TranID: fmt.Sprintf("SWZJ.HXZG.%s.T%05d", m, i/2), TranSeq: fmt.Sprintf("seq-%06d", i),
			Status: result.Pass, Class: result.ClassSuccess, LatencyMS: float64(5 + i%40),
			StartedAt: t0.Add(time.Duration(i) * 10 * time.Millisecond), Module: m, Name: fmt.Sprintf("服务%d号查询", i),
			Checks: []result.Check{{Kind: "envelope", Name: "rtn_code", Status: result.Pass, Want: "1", Got: "1"}},
		}
		if i%13 == 0 {
			r.Status, r.Class = result.Fail, result.ClassBusiness
			r.Checks[0].Status, r.Checks[0].Got = result.Fail, "3"
			r.Request, r.Response = "<service><head><tran_id>x</tran_id></head></service>", "<service><rtn_code>3</rtn_code></service>"
		}
		rs[i] = r
	}
	return rs
}

func writeRun(t testing.TB, dir string, info *RunInfo, rs []result.Result) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, writeResults(filepath.Join(dir, ResultsFile), rs))
	if info != nil {
		b, err := json.Marshal(info)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, RunFile), b, 0o644))
	}
}

func shardOf(service string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(service))
	return int(h.Sum32() % uint32(n))
}

func TestMergeThreeShardsEqualsUnsharded(t *testing.T) {
	root := t.TempDir()
	all := genResults(90, "n-1")
	cov := &Coverage{Total: 905, Levels: map[string]int{"listed": 905}, Modules: map[string]ModuleCoverage{}}
	writeRun(t, filepath.Join(root, "full"), &RunInfo{RunID: "n-1", Env: "sim"}, all)
	shards := make([][]result.Result, 3)
	for _, r := range all {
		i := shardOf(r.Service, 3)
		shards[i] = append(shards[i], r)
	}
	// A resumed overlap: shard 3 also holds an older, errored attempt of a
	// case that shard 1 finished later. The latest must win.
	stale := shards[0][0]
	stale.Status, stale.Error, stale.StartedAt = result.Error, "killed", stale.StartedAt.Add(-time.Hour)
	shards[2] = append(shards[2], stale)
	var dirs []string
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	for i, rs := range shards {
		d := filepath.Join(root, fmt.Sprintf("shard%d", i+1))
		info := &RunInfo{RunID: "n-1", Env: "sim", StartedAt: t0.Add(time.Duration(3-i) * time.Second),
			Args: []string{"nightly", "--shard", fmt.Sprintf("%d/3", i+1)}}
		if i == 0 {
			info.Catalog = cov
		}
		writeRun(t, d, info, rs)
		dirs = append(dirs, d)
	}
	out := filepath.Join(root, "merged")
	require.NoError(t, Merge(dirs, out))

	want, err := Read(filepath.Join(root, "full"))
	require.NoError(t, err)
	got, err := Read(out)
	require.NoError(t, err)
	require.Equal(t, len(all), len(got.Results))
	require.Equal(t, want.Results, got.Results)

	require.Equal(t, "n-1", got.Info.RunID)
	require.Equal(t, cov, got.Info.Catalog, "the first shard's catalog")
	require.Equal(t, t0.Add(time.Second), got.Info.StartedAt.UTC(), "the earliest start")
	require.Equal(t, []string{"nightly", "--shard", "1/3", "2/3", "3/3"}, got.Info.Args)
	for _, f := range []string{SummaryFile, JUnitFile, HTMLFile} {
		require.FileExists(t, filepath.Join(out, f))
	}
}

func TestMergeErrors(t *testing.T) {
	type testCase struct {
		name    string
		dirs    []string
		wantErr string
	}
	run := func(t *testing.T, tc testCase) {
		err := Merge(tc.dirs, filepath.Join(t.TempDir(), "out"))
		require.ErrorContains(t, err, tc.wantErr)
	}
	tests := []testCase{
		{name: "no shards", wantErr: "no shard directories"},
		{name: "a corrupt shard", dirs: []string{filepath.Join("testdata", "basic"), filepath.Join("testdata", "corrupt")}, wantErr: "corrupt/results.jsonl:2"},
		{name: "a missing shard", dirs: []string{filepath.Join("testdata", "nope")}, wantErr: "no results"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestMergeKeepsShardWarnings(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	rep, err := MergeWith([]string{filepath.Join("testdata", "basic"), filepath.Join("testdata", "truncated")}, out,
		MergeOptions{Partial: true, Now: fixedNow})
	require.NoError(t, err)
	require.Len(t, rep.Summary.Warnings, 2)
	require.Contains(t, rep.Summary.Warnings[0], "truncated/results.jsonl:3")
	require.Contains(t, rep.Summary.Warnings[1], "truncated: no run.json")
	require.True(t, rep.Summary.Partial)
	require.Equal(t, 7, rep.Summary.Total, "truncated shard's cases are all in basic too")
}

func TestWriteAll(t *testing.T) {
	dir := copyRun(t, "basic")
	s, err := WriteAll(dir, filepath.Join("testdata", "baseline"), fixedNow)
	require.NoError(t, err)
	require.Equal(t, []string{"HXZG_SB_00046/basic", "HXZG_ZS_00012/pay"}, s.NewFailures)
	b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	require.NoError(t, err)
	require.Equal(t, s.JSON(), b)
	var contract map[string]any
	require.NoError(t, json.Unmarshal(b, &contract))
	for _, k := range []string{"run_id", "env", "total", "pass", "fail", "error", "skip", "duration_s", "new_failures", "fixed"} {
		require.Contains(t, contract, k, "summary.json contract field")
	}
	for _, f := range []string{JUnitFile, HTMLFile} {
		require.FileExists(t, filepath.Join(dir, f))
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	require.Empty(t, leftovers, "no temporary files left behind")
}

// BenchmarkWriteAll builds every report of a 15,000- and a 50,000-case run
// (issue 22's 50× catalog).
func BenchmarkWriteAll(b *testing.B) {
	for _, n := range []int{15000, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			writeRun(b, dir, &RunInfo{RunID: "bench", Env: "sim"}, genResults(n, "bench"))
			b.ResetTimer()
			for b.Loop() {
				if _, err := WriteAll(dir, "", fixedNow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMergeKnowsItsShards: each shard's run.json says which run and which
// shard it is; merge refuses (exit 2) a missing, duplicated or foreign
// shard unless Partial, and then the merged run is partial.
func TestMergeKnowsItsShards(t *testing.T) {
	type shard struct{ runID, spec string }
	type testCase struct {
		name    string
		shards  []shard
		partial bool
		wantErr string // "" = merges
	}
	all := genResults(60, "n-1")
	run := func(t *testing.T, tc testCase) {
		root := t.TempDir()
		var dirs []string
		for k, s := range tc.shards {
			var i, n int
			fmt.Sscanf(s.spec, "%d/%d", &i, &n)
			var rs []result.Result
			for _, r := range all {
				if shardOf(r.Service, n) == i-1 {
					rs = append(rs, r)
				}
			}
			d := filepath.Join(root, fmt.Sprintf("s%d", k))
			writeRun(t, d, &RunInfo{RunID: s.runID, Env: "sim", Shard: s.spec, State: "complete"}, rs)
			dirs = append(dirs, d)
		}
		rep, err := MergeWith(dirs, filepath.Join(root, "out"), MergeOptions{Partial: tc.partial, Now: fixedNow})
		if tc.wantErr != "" {
			require.ErrorContains(t, err, tc.wantErr)
			require.True(t, errs.Is(err, errs.Input), "exit 2: %v", err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, tc.partial, rep.Summary.Partial)
		info, err := ReadRunInfo(filepath.Join(root, "out"))
		require.NoError(t, err)
		require.Equal(t, tc.partial, info.Partial(), "merged run.json state %q", info.State)
		if !tc.partial {
			require.Equal(t, len(all), rep.Summary.Total)
		}
	}
	three := []shard{{"n-1", "1/3"}, {"n-1", "2/3"}, {"n-1", "3/3"}}
	tests := []testCase{
		{name: "every shard once", shards: three},
		{name: "shard 3 of 3 missing", shards: three[:2], wantErr: "shard 3/3 of run n-1 missing"},
		{name: "shard 3 of 3 missing, --partial", shards: three[:2], partial: true},
		{name: "shard given twice", shards: append(append([]shard{}, three...), three[1]), wantErr: "shard 2/3 given twice"},
		{name: "a shard of another run", shards: []shard{three[0], three[1], {"n-2", "3/3"}}, wantErr: "shards of different runs"},
		{name: "another run, --partial", shards: []shard{three[0], three[1], {"n-2", "3/3"}}, partial: true},
		{name: "different shard counts", shards: []shard{three[0], {"n-1", "2/2"}}, wantErr: "different shard counts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
