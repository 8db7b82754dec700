package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/sweep"
)

func TestTrimPartialLine(t *testing.T) {
	type testCase struct {
		name        string
		content     string
		wantContent string
		wantDropped int64
	}
	run := func(t *testing.T, tc testCase) {
		path := filepath.Join(t.TempDir(), ResultsFile)
		require.NoError(t, os.WriteFile(path, []byte(tc.content), 0o644))
		dropped, err := sweep.TrimPartialLine(path)
		require.NoError(t, err)
		require.Equal(t, tc.wantDropped, dropped)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		require.Equal(t, tc.wantContent, string(b))
	}
	long := strings.Repeat("x", 200<<10) // longer than one backwards-read block
	tests := []testCase{
		{name: "complete file untouched", content: "{\"a\":1}\n{\"b\":2}\n", wantContent: "{\"a\":1}\n{\"b\":2}\n"},
		{name: "half line dropped", content: "{\"a\":1}\n{\"b\":", wantContent: "{\"a\":1}\n", wantDropped: 5},
		{name: "long half line dropped", content: "{\"a\":1}\n" + long, wantContent: "{\"a\":1}\n", wantDropped: int64(len(long))},
		{name: "only a half line", content: "{\"a\"", wantContent: "", wantDropped: 4},
		{name: "empty", content: "", wantContent: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestTrimPartialLineThenAppendReadsClean(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "truncated", ResultsFile))
	require.NoError(t, err)
	path := filepath.Join(dir, ResultsFile)
	require.NoError(t, os.WriteFile(path, src, 0o644))
	_, err = sweep.TrimPartialLine(path)
	require.NoError(t, err)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"service":"HXZG_ZS_00013","case":"basic","status":"pass"}` + "\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	r, err := Read(dir)
	require.NoError(t, err)
	require.Empty(t, r.Warnings)
	require.Len(t, r.Results, 3)
}

func TestTrimPartialLineMissingFile(t *testing.T) {
	n, err := sweep.TrimPartialLine(filepath.Join(t.TempDir(), "none.jsonl"))
	require.NoError(t, err)
	require.Zero(t, n)
}
