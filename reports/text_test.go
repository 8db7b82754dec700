package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gt3ct/gt3ct/internal/textwidth"
	"github.com/stretchr/testify/require"
)

// TestTextAlignsChineseNames: in the failed-case list, the first-failure
// column starts at the same display column whatever the width of the
// Chinese name before it.
func TestTextAlignsChineseNames(t *testing.T) {
	rep, err := Build(filepath.Join("testdata", "basic"), "", fixedNow)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, rep.Render(&buf, "text"))
	text := buf.String()
	_, list, ok := strings.Cut(text, "failed cases (3):\n")
	require.True(t, ok, text)
	markers := []string{"envelope rtn_code", "db sb_zzs", "dial tcp"} // caller, core, unknown
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(list, "\n"), "\n") {
		if strings.HasPrefix(line, "  ") { // a case; the others head a blame group
			lines = append(lines, line)
		}
	}
	require.Len(t, lines, len(markers))
	col := -1
	for i, line := range lines {
		at := strings.Index(line, markers[i])
		require.GreaterOrEqual(t, at, 0, line)
		w := textwidth.Width(line[:at])
		if col < 0 {
			col = w
		}
		require.Equal(t, col, w, "line %q", line)
	}
}

// TestBrief: the nightly's stdout summary leads with the verdict, counts by
// level with smoke apart, shows still failing even with no new failure,
// the partial flag, the command's wall time and where the reports are.
func TestBrief(t *testing.T) {
	type testCase struct {
		name    string
		opts    Options
		want    []string
		notWant []string
	}
	base := filepath.Join("testdata", "baseline")
	run := func(t *testing.T, tc testCase) {
		dir := t.TempDir()
		b, err := os.ReadFile(filepath.Join(base, ResultsFile))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, ResultsFile), b, 0o644))
		tc.opts.Now = fixedNow
		rep, err := Load(dir, tc.opts)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, WriteBrief(&buf, rep.Summary, "out/n1"))
		for _, w := range tc.want {
			require.Contains(t, buf.String(), w)
		}
		for _, w := range tc.notWant {
			require.NotContains(t, buf.String(), w)
		}
	}
	tests := []testCase{
		{name: "no new failures, one still failing", opts: Options{Baseline: base, Wall: 95 * time.Second},
			want: []string{"PASS  run nightly-20260228 on -: 0 new failures, 2 still failing against nightly-20260228",
				"0 new failures, 0 fixed, 2 still failing, 0 flaky", "still failing:\n  HXZG_SB_00047/void\n  HXZG_ZS_00013/basic",
				"\nunknown ", "\nsmoke (routed) ", "wall 95.0 s", "reports: out/n1/report.html  out/n1/summary.json  out/n1/junit.xml"},
			notWant: []string{"PARTIAL"}},
		{name: "interrupted", opts: Options{Partial: true},
			want: []string{"FAIL PARTIAL  run nightly-20260228", "did not reach its end"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
