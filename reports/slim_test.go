package reports

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

const (
	passLine = `{"run_id":"r1","service":"HXZG_SB_00045","tran_id":"T","case":"basic","status":"pass","class":"success","latency_ms":3,"checks":[{"kind":"xpath","name":"rtn","status":"pass","want":"0","got":"0","detail":""}],"error":"","started_at":"2026-03-01T02:00:00Z","request":"<service/>","response":"<service/>","rows":[{"check":"c","columns":["A"],"rows":[{"A":"1"}]}],"notes":["n"]}`
	failLine = `{"run_id":"r1","service":"HXZG_SB_00046","tran_id":"T","case":"basic","status":"fail","class":"success","latency_ms":3,"checks":[{"kind":"xpath","name":"rtn","status":"fail","want":"0","got":"1","detail":""}],"error":"","started_at":"2026-03-01T02:00:01Z","request":"<service/>","response":"<service/>"}`
)

// TestReadKeepsOnlyFailuresWhole: a report's reading keeps a passing case
// without its checks, messages and rows (a 50× nightly held every one of
// them), a failing case whole; ReadWhole and report merge keep everything.
func TestReadKeepsOnlyFailuresWhole(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ResultsFile), []byte(passLine+"\n"+failLine+"\n"), 0o644))

	run, err := Read(dir)
	require.NoError(t, err)
	require.Len(t, run.Results, 2)
	pass, fail := run.Results[0], run.Results[1]
	require.Equal(t, result.Pass, pass.Status)
	require.Equal(t, []result.Check{}, pass.Checks, "a passing case's checks are not kept")
	require.Empty(t, pass.Request+pass.Response)
	require.Nil(t, pass.Rows)
	require.Equal(t, []string{"n"}, pass.Notes, "notes are kept: the summary counts them")
	require.Equal(t, "HXZG_SB_00045", pass.Service)
	require.Equal(t, "T", pass.TranID)
	require.Equal(t, 3.0, pass.LatencyMS)
	require.False(t, pass.StartedAt.IsZero())
	require.Len(t, fail.Checks, 1, "a failing case is kept whole")
	require.Equal(t, "<service/>", fail.Request)

	whole, err := ReadWhole(dir)
	require.NoError(t, err)
	require.Len(t, whole.Results[0].Checks, 1)
	require.Len(t, whole.Results[0].Rows, 1)

	out := filepath.Join(t.TempDir(), "merged")
	_, err = MergeWith([]string{dir}, out, MergeOptions{Partial: true, Now: fixedNow})
	require.NoError(t, err)
	merged, err := ReadWhole(out)
	require.NoError(t, err)
	require.Len(t, merged.Results[0].Checks, 1, "merge writes passing cases whole")
	require.Equal(t, "<service/>", merged.Results[0].Request)
}
