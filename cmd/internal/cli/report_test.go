package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fixtureRun copies a run directory of reports/testdata into a temporary one
// (report writes its files into DIR).
func fixtureRun(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"results.jsonl", "run.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "reports", "testdata", name, f))
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

func TestReportCommand(t *testing.T) {
	type testCase struct {
		name      string
		args      func(t *testing.T) []string
		wantCode  int
		wantOut   string // substring of stdout
		wantErr   string // substring of stderr
		wantFiles bool   // summary.json, junit.xml, report.html written into the first DIR (else none)
	}
	var dir string
	run := func(t *testing.T, tc testCase) {
		var stdout, stderr bytes.Buffer
		code := Main(context.Background(), tc.args(t), strings.NewReader(""), &stdout, &stderr)
		require.Equal(t, tc.wantCode, code, "stderr: %s", stderr.String())
		require.Contains(t, stdout.String(), tc.wantOut)
		require.Contains(t, stderr.String(), tc.wantErr)
		for _, f := range []string{"summary.json", "junit.xml", "report.html"} {
			if tc.wantFiles {
				require.FileExists(t, filepath.Join(dir, f))
			} else if dir != "" {
				require.NoFileExists(t, filepath.Join(dir, f), "--format prints and writes nothing")
			}
		}
	}
	withDir := func(fixture string, rest ...string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			dir = fixtureRun(t, fixture)
			args := []string{"report", dir}
			for _, a := range rest {
				args = append(args, strings.ReplaceAll(a, "$DIR", dir))
			}
			return args
		}
	}
	base := filepath.Join("..", "..", "..", "reports", "testdata", "baseline")
	tests := []testCase{
		{name: "text with failures and no baseline: exit 1", args: withDir("basic"), wantCode: 1,
			wantOut: "total 7  pass 3  fail 2  error 1  skip 1", wantFiles: true},
		{name: "no failing cases (pass, skip): exit 0", args: withDir("truncated", "--format", "junit"), wantCode: 0,
			wantOut: `<testsuites name="gt3ct PASS  run nightly-20260301`, wantErr: "warning:"},
		{name: "new failures vs baseline: exit 1", args: withDir("basic", "--baseline", base, "--format", "json"),
			wantCode: 1, wantOut: `"new_failures": [`},
		{name: "baseline is itself: no new failures, exit 0", args: withDir("basic", "--baseline", "$DIR", "--format", "html"),
			wantCode: 0, wantOut: `<span id="new-failures">0</span>`},
		{name: "unknown format: exit 2", args: withDir("basic", "--format", "pdf"), wantCode: 2, wantErr: `unknown --format "pdf"`},
		{name: "corrupt line: exit 2 naming file:line", args: withDir("corrupt"), wantCode: 2, wantErr: "results.jsonl:2: malformed result"},
		{name: "no directory: exit 2", args: func(*testing.T) []string { return []string{"report"} }, wantCode: 2, wantErr: "want 1 argument"},
		{name: "help: exit 0", args: func(*testing.T) []string { return []string{"report", "--help"} }, wantCode: 0, wantOut: "usage: gt3ct report DIR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// TestReportKeepsTheNightlysFiles: once a run was compared with a
// baseline, `report DIR --format X` (the README's JUnit step) prints the
// same comparison and leaves the files nightly wrote as they were.
func TestReportKeepsTheNightlysFiles(t *testing.T) {
	dir := fixtureRun(t, "basic")
	base := filepath.Join("..", "..", "..", "reports", "testdata", "baseline")
	code, _, errOut := runCLI("report", dir, "--baseline", base)
	require.Equal(t, 1, code, errOut)
	before := map[string]string{}
	for _, f := range []string{"summary.json", "junit.xml", "report.html"} {
		before[f] = readFile(t, filepath.Join(dir, f))
	}
	code, out, errOut := runCLI("report", dir, "--format", "junit")
	require.Equal(t, 1, code, errOut)
	require.Equal(t, before["junit.xml"], out, "the junit the run wrote, with its baseline comparison")
	code, out, _ = runCLI("report", dir, "--format", "json")
	require.Equal(t, 1, code)
	require.Equal(t, summaryFields(t, before["summary.json"]), summaryFields(t, out), "the same comparison")
	for f, b := range before {
		require.Equal(t, b, readFile(t, filepath.Join(dir, f)), "%s unchanged", f)
	}
}

// summaryFields is a summary.json without the fields a rebuild may change
// (when it was generated, how the baseline's folder is spelled).
func summaryFields(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	delete(m, "generated_at")
	delete(m, "baseline_dir")
	require.NotEmpty(t, m["new_failures"])
	return m
}

func TestReportMergeCommand(t *testing.T) {
	a, b := fixtureRun(t, "basic"), fixtureRun(t, "truncated")
	out := filepath.Join(t.TempDir(), "merged")
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), []string{"report", "merge", a, b, "--out", out, "--format", "json"}, strings.NewReader(""), &stdout, &stderr)
	require.Equal(t, 2, code, "two runs, not the shards of one")
	require.Contains(t, stderr.String(), "use --partial")
	stdout.Reset()
	stderr.Reset()
	code = Main(context.Background(), []string{"report", "merge", a, b, "--out", out, "--format", "json", "--partial"}, strings.NewReader(""), &stdout, &stderr)
	require.Equal(t, 1, code, "basic has failures; stderr: %s", stderr.String())
	require.Contains(t, stderr.String(), "skipped truncated last line")
	require.Contains(t, stdout.String(), `"total": 7`)
	for _, f := range []string{"results.jsonl", "run.json", "summary.json", "junit.xml", "report.html"} {
		require.FileExists(t, filepath.Join(out, f))
	}

	code = Main(context.Background(), []string{"report", "merge", a}, strings.NewReader(""), &stdout, &stderr)
	require.Equal(t, 2, code)
	require.Contains(t, stderr.String(), "--out DIR")
}
